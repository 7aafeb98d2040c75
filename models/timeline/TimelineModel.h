#pragma once

#include "timeline/TimelineRecorder.h"
#include "timeline/TimelineTrack.h"

#include <QAbstractTableModel>
#include <QPointer>


// The timeline's rows as a table (the view draws them as bars; the table is what a screen
// reader, a sort or a test sees): name, group, start and duration in ms from the earliest
// start, outcome, marks. Rows only ever get appended, as the recorder's do.
class TimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineModel)
public:
    enum Column { Name, Group, Start, Duration, Outcome, Marks, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, OutcomeRole };

    explicit TimelineModel(TimelineRecorder *recorder, QObject *parent = nullptr);

    TimelineRecorder *recorder() const { return m_recorder; }
    const TimelineTrack &track(int row) const;
    // Earliest start over all rows (µs since the epoch), 0 without rows.
    qint64 originUs() const { return m_origin; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QPointer<TimelineRecorder> m_recorder;
    void updateOrigin(int first, int last);
    int m_rows = 0;
    qint64 m_origin = 0;
};
