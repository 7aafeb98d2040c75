#include "process/ProcessListModel.h"

#include "process/ProcessJob.h"
#include "process/ProcessSupervisor.h"
#include "process/ResourceSampler.h"
#include "process/RunSummary.h"
#include "process/SignalNames.h"

#include <QLocale>

namespace {
QString formatElapsed(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return QStringLiteral("%1.%2 s").arg(s).arg((ms % 1000) / 100);
    if (s < 3600)
        return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

ProcessListModel::ProcessListModel(ProcessSupervisor *supervisor, QObject *parent)
    : QAbstractItemModel(parent)
    , m_supervisor(supervisor)
    , m_sampler(new ResourceSampler(supervisor, this))
{
    connect(m_sampler, &ResourceSampler::sampled, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Cpu), index(rowCount() - 1, Memory),
                               {Qt::DisplayRole, RawValueRole, HistoryRole});
    });
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &ProcessListModel::onTick);
    // Rows are appended and removed in step with the supervisor's list.
    connect(supervisor, &ProcessSupervisor::jobAboutToBeAdded, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(supervisor, &ProcessSupervisor::jobAdded, this, [this](ProcessJob *) {
        endInsertRows();
        updateTimer();
    });
    connect(supervisor, &ProcessSupervisor::jobAboutToBeRemoved, this, [this](ProcessJob *job) {
        m_filterText.remove(job);
        const int row = m_supervisor->indexOf(job);
        beginRemoveRows({}, row, row);
    });
    connect(supervisor, &ProcessSupervisor::jobRemoved, this, [this](ProcessJob *) {
        endRemoveRows();
        updateTimer();
    });
    connect(supervisor, &ProcessSupervisor::jobChanged, this, &ProcessListModel::onJobChanged);
    // Queued for Start All's turns, or taken out of the queue: one change for all the rows.
    connect(supervisor, &ProcessSupervisor::pendingStartsChanged, this, [this] {
        m_filterText.clear();
        if (const int rows = rowCount({}); rows > 0)
            Q_EMIT dataChanged(index(0, State), index(rows - 1, State), {Qt::DisplayRole});
    });
}

// A stage row's internal id is its job's id (stable while rows come and go); a job row's is 0.
QModelIndex ProcessListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    ProcessJob *job = jobAt(parent.row());
    return job ? createIndex(row, column, quintptr(job->id())) : QModelIndex();
}

QModelIndex ProcessListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    ProcessJob *job = m_supervisor->jobById(int(child.internalId()));
    const int row = job ? rowOf(job) : -1;
    return row < 0 ? QModelIndex() : createIndex(row, 0, quintptr(0));
}

int ProcessListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_supervisor->jobs().size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    const ProcessJob *job = jobAt(parent.row());
    const int stages = job ? int(job->spec().pipeline.size()) + 1 : 0;
    return stages > 1 ? stages : 0; // a single command has no stage rows
}

int ProcessListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

ProcessJob *ProcessListModel::jobFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalId() != 0)
        return m_supervisor->jobById(int(index.internalId()));
    return jobAt(index.row());
}

