#include "TestUtil.h"

#include "process/ProcessJob.h"
#include "process/ProcessReaper.h"
#include "process/ProcessTree.h"

#include <QFile>
#include <QMutex>
#include <QSemaphore>
#include <QThread>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace TestUtil;
using State = ProcessJob::State;

// How a job stops (ProcessJobLadder.cpp): the timeout, SIGTERM then SIGKILL after the grace
// period, whole trees with their grandchildren and escapees, background processes that hold
// the output, and a run signalled only ever by its own ladder.
class TestProcessJobStop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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

    // A child being launched holds a copy of all our descriptors, this job's pipes included,
    // between its clone() and its exec, in a session of its own: it looks like an orphan
    // holding the job's output, whom a stop signals. It must not be taken for one while its
    // launch is known (launched, not yet handed over) or may be under way (the launch lock is
    // held); a true orphan holding the pipe still is (the last row, without which the other
    // two would prove nothing).
    void aChildBeingLaunchedIsNoOrphanOfAJob_data()
    {
        QTest::addColumn<bool>("registered");
        QTest::addColumn<bool>("lockHeld");
        QTest::addColumn<bool>("survives");
        QTest::addRow("launched, not handed over") << true << false << true;
        QTest::addRow("launch lock held") << false << true << true;
        QTest::addRow("an orphan holding the pipe") << false << false << false;
    }

    void aChildBeingLaunchedIsNoOrphanOfAJob()
    {
        QFETCH(bool, registered);
        QFETCH(bool, lockHeld);
        QFETCH(bool, survives);
        LaunchSpec spec;
        spec.command = {QStringLiteral("sleep"), {QStringLiteral("100000")}};
        spec.stdinSource.mode = StdinMode::Null;
        spec.graceMs = 0;
        ProcessJob job(spec);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(job.state(), State::Running, 10000);
        // Our child, in a session of its own, holding copies of every descriptor we have.
        const pid_t other = ::fork();
        QVERIFY(other >= 0);
        if (other == 0) {
            ::setsid();
            for (;;)
                ::pause();
        }
        const auto cleanup = qScopeGuard([other, registered, survives] {
            ::kill(other, SIGKILL);
            if (survives) // still ours to reap (the reaper may have reaped the one the stop ended)
                ::waitpid(other, nullptr, 0);
            if (registered)
                ProcessReaper::childDelivered(other);
        });
        QTRY_VERIFY_WITH_TIMEOUT(::getsid(other) == other, 10000);
        if (registered)
            ProcessReaper::launchedChild(other);
        QSemaphore held, release;
        QThread *launcher = QThread::create([&] {
            const QMutexLocker lock(&ProcessReaper::launchMutex());
            held.release();
            release.acquire();
        });
        if (lockHeld) {
            launcher->start();
            held.acquire();
        }
        QSignalSpy done(&job, &ProcessJob::done);
        ProcessTree::invalidateSnapshot(); // the stop looks at the processes as they are now
        job.stop(); // no grace: SIGTERM and SIGKILL now, no later look
        QVERIFY(done.wait(20000));
        QCOMPARE(job.state(), State::Killed);
        if (survives) {
            QVERIFY(processAlive(other));
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(other), 10000);
        }
        if (lockHeld) {
            release.release();
            QVERIFY(launcher->wait(10000));
        }
        delete launcher;
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
};

QTEST_GUILESS_MAIN(TestProcessJobStop)
#include "tst_processjobstop.moc"
