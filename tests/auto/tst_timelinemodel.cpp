#include "TestUtil.h"

#include "process/ProcessSupervisor.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelineRecorder.h"
#include "timeline/TraceExport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace TestUtil;

namespace {
TimelineTrack track(const QString &name, qint64 start, qint64 end, TimelineOutcome o)
{
    TimelineTrack t;
    t.name = name;
    t.group = QStringLiteral("g");
    t.segments << TimelineSegment{start, end, o, {}};
    t.marks << TimelineMark{TimelineMark::Kind::Exit, end, QStringLiteral("exit")};
    return t;
}
} // namespace

class TestTimelineModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelOverAddedTracks();
    void rowsForJobsAndStages();
    void restartAddsRows();
    void traceEventFormat();
    void svgAndText();
    void traceFileErrors();
};

void TestTimelineModel::modelOverAddedTracks()
{
    TimelineRecorder recorder;
    TimelineModel model(&recorder);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    recorder.addTrack(track(QStringLiteral("a"), 1000000, 1500000, TimelineOutcome::Ok));
    recorder.addTrack(track(QStringLiteral("b"), 1200000, 2000000, TimelineOutcome::Failed));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, TimelineModel::Name).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.index(1, TimelineModel::Start).data(TimelineModel::RawValueRole).toLongLong(), 200);
    QCOMPARE(model.index(1, TimelineModel::Duration).data(TimelineModel::RawValueRole).toLongLong(), 800);
    QCOMPARE(model.index(1, TimelineModel::Outcome).data().toString(), Timeline::outcomeName(TimelineOutcome::Failed));
    QCOMPARE(model.index(0, TimelineModel::Marks).data(TimelineModel::RawValueRole).toInt(), 1);
}

void TestTimelineModel::rowsForJobsAndStages()
{
    ProcessSupervisor board;
    TimelineRecorder recorder;
    recorder.watch(&board, QStringLiteral("board"));
    TimelineModel model(&recorder);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LaunchSpec spec = helperSpec({QStringLiteral("echo")});
    spec.name = QStringLiteral("pipe");
    spec.pipeline = {{helper(), {QStringLiteral("echo")}}};
    spec.stdinSource.mode = StdinMode::Text;
    spec.stdinSource.text = "hello\n";
    ProcessJob *job = board.launch(spec).first();
    QSignalSpy done(job, &ProcessJob::done);
    QVERIFY(done.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10000);
    const TimelineTrack &first = recorder.track(0);
    const TimelineTrack &last = recorder.track(1);
    QVERIFY(first.name.contains(QLatin1String("1 rb_helper")));
    QVERIFY(!first.running());
    QCOMPARE(first.outcome(), TimelineOutcome::Ok);
    QVERIFY(first.segments.first().endUs >= first.segments.first().startUs);
    auto has = [](const TimelineTrack &t, TimelineMark::Kind k) {
        return std::any_of(t.marks.cbegin(), t.marks.cend(), [k](const TimelineMark &m) { return m.kind == k; });
    };
    QVERIFY(has(first, TimelineMark::Kind::StdinClosed));
    QVERIFY(has(last, TimelineMark::Kind::FirstOutput));
    QVERIFY(has(last, TimelineMark::Kind::Exit));
}

void TestTimelineModel::restartAddsRows()
{
    ProcessSupervisor board;
    TimelineRecorder recorder;
    recorder.watch(&board, QStringLiteral("board"));
    TimelineModel model(&recorder);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("60000")});
    spec.timeoutMs = 100;
    ProcessJob *job = board.launch(spec).first();
    QSignalSpy done(job, &ProcessJob::done);
    QVERIFY(done.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.track(0).outcome(), TimelineOutcome::TimedOut, 10000);
    QVERIFY(std::any_of(recorder.track(0).marks.cbegin(), recorder.track(0).marks.cend(),
                        [](const TimelineMark &m) { return m.kind == TimelineMark::Kind::Signal; }));
    job->start();
    QVERIFY(done.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, 10000);
    QCOMPARE(recorder.track(0).outcome(), TimelineOutcome::TimedOut); // the first run stays
}

void TestTimelineModel::traceEventFormat()
{
    QList<TimelineTrack> tracks{track(QStringLiteral("a"), 5000000, 5100000, TimelineOutcome::Ok),
                                track(QStringLiteral("b"), 5050000, 5300000, TimelineOutcome::TimedOut)};
    tracks[1].group = QStringLiteral("other");
    const QJsonObject o = TraceExport::toJson(tracks, 6000000);
    const QJsonArray events = o.value(QLatin1String("traceEvents")).toArray();
    int complete = 0, instant = 0, meta = 0;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        const QString ph = e.value(QLatin1String("ph")).toString();
        QVERIFY(e.contains(QLatin1String("pid")));
        if (ph == QLatin1String("X")) {
            ++complete;
            QVERIFY(e.value(QLatin1String("ts")).toDouble() >= 0);
            QVERIFY(e.contains(QLatin1String("dur")));
            QVERIFY(e.contains(QLatin1String("tid")));
        } else if (ph == QLatin1String("i")) {
            ++instant;
        } else if (ph == QLatin1String("M")) {
            ++meta;
        }
    }
    QCOMPARE(complete, 2);
    QCOMPARE(instant, 2);
    QCOMPARE(meta, 4); // two process names, two thread names
    // Times are microseconds from the earliest start.
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QLatin1String("ph")).toString() == QLatin1String("X")
            && e.value(QLatin1String("tid")).toInt() == 2) {
            QCOMPARE(e.value(QLatin1String("ts")).toDouble(), 50000.0);
            QCOMPARE(e.value(QLatin1String("dur")).toDouble(), 250000.0);
        }
    }
    QVERIFY(QJsonDocument::fromJson(TraceExport::toBytes(tracks, 6000000)).isObject());
}

void TestTimelineModel::svgAndText()
{
    QList<TimelineTrack> tracks{track(QStringLiteral("a <b>"), 0, 100000, TimelineOutcome::Ok)};
    const QByteArray svg = TimelineSvg::toSvg(tracks, 200000);
    QVERIFY(svg.startsWith("<?xml"));
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("a &lt;b&gt;"));
    QVERIFY(svg.contains("#16a34a"));
    const QStringList text = TimelineText::render(tracks, 200000, 20);
    QCOMPARE(text.size(), 3);
    QVERIFY(text.at(1).contains(QLatin1String("#")));
    QVERIFY(TimelineText::render({}, 0).size() == 2);
}

void TestTimelineModel::traceFileErrors()
{
    QTemporaryDir dir;
    const QString ok = dir.filePath(QStringLiteral("t.json"));
    QCOMPARE(TraceExport::writeFile(ok, {}, 0), QString());
    QVERIFY(QFile::exists(ok));
    const QString bad = dir.filePath(QStringLiteral("no/such/dir/t.json"));
    const QString e = TraceExport::writeFile(bad, {}, 0);
    QVERIFY(e.contains(bad));
}

QTEST_GUILESS_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
