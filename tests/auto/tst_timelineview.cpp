#include "TestUtil.h"

#include "DemoGallery.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "OutputView.h"
#include "TimelineView.h"
#include "demo/Demo.h"
#include "process/ProcessSupervisor.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelineRecorder.h"

#include <QAction>
#include <QClipboard>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>

using namespace TestUtil;

namespace {
TimelineTrack track(int i, TimelineOutcome o)
{
    TimelineTrack t;
    t.name = QStringLiteral("row %1").arg(i);
    t.group = QStringLiteral("g");
    const qint64 start = 1000000 + qint64(i) * 1000;
    t.segments << TimelineSegment{start, start + 500000, o, {}};
    t.marks << TimelineMark{TimelineMark::Kind::FirstOutput, start + 1000, {}};
    return t;
}


int countColour(const QImage &image, const QColor &c)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y) == c;
    return n;
}
} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rendersRows_data();
    void rendersRows();
    void zoomAndExport();
    void galleryRunsADemo();
    void galleryStopsItsDemo();
    void mainWindowMenusAndFirstStart();
    void binaryOutputShownAsHex();
    void bufferingHintRestartsLineBuffered();
    void typedStdinEchoed();
};

void TestTimelineView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    qputenv("RUNBOARD_DEMO_HELPER", RB_DEMO_HELPER);
}

void TestTimelineView::rendersRows_data()
{
    QTest::addColumn<int>("rows");
    QTest::addRow("none") << 0;
    QTest::addRow("one") << 1;
    QTest::addRow("a thousand") << 1000;
}

void TestTimelineView::rendersRows()
{
    QFETCH(int, rows);
    TimelineRecorder recorder;
    TimelineModel model(&recorder);
    TimelineView view;
    view.setModel(&model);
    for (int i = 0; i < rows; ++i)
        recorder.addTrack(track(i, i % 2 ? TimelineOutcome::Failed : TimelineOutcome::Ok));
    QElapsedTimer clock;
    clock.start();
    const QImage image = view.renderImage(900);
    QVERIFY(!image.isNull());
    QCOMPARE(image.width(), 900);
    QCOMPARE(image.height(), std::max(60, TimelineCanvas::AxisHeight + rows * TimelineCanvas::RowHeight + 4));
    const int green = countColour(image, QColor(22, 163, 74));
    const int red = countColour(image, QColor(220, 38, 38));
    if (rows == 0) {
        QCOMPARE(green + red, 0);
    } else {
        QVERIFY(green > 0);
        QCOMPARE(red > 0, rows > 1);
    }
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.grab().isNull());
}

void TestTimelineView::zoomAndExport()
{
    TimelineRecorder recorder;
    TimelineModel model(&recorder);
    TimelineView view;
    view.setModel(&model);
    recorder.addTrack(track(0, TimelineOutcome::Ok));
    view.resize(800, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    TimelineCanvas *canvas = view.canvas();
    QCOMPARE(canvas->usPerPixel(), 0.0); // fit
    QTest::mouseClick(view.findChild<QToolButton *>(QStringLiteral("timelineZoomIn")), Qt::LeftButton);
    const double zoomed = canvas->usPerPixel();
    QVERIFY(zoomed > 0);
    QTest::mouseClick(view.findChild<QToolButton *>(QStringLiteral("timelineZoomOut")), Qt::LeftButton);
    QVERIFY(canvas->usPerPixel() > zoomed);
    QVERIFY(canvas->toolTipAt(QPoint(300, TimelineCanvas::AxisHeight + 5)).contains(QLatin1String("row 0")));
    QVERIFY(canvas->toolTipAt(QPoint(300, TimelineCanvas::AxisHeight + 500)).isEmpty());
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("t.png"));
    QCOMPARE(view.exportPng(png), QString());
    QVERIFY(!QImage(png).isNull());
    const QString svg = dir.filePath(QStringLiteral("t.svg"));
    QCOMPARE(view.exportSvg(svg), QString());
    const QString json = dir.filePath(QStringLiteral("t.json"));
    QCOMPARE(view.exportTrace(json), QString());
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("traceEvents"));
}

