#include "timeline/TimelineModel.h"

#include "timeline/TimelineRecorder.h"

#include <QLocale>

TimelineModel::TimelineModel(TimelineRecorder *recorder, QObject *parent)
    : QAbstractTableModel(parent), m_recorder(recorder), m_rows(recorder->count())
{
    updateOrigin(0, m_rows - 1);
    connect(recorder, &TimelineRecorder::aboutToAddTracks, this,
            [this](int first, int count) { beginInsertRows({}, first, first + count - 1); });
    connect(recorder, &TimelineRecorder::tracksAdded, this, [this] {
        const int first = m_rows;
        m_rows = m_recorder->count();
        updateOrigin(first, m_rows - 1);
        endInsertRows();
    });
    connect(recorder, &TimelineRecorder::tracksUpdated, this, [this](int first, int last) {
        updateOrigin(first, last);
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole, RawValueRole, OutcomeRole});
    });
    // A recorder that goes first leaves an empty model behind, never a dangling one.
    connect(recorder, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
}

const TimelineTrack &TimelineModel::track(int row) const
{
    return m_recorder->track(row);
}

void TimelineModel::updateOrigin(int first, int last)
{
    // Only the rows that changed: a track's start does not move later (a new run gets rows of
    // its own; a stage's bar may begin at its job's start and then, once it started, a few
    // milliseconds later: the origin keeps the earlier time). Looking at every row on every
    // update cost the GUI thread milliseconds a tick with a thousand children on the board.
    qint64 lo = m_origin;
    for (int i = std::max(0, first); i <= last && i < m_rows; ++i) {
        const TimelineTrack &t = m_recorder->track(i);
        if (!t.isEmpty())
            lo = lo == 0 ? t.startUs() : std::min(lo, t.startUs());
    }
    m_origin = lo;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_recorder)
        return {};
    const TimelineTrack &t = m_recorder->track(index.row());
    const qint64 now = Timeline::nowUs();
    const qint64 startMs = t.isEmpty() ? 0 : (t.startUs() - originUs()) / 1000;
    const qint64 durMs = t.isEmpty() ? 0 : (t.endUs(now) - t.startUs()) / 1000;
    if (role == OutcomeRole)
        return int(t.outcome());
    if (role == Qt::ToolTipRole)
        return t.details;
    if (role == RawValueRole) {
        switch (Column(index.column())) {
        case Start: return startMs;
        case Duration: return durMs;
        case Outcome: return int(t.outcome());
        case Marks: return int(t.marks.size());
        default: break;
        }
    }
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    switch (Column(index.column())) {
    case Name: return t.name;
    case Group: return t.group;
    case Start: return QLocale().toString(startMs);
    case Duration: return tr("%1 ms").arg(QLocale().toString(durMs));
    case Outcome: return Timeline::outcomeName(t.outcome());
    case Marks: return QLocale().toString(t.marks.size());
    case ColumnCount: break;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name: return tr("Name");
    case Group: return tr("Group");
    case Start: return tr("Start (ms)");
    case Duration: return tr("Duration");
    case Outcome: return tr("Outcome");
    case Marks: return tr("Marks");
    case ColumnCount: break;
    }
    return {};
}