QVariant ProcessListModel::stageData(const QModelIndex &index, int role) const
{
    const ProcessJob *job = jobFor(index);
    if (!job)
        return {};
    const int i = index.row();
    const QList<CommandStage> specStages = job->spec().stages();
    const CommandStage command = specStages.value(i);
    const ProcessJob::Stage st = job->stages().value(i);
    const bool started = i < job->stages().size();
    if (role == StateRole)
        return int(started ? st.state : ProcessJob::State::NotStarted);
    if (role == Qt::ToolTipRole)
        return st.error.isEmpty() ? QVariant() : QVariant(st.error);
    const bool display = role == Qt::DisplayRole;
    if (!display && role != RawValueRole)
        return {};
    const bool ended = started && !ProcessJob::isActiveState(st.state)
                       && st.state != ProcessJob::State::NotStarted;
    switch (index.column()) {
    case Name: return tr("stage %1: %2").arg(i + 1).arg(command.program);
    case Pid: return st.pid ? QVariant(st.pid) : (display ? QVariant(QString()) : QVariant(0));
    case State: return display ? QVariant(started ? job->stageWord(st) : ProcessJob::stateName(ProcessJob::State::NotStarted))
                               : QVariant(int(st.state));
    case Result:
        if (!ended)
            return display ? QVariant(QString()) : QVariant(-1);
        if (st.state == ProcessJob::State::Crashed)
            return display ? QVariant(SignalNames::name(st.exitSignal)) : QVariant(128 + st.exitSignal);
        if (st.state == ProcessJob::State::FailedToStart)
            return display ? QVariant(tr("error")) : QVariant(127);
        return st.exitCode;
    case Stdout:
        // Into the pipe to the next stage, when Runboard relays it (measurePipes); the last
        // stage's stdout is the pipeline's own, on its row.
        if (st.pipeBytes < 0)
            return display ? QVariant(QString()) : QVariant(-1);
        return display ? QVariant(RunSummary::formatBytes(st.pipeBytes)) : QVariant(st.pipeBytes);
    case Stderr:
        return display ? QVariant(RunSummary::formatBytes(st.stderrBytes)) : QVariant(st.stderrBytes);
    case Command: {
        QStringList words{shellQuote(command.program)};
        for (const QString &a : command.arguments)
            words << shellQuote(a);
        return words.join(QLatin1Char(' '));
    }
    default: return display ? QVariant(QString()) : QVariant();
    }
}

ProcessJob *ProcessListModel::jobAt(int row) const
{
    const auto &jobs = m_supervisor->jobs();
    return row >= 0 && row < jobs.size() ? jobs.at(row) : nullptr;
}

int ProcessListModel::rowOf(const ProcessJob *job) const
{
    return m_supervisor->indexOf(job);
}

QVariant ProcessListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Pid: return tr("PID");
    case State: return tr("State");
    case Elapsed: return tr("Elapsed");
    case Timeout: return tr("Timeout / stop");
    case Result: return tr("Exit");
    case Cpu: return tr("CPU");
    case Memory: return tr("Memory");
    case Stdout: return tr("Stdout");
    case Stderr: return tr("Stderr");
    case Command: return tr("Command");
    default: return {};
    }
}

