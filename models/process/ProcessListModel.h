#pragma once

#include <QAbstractTableModel>
#include <QTimer>

class ProcessJob;
class ResourceSampler;
class ProcessSupervisor;

// The board as a table: one row per job. Numbers that change while a job runs (elapsed time,
// countdown, byte counts) are refreshed by a timer that only runs while some job is active,
// with one ranged dataChanged per tick; state changes are signalled at once.
class ProcessListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessListModel)
public:
    enum Column { Name, Pid, State, Elapsed, Timeout, Result, Cpu, Memory, Stdout, Stderr, Command,
                  ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, JobIdRole, StateRole, PausedRole, HistoryRole };

    explicit ProcessListModel(ProcessSupervisor *supervisor, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    ProcessJob *jobAt(int row) const;
    ResourceSampler *sampler() const { return m_sampler; }
    int rowOf(const ProcessJob *job) const;
    void setRefreshInterval(int ms) { m_tick.setInterval(ms); }

private:
    void onJobChanged(ProcessJob *job);
    void onTick();
    void updateTimer();

    ProcessSupervisor *m_supervisor;
    ResourceSampler *m_sampler;
    QTimer m_tick;
};
