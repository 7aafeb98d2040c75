#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QTimer>

class ProcessJob;
class ResourceSampler;
class ProcessSupervisor;

// The board: one row per job; a pipeline's stages are child rows under it (each with its own
// PID, state, exit and stderr count). Numbers that change while a job runs (elapsed time,
// countdowns, byte counts) are refreshed by a timer that only runs while some job is active,
// with ranged dataChanged signals per tick that leave out CPU and memory (the sampler signals
// those, and a view sorted by CPU must not re-sort on every tick); state changes are signalled
// at once.
class ProcessListModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessListModel)
public:
    enum Column { Name, Pid, State, Elapsed, Timeout, Result, Cpu, Memory, Stdout, Stderr, Command,
                  ColumnCount };
    // FilterTextRole: what the board's filter looks at, one string a row (name, PID, state,
    // result and command line); one match a row instead of one a column.
    enum Role { RawValueRole = Qt::UserRole + 1, JobIdRole, StateRole, PausedRole, HistoryRole,
                FilterTextRole };

    explicit ProcessListModel(ProcessSupervisor *supervisor, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    ProcessJob *jobAt(int row) const;
    // The job a row stands for: the job itself, or the pipeline a stage row belongs to.
    ProcessJob *jobFor(const QModelIndex &index) const;
    static bool isStageRow(const QModelIndex &index) { return index.internalId() != 0; }
    ResourceSampler *sampler() const { return m_sampler; }
    int rowOf(const ProcessJob *job) const;
    void setRefreshInterval(int ms) { m_tick.setInterval(ms); }

private:
    void onJobChanged(ProcessJob *job);
    void onTick();
    void updateTimer();
    QVariant stageData(const QModelIndex &index, int role) const;

    ProcessSupervisor *m_supervisor;
    ResourceSampler *m_sampler;
    QTimer m_tick;
    mutable QHash<const ProcessJob *, QString> m_filterText; // FilterTextRole of job rows
};
