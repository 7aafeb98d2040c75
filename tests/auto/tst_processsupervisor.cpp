#include "TestUtil.h"

#include "process/ChildProcess.h"
#include "process/ProcessListModel.h"
#include "process/ProcessReaper.h"
#include "process/ProcessSupervisor.h"

#include <QScopeGuard>

#include <algorithm>
#include <csignal>
#include <utility>

using namespace TestUtil;
using State = ProcessJob::State;

namespace {
// Holds the launcher thread (the reaper's launch lock) until letGo(): 18 copies of a
// sleeper then have one child started at once, 16 on their way, and the last still waiting
// in the supervisor's queue.
struct HeldUpLaunch
{
    QList<ProcessJob *> jobs;
    bool held = true;
    explicit HeldUpLaunch(ProcessSupervisor &sup)
    {
        ProcessReaper::launchMutex().lock();
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.copies = 18;
        jobs = sup.launch(spec);
        if (!QTest::qWaitFor([] { return ChildProcess::launchesInFlight() == 16; }, 30000))
            jobs.clear();
    }
    void letGo()
    {
        if (std::exchange(held, false))
            ProcessReaper::launchMutex().unlock();
    }
    ~HeldUpLaunch() { letGo(); }
};
} // namespace

class TestProcessSupervisor : public QObject
{
    Q_OBJECT
    // Stop All, and its allStopped() within the time given.
    static bool stopAllAndWait(ProcessSupervisor &sup, int ms)
    {
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.stopAll();
        return all.wait(ms);
    }
    // More sleeping children than Stop All stops in one turn, all running; empty if they
    // did not all get there.
    static QList<ProcessJob *> launchManySleepers(ProcessSupervisor &sup)
    {
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.copies = ProcessSupervisor::StopAllAtOnce + 8;
        const auto jobs = sup.launch(spec);
        const auto allRunning = [&jobs] {
            return std::all_of(jobs.cbegin(), jobs.cend(),
                               [](const ProcessJob *j) { return j->state() == State::Running; });
        };
        return QTest::qWaitFor(allRunning, 30000) ? jobs : QList<ProcessJob *>{};
    }

private Q_SLOTS:
    void copiesAndNames()
    {
        ProcessSupervisor sup;
        QSignalSpy added(&sup, &ProcessSupervisor::jobAdded);
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        LaunchSpec spec = helperSpec({QStringLiteral("exit"), QStringLiteral("0")});
        spec.name = QStringLiteral("w");
        spec.copies = 3;
        const auto jobs = sup.launch(spec);
        QCOMPARE(jobs.size(), 3);
        QCOMPARE(added.count(), 3);
        QCOMPARE(jobs.at(2)->name(), QStringLiteral("w #3"));
        QVERIFY(all.wait(20000));
        QCOMPARE(sup.activeCount(), 0);
        for (ProcessJob *j : jobs)
            QCOMPARE(j->state(), State::Finished);
        QVERIFY(jobs.at(0)->id() != jobs.at(1)->id());
        QCOMPARE(sup.jobById(jobs.at(1)->id()), jobs.at(1));
    }

    void copiesStartOnePerTurn()
    {
        // Twenty forks in one event-loop turn would freeze a window for a frame.
        ProcessSupervisor sup;
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.copies = 3;
        const auto jobs = sup.launch(spec);
        QCOMPARE(jobs.at(0)->state(), State::Starting);
        QCOMPARE(jobs.at(1)->state(), State::NotStarted);
        QCOMPARE(jobs.at(2)->state(), State::NotStarted);
        QTRY_VERIFY_WITH_TIMEOUT(jobs.at(2)->isActive(), 20000);
        QVERIFY(stopAllAndWait(sup, 20000));
    }

    void stopBeforeQueuedStartsRun()
    {
        ProcessSupervisor sup;
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.copies = 5;
        const auto jobs = sup.launch(spec);
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.stopAll(); // the four not started yet never start
        QVERIFY(all.wait(20000));
        for (int i = 1; i < 5; ++i)
            QCOMPARE(jobs.at(i)->state(), State::NotStarted);
        QCOMPARE(jobs.at(0)->state(), State::Killed);
    }

