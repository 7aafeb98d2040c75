#include "timeline/TimelineRecorder.h"

#include "net/FetchEngine.h"
#include "process/ProcessJob.h"
#include "process/ProcessSupervisor.h"
#include "process/SignalNames.h"

#include <QFileInfo>

#include <utility>

namespace {

TimelineOutcome stageOutcome(const ProcessJob &job, const ProcessJob::Stage &st)
{
    using S = ProcessJob::State;
    if (job.isActive() && st.endedNs < 0 && st.state != S::FailedToStart)
        return TimelineOutcome::Running;
    if (!job.isActive()) {
        if (job.state() == S::TimedOut)
            return TimelineOutcome::TimedOut;
        if (job.state() == S::Killed)
            return TimelineOutcome::Stopped;
    }
    if (st.state == S::Finished && st.exitCode == 0)
        return TimelineOutcome::Ok;
    return TimelineOutcome::Failed;
}

QString stageResult(const ProcessJob::Stage &st)
{
    if (st.state == ProcessJob::State::FailedToStart)
        return st.error;
    if (st.exitSignal > 0)
        return QCoreApplication::translate("Timeline", "ended by %1").arg(SignalNames::name(st.exitSignal));
    if (st.exitCode >= 0)
        return QCoreApplication::translate("Timeline", "exit code %1").arg(st.exitCode);
    return {};
}

} // namespace

TimelineRecorder::TimelineRecorder(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(UpdateMs);
    connect(&m_timer, &QTimer::timeout, this, &TimelineRecorder::refresh);
}

void TimelineRecorder::watch(ProcessSupervisor *supervisor, const QString &group)
{
    for (ProcessJob *job : supervisor->jobs())
        addJob(job, group);
    connect(supervisor, &ProcessSupervisor::jobAdded, this,
            [this, group](ProcessJob *job) { addJob(job, group); });
}

void TimelineRecorder::addJob(ProcessJob *job, const QString &group)
{
    if (m_groups.contains(job))
        return;
    m_groups.insert(job, group);
    connect(job, &ProcessJob::stateChanged, this, [this, job] { onJobState(job); });
    connect(job, &ProcessJob::outputAppended, this, [this, job] { onJobState(job); });
    connect(job, &ProcessJob::done, this, [this, job] { onJobDone(job); });
    connect(job, &QObject::destroyed, this, [this, job] { m_groups.remove(job); });
    if (job->runCount() > 0)
        onJobState(job);
}

void TimelineRecorder::addFetchEngine(FetchEngine *engine, const QString &group)
{
    if (m_fetch.contains(engine))
        return;
    m_fetch.insert(engine, FetchState{group, 0, 0});
    connect(engine, &FetchEngine::started, this, [this, engine] {
        FetchState &f = m_fetch[engine];
        ++f.batch;
        f.batchStartUs = Timeline::nowUs();
    });
    connect(engine, &FetchEngine::resultReady, this,
            [this, engine](const FetchResult &r) { onFetchResult(engine, r); });
    connect(engine, &QObject::destroyed, this, [this, engine] { m_fetch.remove(engine); });
}

void TimelineRecorder::setFetchGroup(FetchEngine *engine, const QString &group)
{
    if (m_fetch.contains(engine))
        m_fetch[engine].group = group;
}

void TimelineRecorder::addTrack(const TimelineTrack &track)
{
    Row r;
    r.frozen = true;
    r.track = track;
    appendRows({r});
}

QList<TimelineTrack> TimelineRecorder::tracks() const
{
    QList<TimelineTrack> out;
    out.reserve(m_rows.size());
    for (const Row &r : m_rows)
        out << r.track;
    return out;
}