void TestTimelineView::galleryRunsADemo()
{
    DemoGallery gallery;
    gallery.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gallery));
    auto *list = gallery.findChild<QListWidget *>(QStringLiteral("demoList"));
    QCOMPARE(list->count(), 6);
    gallery.selectDemo(QStringLiteral("timeout"));
    QCOMPARE(gallery.currentDemo(), QStringLiteral("timeout"));
    auto *python = gallery.findChild<QPlainTextEdit *>(QStringLiteral("pythonSnippet"));
    QVERIFY(python->toPlainText().contains(QLatin1String("TimeoutExpired")));
    auto *run = gallery.findChild<QPushButton *>(QStringLiteral("demoRun"));
    auto *stop = gallery.findChild<QPushButton *>(QStringLiteral("demoStop"));
    auto *outcome = gallery.findChild<QLabel *>(QStringLiteral("demoOutcome"));
    QVERIFY(!stop->isEnabled());
    QTest::mouseClick(run, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(outcome->text().startsWith(QStringLiteral("\u2714")), 60000);
    QVERIFY(outcome->text().contains(QLatin1String("SIGTERM")));
    QVERIFY(run->isEnabled());
    QVERIFY(!stop->isEnabled());
    QCOMPARE(gallery.timeline()->model()->rowCount(), 1);
    QTest::mouseClick(gallery.findChild<QPushButton *>(QStringLiteral("copyPython")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), python->toPlainText());
}

void TestTimelineView::galleryStopsItsDemo()
{
    auto *gallery = new DemoGallery;
    gallery->selectDemo(QStringLiteral("buffering"));
    gallery->show();
    QVERIFY(QTest::qWaitForWindowExposed(gallery));
    QTest::mouseClick(gallery->findChild<QPushButton *>(QStringLiteral("demoRun")), Qt::LeftButton);
    Demo *demo = gallery->demo(QStringLiteral("buffering"));
    QTRY_VERIFY_WITH_TIMEOUT(demo->supervisor()->activeCount() == 2, 30000);
    QTest::mouseClick(gallery->findChild<QPushButton *>(QStringLiteral("demoStop")), Qt::LeftButton);
    auto *outcome = gallery->findChild<QLabel *>(QStringLiteral("demoOutcome"));
    QVERIFY(outcome->text().startsWith(QStringLiteral("\u2718")));
    QVERIFY(outcome->text().contains(QLatin1String("cancelled")));
    QTRY_COMPARE_WITH_TIMEOUT(demo->supervisor()->activeCount(), 0, 30000);
    // Run again, then close the gallery's owner: its children go with it.
    QTest::mouseClick(gallery->findChild<QPushButton *>(QStringLiteral("demoRun")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(demo->supervisor()->activeCount() == 2
                                 && demo->supervisor()->jobs().at(0)->pid() > 0
                                 && demo->supervisor()->jobs().at(1)->pid() > 0, 30000);
    const qint64 pid = demo->supervisor()->jobs().at(0)->pid();
    delete gallery;
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 30000);
}

void TestTimelineView::mainWindowMenusAndFirstStart()
{
    QSettings().clear();
    MainWindow w;
    w.setConfirmQuit(false);
    QAction *demos = w.findChild<QAction *>(QStringLiteral("actionDemos"));
    QAction *timeline = w.findChild<QAction *>(QStringLiteral("actionTimeline"));
    QVERIFY(demos);
    QVERIFY(timeline);
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("timelineDock"));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!dock->isVisible());
    timeline->trigger();
    QVERIFY(dock->isVisible());
    // The board's children get rows on the timeline.
    w.supervisor()->launch(helperSpec({QStringLiteral("exit"), QStringLiteral("0")}));
    QTRY_COMPARE_WITH_TIMEOUT(w.timelineView()->model()->rowCount(), 1, 30000);

    QVERIFY(!w.findChild<DemoGallery *>());
    w.showDemosOnFirstStart();
    QTRY_VERIFY_WITH_TIMEOUT(w.findChild<DemoGallery *>() && w.findChild<DemoGallery *>()->isVisible(), 10000);
    w.findChild<DemoGallery *>()->close();
    w.showDemosOnFirstStart(); // once only
    QTest::qWait(50);
    QVERIFY(!w.findChild<DemoGallery *>()->isVisible());
    demos->trigger();
    QVERIFY(w.findChild<DemoGallery *>()->isVisible());
    // A demo's children never appear on the board.
    DemoGallery *g = w.findChild<DemoGallery *>();
    g->selectDemo(QStringLiteral("timeout"));
    g->runCurrent();
    QSignalSpy finished(g->demo(QStringLiteral("timeout")), &Demo::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(w.supervisor()->jobs().size(), 1);
}

