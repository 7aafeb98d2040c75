#include "TestUtil.h"

#include "process/ProcessReaper.h"
#include "process/ProcessTree.h"

#include <QProcess>
#include <QSemaphore>

using namespace TestUtil;
using State = ProcessJob::State;

class TestProcessReaper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void teardownWaitsOffTheGuiThread()
    {
        // Destroying a job whose child is still running hands the QProcess to the reaper
        // thread: the destructor returns without waiting for the child to be reaped.
        auto *job = new ProcessJob(helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("up"), QStringLiteral("100000")}));
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(job->log()->endLine() >= 1, 10000);
        const qint64 pid = job->pid();
        const int before = ProcessReaper::instance()->pendingCount();
        // The reaper thread is held up meanwhile: otherwise it may reap the killed child
        // before the count below is read (seen once in an ASan run).
        QSemaphore holding, release;
        QObject blocker;
        blocker.moveToThread(ProcessReaper::instance()->waitingThread());
        QMetaObject::invokeMethod(&blocker, [&] {
            holding.release();
            release.acquire();
        });
        QVERIFY(holding.tryAcquire(1, 20000));
        delete job; // SIGKILL sent; QProcess still "running" until it is reaped
        QCOMPARE(ProcessReaper::instance()->pendingCount(), before + 1); // handed over, not waited for
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(ProcessReaper::instance()->pendingCount(), before, 20000);
        QVERIFY(!processAlive(pid));
        QTRY_COMPARE_WITH_TIMEOUT(zombieChildren(), 0, 10000);
    }

    void adoptedOrphansAreReaped()
    {
        // sh leaves `sleep` behind and exits: as subreaper we inherit it, and its zombie must
        // not stay.
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("sleep 0.3 >/dev/null 2>&1 & echo $!")}};
        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        const qint64 orphan = job.log()->line(0).text.toLongLong();
        QVERIFY(orphan > 0);
        ProcessTree::Info info;
        // Re-parented to us (or already gone).
        if (ProcessTree::readInfo(orphan, &info))
            QCOMPARE(info.ppid, qint64(::getpid()));
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessTree::readInfo(orphan, &info), 20000);
        QCOMPARE(zombieChildren(), 0);
    }

    void neverReapsAQProcessOfSomeoneElse()
    {
        // A plain QProcess in our session is not an orphan: its exit status stays its own.
        ProcessJob job(helperSpec({QStringLiteral("exit"), QStringLiteral("0")}));
        QVERIFY(runToDone(job)); // the reaper's timer runs now
        QProcess p;
        p.start(helper(), {QStringLiteral("exit"), QStringLiteral("7")});
        QVERIFY(p.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(p.processId()), 10000); // a zombie now
        ProcessReaper::instance()->reapOrphans();
        QVERIFY(p.waitForFinished(10000) || p.state() == QProcess::NotRunning);
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 7);
    }

    void handlesNeverOutliveTheirProcess()
    {
        QProcess p;
        p.start(helper(), {QStringLiteral("sleep"), QStringLiteral("100000")});
        QVERIFY(p.waitForStarted(10000));
        ProcessTree::Info info;
        QVERIFY(ProcessTree::readInfo(p.processId(), &info));
        QVERIFY(!ProcessTree::Handle::open(p.processId(), info.startTime + 1).isValid());
        ProcessTree::Handle h = ProcessTree::Handle::open(p.processId(), info.startTime);
        QVERIFY(h.isValid());
        QVERIFY(h.signal(0));
        p.kill();
        QVERIFY(p.waitForFinished(10000)); // reaped: the handle names nobody now
        QVERIFY(!h.signal(0));
    }
};

QTEST_GUILESS_MAIN(TestProcessReaper)
#include "tst_processreaper.moc"