void TimelineRecorder::onJobState(ProcessJob *job)
{
    if (job->runCount() == 0)
        return;
    // A run not seen yet: freeze the rows of the runs before it, add its rows. Only this job's
    // rows are looked at (m_jobRows): with a thousand children on the board, a scan of every
    // row at every chunk of output was the recorder's main cost.
    bool known = false;
    const QList<int> mine = m_jobRows.value(job);
    for (int i : mine) {
        Row &r = m_rows[i];
        if (r.job != job)
            continue; // a row of a deleted job whose address this one reuses
        if (r.run == job->runCount())
            known = true;
        else
            r.frozen = true;
    }
    if (!known) {
        const QList<TimelineTrack> tracks = tracksOfJob(*job, m_groups.value(job), m_lineMarks);
        QList<Row> rows;
        for (int i = 0; i < tracks.size(); ++i) {
            Row r;
            r.job = job;
            r.run = job->runCount();
            r.stage = i;
            r.track = tracks.at(i);
            rows << r;
        }
        appendRows(rows);
        return;
    }
    for (int i : mine) {
        if (m_rows.at(i).job == job && !m_rows.at(i).frozen) {
            scheduleUpdate(job);
            return;
        }
    }
}

void TimelineRecorder::onJobDone(ProcessJob *job)
{
    onJobState(job);
    updateJobRows(job, true);
}

void TimelineRecorder::updateJobRows(ProcessJob *job, bool freeze)
{
    const QList<TimelineTrack> tracks = tracksOfJob(*job, m_groups.value(job), m_lineMarks);
    int lo = -1, hi = -1;
    for (int i : m_jobRows.value(job)) {
        Row &r = m_rows[i];
        if (r.job != job || r.frozen || r.run != job->runCount() || r.stage >= tracks.size())
            continue;
        r.track = tracks.at(r.stage);
        r.frozen = freeze;
        lo = lo < 0 ? i : lo;
        hi = i;
    }
    if (lo >= 0)
        Q_EMIT tracksUpdated(lo, hi);
}

void TimelineRecorder::onFetchResult(FetchEngine *engine, const FetchResult &result)
{
    const FetchState f = m_fetch.value(engine);
    const qint64 start = f.batchStartUs + std::max<qint64>(0, result.startMs) * 1000;
    TimelineSegment seg;
    seg.startUs = start;
    seg.endUs = start + std::max<qint64>(0, result.totalMs) * 1000;
    seg.outcome = result.ok() ? TimelineOutcome::Ok
                  : result.error == FetchResult::Error::Cancelled ? TimelineOutcome::Stopped
                  : result.error == FetchResult::Error::Timeout   ? TimelineOutcome::TimedOut
                                                                  : TimelineOutcome::Failed;
    seg.label = result.finalUrl.isValid() && !result.finalUrl.isEmpty()
                    ? result.finalUrl.toDisplayString(QUrl::RemoveUserInfo)
                    : result.requested;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (r.engine == engine && r.batch == f.batch && r.worker == result.worker) {
            r.track.segments << seg;
            if (result.firstByteMs >= 0)
                r.track.marks << TimelineMark{TimelineMark::Kind::FirstByte,
                                              start + result.firstByteMs * 1000, seg.label};
            Q_EMIT tracksUpdated(i, i);
            return;
        }
    }
    Row r;
    r.engine = engine;
    r.batch = f.batch;
    r.worker = result.worker;
    r.frozen = true;
    r.track.group = f.group;
    if (engine->options().threadPerRequest) {
        r.track.name = tr("%1 · worker thread %2").arg(f.group).arg(result.worker + 1);
        r.track.details = tr("Fetch worker thread %1 of \"%2\"").arg(result.worker + 1).arg(f.group);
    } else {
        // The slots share a few runner threads: a row is a slot, one request at a time.
        r.track.name = tr("%1 · slot %2").arg(f.group).arg(result.worker + 1);
        r.track.details = tr("Fetch slot %1 of \"%2\", on runner thread %3 (the slots share "
                             "about one thread per core)")
                              .arg(result.worker + 1).arg(f.group).arg(result.thread + 1);
    }
    r.track.segments << seg;
    if (result.firstByteMs >= 0)
        r.track.marks << TimelineMark{TimelineMark::Kind::FirstByte, start + result.firstByteMs * 1000,
                                      seg.label};
    appendRows({r});
}

void TimelineRecorder::appendRows(const QList<Row> &rows)
{
    if (rows.isEmpty())
        return;
    Q_EMIT aboutToAddTracks(int(m_rows.size()), int(rows.size()));
    for (const Row &r : rows) {
        if (r.job)
            m_jobRows[r.job.data()].append(int(m_rows.size()));
        m_rows << r;
    }
    Q_EMIT tracksAdded();
}

