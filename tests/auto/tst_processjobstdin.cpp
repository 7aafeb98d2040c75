#include "TestUtil.h"

#include "process/ProcessJob.h"
#include "process/RunSummary.h"

#include <QTemporaryDir>
#include <QTemporaryFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace TestUtil;
using State = ProcessJob::State;

// What a job's first stage reads: text, a file, random bytes, nothing, typed lines — and a
// stdin file that is a FIFO, whose writer may come late or never.
class TestProcessJobStdin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stdinText()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("echo")});
        spec.stdinSource.mode = StdinMode::Text;
        spec.stdinSource.text = "alpha\nbeta\n";
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("alpha\nbeta\n"));
        QCOMPARE(allText(job, OutputLog::Stderr), QByteArray("EOF after 11 bytes\n"));
        QCOMPARE(job.bytesStdinWritten(), qint64(11));
        QVERIFY(job.timeline().stdinClosedNs >= 0);
    }

    void stdinFile()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(QByteArray(300000, 'f'));
        file.flush();
        LaunchSpec spec = helperSpec({QStringLiteral("count-stdin")});
        spec.stdinSource.mode = StdinMode::File;
        spec.stdinSource.filePath = file.fileName();
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("300000\n"));

        spec.stdinSource.filePath = QStringLiteral("/nonexistent/input.txt");
        ProcessJob missing(spec);
        QVERIFY(runToDone(missing));
        QCOMPARE(missing.state(), State::FailedToStart);
        QCOMPARE(missing.errorString(), QStringLiteral("stdin file \"/nonexistent/input.txt\" does not exist"));
    }

    void stdinRandomAndNull()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("count-stdin")});
        spec.stdinSource.mode = StdinMode::RandomBytes;
        spec.stdinSource.randomBytes = 100;
        ProcessJob hundred(spec);
        QVERIFY(runToDone(hundred));
        QCOMPARE(allText(hundred, OutputLog::Stdout), QByteArray("100\n"));

        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob null(spec);
        QVERIFY(runToDone(null));
        QCOMPARE(allText(null, OutputLog::Stdout), QByteArray("0\n"));
    }

    void oneMegabyteInAndOut()
    {
        // Both pipes full at once must not deadlock: we write while the child writes back.
        LaunchSpec spec = helperSpec({QStringLiteral("echo")});
        spec.stdinSource.mode = StdinMode::RandomBytes;
        spec.stdinSource.randomBytes = 1 << 20;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.bytesStdinWritten(), qint64(1 << 20));
        QCOMPARE(job.bytesStdout(), qint64(1 << 20));
        QCOMPARE(allText(job, OutputLog::Stderr), QByteArray("EOF after 1048576 bytes\n"));
    }

    void interactiveStdin()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("echo")});
        spec.stdinSource.mode = StdinMode::Interactive;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.state() == State::Running, 10000);
        QVERIFY(job.stdinOpen());
        QVERIFY(job.writeStdin("hello\n"));
        QTRY_COMPARE_WITH_TIMEOUT(job.log()->endLine(), qint64(1), 10000);
        QCOMPARE(job.log()->line(0).text, QStringLiteral("hello"));
        QVERIFY(job.writeStdin("second line\n"));
        job.closeStdin();
        QVERIFY(!job.stdinOpen());
        QVERIFY(!job.writeStdin("too late\n"));
        QVERIFY(done.wait(10000));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(allText(job, OutputLog::Stderr), QByteArray("EOF after 18 bytes\n"));
    }

    void fifoWaitsForItsWriter()
    {
        Fifo fifo;
        QVERIFY(fifo.ok());
        ProcessJob job(fifo.spec({QStringLiteral("echo")}));
        QSignalSpy done(&job, &ProcessJob::done);
        job.start(); // returns: a blocking open() of a FIFO nobody writes would hang right here
        QCOMPARE(job.state(), State::Starting);
        QVERIFY(job.startedNothing());
        QVERIFY2(logText(job).contains(QLatin1String("Waiting for a writer on the FIFO")), qPrintable(logText(job)));
        // The writer comes (our read end is open, so a non-blocking open for writing succeeds).
        const int w = fifo.openWriter();
        QVERIFY(w >= 0);
        QCOMPARE(::write(w, "late\n", 5), ssize_t(5));
        QTRY_COMPARE_WITH_TIMEOUT(job.state(), State::Running, 20000);
        QVERIFY(!job.startedNothing());
        QCOMPARE(::write(w, "later\n", 6), ssize_t(6)); // read by the child itself now
        ::close(w);
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("late\nlater\n"));
        QCOMPARE(allText(job, OutputLog::Stderr), QByteArray("EOF after 11 bytes\n"));
    }

    void fifoWriterThatWritesNothing()
    {
        // The writer comes and goes without a byte: the child reads EOF, as `cmd < FIFO` would.
        Fifo fifo;
        QVERIFY(fifo.ok());
        ProcessJob job(fifo.spec({QStringLiteral("echo")}));
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QCOMPARE(job.state(), State::Starting);
        const int w = fifo.openWriter();
        QVERIFY(w >= 0);
        ::close(w);
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(allText(job, OutputLog::Stderr), QByteArray("EOF after 0 bytes\n"));
    }

    void fifoWithDataStartsAtOnce()
    {
        Fifo fifo;
        QVERIFY(fifo.ok());
        const int rw = ::open(fifo.path.constData(), O_RDWR | O_CLOEXEC); // holds both ends
        QVERIFY(rw >= 0);
        QCOMPARE(::write(rw, "ready\n", 6), ssize_t(6));
        ProcessJob job(fifo.spec({QStringLiteral("echo")}));
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QVERIFY(!logText(job).contains(QLatin1String("Waiting for a writer")));
        QTRY_VERIFY_WITH_TIMEOUT(!job.startedNothing(), 20000);
        ::close(rw);
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("ready\n"));
    }

    void stoppedWhileWaitingForTheWriter_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("status");
        QTest::addRow("stop") << QStringLiteral("stop") << int(State::Killed) << 143;
        QTest::addRow("kill") << QStringLiteral("kill") << int(State::Killed) << 143;
        QTest::addRow("timeout") << QStringLiteral("timeout") << int(State::TimedOut) << 124;
    }
    void stoppedWhileWaitingForTheWriter()
    {
        QFETCH(QString, how);
        QFETCH(int, state);
        QFETCH(int, status);
        Fifo fifo;
        QVERIFY(fifo.ok());
        LaunchSpec spec = fifo.spec({QStringLiteral("echo")});
        if (how == QLatin1String("timeout"))
            spec.timeoutMs = 200;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QCOMPARE(job.state(), State::Starting);
        if (how == QLatin1String("stop"))
            job.stop();
        else if (how == QLatin1String("kill"))
            job.kill();
        QVERIFY(done.count() == 1 || done.wait(20000));
        QCOMPARE(done.count(), 1);
        QCOMPARE(int(job.state()), state);
        QCOMPARE(job.shellExitStatus(), status);
        QVERIFY(job.startedNothing());
        if (how != QLatin1String("timeout")) {
            QVERIFY2(job.resultText().startsWith(QLatin1String("Stopped before it started")), qPrintable(job.resultText()));
            QVERIFY2(RunSummary::toLine(job).startsWith(QLatin1String("stopped before it started")),
                     qPrintable(RunSummary::toLine(job)));
        }
        // The FIFO's read end is closed: a writer finds no reader now.
        QCOMPARE(fifo.openWriter(), -1);
        QCOMPARE(errno, ENXIO);

        // Started again, it waits again, and this time the writer comes.
        job.start();
        QCOMPARE(job.state(), State::Starting);
        const int w = fifo.openWriter();
        QVERIFY(w >= 0);
        QCOMPARE(::write(w, "again\n", 6), ssize_t(6));
        ::close(w);
        QVERIFY(done.wait(20000));
        QCOMPARE(done.count(), 2);
        QCOMPARE(job.state(), State::Finished);
        QVERIFY(allText(job, OutputLog::Stdout).endsWith("again\n"));
    }

    void fifoStdinLeavesNoDescriptor()
    {
        const int before = openFdCount();
        {
            Fifo fifo;
            QVERIFY(fifo.ok());
            ProcessJob waiting(fifo.spec({QStringLiteral("echo")}));
            waiting.start();
            QCOMPARE(waiting.state(), State::Starting);
        } // destroyed while waiting
        {
            QTemporaryFile file;
            QVERIFY(file.open());
            file.write("x\n");
            file.flush();
            LaunchSpec spec = helperSpec({QStringLiteral("count-stdin")});
            spec.stdinSource.mode = StdinMode::File;
            spec.stdinSource.filePath = file.fileName();
            ProcessJob job(spec);
            QVERIFY(runToDone(job));
            QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("2\n"));
        }
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), before, 20000);
    }

private:
    struct Fifo
    {
        QTemporaryDir dir;
        QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("in.fifo")));
        bool created = ::mkfifo(path.constData(), 0600) == 0;
        bool ok() const { return dir.isValid() && created; }
        // Succeeds only while someone holds the read end (ENXIO otherwise): never blocks.
        int openWriter() const { return ::open(path.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); }
        LaunchSpec spec(const QStringList &args) const
        {
            LaunchSpec s = helperSpec(args);
            s.stdinSource.mode = StdinMode::File;
            s.stdinSource.filePath = QFile::decodeName(path);
            return s;
        }
    };

    static QString logText(const ProcessJob &job)
    {
        QString text;
        const OutputLog *log = job.log();
        for (const OutputLog::Line &l : log->lines(log->firstLine(), log->retainedLines()))
            text += l.text + QLatin1Char('\n');
        return text;
    }
};

QTEST_GUILESS_MAIN(TestProcessJobStdin)
#include "tst_processjobstdin.moc"