    // The window's Start on a job still waiting for its turn in Start All: that run is the one;
    // when the turn comes the job is not started again, though that run has ended by then.
    void aJobStartedWhileWaitingIsNotStartedAgain()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread: the queue cannot be held up");
#endif
        ProcessSupervisor sup;
        HeldUpLaunch held(sup);
        const auto sleepers = held.jobs;
        QCOMPARE(sleepers.size(), 18);
        LaunchSpec missing;
        missing.command = {QStringLiteral("/nonexistent/runboard-test-program"), {}};
        ProcessJob *job = sup.launch(missing).first(); // waits behind the last sleeper
        QCOMPARE(sup.pendingStartCount(), 2);
        QVERIFY(sup.isStartPending(job));
        QSignalSpy done(job, &ProcessJob::done);
        job->start(); // its run ends at once: the program is not there
        QVERIFY(!sup.isStartPending(job));
        QCOMPARE(sup.pendingStartCount(), 1);
        QVERIFY(done.wait(20000));
        QCOMPARE(job->state(), State::FailedToStart);
        QCOMPARE(job->runCount(), 1);
        held.letGo();
        QTRY_VERIFY_WITH_TIMEOUT(sleepers.last()->isActive(), 30000); // the queue went round
        QCOMPARE(sup.pendingStartCount(), 0);
        QCOMPARE(job->runCount(), 1); // not run a second time
        QCOMPARE(done.size(), 1);
        QVERIFY(stopAllAndWait(sup, 30000));
    }

    // A start taken back before its turn: the job never starts; the others do.
    void cancelPendingStart()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread: the queue cannot be held up");
#endif
        ProcessSupervisor sup;
        HeldUpLaunch held(sup);
        const auto jobs = held.jobs;
        QCOMPARE(jobs.size(), 18);
        QVERIFY(!sup.cancelPendingStart(jobs.at(0)));  // started
        QVERIFY(!sup.cancelPendingStart(jobs.at(16))); // on its way
        QVERIFY(sup.isStartPending(jobs.at(17)));
        QVERIFY(sup.cancelPendingStart(jobs.at(17)));
        QVERIFY(!sup.cancelPendingStart(jobs.at(17)));
        QVERIFY(!sup.isStartPending(jobs.at(17)));
        held.letGo();
        QTRY_VERIFY_WITH_TIMEOUT(jobs.at(16)->isActive(), 30000);
        QCOMPARE(sup.pendingStartCount(), 0);
        QCOMPARE(jobs.at(17)->state(), State::NotStarted);
        QCOMPARE(jobs.at(17)->runCount(), 0);
        QCOMPARE(sup.notStartedCount(), 1); // Start All would start it
        QVERIFY(stopAllAndWait(sup, 30000));
        QCOMPARE(jobs.at(17)->state(), State::NotStarted);
    }

    // A job waiting for its turn says "queued", on the board too (one change for all rows);
    // taken out of the queue it is "not started" again, and a start of any kind ends it.
    void queuedJobsSayQueued()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread: the queue cannot be held up");