void TimelineRecorder::scheduleUpdate(ProcessJob *job)
{
    if (!m_dirtyJobs.contains(job)) {
        m_dirtyJobs.insert(job);
        m_dirtyOrder << job;
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void TimelineRecorder::refresh()
{
    // Only the jobs that changed since the last refresh: their tracks are rebuilt.
    const QList<QPointer<ProcessJob>> dirty = std::exchange(m_dirtyOrder, {});
    m_dirtyJobs.clear();
    for (const QPointer<ProcessJob> &job : dirty) {
        if (job)
            updateJobRows(job.data(), false);
    }
}

QList<TimelineTrack> TimelineRecorder::tracksOfJob(const ProcessJob &job, const QString &group,
                                                   bool lineMarks)
{
    const ProcessJob::Timeline &t = job.timeline();
    const qint64 base = t.startedAtMs * 1000;
    auto at = [base](qint64 ns) { return base + ns / 1000; };
    QList<CommandStage> commands = job.spec().stages();
    const QList<ProcessJob::Stage> &stages = job.stages();
    const int n = int(std::max(commands.size(), stages.size()));
    QList<TimelineTrack> out;
    for (int i = 0; i < n; ++i) {
        TimelineTrack tr;
        tr.group = group;
        const ProcessJob::Stage st = i < stages.size() ? stages.at(i) : ProcessJob::Stage{};
        const CommandStage cmd = i < commands.size() ? commands.at(i) : st.command;
        tr.name = n > 1 ? QStringLiteral("%1 · %2 %3").arg(job.name()).arg(i + 1).arg(QFileInfo(cmd.program).fileName())
                        : job.name();
        TimelineSegment seg;
        seg.startUs = at(std::max<qint64>(0, st.startedNs));
        if (st.endedNs >= 0)
            seg.endUs = at(st.endedNs);
        else if (!job.isActive())
            seg.endUs = t.endedNs >= 0 ? at(t.endedNs) : seg.startUs;
        seg.outcome = stageOutcome(job, st);
        const QString result = stageResult(st);
        seg.label = result;
        if (seg.endUs >= 0 || !job.isActive() || st.pid > 0 || job.runCount() > 0)
            tr.segments << seg;
        QStringList details{shellQuote(cmd.program) + QLatin1Char(' ')
                            + QStringList(cmd.arguments).join(QLatin1Char(' '))};
        if (st.pid > 0)
            details << QCoreApplication::translate("Timeline", "PID %1").arg(st.pid);
        details << Timeline::outcomeName(seg.outcome);
        if (!result.isEmpty())
            details << result;
        tr.details = details.join(QStringLiteral(" · "));
        if (i == 0 && t.stdinClosedNs >= 0)
            tr.marks << TimelineMark{TimelineMark::Kind::StdinClosed, at(t.stdinClosedNs), {}};
        if (i == n - 1 && t.firstOutputNs >= 0)
            tr.marks << TimelineMark{TimelineMark::Kind::FirstOutput, at(t.firstOutputNs), {}};
        if (t.signalledNs >= 0) {
            const QString why = job.stopReason() == ProcessJob::StopReason::Timeout
                                    ? QCoreApplication::translate("Timeline", "SIGTERM (timeout)")
                                    : QCoreApplication::translate("Timeline", "SIGTERM (stop)");
            tr.marks << TimelineMark{TimelineMark::Kind::Signal, at(t.signalledNs), why};
        }
        if (seg.endUs >= 0 && st.endedNs >= 0)
            tr.marks << TimelineMark{TimelineMark::Kind::Exit, seg.endUs, result};
        if (lineMarks && i == n - 1 && job.log()) {
            const OutputLog *log = job.log();
            const qint64 from = std::max(log->firstLine(), log->endLine() - 2000);
            int added = 0;
            for (qint64 l = from; l < log->endLine() && added < MaxLineMarks; ++l) {
                const OutputLog::Line line = log->line(l);
                if ((line.stream != OutputLog::Stdout && line.stream != OutputLog::Stderr)
                    || line.timestampMs < t.startedAtMs)
                    continue;
                tr.marks << TimelineMark{TimelineMark::Kind::Line, line.timestampMs * 1000,
                                         line.text.left(80)};
                ++added;
            }
        }
        out << tr;
    }
    return out;
}
