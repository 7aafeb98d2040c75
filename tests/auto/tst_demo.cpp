#include "TestUtil.h"

#include "demo/CpuDemo.h"
#include "demo/Demo.h"
#include "demo/ProcessDemos.h"
#include "demo/ThreadsDemo.h"
#include "process/ProcessSupervisor.h"
#include "timeline/TimelineRecorder.h"

#include <QSignalSpy>
#include <QTest>

using namespace TestUtil;

namespace {
constexpr int DemoLimitMs = 180000; // a loaded 2-core machine is slow, never wrong

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT
private:
    static DemoOutcome runDemo(Demo &demo)
    {
        QSignalSpy finished(&demo, &Demo::finished);
        if (!demo.start())
            return {false, QStringLiteral("start() refused"), {}};
        if (!finished.wait(DemoLimitMs))
            return {false, QStringLiteral("finished() never came"), {}};
        if (finished.count() != 1)
            return {false, QStringLiteral("finished() more than once"), {}};
        return demo.outcome();
    }

private Q_SLOTS:
    void initTestCase();
    void reachesOutcome_data();
    void reachesOutcome();
    void timeoutWithinLimit();
    void threadsSpeedUp();
    void bufferingFirstLine_data();
    void bufferingFirstLine();
    void unknownName();
    void startedTwice();
    void cancelledHalfway();
    void othersUntouched();
    void destroyingStopsChildren();
    void missingHelperSaysSo();
};

void TestDemo::initTestCase()
{
    qputenv("RUNBOARD_DEMO_HELPER", RB_DEMO_HELPER);
}

void TestDemo::reachesOutcome_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("helper");
    for (const QString &name : Demo::names()) {
        QTest::addRow("%s", qPrintable(name)) << name << false;
        if (name != QLatin1String("threads")) // the helper plays no part in fetching
            QTest::addRow("%s with the helper", qPrintable(name)) << name << true;
    }
}

void TestDemo::reachesOutcome()
{
    QFETCH(QString, name);
    QFETCH(bool, helper);
    std::unique_ptr<Demo> demo = Demo::create(name);
    QVERIFY(demo);
    QVERIFY(!demo->info().title.isEmpty());
    QVERIFY(!demo->info().watch.isEmpty());
    QVERIFY(demo->info().python.contains(QLatin1String("import")));
    QVERIFY(!demo->info().cpp.isEmpty());
    demo->setForceHelper(helper);
    const DemoOutcome o = runDemo(*demo);
    QVERIFY2(o.passed, qPrintable(o.reason + QLatin1Char('\n') + o.details.join(QLatin1Char('\n'))));
    QVERIFY(!o.details.isEmpty());
    QVERIFY(demo->recorder()->count() > 0);
    if (helper)
        QVERIFY(demo->messages().join(QLatin1Char(' ')).contains(QLatin1String("helper")));
    if (name == QLatin1String("parallel")) {
        QCOMPARE(demo->supervisor()->jobs().size(), ParallelDemo::Children);
        for (ProcessJob *job : demo->supervisor()->jobs()) {
            QCOMPARE(job->bytesStdout(), ParallelDemo::CipherBytes);
            QCOMPARE(job->bytesStdinWritten(), ParallelDemo::InputBytes);
            // The password went through the environment and is never shown.
            QVERIFY(job->spec().describe().join(QLatin1Char('\n')).contains(QStringLiteral("password=\u2022")));
        }
    }
    if (name == QLatin1String("pipe")) {
        QCOMPARE(demo->supervisor()->jobs().size(), PipeDemo::Pipelines);
        for (ProcessJob *job : demo->supervisor()->jobs()) {
            QCOMPARE(job->stages().size(), 2);
            QCOMPARE(job->bytesStdout(), PipeDemo::DigestBytes);
            // Runboard relayed the pipe between the stages and counted what went through.
            QCOMPARE(job->stages().at(0).pipeBytes, ParallelDemo::CipherBytes);
            QCOMPARE(job->stages().at(1).pipeBytes, -1);
        }
        QCOMPARE(demo->recorder()->count(), 2 * PipeDemo::Pipelines); // a row per stage
    }
    if (name == QLatin1String("processes")) {
        auto *cpu = static_cast<CpuDemo *>(demo.get());
        QCOMPARE(cpu->phases().size(), CpuDemo::processCounts(QThread::idealThreadCount()).size());
    }
}

