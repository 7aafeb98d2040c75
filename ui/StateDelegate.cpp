#include "StateDelegate.h"

#include "process/ProcessJob.h"
#include "process/ProcessListModel.h"

namespace {
using State = ProcessJob::State;
}

QString StateDelegate::symbol(int state, bool paused, int exitStatus)
{
    if (paused)
        return QStringLiteral("\u2016");
    switch (State(state)) {
    case State::NotStarted: return QStringLiteral("\u25cb");
    case State::Starting: return QStringLiteral("\u25cc");
    case State::Running: return QStringLiteral("\u25b6");
    case State::Stopping: return QStringLiteral("\u25fc");
    case State::Finished: return exitStatus == 0 ? QStringLiteral("\u2714") : QStringLiteral("\u2716");
    case State::FailedToStart: return QStringLiteral("\u26a0");
    case State::Crashed: return QStringLiteral("\u2716");
    case State::TimedOut: return QStringLiteral("\u25d4");
    case State::Killed: return QStringLiteral("\u25a0");
    }
    return {};
}

void StateDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const int state = index.data(ProcessListModel::StateRole).toInt();
    const bool paused = index.data(ProcessListModel::PausedRole).toBool();
    const int exitStatus = index.siblingAtColumn(ProcessListModel::Result)
                               .data(ProcessListModel::RawValueRole).toInt();
    option->text = symbol(state, paused, exitStatus) + QLatin1Char(' ') + option->text;
    const bool dark = option->palette.color(QPalette::Base).lightness() < 128;
    QColor colour;
    switch (State(state)) {
    case State::Running: colour = dark ? QColor(110, 220, 140) : QColor(20, 130, 60); break;
    case State::Finished:
        colour = exitStatus == 0 ? (dark ? QColor(110, 220, 140) : QColor(20, 130, 60))
                                 : (dark ? QColor(255, 120, 120) : QColor(190, 30, 30));
        break;
    case State::FailedToStart:
    case State::Crashed: colour = dark ? QColor(255, 120, 120) : QColor(190, 30, 30); break;
    case State::TimedOut:
    case State::Stopping: colour = dark ? QColor(255, 190, 90) : QColor(180, 95, 0); break;
    default: break;
    }
    if (paused)
        colour = dark ? QColor(130, 170, 255) : QColor(30, 80, 180);
    if (colour.isValid() && !(option->state & QStyle::State_Selected))
        option->palette.setColor(QPalette::Text, colour);
}
