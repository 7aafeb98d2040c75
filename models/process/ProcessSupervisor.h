#pragma once

#include "process/LaunchSpec.h"
#include "process/ProcessJob.h"
#include "process/ProcessTree.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QPointer>
#include <QTimer>

#include <memory>

// Owns every job on the board. Launching a spec with copies = N adds N jobs. Destroying the
// supervisor kills every process tree it started, so quitting leaves no orphan; stopAll() is
// the polite way (the stop ladder) and allStopped() says when it is over.
class ProcessSupervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessSupervisor)
public:
    explicit ProcessSupervisor(QObject *parent = nullptr);
    ~ProcessSupervisor() override;

    // Adds the jobs of one spec (one per copy) and starts them unless start is false. The
    // first starts at once, the others in the following event-loop turns, as many per turn as
    // fit in 4 ms: a fork costs a fraction of a millisecond, and a hundred in one turn would
    // freeze the window for frames.
    QList<ProcessJob *> launch(const LaunchSpec &spec, bool start = true);
    // A new job with the same spec as `job`, started.
    ProcessJob *duplicate(ProcessJob *job);
    // Removes a job that is not running. Returns false for a running one.
    bool remove(ProcessJob *job);
    void removeFinished();

    const QList<ProcessJob *> &jobs() const { return m_jobs; }
    ProcessJob *jobById(int id) const;
    int indexOf(const ProcessJob *job) const { return m_jobs.indexOf(const_cast<ProcessJob *>(job)); }
    int activeCount() const;
    // Jobs Start All (or a launch) has queued that have not been started yet: they are started
    // a few per event-loop turn.
    int pendingStartCount() const { return int(m_toStart.size()); }
    bool isStartPending(const ProcessJob *job) const;
    // The job will not be started by Start All or Re-run after all (the window's Stop and Kill
    // on a job still waiting for its turn). Returns whether it was waiting.
    bool cancelPendingStart(ProcessJob *job);

    // Settings applied to every job added from now on.
    void setRawOutputEnabled(bool on) { m_rawOutput = on; }
    void setLogEnabled(bool on) { m_logEnabled = on; }
    void setInteractiveStdinAllowed(bool on) { m_interactiveAllowed = on; }

    // Jobs that have never run (Start All's business).
    int notStartedCount() const;
    // Jobs that ran and ended (Re-run Finished's business).
    int endedCount() const;

public Q_SLOTS:
    // Starts what has not run yet; what ran already is left as it ended.
    void startAll();
    // Runs again every job that has ended: a separate, explicit action.
    void rerunEnded();
    // Stops every job. With more than StopAllAtOnce jobs the stops are spread over event-loop
    // turns (isStoppingAll() until the last one is sent); a second call stops the rest at once.
    void stopAll();
    void killAll();

public:
    static constexpr int StopAllAtOnce = 32;
    // A round's stops per event-loop turn: a few milliseconds' worth (StopBudgetNs), and at
    // most this many: each stop sets a group exiting, and the exiting children want the CPUs
    // in the very next turns. 40-90 stops a turn (what 3 ms allowed) left the window's thread
    // waiting 5-9 ms for a CPU behind them (board1000: largest gaps 11.0-13.1 ms, all in Stop
    // All); 24 a turn gave 6.0-10.6 ms, 12 a turn 8.0-8.4 ms, Stop All as quick (171-281 ms).
    static constexpr int MaxStopsPerTurn = 16;
    bool isStoppingAll() const;
    // The most stops one turn of a Stop All round has sent (for tests).
    int largestStopRound() const { return m_largestStopRound; }

Q_SIGNALS:
    void jobAboutToBeAdded(int index);
    void jobAdded(ProcessJob *job);
    void jobAboutToBeRemoved(ProcessJob *job);
    void jobRemoved(ProcessJob *job);
    void jobChanged(ProcessJob *job);
    void jobDone(ProcessJob *job);
    // No job is active any more (after the last one's done()).
    void allStopped();
    // Jobs were queued to start in turn, or taken out of the queue without starting (one
    // signal for all of them; a start from the queue says so through the job's own change).
    void pendingStartsChanged();

private:
    ProcessJob *add(const LaunchSpec &spec);
    // `base`, or `base #N` with the smallest N not in use, so that rows are told apart.
    QString uniqueName(const QString &base, int firstNumber = 2) const;
    QSet<QString> namesInUse() const;
    // As above against `taken`, which gets the name; numbering goes on from `next`.
    static QString uniqueName(const QString &base, int firstNumber, QSet<QString> &taken, int &next);
    void startSoon(const QList<ProcessJob *> &jobs);
    void startNext();
    void dropPendingStarts();
    void dropStaleStarts(ProcessJob *job);
    void stopNext();
    void endStopRound();

    // How many jobs are in each kind of state, kept as they change: the window asks after every
    // state change, and counting 1,000 jobs each time (several times) cost the GUI thread more
    // than everything else it did while 1,000 started or stopped.
    enum Kind : quint8 { NotStartedKind, ActiveKind, EndedKind, KindCount };
    static Kind kindOf(const ProcessJob *job);
    void recount(ProcessJob *job);

    QList<ProcessJob *> m_jobs;
    QHash<const ProcessJob *, Kind> m_kinds;
    int m_counts[KindCount] = {};
    // Starts per event-loop turn: 4 ms of them at most, less what the turn's other budgeted
    // work took (TurnBudget) but at least 1 ms of them, and at least one.
    static constexpr qint64 StartBudgetNs = 4000000;
    static constexpr qint64 StartFloorNs = 1000000;
    // Queued starts launch on the launcher thread (ChildProcess::BackgroundLaunches), at most
    // this many waiting there at a time: a Stop All in the middle of Start All finds the rest
    // still queued here, not on their way. When it is reached the next round comes a
    // millisecond later (a zero timer would spin the GUI thread while the launcher works).
    static constexpr int MaxLaunchesInFlight = 16;
    // A queued start: the job, and its run count when it was queued. A job that has been started
    // since (the window's Start, while it waited for its turn) is not started again when its
    // turn comes, even if that run has ended by then.
    struct PendingStart
    {
        QPointer<ProcessJob> job;
        int runCount = 0;
    };
    QList<PendingStart> m_toStart;
    bool m_startingQueued = false; // in startNext()
    QTimer m_startTimer;
    // Stop All of many jobs: the jobs to stop, the next one, and the /proc reading they share.
    // Stops per event-loop turn: 3 ms of them at most (their ends come in the same turns), less
    // what the turn's other budgeted work took, and at least one.
    static constexpr qint64 StopBudgetNs = 3000000;
    QList<QPointer<ProcessJob>> m_toStop;
    qsizetype m_stopNext = 0;
    int m_largestStopRound = 0;
    QTimer m_stopTimer;
    std::unique_ptr<ProcessTree::SnapshotBatch> m_stopBatch;
    QObject *m_stopWatcher = nullptr;
    int m_nextId = 1;
    bool m_rawOutput = false;
    bool m_logEnabled = true;
    bool m_interactiveAllowed = true;
};
