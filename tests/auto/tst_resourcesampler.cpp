#include "TestUtil.h"

#include "process/ProcessSupervisor.h"
#include "process/ResourceSampler.h"

#include <QMutex>
#include <QSemaphore>
#include <QThreadPool>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace TestUtil;

class TestResourceSampler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void busyChildUsesCpu()
    {
        ProcessSupervisor sup;
        ResourceSampler sampler(&sup);
        sampler.setInterval(200);
        const auto jobs = sup.launch(helperSpec({QStringLiteral("busy")}));
        ProcessJob *job = jobs.first();
        QTRY_VERIFY_WITH_TIMEOUT(sampler.usage(job->id()).cpuPercent > 10, 30000);
        QVERIFY(sampler.usage(job->id()).rssBytes > 0);
        QVERIFY(!sampler.usage(job->id()).cpuHistory.isEmpty());
        job->kill();
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        QVERIFY(all.wait(20000));
    }

    void descendantsCounted()
    {
        ProcessSupervisor sup;
        ResourceSampler sampler(&sup);
        sampler.setInterval(200);
        const auto jobs = sup.launch(helperSpec({QStringLiteral("spawn-tree"), QStringLiteral("3")}));
        ProcessJob *job = jobs.first();
        QTRY_VERIFY_WITH_TIMEOUT(allText(*job, OutputLog::Stdout).contains("ready"), 20000);
        QSignalSpy sampled(&sampler, &ResourceSampler::sampled);
        QVERIFY(sampled.wait(20000));
        QVERIFY(sampled.wait(20000)); // a sample taken after the grandchildren existed
        const auto tree = sampler.tree(job->pid());
        QCOMPARE(tree.size(), 4);
        QCOMPARE(tree.first().first, 0);
        QCOMPARE(tree.first().second.pid, job->pid());
        for (int i = 1; i < 4; ++i)
            QCOMPARE(tree.at(i).first, 1);
        // Memory includes the descendants: more than the leader alone.
        QVERIFY(sampler.usage(job->id()).rssBytes > tree.first().second.rssBytes);
        sup.killAll();
    }

    void samplesLeaveQtsPoolAlone()
    {
#ifndef Q_OS_LINUX
        QSKIP("thread nice values are Linux's");
#else
        // Qt's raster paint engine has the global pool's threads fill large areas while the
        // GUI thread waits: the sampler (which lowers the thread it runs on) must leave every
        // one of them at the priority it had.
        const auto niceOfThisThread = [] {
            return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
        };
        const int normal = niceOfThisThread();
        ProcessSupervisor sup;
        ResourceSampler sampler(&sup);
        sampler.setInterval(100);
        const auto jobs = sup.launch(helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")}));
        QSignalSpy sampled(&sampler, &ResourceSampler::sampled);
        QVERIFY(sampled.wait(20000));
        QVERIFY(sampled.wait(20000));
        // Every thread of the global pool at once (each task waits for the others), each
        // telling its nice value.
        QThreadPool *pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        QSemaphore arrived, go;
        QMutex mutex;
        QList<int> nices;
        for (int i = 0; i < threads; ++i) {
            pool->start([&] {
                {
                    const QMutexLocker lock(&mutex);
                    nices << niceOfThisThread();
                }
                arrived.release();
                go.acquire();
            });
        }
        const bool all = arrived.tryAcquire(threads, 30000);
        go.release(threads);
        pool->waitForDone();
        QVERIFY(all);
        QCOMPARE(nices.size(), threads);
        for (const int nice : std::as_const(nices))
            QCOMPARE(nice, normal);
        QSignalSpy stopped(&sup, &ProcessSupervisor::allStopped);
        jobs.first()->kill();
        QVERIFY(stopped.wait(20000));
#endif
    }

    void idleSamplerDoesNotTick()
    {
        ProcessSupervisor sup;
        ResourceSampler sampler(&sup);
        sampler.setInterval(50);
        QSignalSpy sampled(&sampler, &ResourceSampler::sampled);
        const auto jobs = sup.launch(helperSpec({QStringLiteral("exit"), QStringLiteral("0")}));
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        QVERIFY(all.wait(20000));
        QVERIFY(!sampler.isScheduled());
        QTRY_VERIFY(!sampler.isSampling()); // a sample may have been under way
        QCoreApplication::processEvents();
        sampled.clear();
        QVERIFY(!sampled.wait(300)); // nothing runs, nothing is sampled
    }
};

QTEST_GUILESS_MAIN(TestResourceSampler)
#include "tst_resourcesampler.moc"
