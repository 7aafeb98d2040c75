#pragma once

#include "timeline/TimelineTrack.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class FetchEngine;
class ProcessJob;
class ProcessSupervisor;
struct FetchResult;

// Collects the moments the engine already records — per child and stage: start, first output,
// stdin closed, signal sent, end; per fetch: start, first byte, end on its worker thread —
// into timeline rows. Rows are only ever appended: a job's rows are added when a run starts
// and frozen when it is done (a restart adds new rows), so rows outlive the jobs and engines
// they came from. Updates are coalesced: tracksUpdated() comes at most every UpdateMs.
class TimelineRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineRecorder)
public:
    static constexpr int UpdateMs = 50;
    static constexpr int MaxLineMarks = 200; // per row

    explicit TimelineRecorder(QObject *parent = nullptr);

    // Every job of the supervisor, those there now and those added later.
    void watch(ProcessSupervisor *supervisor, const QString &group);
    void addJob(ProcessJob *job, const QString &group);
    // Each batch the engine runs adds one row per worker thread; `group` names the batch
    // (set it again before the next batch with setFetchGroup()).
    void addFetchEngine(FetchEngine *engine, const QString &group);
    void setFetchGroup(FetchEngine *engine, const QString &group);
    // Marks when each line of output arrived (the buffering lesson). Off by default.
    void setLineMarks(bool on) { m_lineMarks = on; }

    // A finished row from elsewhere (an imported trace, a test): kept as given.
    void addTrack(const TimelineTrack &track);

    int count() const { return int(m_rows.size()); }
    const TimelineTrack &track(int row) const { return m_rows.at(row).track; }
    QList<TimelineTrack> tracks() const;
    // Brings the rows of running jobs up to date now (also done by the timer).
    void refresh();

    // One row per stage of a job's current run (exposed for tests and the CLI).
    static QList<TimelineTrack> tracksOfJob(const ProcessJob &job, const QString &group,
                                            bool lineMarks);

Q_SIGNALS:
    void aboutToAddTracks(int first, int count);
    void tracksAdded();
    void tracksUpdated(int first, int last);

private:
    struct Row
    {
        QPointer<ProcessJob> job;
        int run = 0;
        int stage = 0;
        bool frozen = false;
        QPointer<FetchEngine> engine;
        int batch = 0;
        int worker = -1;
        TimelineTrack track;
    };
    struct FetchState
    {
        QString group;
        int batch = 0;
        qint64 batchStartUs = 0;
    };
    void onJobState(ProcessJob *job);
    void onJobDone(ProcessJob *job);
    void onFetchResult(FetchEngine *engine, const FetchResult &result);
    void appendRows(const QList<Row> &rows);
    void scheduleUpdate(ProcessJob *job);
    void updateJobRows(ProcessJob *job, bool freeze);

    QList<Row> m_rows;
    QHash<ProcessJob *, QString> m_groups;
    QHash<FetchEngine *, FetchState> m_fetch;
    QTimer m_timer;
    QHash<const ProcessJob *, QList<int>> m_jobRows; // the rows of each job, in m_rows
    QSet<const ProcessJob *> m_dirtyJobs;            // changed since the last refresh
    QList<QPointer<ProcessJob>> m_dirtyOrder;
    bool m_lineMarks = false;
};