#endif
        ProcessSupervisor sup;
        ProcessListModel model(&sup);
        QSignalSpy changed(&sup, &ProcessSupervisor::pendingStartsChanged);
        HeldUpLaunch held(sup);
        auto jobs = held.jobs;
        QCOMPARE(jobs.size(), 18);
        QCOMPARE(changed.count(), 1);
        const auto stateCell = [&model](int row) {
            return model.index(row, ProcessListModel::State).data().toString();
        };
        QCOMPARE(jobs.at(17)->statusText(), QStringLiteral("queued"));
        QCOMPARE(stateCell(17), QStringLiteral("queued"));
        QVERIFY(jobs.at(16)->isActive()); // on its way: starting, not queued
        QVERIFY(!jobs.at(16)->isStartQueued());
        QCOMPARE(stateCell(16), QStringLiteral("starting"));
        QCOMPARE(model.index(17, ProcessListModel::State).data(ProcessListModel::RawValueRole).toInt(),
                 int(State::NotStarted)); // sorting by state is unchanged

        LaunchSpec more = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        more.copies = 2;
        jobs += sup.launch(more); // behind the queue: both wait
        QCOMPARE(changed.count(), 2);
        QCOMPARE(stateCell(18), QStringLiteral("queued"));
        QCOMPARE(stateCell(19), QStringLiteral("queued"));

        QSignalSpy cells(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(sup.cancelPendingStart(jobs.at(17)));
        QCOMPARE(changed.count(), 3);
        QCOMPARE(stateCell(17), QStringLiteral("not started"));
        QVERIFY(!cells.isEmpty());
        const QModelIndex from = cells.last().at(0).value<QModelIndex>();
        const QModelIndex to = cells.last().at(1).value<QModelIndex>();
        QVERIFY(from.row() <= 17 && to.row() >= 17 && from.column() <= ProcessListModel::State
                && to.column() >= ProcessListModel::State);

        jobs.at(18)->start(); // by hand, while it waits: no longer queued
        QVERIFY(!sup.isStartPending(jobs.at(18)));
        QVERIFY(stateCell(18) != QStringLiteral("queued"));
        QCOMPARE(stateCell(19), QStringLiteral("queued"));
        held.letGo();
        QTRY_COMPARE_WITH_TIMEOUT(jobs.at(19)->state(), State::Running, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(jobs.at(18)->state(), State::Running, 30000);
        QCOMPARE(jobs.at(18)->runCount(), 1);
        QCOMPARE(stateCell(19), QStringLiteral("running"));
        QCOMPARE(stateCell(17), QStringLiteral("not started"));
        QVERIFY(stopAllAndWait(sup, 30000));
    }

    // Re-run Finished queues ended jobs the same way: they say "queued" until their turn.
    void rerunQueuedJobsSayQueued()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread: the queue cannot be held up");
#endif
        ProcessSupervisor sup;
        LaunchSpec spec = helperSpec({QStringLiteral("exit"), QStringLiteral("3")});
        spec.copies = 18;
        const auto jobs = sup.launch(spec);
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(jobs.cbegin(), jobs.cend(), [](const ProcessJob *j) {
            return j->state() == State::Finished;
        }), 30000);
        QCOMPARE(jobs.at(17)->statusText(), QStringLiteral("failed (exit 3)"));
        ProcessReaper::launchMutex().lock();
        auto letGo = qScopeGuard([] { ProcessReaper::launchMutex().unlock(); });
        sup.rerunEnded();
        QVERIFY(QTest::qWaitFor([] { return ChildProcess::launchesInFlight() == 16; }, 30000));
        QVERIFY(sup.isStartPending(jobs.at(17)));
        QCOMPARE(jobs.at(17)->statusText(), QStringLiteral("queued"));
        QCOMPARE(jobs.at(17)->exitCode(), 3); // the last run's end is still known
        letGo.dismiss();
        ProcessReaper::launchMutex().unlock();
        QTRY_COMPARE_WITH_TIMEOUT(jobs.at(17)->runCount(), 2, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(jobs.at(17)->statusText(), QStringLiteral("failed (exit 3)"), 30000);
    }

    void stopReachesLaunchesStillInFlight()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread");
