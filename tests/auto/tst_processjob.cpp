#include "TestUtil.h"

#include "process/ProcessJob.h"
#include "process/RunSummary.h"
#include "process/SignalNames.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>

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

    void timeoutBusyChild()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("busy")});
        spec.timeoutMs = 200;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::TimedOut);
        QCOMPARE(job.shellExitStatus(), 124);
        QCOMPARE(job.exitSignal(), int(SIGTERM));
        QVERIFY(job.timeline().signalledNs >= 200 * 1000000LL);
        QVERIFY(job.timeline().endedNs >= job.timeline().signalledNs);
    }

    void ignoresTermKilledAfterGrace()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
        spec.graceMs = 300;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000); // "ready": SIGTERM is ignored now
        job.stop();
        QCOMPARE(job.state(), State::Stopping);
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed);
        QCOMPARE(job.exitSignal(), int(SIGKILL));
        QCOMPARE(job.shellExitStatus(), 128 + SIGKILL);
        QVERIFY(job.timeline().endedNs - job.timeline().signalledNs >= 300 * 1000000LL);
    }

    void timeoutWithIgnoredTerm()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
        spec.timeoutMs = 300;
        spec.graceMs = 200;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::TimedOut);
        QCOMPARE(job.exitSignal(), int(SIGKILL));
        QCOMPARE(job.shellExitStatus(), 124);
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("ready\n")); // output before the timeout is kept
    }

    void secondStopKillsAtOnce()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
        spec.graceMs = 600000;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000);
        job.stop();
        job.stop();
        QVERIFY(done.wait(20000));
        QCOMPARE(job.exitSignal(), int(SIGKILL));
    }

    void grandchildTreeLeavesNothing()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("spawn-tree"), QStringLiteral("3")});
        spec.graceMs = 2000;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(allText(job, OutputLog::Stdout).contains("ready"), 10000);
        QList<qint64> pids;
        for (const QByteArray &l : allText(job, OutputLog::Stdout).split('\n')) {
            if (l.startsWith("child "))
                pids << l.mid(6).toLongLong();
        }
        QCOMPARE(pids.size(), 3);
        for (qint64 pid : pids)
            QVERIFY(processAlive(pid));
        job.stop();
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed);
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    void shellGrandchildrenStopped()
    {
        // sleep 100 & sleep 100 — the grandchild holds the output pipe open.
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("sleep 100 & echo $!; sleep 100")}};
        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000);
        const qint64 grandchild = job.log()->line(0).text.toLongLong();
        QVERIFY(processAlive(grandchild));
        job.stop();
        QVERIFY(done.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(grandchild), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(liveGroupMembers(job.pid()), 0, 10000);
    }

    void pipelineWithLingeringGrandchildStops()
    {
        // The first stage leaves a grandchild holding the pipe to stage 2: a stop still ends it.
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("sleep 100 & echo started")}};
        spec.pipeline.append({helper(), {QStringLiteral("echo")}});
        spec.stdinSource.mode = StdinMode::Null;
        spec.graceMs = 500;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(job.stages().first().state, State::Finished, 10000);
        QCOMPARE(job.state(), State::Running); // stage 2 still waits for EOF the grandchild holds
        job.stop();
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed);
    }

    // --- a run is only ever signalled by its own ladder (issue 7) ---

    void restartAfterStopKeepsTheNewRun_data()
    {
        QTest::addColumn<bool>("viaRestart");
        QTest::addRow("stop, then start") << false;
        QTest::addRow("restart") << true;
    }
    void restartAfterStopKeepsTheNewRun()
    {
        // The old run's grace timer used to SIGKILL the new run one grace period later.
        QFETCH(bool, viaRestart);
        LaunchSpec spec = helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("up"), QStringLiteral("100000")});
        spec.graceMs = 300;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000);
        if (viaRestart) {
            job.restart();
            QVERIFY(done.wait(20000));
        } else {
            job.stop();
            QVERIFY(done.wait(20000));
            job.start();
        }
        QTRY_VERIFY_WITH_TIMEOUT(job.state() == State::Running && job.runCount() == 2, 10000);
        const qint64 pid = job.pid();
        // Well past the old grace period: nothing may happen to the new run.
        QTest::qWait(4 * spec.graceMs);
        QCOMPARE(job.state(), State::Running);
        QCOMPARE(done.count(), 1);
        QVERIFY(processAlive(pid));
        job.kill();
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed);
    }

    void neverSignalsARecycledPid()
    {
        // A stage that ended long ago may have its PID (and group number) taken by a process
        // that is not ours: a stop must not reach it. The kernel is asked to hand the PID out
        // again (root only), to a decoy that leads a group of its own.
        QFile lastPid(QStringLiteral("/proc/sys/kernel/ns_last_pid"));
        if (::geteuid() != 0 || !lastPid.exists())
            QSKIP("needs root and /proc/sys/kernel/ns_last_pid to recycle a PID on purpose");
        LaunchSpec spec = helperSpec({QStringLiteral("exit"), QStringLiteral("0")});
        spec.pipeline.append({helper(), {QStringLiteral("sleep"), QStringLiteral("100000")}});
        spec.graceMs = 100;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(job.stages().first().state, State::Finished, 10000);
        const qint64 reused = job.stages().first().pid;
        QVERIFY(!processAlive(reused));

        QProcess decoy;
        for (int attempt = 0; attempt < 200 && decoy.processId() != reused; ++attempt) {
            if (decoy.state() != QProcess::NotRunning) {
                decoy.kill();
                decoy.waitForFinished(10000);
            }
            QVERIFY(lastPid.open(QIODevice::WriteOnly));
            lastPid.write(QByteArray::number(reused - 1));
            lastPid.close();
            decoy.start(QStringLiteral("setsid"), {QStringLiteral("sleep"), QStringLiteral("1000")});
            QVERIFY(decoy.waitForStarted(10000));
        }
        if (decoy.processId() != reused) {
            decoy.kill();
            decoy.waitForFinished(10000);
            QSKIP("another process kept taking the PID");
        }
        // The decoy leads group `reused`, as the old stage did.
        QTRY_COMPARE_WITH_TIMEOUT(countProcesses([&](const QList<QByteArray> &f) {
            return f.at(2).toLongLong() == reused && f.at(0) != "Z";
        }), 1, 10000);
        job.stop();
        QVERIFY(done.wait(20000));
        QTest::qWait(4 * spec.graceMs); // the SIGKILL step has run too
        QVERIFY2(decoy.state() == QProcess::Running && processAlive(reused), "the stop reached a process that is not ours");
        decoy.kill();
        QVERIFY(decoy.waitForFinished(10000));
    }

    void escapeesAreHuntedDown_data()
    {
        QTest::addColumn<bool>("byTimeout");
        QTest::addRow("stop") << false;
        QTest::addRow("timeout") << true;
    }
    void escapeesAreHuntedDown()
    {
        QFETCH(bool, byTimeout);
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("setsid sleep 100 & echo $!; sleep 100")}};
        spec.stdinSource.mode = StdinMode::Null;
        spec.graceMs = 500;
        if (byTimeout)
            spec.timeoutMs = 1500;
        ProcessJob job(spec);
        QSignalSpy done(&job, &ProcessJob::done);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(job.log()->endLine() >= 1, 10000);
        const qint64 escapee = job.log()->line(0).text.toLongLong();
        // It left the group: a group signal cannot reach it.
        QTRY_COMPARE_WITH_TIMEOUT(countProcesses([&](const QList<QByteArray> &f) {
            return f.at(2).toLongLong() == escapee && f.at(0) != "Z";
        }), 1, 10000);
        if (!byTimeout)
            job.stop();
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), byTimeout ? State::TimedOut : State::Killed);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(escapee), 10000);
        const QString expected = QStringLiteral("1 escaped process stopped: sleep (pid %1)").arg(escapee);
        QStringList lines;
        for (qint64 i = job.log()->firstLine(); i < job.log()->endLine(); ++i)
            lines << job.log()->line(i).text;
        QVERIFY2(lines.contains(expected), qPrintable(expected + QStringLiteral(" not in: ") + lines.join(QLatin1Char('|'))));
        QTRY_COMPARE_WITH_TIMEOUT(zombieChildren(), 0, 10000);
    }

    void backgroundOutputIsKept()
    {
        // The child exits at once; what it left in the background writes later, when told to.
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("go")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"),
                        QStringLiteral("(read x < '%1'; echo late $x) & echo bye").arg(QString::fromLocal8Bit(fifo))}};
        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob job(spec);
        QSignalSpy closed(&job, &ProcessJob::outputClosed);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        QCOMPARE(job.exitCode(), 0);
        QVERIFY(job.hasBackground());
        QCOMPARE(closed.count(), 0);
        QCOMPARE(job.backgroundCount(), 1);
        QCOMPARE(job.statusText(), QStringLiteral("exited 0 \u00b7 1 background process still running"));
        const int fd = ::open(fifo.constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, "now\n", 4), ssize_t(4));
        ::close(fd);
        QVERIFY(closed.wait(20000));
        QVERIFY(!job.hasBackground());
        QCOMPARE(allText(job, OutputLog::Stdout), QByteArray("bye\nlate now\n"));
        QCOMPARE(job.state(), State::Finished);
    }

    void stopEndsBackgroundProcesses()
    {
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("never")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"),
                        QStringLiteral("(read x < '%1'; echo never) & echo $!").arg(QString::fromLocal8Bit(fifo))}};
        spec.stdinSource.mode = StdinMode::Null;
        spec.graceMs = 500;
        ProcessJob job(spec);
        QSignalSpy closed(&job, &ProcessJob::outputClosed);
        QVERIFY(runToDone(job));
        QVERIFY(job.hasBackground());
        const qint64 background = job.log()->line(0).text.toLongLong();
        QVERIFY(processAlive(background));
        job.stop();
        QVERIFY(closed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(background), 10000);
        QCOMPARE(job.state(), State::Finished); // the run's own result stays what it was
        QCOMPARE(job.exitCode(), 0);
    }

    void timeoutCoversBackgroundOutput()
    {
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("sleep 100 & echo $!")}};
        spec.stdinSource.mode = StdinMode::Null;
        spec.timeoutMs = 1000;
        spec.graceMs = 300;
        ProcessJob job(spec);
        QSignalSpy closed(&job, &ProcessJob::outputClosed);
        QVERIFY(runToDone(job));
        QCOMPARE(job.state(), State::Finished);
        const qint64 background = job.log()->line(0).text.toLongLong();
        QVERIFY(closed.wait(20000));
        QVERIFY(job.backgroundTimedOut());
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(background), 10000);
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