void TestDemo::timeoutWithinLimit()
{
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("timeout"));
    const DemoOutcome o = runDemo(*demo);
    QVERIFY2(o.passed, qPrintable(o.reason));
    ProcessJob *job = demo->supervisor()->jobs().first();
    QCOMPARE(job->state(), ProcessJob::State::TimedOut);
    QCOMPARE(job->exitSignal(), SIGTERM);
    QCOMPARE(job->shellExitStatus(), 124);
    QVERIFY(job->timeline().signalledNs >= TimeoutDemo::TimeoutMs * 1000000LL);
    QVERIFY2(job->timeline().endedNs < 300 * 1000000LL, qPrintable(o.details.join(QLatin1Char('\n'))));
    QVERIFY(o.details.join(QLatin1Char('\n')).contains(QLatin1String("exit status -15")));
}

void TestDemo::threadsSpeedUp()
{
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("threads"));
    const DemoOutcome o = runDemo(*demo);
    QVERIFY2(o.passed, qPrintable(o.reason));
    auto *threads = static_cast<ThreadsDemo *>(demo.get());
    QVERIFY(threads->usedLocalServer());
    QVERIFY2(threads->speedUp() > 3.0, qPrintable(QString::number(threads->speedUp())));
    // One row for the sequential worker, nine for the threads.
    QCOMPARE(demo->recorder()->count(), 1 + ThreadsDemo::Urls);
    QCOMPARE(demo->recorder()->track(0).segments.size(), ThreadsDemo::Urls);
}

void TestDemo::bufferingFirstLine_data()
{
    QTest::addColumn<bool>("helper");
    QTest::addRow("python") << false;
    QTest::addRow("helper") << true;
}

void TestDemo::bufferingFirstLine()
{
    QFETCH(bool, helper);
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("buffering"));
    demo->setForceHelper(helper);
    const DemoOutcome o = runDemo(*demo);
    QVERIFY2(o.passed, qPrintable(o.reason + QLatin1Char('\n') + o.details.join(QLatin1Char('\n'))));
    // Compared with each child's own end, not with the wall clock.
    const QList<ProcessJob *> jobs = demo->supervisor()->jobs();
    QCOMPARE(jobs.size(), 2);
    for (ProcessJob *job : jobs) {
        const ProcessJob::Timeline &t = job->timeline();
        const qint64 leadMs = (t.endedNs - t.firstOutputNs) / 1000000;
        const bool blockBuffered = job->spec().environment.unset.contains(QLatin1String("PYTHONUNBUFFERED"));
        if (blockBuffered)
            QVERIFY2(leadMs < 450, qPrintable(QString::number(leadMs)));
        else
            QVERIFY2(leadMs >= 450, qPrintable(QString::number(leadMs)));
    }
    // Each line's arrival is marked on the timeline.
    int lineMarks = 0;
    for (const TimelineTrack &t : demo->recorder()->tracks())
        for (const TimelineMark &m : t.marks)
            lineMarks += m.kind == TimelineMark::Kind::Line;
    QCOMPARE(lineMarks, 2 * BufferingDemo::Lines);
}

void TestDemo::unknownName()
{
    QVERIFY(!Demo::create(QStringLiteral("nosuch")));
    QCOMPARE(Demo::names().size(), 6);
}

