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
    : QAbstractTableModel(parent)
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
        const int row = m_supervisor->indexOf(job);
        beginRemoveRows({}, row, row);
    });
    connect(supervisor, &ProcessSupervisor::jobRemoved, this, [this](ProcessJob *) {
        endRemoveRows();
        updateTimer();
    });
    connect(supervisor, &ProcessSupervisor::jobChanged, this, &ProcessListModel::onJobChanged);
}

int ProcessListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_supervisor->jobs().size());
}

int ProcessListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
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
    case Timeout: return tr("Timeout");
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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
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
            return job->isPaused() ? tr("paused") : ProcessJob::stateName(job->state());
        return int(job->state());
    case Elapsed:
        return display ? QVariant(formatElapsed(job->elapsedMs())) : QVariant(job->elapsedMs());
    case Timeout: {
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
    const int row = rowOf(job);
    if (row < 0)
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
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
    Q_EMIT dataChanged(index(first, Elapsed), index(last, Stderr),
                       {Qt::DisplayRole, RawValueRole});
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
