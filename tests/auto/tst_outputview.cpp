#include "TestUtil.h"

#include "AnsiText.h"
#include "OutputView.h"

#include <QApplication>
#include <QClipboard>
#include <QScrollBar>
#include <QStyle>
#include <QStyleFactory>

#include <memory>

using namespace TestUtil;

class TestOutputView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTailUnlessScrolledUp()
    {
        OutputView view;
        view.resize(400, 200);
        view.show();
        ProcessJob job(helperSpec({QStringLiteral("print-lines"), QStringLiteral("20000")}));
        view.setJob(&job);
        QVERIFY(runToDone(job));
        QTRY_COMPARE(view.rowCount(), qint64(20001));
        QTRY_VERIFY(view.visibleTexts().contains(QStringLiteral("line 20000")));
        QVERIFY(view.isFollowingTail());
        view.verticalScrollBar()->setValue(100);
        QVERIFY(!view.isFollowingTail());
        QCOMPARE(view.visibleTexts().first(), QStringLiteral("line 101"));
        view.scrollToEnd();
        QVERIFY(view.isFollowingTail());
    }

    void scrollBarsCoverThemselves()
    {
        // Marked opaque under Fusion, so that the widgets under them are not painted first:
        // then they must paint every pixel of themselves, in both directions, at any length.
        OutputView view;
        view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
        view.resize(420, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.style()->name().toLower(), QStringLiteral("fusion"));
        for (QScrollBar *bar : {view.verticalScrollBar(), view.horizontalScrollBar()}) {
            QVERIFY(bar->testAttribute(Qt::WA_OpaquePaintEvent));
            for (const int max : {0, 10, 100000}) {
                bar->setRange(0, max);
                bar->setValue(max / 2);
                QImage image(bar->size(), QImage::Format_RGB32);
                const QRgb magenta = qRgb(255, 0, 255);
                image.fill(magenta);
                bar->render(&image, QPoint(), QRegion(), QWidget::DrawChildren); // no background
                int uncovered = 0;
                for (int y = 0; y < image.height(); ++y)
                    for (int x = 0; x < image.width(); ++x)
                        uncovered += image.pixel(x, y) == magenta;
                QVERIFY2(uncovered == 0, qPrintable(QStringLiteral("%1 pixels").arg(uncovered)));
            }
        }
        // A style that may draw them see-through: Qt paints what is under them again.
        std::unique_ptr<QStyle> windows(QStyleFactory::create(QStringLiteral("Windows")));
        QVERIFY(windows);
        view.setStyle(windows.get());
        QVERIFY(!view.verticalScrollBar()->testAttribute(Qt::WA_OpaquePaintEvent));
        view.setStyle(nullptr);
        QVERIFY(view.verticalScrollBar()->testAttribute(Qt::WA_OpaquePaintEvent));
    }

    void repaintsAtMostOncePerFrame()
    {
        OutputView view;
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ProcessJob job(helperSpec({QStringLiteral("print-lines"), QStringLiteral("300000")}));
        view.setJob(&job);
        const int before = view.paintCount();
        QElapsedTimer t;
        t.start();
        QVERIFY(runToDone(job));
        // The last frame comes from the event loop (late under a sanitizer): wait for it.
        QTRY_VERIFY_WITH_TIMEOUT(view.paintCount() > before, 10000);
        const int paints = view.paintCount() - before;
        // Thousands of reads, but never more repaints than frames (plus a few for show/resize).
        QVERIFY2(paints <= t.elapsed() / 16 + 5, qPrintable(QStringLiteral("%1 paints in %2 ms").arg(paints).arg(t.elapsed())));
        QVERIFY(paints >= 1);
    }

    void stderrAndPartialLines()
    {
        OutputView view;
        ProcessJob job(helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("first"), QStringLiteral("100000")}));
        view.setJob(&job);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(view.rowText(0), QStringLiteral("first"), 20000);
        job.kill();
        QTRY_VERIFY(!job.isActive());
        ProcessJob raw(helperSpec({QStringLiteral("raw"), QStringLiteral("3530250d")})); // "50%\r", no newline
        view.setJob(&raw);
        raw.start();
        QTRY_COMPARE_WITH_TIMEOUT(view.rowText(0), QStringLiteral("50%"), 20000);
    }

    void timestampsAndSelectionCopy()
    {
        OutputView view;
        view.resize(400, 300);
        view.show();
        ProcessJob job(helperSpec({QStringLiteral("print-lines"), QStringLiteral("3")}));
        view.setJob(&job);
        QVERIFY(runToDone(job));
        view.setShowTimestamps(true);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d line 1$")).match(view.rowText(0)).hasMatch());
        view.setShowTimestamps(false);
        view.selectAll();
        QVERIFY(view.selectedText().startsWith(QLatin1String("line 1\nline 2\nline 3\n")));
        view.copy();
        QCOMPARE(QApplication::clipboard()->text(), view.selectedText());
        view.clearLog();
        QCOMPARE(view.rowCount(), qint64(0));
    }

    void ansiColoursAndEscapes()
    {
        AnsiStyle style;
        const QList<AnsiRun> runs = AnsiText::parse(QStringLiteral("a\x1b[1;31mred\x1b[0m b\x1b[2Kc\x1b]0;title\x07" "d"), &style);
        QString plain;
        for (const AnsiRun &r : runs)
            plain += r.text;
        QCOMPARE(plain, QStringLiteral("ared bcd"));
        QCOMPARE(runs.at(1).text, QStringLiteral("red"));
        QVERIFY(runs.at(1).style.bold);
        QVERIFY(runs.at(1).style.foreground.isValid());
        QVERIFY(!runs.at(2).style.foreground.isValid());
        AnsiStyle s2;
        const auto rgb = AnsiText::parse(QStringLiteral("\x1b[38;2;1;2;3mx\x1b[48;5;196my"), &s2);
        QCOMPARE(rgb.at(0).style.foreground, QColor(1, 2, 3));
        QCOMPARE(rgb.at(1).style.background, QColor(255, 0, 0));
        QCOMPARE(AnsiText::strip(QStringLiteral("\x1b[32mok\x1b[0m")), QStringLiteral("ok"));
        // A colour set on one line lasts into the next until reset.
        AnsiStyle carried;
        AnsiText::parse(QStringLiteral("\x1b[31mred starts"), &carried);
        const auto next = AnsiText::parse(QStringLiteral("still red\x1b[0m plain"), &carried);
        QVERIFY(next.at(0).style.foreground.isValid());
        QVERIFY(!next.at(1).style.foreground.isValid());
    }

    void filterKeepsUpWithNewLines()
    {
        OutputView view;
        ProcessJob job(helperSpec({QStringLiteral("print-lines"), QStringLiteral("100000")}));
        view.setJob(&job);
        view.setFilter(QStringLiteral("line 9999"));
        QVERIFY(runToDone(job));
        // line 9999 and line 99990..99999
        QTRY_COMPARE_WITH_TIMEOUT(view.rowCount(), qint64(11), 20000);
        QCOMPARE(view.rowText(0), QStringLiteral("line 9999"));
    }
};

QTEST_MAIN(TestOutputView)
#include "tst_outputview.moc"