void TestDemo::startedTwice()
{
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("parallel"));
    QSignalSpy finished(demo.get(), &Demo::finished);
    QVERIFY(demo->start());
    QVERIFY(!demo->start()); // refused while running: nothing doubled
    QVERIFY(finished.wait(DemoLimitMs));
    QVERIFY2(demo->outcome().passed, qPrintable(demo->outcome().reason));
    QCOMPARE(demo->supervisor()->jobs().size(), ParallelDemo::Children);
    // Run again: a fresh run, the old children cleared away.
    QVERIFY(demo->start());
    QVERIFY(finished.wait(DemoLimitMs));
    QCOMPARE(finished.count(), 2);
    QVERIFY(demo->outcome().passed);
    QCOMPARE(demo->supervisor()->jobs().size(), ParallelDemo::Children);
}

void TestDemo::cancelledHalfway()
{
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("buffering"));
    QSignalSpy finished(demo.get(), &Demo::finished);
    QVERIFY(demo->start());
    QTRY_VERIFY_WITH_TIMEOUT(demo->supervisor()->activeCount() == 2
                                 && demo->supervisor()->jobs().first()->state() == ProcessJob::State::Running,
                             30000);
    demo->cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!demo->outcome().passed);
    QVERIFY(demo->outcome().reason.contains(QLatin1String("cancelled")));
    QTRY_COMPARE_WITH_TIMEOUT(demo->supervisor()->activeCount(), 0, 30000);
    for (ProcessJob *job : demo->supervisor()->jobs())
        QCOMPARE(job->state(), ProcessJob::State::Killed);
    demo->cancel(); // twice: nothing more
    QCOMPARE(finished.count(), 1);
}

void TestDemo::othersUntouched()
{
    ProcessSupervisor board;
    ProcessJob *other = board.launch(helperSpec({QStringLiteral("sleep"), QStringLiteral("60000")})).first();
    QTRY_COMPARE_WITH_TIMEOUT(other->state(), ProcessJob::State::Running, 30000);
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("timeout"));
    const DemoOutcome o = runDemo(*demo);
    QVERIFY2(o.passed, qPrintable(o.reason));
    std::unique_ptr<Demo> cancelled = Demo::create(QStringLiteral("buffering"));
    QVERIFY(cancelled->start());
    cancelled->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled->supervisor()->activeCount(), 0, 30000);
    QCOMPARE(other->state(), ProcessJob::State::Running);
    QVERIFY(other->timeline().signalledNs < 0);
    board.killAll();
    QTRY_COMPARE_WITH_TIMEOUT(board.activeCount(), 0, 30000);
}

void TestDemo::destroyingStopsChildren()
{
    auto demo = Demo::create(QStringLiteral("buffering"));
    QVERIFY(demo->start());
    QTRY_VERIFY_WITH_TIMEOUT(demo->supervisor()->jobs().size() == 2
                                 && demo->supervisor()->jobs().at(0)->pid() > 0
                                 && demo->supervisor()->jobs().at(1)->pid() > 0,
                             30000);
    const qint64 a = demo->supervisor()->jobs().at(0)->pid();
    const qint64 b = demo->supervisor()->jobs().at(1)->pid();
    demo.reset();
    QTRY_VERIFY_WITH_TIMEOUT(processGone(a) && processGone(b), 30000);
}

void TestDemo::missingHelperSaysSo()
{
    qputenv("RUNBOARD_DEMO_HELPER", "/nonexistent/runboard-demo-helper");
    std::unique_ptr<Demo> demo = Demo::create(QStringLiteral("parallel"));
    demo->setForceHelper(true);
    const DemoOutcome o = runDemo(*demo);
    qputenv("RUNBOARD_DEMO_HELPER", RB_DEMO_HELPER);
    QVERIFY(!o.passed);
    QVERIFY2(o.reason.contains(QLatin1String("runboard-demo-helper is not installed")), qPrintable(o.reason));
    QVERIFY(demo->supervisor()->jobs().isEmpty());
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