QVariant ProcessListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == FilterTextRole) {
        // The columns a person filters by; not the ever-changing numbers (CPU, memory, times,
        // bytes), which a thousand rows re-matched on every sampler tick. The proxy asks again
        // for every row at every tick (whatever the roles that changed), so a job row's text is
        // kept until the job changes (onJobChanged): 1,000 rows cost 2-4 ms a tick otherwise.
        const ProcessJob *rowJob = index.parent().isValid() ? nullptr : jobAt(index.row());
        if (rowJob) {
            if (const auto it = m_filterText.constFind(rowJob); it != m_filterText.cend())
                return it.value();
        }
        QStringList parts;
        for (const int column : {Name, Pid, State, Result, Command})
            parts << data(index.siblingAtColumn(column), Qt::DisplayRole).toString();
        const QString text = parts.join(QChar(0x1f)); // a separator nobody types: no match across columns
        if (rowJob)
            m_filterText.insert(rowJob, text);
        return text;
    }
    if (index.internalId() != 0)
        return stageData(index, role);
    const ProcessJob *job = jobAt(index.row());
    if (!job)
        return {};
    if (role == JobIdRole)
        return job->id();
    if (role == StateRole)
        return int(job->state());
    if (role == PausedRole)
        return job->isPaused();
    if (role == HistoryRole) {
        QVariantList history;
        for (double v : m_sampler->usage(job->id()).cpuHistory)
            history << v;
        return history;
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Result || index.column() == State)
            return job->resultText();
        if (index.column() == Command)
            return job->spec().commandLine();
        return {};
    }
    const bool display = role == Qt::DisplayRole;
    if (!display && role != RawValueRole)
        return {};
    switch (index.column()) {
    case Name: return job->name();
    case Pid: return display ? (job->pid() ? QVariant(job->pid()) : QVariant(QString()))
                             : QVariant(job->pid());
    case State:
        if (display)
            return job->statusText();
        return int(job->state());
    case Elapsed:
        return display ? QVariant(formatElapsed(job->elapsedMs())) : QVariant(job->elapsedMs());
    case Timeout: {
        // While stopping, the stop ladder's countdown: SIGTERM was sent, SIGKILL comes next.
        if (const qint64 grace = job->remainingGraceMs(); grace >= 0)
            return display ? QVariant(tr("SIGKILL in %1").arg(formatElapsed(grace))) : QVariant(grace);
        if (job->spec().timeoutMs <= 0)
            return display ? QVariant(QString()) : QVariant(qint64(-1));
        const qint64 left = job->remainingTimeoutMs();
        if (!display)
            return left;
        if (left < 0)
            return formatElapsed(job->spec().timeoutMs);
        return tr("%1 left").arg(formatElapsed(left));
    }
    case Result:
        if (job->isActive() || job->state() == ProcessJob::State::NotStarted)
            return display ? QVariant(QString()) : QVariant(-1);
        if (job->exitSignal())
            return display ? QVariant(SignalNames::name(job->exitSignal()))
                           : QVariant(128 + job->exitSignal());
        return display && job->state() == ProcessJob::State::FailedToStart
                   ? QVariant(tr("error"))
                   : QVariant(job->shellExitStatus());
    case Cpu: {
        const JobUsage u = m_sampler->usage(job->id());
        if (!display)
            return u.cpuPercent;
        return job->isActive() && u.cpuPercent >= 0
                   ? QStringLiteral("%1 %").arg(u.cpuPercent, 0, 'f', u.cpuPercent < 10 ? 1 : 0)
                   : QString();
    }
    case Memory: {
        const JobUsage u = m_sampler->usage(job->id());
        if (!display)
            return u.rssBytes;
        return job->isActive() && u.rssBytes >= 0 ? RunSummary::formatBytes(u.rssBytes) : QString();
    }
    case Stdout:
        return display ? QVariant(RunSummary::formatBytes(job->bytesStdout()))
                       : QVariant(job->bytesStdout());
    case Stderr:
        return display ? QVariant(RunSummary::formatBytes(job->bytesStderr()))
                       : QVariant(job->bytesStderr());
    case Command: return job->spec().commandLine();
    default: return {};
    }
}

void ProcessListModel::onJobChanged(ProcessJob *job)
{
    m_filterText.remove(job);
    const int row = rowOf(job);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    const QModelIndex parentIndex = index(row, 0);
    if (const int stages = rowCount(parentIndex); stages > 0)
        Q_EMIT dataChanged(index(0, 0, parentIndex), index(stages - 1, ColumnCount - 1, parentIndex));
    updateTimer();
}

void ProcessListModel::onTick()
{
    int first = -1, last = -1;
    const auto &jobs = m_supervisor->jobs();
    for (int i = 0; i < jobs.size(); ++i) {
        if (jobs.at(i)->isActive()) {
            if (first < 0)
                first = i;
            last = i;
        }
    }
    if (first < 0) {
        m_tick.stop();
        return;
    }
    // Two ranges: CPU and memory change with the sampler's own signal, and a view sorted by
    // either must not re-sort on every tick.
    Q_EMIT dataChanged(index(first, Elapsed), index(last, Timeout), {Qt::DisplayRole, RawValueRole});
    Q_EMIT dataChanged(index(first, Stdout), index(last, Stderr), {Qt::DisplayRole, RawValueRole});
    for (int i = first; i <= last; ++i) {
        const QModelIndex parentIndex = index(i, 0);
        if (const int stages = rowCount(parentIndex); stages > 0 && jobs.at(i)->isActive())
            Q_EMIT dataChanged(index(0, Stderr, parentIndex), index(stages - 1, Stderr, parentIndex),
                               {Qt::DisplayRole, RawValueRole});
    }
}

void ProcessListModel::updateTimer()
{
    if (m_supervisor->activeCount() > 0) {
        if (!m_tick.isActive())
            m_tick.start();
    } else {
        m_tick.stop();
    }
}
