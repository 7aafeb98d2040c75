// QuietScrollBar: repaints when what it shows changes, and what it shows is always right.
#include "QuietScrollBar.h"

#include <QApplication>
#include <QScreen>
#include <QTest>

class TestQuietScrollBar : public QObject
{
    Q_OBJECT
private:
    struct PaintCounter : QObject
    {
        int paints = 0;
        bool eventFilter(QObject *, QEvent *e) override
        {
            paints += e->type() == QEvent::Paint;
            return false;
        }
    };
    // Whatever repaint a change asked for has happened once this returns.
    static void settle()
    {
        for (int i = 0; i < 3; ++i) {
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
        }
    }
    // What is on screen (the offscreen platform grabs its backing store) against what a
    // fresh paint of the scroll bar's present state draws: nothing stale is left shown.
    // (The fresh paint is not counted.)
    static bool showsItsState(QScrollBar *bar, PaintCounter *counter)
    {
        const QImage shown = bar->screen()->grabWindow(bar->winId()).toImage().convertToFormat(QImage::Format_RGB32);
        const int paints = counter->paints;
        const QImage fresh = bar->grab().toImage().convertToFormat(QImage::Format_RGB32);
        counter->paints = paints;
        return shown.copy(QRect(QPoint(), fresh.size())) == fresh;
    }

private Q_SLOTS:
    void repaintsOnlyWhenTheDrawingChanges()
    {
        QuietScrollBar bar(Qt::Vertical);
        bar.resize(16, 300);
        bar.setPageStep(40);
        bar.setRange(0, 100000);
        bar.setValue(bar.maximum()); // the handle at its smallest, at the bottom
        PaintCounter counter;
        bar.installEventFilter(&counter);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        settle();
        QVERIFY(counter.paints > 0);
        QVERIFY(showsItsState(&bar, &counter));

        // A log grows at the bottom: the same drawing, no repaint. (Below 2^31 / 4096, where
        // Qt places the handle in whole numbers; beyond it, in floating point, a growing range
        // can move the handle by a pixel, and then it is repainted.)
        for (int grow = 1; grow <= 50; ++grow) {
            bar.setRange(0, 100000 + 500 * grow);
            bar.setValue(bar.maximum());
        }
        const int before = counter.paints;
        settle();
        QCOMPARE(counter.paints, before);
        QVERIFY(showsItsState(&bar, &counter));

        // The handle moves: a repaint, and it shows the new state.
        bar.setValue(bar.maximum() / 2);
        settle();
        QCOMPARE(counter.paints, before + 1);
        QVERIFY(showsItsState(&bar, &counter));
        // Scrollable no longer, and again: both drawn.
        bar.setRange(0, 0);
        settle();
        QCOMPARE(counter.paints, before + 2);
        QVERIFY(showsItsState(&bar, &counter));
        bar.setRange(0, 10);
        bar.setValue(10);
        settle();
        QCOMPARE(counter.paints, before + 3);
        QVERIFY(showsItsState(&bar, &counter));
        // The page step alone resizes the handle.
        bar.setPageStep(5);
        settle();
        QCOMPARE(counter.paints, before + 4);
        QVERIFY(showsItsState(&bar, &counter));
    }
};

QTEST_MAIN(TestQuietScrollBar)
#include "tst_quietscrollbar.moc"
