#pragma once

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <utility>

// Samples CPU and resident memory of every supervised child, each including its descendants,
// once a second while anything runs, on a worker thread (Linux: /proc; macOS: libproc; Windows:
// Toolhelp and PSAPI). Keeps a minute of history per job for sparklines, and the process tree
// of the last sample.
class ProcessSupervisor;

struct ProcessSample
{
    qint64 pid = 0;
    qint64 ppid = 0;
    QString name;
    qint64 cpuNs = 0; // user + system CPU time so far
    qint64 rssBytes = 0;
};

struct JobUsage
{
    double cpuPercent = -1; // of one core; may pass 100 on several cores
    qint64 rssBytes = -1;
    QList<double> cpuHistory; // oldest first, at most HistoryLength
};

class ResourceSampler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceSampler)
public:
    static constexpr int HistoryLength = 60;

    explicit ResourceSampler(ProcessSupervisor *supervisor, QObject *parent = nullptr);
    ~ResourceSampler() override;

    static bool isSupported();
    JobUsage usage(int jobId) const { return m_usage.value(jobId); }
    // The descendants of pid (itself first) in the last sample, depth-first, with depth.
    QList<QPair<int, ProcessSample>> tree(qint64 pid) const;
    void setInterval(int ms) { m_timer.setInterval(ms); }
    void sampleNow();
    bool isSampling() const { return m_watcher.isRunning(); }
    bool isScheduled() const { return m_timer.isActive(); }

Q_SIGNALS:
    void sampled();

private:
    void update();
    void onSample();

    // One sample, made on the worker thread: every process, who is whose child, and each
    // asked-for job's CPU and memory with its descendants (a thousand jobs' trees walked on
    // the GUI thread cost it ~4 ms a tick).
    struct Sample
    {
        QHash<qint64, ProcessSample> all;
        QHash<qint64, QList<qint64>> children;
        QHash<int, std::pair<qint64, qint64>> totals; // job id -> CPU ns, RSS bytes
    };
    using Roots = QList<std::pair<int, QList<qint64>>>; // job id -> its stages' PIDs
    static Sample take(const Roots &roots);
    static QList<QPair<int, ProcessSample>> walk(const QHash<qint64, ProcessSample> &all,
                                                 const QHash<qint64, QList<qint64>> &children,
                                                 qint64 pid);

    ProcessSupervisor *m_supervisor;
    QTimer m_timer;
    QFutureWatcher<Sample> m_watcher;
    QHash<qint64, ProcessSample> m_last;
    QHash<qint64, QList<qint64>> m_children;
    QHash<int, JobUsage> m_usage;
    QHash<int, qint64> m_lastTicks; // CPU ns of each job at the last sample
    qint64 m_lastSampleNs = 0;
};
