#include "process/TurnBudget.h"

#include <QAbstractEventDispatcher>
#include <QPointer>

#include <algorithm>

namespace {
struct Turn
{
    qint64 spent = 0;
    QPointer<QAbstractEventDispatcher> hooked; // whose aboutToBlock/awake reset `spent`
};
thread_local Turn t_turn;

Turn &turn()
{
    Turn &t = t_turn;
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (dispatcher && t.hooked != dispatcher) {
        // A new dispatcher (the first use in this thread, or the thread's loop made again):
        // from now on each of its turns starts at zero.
        t.hooked = dispatcher;
        t.spent = 0;
        const auto reset = [] { t_turn.spent = 0; };
        QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, dispatcher, reset,
                         Qt::DirectConnection);
        QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, dispatcher, reset,
                         Qt::DirectConnection);
    }
    return t;
}
} // namespace

qint64 TurnBudget::spentNs()
{
    return turn().spent;
}

qint64 TurnBudget::leftNs(qint64 floorNs)
{
    return std::max(floorNs, BudgetNs - turn().spent);
}

void TurnBudget::add(qint64 ns)
{
    if (ns > 0)
        turn().spent += ns;
}
