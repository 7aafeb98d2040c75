#include "TestUtil.h"

#include "process/OutputPipe.h"
#include "process/ProcessJob.h"
#include "process/RunSummary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>

using namespace TestUtil;
using State = ProcessJob::State;

class TestProcessJob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exitCodes_data()
    {
        QTest::addColumn<int>("code");
        for (int c = 0; c <= 255; ++c)
            QTest::addRow("%d", c) << c;
    }
    void exitCodes()
    {
        QFETCH(int, code);
        ProcessJob job(helperSpec({QStringLiteral("exit"), QString::number(code)}));
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.exitCode(), code);
        QCOMPARE(job.exitSignal(), 0);
        QCOMPARE(job.shellExitStatus(), code);
        QVERIFY(job.pid() > 0);
    }

    void crash_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<QString>("name");
        QTest::addRow("segv") << int(SIGSEGV) << QStringLiteral("SIGSEGV");
        QTest::addRow("abort") << int(SIGABRT) << QStringLiteral("SIGABRT");
        QTest::addRow("kill") << int(SIGKILL) << QStringLiteral("SIGKILL");
    }
    void crash()
    {
        QFETCH(int, signal);
        QFETCH(QString, name);
        ProcessJob job(helperSpec({QStringLiteral("crash"), QString::number(signal)}));
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Crashed);
        QCOMPARE(job.exitSignal(), signal);
        QCOMPARE(job.shellExitStatus(), 128 + signal);
        QVERIFY2(job.resultText().contains(name), qPrintable(job.resultText()));
    }

    void failedToStart_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("workingDirectory");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("status");
        QTest::addRow("missing") << QStringLiteral("no-such-program-rb") << QString()
                                 << QStringLiteral("program \"no-such-program-rb\" not found in PATH") << 127;
        QTest::addRow("not executable") << QStringLiteral(RB_TEST_DATA "/session-basic.json") << QString()
                                        << QStringLiteral("is not executable (permission denied)") << 126;
        QTest::addRow("directory") << QStringLiteral("/tmp") << QString()
                                   << QStringLiteral("program \"/tmp\" is a directory") << 126;
        QTest::addRow("empty name") << QString() << QString()
                                    << QStringLiteral("program name is empty") << 127;
        QTest::addRow("missing working directory") << QStringLiteral("true")
                                                   << QStringLiteral("/nonexistent/dir/rb")
                                                   << QStringLiteral("working directory \"/nonexistent/dir/rb\" does not exist") << 127;
    }
    void failedToStart()
    {
        QFETCH(QString, program);
        QFETCH(QString, workingDirectory);
        QFETCH(QString, message);
        QFETCH(int, status);
        LaunchSpec spec;
        spec.command = {program, {}};
        spec.workingDirectory = workingDirectory;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QCOMPARE(done.count(), 0); // always reported from the event loop
        QVERIFY(done.wait(10000));
        QCOMPARE(job.state(), State::FailedToStart);
        QVERIFY2(job.errorString().contains(message), qPrintable(job.errorString()));
        QCOMPARE(job.shellExitStatus(), status);
        QTest::qWait(0);
        QCOMPARE(done.count(), 1);
    }

    void execFailureReported()
    {
        // Executable bit set but no interpreter line and not a binary: exec() itself fails.
        QTemporaryDir dir;
        const QString path = TestUtil::writeBadExecutable(dir.path());
        QVERIFY(!path.isEmpty());
        LaunchSpec spec;
        spec.command = {path, {}};
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::FailedToStart);
        QVERIFY2(job.errorString().contains(QLatin1String("could not be started")), qPrintable(job.errorString()));
    }

    void environment()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("env"), QStringLiteral("RB_TEST_VALUE")});
        spec.environment.set.append({QStringLiteral("RB_TEST_VALUE"), QStringLiteral("héllo wörld")});
        ProcessJob set(spec);
        QVERIFY(runToDone(set));
        QCOMPARE(allText(set, OutputLog::Stdout), QByteArray("héllo wörld\n"));

        qputenv("RB_INHERITED", "yes");
        LaunchSpec unsetSpec = helperSpec({QStringLiteral("env"), QStringLiteral("RB_INHERITED")});
        ProcessJob inherited(unsetSpec);
        QVERIFY(runToDone(inherited));
        QCOMPARE(allText(inherited, OutputLog::Stdout), QByteArray("yes\n"));
        unsetSpec.environment.unset << QStringLiteral("RB_INHERITED");
        ProcessJob unset(unsetSpec);
        QVERIFY(runToDone(unset));
        QCOMPARE(allText(unset, OutputLog::Stdout), QByteArray("<unset>\n"));

        LaunchSpec cleanSpec = helperSpec({QStringLiteral("env-count")});
        cleanSpec.environment.clean = true;
        ProcessJob clean(cleanSpec);
        QVERIFY(runToDone(clean));
        QCOMPARE(allText(clean, OutputLog::Stdout), QByteArray("0\n"));
        cleanSpec.environment.set.append({QStringLiteral("ONLY"), QStringLiteral("1")});
        ProcessJob cleanPlusOne(cleanSpec);
        QVERIFY(runToDone(cleanPlusOne));
        QCOMPARE(allText(cleanPlusOne, OutputLog::Stdout), QByteArray("1\n"));
    }

    void workingDirectory()
    {
        QTemporaryDir dir;
        LaunchSpec spec = helperSpec({QStringLiteral("cwd")});
        spec.workingDirectory = dir.path();
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(allText(job, OutputLog::Stdout), QFileInfo(dir.path()).canonicalFilePath().toUtf8() + '\n');
    }

    void stdoutAndStderrCounted()
    {
        ProcessJob job(helperSpec({QStringLiteral("stdout-stderr"), QStringLiteral("1000")}));
        QVERIFY(runToDone(job));
        qint64 out = 0, err = 0;
        for (int i = 0; i < 1000; ++i) {
            out += QByteArray("out " + QByteArray::number(i) + '\n').size();
            err += QByteArray("err " + QByteArray::number(i) + '\n').size();
        }
        QCOMPARE(job.bytesStdout(), out);
        QCOMPARE(job.bytesStderr(), err);
        QCOMPARE(job.log()->bytesReceived(OutputLog::Stdout), out);
        QCOMPARE(job.stages().first().stderrBytes, err);
    }

    void threeStagePipeline()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("print-bytes"), QStringLiteral("1000003")});
        spec.pipeline.append({helper(), {QStringLiteral("echo")}});
        spec.pipeline.append({helper(), {QStringLiteral("count-stdin")}});
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.exitCode(), 0);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("1000003\n"));
        QCOMPARE(job.stages().size(), 3);
        for (const auto &st : job.stages()) {
            QCOMPARE(st.state, State::Finished);
            QVERIFY(st.pid > 0);
        }
        // Stage 2's stderr is kept apart and counted.
        QCOMPARE(job.stages().at(1).stderrBytes, qint64(QByteArray("EOF after 1000003 bytes\n").size()));
        QVERIFY(allText(job, OutputLog::Stderr).contains("EOF after 1000003 bytes"));
    }

    // measurePipes: Runboard relays each pipe between stages and counts what went through;
    // the output, states and exit statuses are those of a pipe between the children.
    void measuredPipeline()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("print-bytes"), QStringLiteral("3000017")});
        spec.pipeline.append({helper(), {QStringLiteral("echo")}});
        spec.pipeline.append({helper(), {QStringLiteral("count-stdin")}});
        spec.measurePipes = true;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.exitCode(), 0);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("3000017\n"));
        QCOMPARE(job.stages().at(0).pipeBytes, qint64(3000017));
        QCOMPARE(job.stages().at(1).pipeBytes, qint64(3000017));
        QCOMPARE(job.stages().at(2).pipeBytes, qint64(-1));
        QCOMPARE(RunSummary::toJson(job).value(QLatin1String("stages")).toArray().at(0).toObject()
                     .value(QLatin1String("bytesIntoPipe")).toDouble(), 3000017.0);
    }

    void unmeasuredPipelineCountsNothing()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("print-bytes"), QStringLiteral("1000")});
        spec.pipeline.append({helper(), {QStringLiteral("count-stdin")}});
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("1000\n"));
        QCOMPARE(job.stages().at(0).pipeBytes, qint64(-1));
    }

    void measuredYesHeadEnds()
    {
        // The reader ends: the writer gets SIGPIPE, as through a pipe between the children.
        LaunchSpec spec;
        spec.command = {QStringLiteral("yes"), {}};
        spec.pipeline.append({QStringLiteral("head"), {QStringLiteral("-n1")}});
        spec.stdinSource.mode = StdinMode::Null;
        spec.measurePipes = true;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("y\n"));
        QCOMPARE(job.stages().first().state, State::Crashed);
        QCOMPARE(job.stages().first().exitSignal, int(SIGPIPE));
        QVERIFY(job.stages().first().pipeBytes >= 2);
    }

    void measuredPipeToStalledReaderStops()
    {
        // Stage 2 never reads: the relay stops reading stage 1 (bounded memory), stage 1
        // blocks on its full pipe, and Stop still ends both.
        LaunchSpec spec = helperSpec({QStringLiteral("print-bytes"), QStringLiteral("50000000")});
        spec.pipeline.append({helper(), {QStringLiteral("sleep"), QStringLiteral("100000")}});
        spec.measurePipes = true;
        spec.graceMs = 5000;
        ProcessJob job(spec);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.stages().at(0).pipeBytes > 0, 10000);
        QSignalSpy done(&job, &ProcessJob::done);
        job.stop();
        QVERIFY(done.wait(30000));
        QCOMPARE(job.state(), State::Killed);
        QVERIFY(job.stages().at(0).pipeBytes < 50000000);
    }

    void yesHeadEnds()
    {
        LaunchSpec spec;
        spec.command = {QStringLiteral("yes"), {}};
        spec.pipeline.append({QStringLiteral("head"), {QStringLiteral("-n1")}});
        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.exitCode(), 0);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("y\n"));
        QCOMPARE(job.stages().first().state, State::Crashed);
        QCOMPARE(job.stages().first().exitSignal, int(SIGPIPE));
    }

    void failingFirstStage()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("exit"), QStringLiteral("3")});
        spec.pipeline.append({helper(), {QStringLiteral("count-stdin")}});
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.exitCode(), 3); // pipefail: the failing stage decides
        QCOMPARE(job.stages().at(1).exitCode, 0);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("0\n"));
    }

    void missingStageStartsNothing()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.pipeline.append({QStringLiteral("no-such-stage-rb"), {}});
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::FailedToStart);
        QCOMPARE(job.errorString(), QStringLiteral("stage 2: program \"no-such-stage-rb\" not found in PATH"));
        QCOMPARE(job.stages().first().pid, qint64(0)); // nothing started
    }

    void nonUtf8AndSplitCharacters()
    {
        ProcessJob job(helperSpec({QStringLiteral("raw"), QStringLiteral("61ff62e282ac0a")}));
        QVERIFY(runToDone(job));
        const QString line = job.log()->line(0).text;
        QCOMPARE(line.at(0), QLatin1Char('a'));
        QCOMPARE(line.at(1), QChar(0xFFFD));
        QCOMPARE(line.mid(2), QStringLiteral("b\u20ac"));
    }

    void crProgressLines()
    {
        ProcessJob job(helperSpec({QStringLiteral("raw"), QStringLiteral("3130250d3230250d313030250a")}));
        QVERIFY(runToDone(job));
        QCOMPARE(job.log()->line(0).text, QStringLiteral("100%"));
    }

    void hundredMegabyteLine()
    {
        ProcessJob job(helperSpec({QStringLiteral("print-bytes"), QStringLiteral("100000000")}));
        QVERIFY(runToDone(job, 120000));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.bytesStdout(), qint64(100000000));
        QCOMPARE(job.log()->bytesReceived(OutputLog::Stdout), qint64(100000000));
        const OutputLog::Line l = job.log()->line(0);
        QCOMPARE(l.cutBytes, 100000000 - job.log()->limits().maxLineBytes);
        QVERIFY(job.log()->retainedBytes() < 2 * 1024 * 1024);
    }

    void childSetup()
    {
        // Own session and group, no inherited blocked or ignored SIGTERM, no leaked descriptors.
        sigset_t block, old;
        sigemptyset(&block);
        sigaddset(&block, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &block, &old);
        auto oldHandler = std::signal(SIGTERM, SIG_IGN);
        // Ignored only after a first launch: nothing the launcher knows of its signals is kept.
        ProcessJob first(helperSpec({QStringLiteral("sigmask")}));
        QVERIFY(runToDone(first));
        auto oldUsr2 = std::signal(SIGUSR2, SIG_IGN);
        const int leaked = ::open("/dev/null", O_RDONLY); // no O_CLOEXEC on purpose
        QVERIFY(leaked > 2);

        ProcessJob mask(helperSpec({QStringLiteral("sigmask")}));
        QVERIFY(runToDone(mask));
        ProcessJob fds(helperSpec({QStringLiteral("fds")}));
        QVERIFY(runToDone(fds));
        ProcessJob group(helperSpec({QStringLiteral("pgid")}));
        QVERIFY(runToDone(group));

        ::close(leaked);
        std::signal(SIGTERM, oldHandler);
        std::signal(SIGUSR2, oldUsr2);
        pthread_sigmask(SIG_SETMASK, &old, nullptr);

        QCOMPARE(allText(first, OutputLog::Stdout), QByteArray("blocked=0 ignored=0 usr2=0\n"));
        QCOMPARE(allText(mask, OutputLog::Stdout), QByteArray("blocked=0 ignored=0 usr2=0\n"));
        QCOMPARE(allText(fds, OutputLog::Stdout), QByteArray("0\n"));
        const QByteArray ids = allText(group, OutputLog::Stdout).trimmed();
        const QList<QByteArray> parts = ids.split(' ');
        QCOMPARE(parts.size(), 3);
        const QByteArray pid = parts.at(0).mid(4);
        QCOMPARE(parts.at(1).mid(5), pid);
        QCOMPARE(parts.at(2).mid(4), pid);
    }

    void pauseAndResume()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.state() == State::Running, 10000);
        QVERIFY(job.pause());
        QVERIFY(job.isPaused());
        auto procState = [&] { return TestUtil::processState(job.pid()); };
        QTRY_COMPARE_WITH_TIMEOUT(procState(), QByteArray("T"), 10000);
        QVERIFY(job.resume());
        QVERIFY(!job.isPaused());
        QTRY_COMPARE_WITH_TIMEOUT(procState(), QByteArray("S"), 10000);
        // A paused child still stops: SIGCONT goes with SIGTERM.
        QVERIFY(job.pause());
        job.stop();
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed);
        QCOMPARE(job.exitSignal(), int(SIGTERM));
    }

    void sendSignal()
    {
        ProcessJob job(helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")}));
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.state() == State::Running, 10000);
        QVERIFY(job.sendSignal(SIGUSR1));
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed); // a signal we sent: stopped, not crashed
        QCOMPARE(job.stateWord(), QStringLiteral("stopped"));
        QCOMPARE(job.exitSignal(), int(SIGUSR1));
        QVERIFY(!job.sendSignal(SIGUSR1)); // nothing to signal any more
    }

    void restart()
    {
        ProcessJob job(helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("hi"), QStringLiteral("100000")}));
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000);
        const qint64 firstPid = job.pid();
        job.restart();
        QVERIFY(done.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(job.state() == State::Running && job.pid() != firstPid, 10000);
        QCOMPARE(job.runCount(), 2);
        QCOMPARE(done.count(), 1);
        job.kill();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.count(), 2);
        QCOMPARE(job.state(), State::Killed);
    }

    void doneExactlyOnce()
    {
        // However the run ends, and whatever is called after, done() comes once.
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.timeoutMs = 100;
        spec.graceMs = 100;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QVERIFY(done.wait(20000));
        job.stop();
        job.kill();
        QTest::qWait(300);
        QCOMPARE(done.count(), 1);
        QCOMPARE(job.state(), State::TimedOut);
    }

    void shellMode()
    {
        LaunchSpec spec;
        spec.shell = true;
        spec.command = {QStringLiteral("echo $((6*7)) | tr 4 X"), {}};
        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("X2\n"));
    }

    // Our copies of a stage's own pipes stay open while it runs (its end wakes the thread
    // once, not once per pipe) and go when it ends. A relay into the next stage is not kept:
    // that stage gets EOF as soon as the writer closes its stdout, the writer still running.
    void writeEndsKeptUntilTheStageEnds()
    {
        const int before = OutputPipe::writeEndsKept();
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"),
                        {QStringLiteral("-c"), QStringLiteral("echo one; exec >&-; exec sleep 100000")}};
        spec.pipeline.append({QStringLiteral("cat"), {}});
        spec.stdinSource.mode = StdinMode::Null;
        spec.measurePipes = true;
        spec.graceMs = 5000;
        ProcessJob job(spec);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(job.stages().at(1).state, State::Finished, 30000);
        QCOMPARE(job.stages().at(0).state, State::Running);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("one\n"));
        QCOMPARE(OutputPipe::writeEndsKept(), before + 1); // stage 1's stderr
        QSignalSpy done(&job, &ProcessJob::done);
        job.stop();
        QVERIFY(done.wait(30000));
        QCOMPARE(job.state(), State::Killed);
        QCOMPARE(OutputPipe::writeEndsKept(), before);
    }

    // The copies kept are bounded by an eighth of the open-file limit; the pipes beyond it are
    // closed at once, and their jobs work as before.
    void writeEndsKeptAreBounded()
    {
        struct rlimit saved = {};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
        struct rlimit low = saved;
        low.rlim_cur = 128; // 16 copies at most
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &low) == 0);
        const auto restore = qScopeGuard([&saved] { ::setrlimit(RLIMIT_NOFILE, &saved); });
        QCOMPARE(OutputPipe::writeEndsKept(), 0);
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"),
                        {QStringLiteral("-c"), QStringLiteral("echo x; echo y >&2; exec sleep 100000")}};
        spec.stdinSource.mode = StdinMode::Null;
        spec.graceMs = 5000;
        std::vector<std::unique_ptr<ProcessJob>> jobs;
        for (int i = 0; i < 10; ++i) {
            jobs.push_back(std::make_unique<ProcessJob>(spec));
            jobs.back()->start();
        }
        QCOMPARE(OutputPipe::writeEndsKept(), 16);
        for (const auto &job : jobs) {
            QTRY_COMPARE_WITH_TIMEOUT(allText(*job, OutputLog::Stdout), QByteArray("x\n"), 30000);
            QTRY_COMPARE_WITH_TIMEOUT(allText(*job, OutputLog::Stderr), QByteArray("y\n"), 30000);
        }
        for (const auto &job : jobs) {
            QSignalSpy done(job.get(), &ProcessJob::done);
            job->stop();
            QVERIFY(done.count() == 1 || done.wait(30000));
            QCOMPARE(job->state(), State::Killed);
        }
        QCOMPARE(OutputPipe::writeEndsKept(), 0);
    }

    void manyStartsLeaveNoTrace()
    {
        const int fdsBefore = openFdCount();
        LaunchSpec spec = helperSpec({QStringLiteral("exit"), QStringLiteral("0")});
        int ok = 0;
        for (int i = 0; i < 2000; ++i) {
            ProcessJob job(spec);
            if (runToDone(job) && job.state() == State::Finished)
                ++ok;
        }
        QCOMPARE(ok, 2000);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), fdsBefore, 10000);
        QCOMPARE(zombieChildren(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProcessJob)
#include "tst_processjob.moc"
