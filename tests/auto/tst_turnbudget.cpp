// TurnBudget: one budget per event-loop turn and thread, started again at every turn.
#include "process/TurnBudget.h"

#include <QEventLoop>
#include <QTest>
#include <QThread>
#include <QTimer>

class TestTurnBudget : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void countsWhatIsSpentAndWhatIsLeft()
    {
        QEventLoop loop;
        qint64 atStart = -1, spent = -1, left = -1, floored = -1, none = -1, afterNegative = -1;
        QTimer::singleShot(0, &loop, [&] {
            atStart = TurnBudget::spentNs();
            TurnBudget::add(3000000);
            spent = TurnBudget::spentNs();
            left = TurnBudget::leftNs();
            floored = TurnBudget::leftNs(4000000);
            TurnBudget::add(10000000);
            none = TurnBudget::leftNs();
            TurnBudget::add(-5);
            afterNegative = TurnBudget::spentNs();
            loop.quit();
        });
        loop.exec();
        QCOMPARE(atStart, 0);
        QCOMPARE(spent, 3000000);
        QCOMPARE(left, TurnBudget::BudgetNs - 3000000);
        QCOMPARE(floored, 4000000);
        QCOMPARE(none, 0);
        QCOMPARE(afterNegative, 13000000);
    }

    void everyTurnStartsAtZero()
    {
        // A zero-timer fires once a turn: each tick spends the whole budget, and the next
        // tick (a later turn) finds nothing spent.
        QEventLoop loop;
        QList<qint64> seen;
        QTimer tick;
        tick.setInterval(0);
        connect(&tick, &QTimer::timeout, this, [&] {
            seen << TurnBudget::spentNs();
            TurnBudget::add(TurnBudget::BudgetNs);
            if (seen.size() == 5)
                loop.quit();
        });
        tick.start();
        loop.exec();
        QCOMPARE(seen, QList<qint64>(5, 0));
    }

    void eachThreadHasItsOwn()
    {
        QEventLoop loop;
        qint64 inWorker = -1, workerAfter = -1, mainAfter = -1;
        QThread worker;
        QObject inThread;
        inThread.moveToThread(&worker);
        worker.start();
        QTimer::singleShot(0, &loop, [&] {
            TurnBudget::add(TurnBudget::BudgetNs); // the main thread's turn is spent
            QMetaObject::invokeMethod(
                &inThread,
                [&] {
                    inWorker = TurnBudget::spentNs();
                    TurnBudget::add(1000);
                    workerAfter = TurnBudget::spentNs();
                },
                Qt::BlockingQueuedConnection);
            mainAfter = TurnBudget::spentNs();
            loop.quit();
        });
        loop.exec();
        worker.quit();
        worker.wait();
        QCOMPARE(inWorker, 0);
        QCOMPARE(workerAfter, 1000);
        QCOMPARE(mainAfter, TurnBudget::BudgetNs);
    }
};

QTEST_GUILESS_MAIN(TestTurnBudget)
#include "tst_turnbudget.moc"