#endif
        // Queued starts go to the launcher thread. Held up there (it takes the reaper's launch
        // lock across each clone), they are on their way when the stop comes: each child gets
        // its signal once it is known. With no grace period the stop has already gone on to
        // SIGKILL, and that is what a child that ignores SIGTERM gets.
        for (const int grace : {1000, 0}) {
            ProcessSupervisor sup;
            LaunchSpec spec = helperSpec({QStringLiteral("ignore-term"), QStringLiteral("100000")});
            if (grace > 0)
                spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
            spec.graceMs = grace;
            spec.copies = 6;
            ProcessReaper::launchMutex().lock();
            auto letGo = qScopeGuard([] { ProcessReaper::launchMutex().unlock(); });
            const auto jobs = sup.launch(spec);
            const bool inFlight = QTest::qWaitFor([] { return ChildProcess::launchesInFlight() == 5; }, 30000);
            QCOMPARE(jobs.at(1)->state(), State::Starting);
            QCOMPARE(jobs.at(1)->pid(), 0); // not known yet
            QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
            // The board looks at a job again when it hears jobChanged: each job in flight must
            // be heard of once its pid is known, although its state (stopping) stays.
            QSet<ProcessJob *> heardWithPid;
            connect(&sup, &ProcessSupervisor::jobChanged, this, [&heardWithPid](ProcessJob *j) {
                if (j->pid() > 0 && j->state() == State::Stopping)
                    heardWithPid.insert(j);
            });
            sup.stopAll();
            letGo.dismiss();
            ProcessReaper::launchMutex().unlock();
            QVERIFY(inFlight);
            QVERIFY(all.wait(30000));
            for (ProcessJob *j : jobs) {
                QVERIFY(!j->isActive());
                QVERIFY(j->pid() > 0);
                QTRY_VERIFY_WITH_TIMEOUT(!processAlive(j->pid()), 10000);
                // The first one was launched in this thread: it got SIGTERM and SIGKILL at
                // once, and may end by either before it has set SIGTERM aside.
                if (grace == 0 && j != jobs.first())
                    QCOMPARE(j->exitSignal(), SIGKILL);
                if (j != jobs.first())
                    QVERIFY2(heardWithPid.contains(j), qPrintable(j->name()));
            }
        }
    }

    void launchWithoutStarting()
    {
        ProcessSupervisor sup;
        const auto jobs = sup.launch(helperSpec({QStringLiteral("exit"), QStringLiteral("0")}), false);
        QCOMPARE(jobs.first()->state(), State::NotStarted);
        QCOMPARE(sup.activeCount(), 0);
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.startAll();
        QVERIFY(all.wait(20000));
        QCOMPARE(jobs.first()->state(), State::Finished);
    }

    void stopAllStopsEveryTree()
    {
        ProcessSupervisor sup;
        LaunchSpec spec = helperSpec({QStringLiteral("spawn-tree"), QStringLiteral("2")});
        spec.copies = 4;
        const auto jobs = sup.launch(spec);
        for (ProcessJob *j : jobs)
            QTRY_VERIFY_WITH_TIMEOUT(allText(*j, OutputLog::Stdout).contains("ready"), 20000);
        QList<qint64> pids;
        for (ProcessJob *j : jobs) {
            pids << j->pid();
            for (const QByteArray &l : allText(*j, OutputLog::Stdout).split('\n'))
                if (l.startsWith("child "))
                    pids << l.mid(6).toLongLong();
        }
        QCOMPARE(pids.size(), 12);
        QVERIFY(stopAllAndWait(sup, 20000));
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    void stopAllOfManyGoesRound()
    {
        // More than StopAllAtOnce: /proc is read on a worker thread first, then the stops go
        // out over several event-loop turns; none is sent inside the call.
        ProcessSupervisor sup;
        const auto jobs = launchManySleepers(sup);
        QVERIFY(!jobs.isEmpty());
        QList<qint64> pids;
        for (ProcessJob *j : jobs)
            pids << j->pid();
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.stopAll();
        QVERIFY(sup.isStoppingAll());
        for (ProcessJob *j : jobs)
            QCOMPARE(j->state(), State::Running);
        QVERIFY(all.wait(30000));
        QVERIFY(!sup.isStoppingAll());
        // A few a turn: the children set exiting by one turn want the CPUs in the next.
        QVERIFY(sup.largestStopRound() > 0);
        QVERIFY2(sup.largestStopRound() <= ProcessSupervisor::MaxStopsPerTurn,
                 qPrintable(QString::number(sup.largestStopRound())));
        for (ProcessJob *j : jobs) {
            QCOMPARE(j->state(), State::Killed);
            QCOMPARE(j->exitSignal(), SIGTERM); // each stopped once, within its grace period
        }
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    void stopAllTwiceStopsTheRestAtOnce()
    {
        ProcessSupervisor sup;
        const auto jobs = launchManySleepers(sup);
        QVERIFY(!jobs.isEmpty());
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.stopAll();
        sup.stopAll(); // before the round reached any: each gets its first stop, now
        QVERIFY(!sup.isStoppingAll());
        for (ProcessJob *j : jobs)
            QVERIFY(j->state() == State::Stopping || j->state() == State::Killed);
        QVERIFY(all.wait(30000));
        // Kill All ends a round too.
        QVERIFY(!launchManySleepers(sup).isEmpty());
        sup.stopAll();
        sup.killAll();
        QVERIFY(!sup.isStoppingAll());
        QTRY_COMPARE_WITH_TIMEOUT(sup.activeCount(), 0, 30000);
    }

    void destructionKillsEverything()
    {
        QList<QPair<qint64, quint64>> pids;
        {
            ProcessSupervisor sup;
            LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
            spec.copies = 2;
            const auto jobs = sup.launch(spec);
            for (ProcessJob *j : jobs) {
                QTRY_VERIFY_WITH_TIMEOUT(j->log()->endLine() >= 1, 20000);
                pids << qMakePair(j->pid(), processStartTime(j->pid()));
                QVERIFY(pids.last().second > 0);
            }
        }
        for (const auto &[pid, start] : std::as_const(pids))
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid, start), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(zombieChildren(), 0, 10000); // reaped off the GUI thread, soon
    }

    void removeAndDuplicate()
    {
        ProcessSupervisor sup;
        const auto jobs = sup.launch(helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")}));
        ProcessJob *job = jobs.first();
        QTRY_VERIFY_WITH_TIMEOUT(job->state() == State::Running, 10000);
        QVERIFY(!sup.remove(job)); // running: refused
        ProcessJob *copy = sup.duplicate(job);
        QVERIFY(copy);
        QCOMPARE(sup.jobs().size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(copy->state() == State::Running, 10000);
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.killAll();
        QVERIFY(all.wait(20000));
        QSignalSpy removed(&sup, &ProcessSupervisor::jobRemoved);
        sup.removeFinished();
        QCOMPARE(removed.count(), 2);
        QCOMPARE(sup.jobs().size(), 0);
    }

    void countsFollowEveryChange()
    {
        // The counts are kept as states change, not counted on demand: after every change any
        // listener sees, they must equal a count made by hand.
        ProcessSupervisor sup;
        int checks = 0, wrong = 0;
        const auto check = [&] {
            int active = 0, notStarted = 0, ended = 0;
            for (const ProcessJob *j : sup.jobs()) {
                if (j->isActive())
                    ++active;
                else if (j->state() == State::NotStarted)
                    ++notStarted;
                else
                    ++ended;
            }
            ++checks;
            if (active != sup.activeCount() || notStarted != sup.notStartedCount() || ended != sup.endedCount())
                ++wrong;
        };
        connect(&sup, &ProcessSupervisor::jobChanged, this, check);
        connect(&sup, &ProcessSupervisor::jobAdded, this, check);
        connect(&sup, &ProcessSupervisor::jobRemoved, this, check);
        connect(&sup, &ProcessSupervisor::jobDone, this, check);

        LaunchSpec idle = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        idle.copies = 3;
        const auto idleJobs = sup.launch(idle, false);
        QCOMPARE(sup.notStartedCount(), 3);
        LaunchSpec bad;
        bad.command = {QStringLiteral("no-such-program-rb"), {}};
        sup.launch(bad); // fails to start: ended
        const auto quick = sup.launch(helperSpec({QStringLiteral("exit"), QStringLiteral("3")}));
        QTRY_COMPARE_WITH_TIMEOUT(sup.endedCount(), 2, 20000);
        sup.startAll();
        QTRY_COMPARE_WITH_TIMEOUT(sup.activeCount(), 3, 20000);
        QCOMPARE(sup.notStartedCount(), 0);
        quick.first()->start(); // ended, runs again
        QTRY_COMPARE_WITH_TIMEOUT(sup.endedCount(), 2, 20000);
        QVERIFY(stopAllAndWait(sup, 20000));
        QCOMPARE(sup.activeCount(), 0);
        QCOMPARE(sup.endedCount(), 5);
        QVERIFY(sup.remove(idleJobs.first()));
        QCOMPARE(sup.endedCount(), 4);
        sup.removeFinished();
        QCOMPARE(sup.endedCount(), 0);
        QVERIFY(checks > 20);
        QCOMPARE(wrong, 0);
    }

    void failureDoesNotDisturbOthers()
    {
        ProcessSupervisor sup;
        const auto good = sup.launch(helperSpec({QStringLiteral("print-lines"), QStringLiteral("5000")}));
        LaunchSpec bad;
        bad.command = {QStringLiteral("no-such-program-rb"), {}};
        const auto failed = sup.launch(bad);
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        QTRY_VERIFY_WITH_TIMEOUT(sup.activeCount() == 0, 20000);
        QCOMPARE(failed.first()->state(), State::FailedToStart);
        QCOMPARE(good.first()->state(), State::Finished);
        QCOMPARE(good.first()->log()->endLine(), qint64(5001)); // 5000 lines and the exit line
    }
};

QTEST_GUILESS_MAIN(TestProcessSupervisor)
#include "tst_processsupervisor.moc"