void TestTimelineView::binaryOutputShownAsHex()
{
    ProcessSupervisor board;
    ProcessJob *job = board.launch(helperSpec({QStringLiteral("raw"), QStringLiteral("00010a02ff0a53616c746564")})).first();
    OutputPane pane(QStringLiteral("pane"));
    pane.setJob(job);
    pane.show();
    QSignalSpy done(job, &ProcessJob::done);
    QVERIFY(done.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(pane.showingHex(), 10000);
    auto *hex = pane.findChild<QPlainTextEdit *>(QStringLiteral("hexView"));
    QVERIFY(hex->isVisible());
    QVERIFY2(hex->toPlainText().startsWith(QLatin1String("00000000  00 01 0a 02 ff 0a 53 61  6c 74 65 64")),
             qPrintable(hex->toPlainText()));
    QVERIFY(hex->toPlainText().contains(QLatin1String("|......Salted|")));
    // The toggle goes back to text, and stays there.
    QTest::mouseClick(pane.findChild<QToolButton *>(QStringLiteral("hexButton")), Qt::LeftButton);
    QVERIFY(!pane.showingHex());
    QVERIFY(pane.view()->isVisible());
}

void TestTimelineView::bufferingHintRestartsLineBuffered()
{
    // The helper's ticker through C stdio on a pipe: blocks of exactly 4 KiB, a burst apart.
    ProcessSupervisor board;
    LaunchSpec spec;
    spec.command = {QStringLiteral(RB_DEMO_HELPER),
                    {QStringLiteral("ticker"), QStringLiteral("--lines"), QStringLiteral("3000"),
                     QStringLiteral("--interval-ms"), QStringLiteral("1")}};
    spec.stdinSource.mode = StdinMode::Null;
    ProcessJob *job = board.launch(spec).first();
    OutputPane pane(QStringLiteral("pane"));
    pane.setJob(job);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QWidget *hint = pane.findChild<QWidget *>(QStringLiteral("bufferingHint"));
    QTRY_VERIFY_WITH_TIMEOUT(job->blockBufferingSuspected(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(hint->isVisible(), 10000);
    QSignalSpy done(job, &ProcessJob::done);
    QTest::mouseClick(pane.findChild<QPushButton *>(QStringLiteral("lineBufferedRestart")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(job->runCount() == 2, 60000);
    QVERIFY(job->spec().environment.set.contains({QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")}));
    if (!QStandardPaths::findExecutable(QStringLiteral("stdbuf")).isEmpty())
        QVERIFY(job->spec().command.program.endsWith(QLatin1String("stdbuf")));
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 60000);
    QVERIFY(!job->blockBufferingSuspected()); // line by line now
    QVERIFY(!hint->isVisible());
}

void TestTimelineView::typedStdinEchoed()
{
    ProcessSupervisor board;
    LaunchSpec spec = helperSpec({QStringLiteral("echo")});
    spec.stdinSource.mode = StdinMode::Interactive;
    ProcessJob *job = board.launch(spec).first();
    QTRY_COMPARE_WITH_TIMEOUT(job->state(), ProcessJob::State::Running, 30000);
    OutputPane pane(QStringLiteral("pane"));
    pane.setJob(job);
    pane.show();
    auto *edit = pane.findChild<QLineEdit *>(QStringLiteral("stdinEdit"));
    QTRY_VERIFY_WITH_TIMEOUT(edit->isEnabled(), 10000);
    QTest::keyClicks(edit, QStringLiteral("print(42)"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(job->log()->bytesReceived(OutputLog::Stdout), 10, 30000);
    const OutputLog *log = job->log();
    QCOMPARE(log->line(log->firstLine()).stream, OutputLog::Stdin);
    QCOMPARE(log->line(log->firstLine()).text, QStringLiteral("print(42)"));
    job->closeStdin();
    QSignalSpy done(job, &ProcessJob::done);
    QVERIFY(done.wait(30000));
}

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
