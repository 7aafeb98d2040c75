#include "process/ResourceSampler.h"

#include "process/ProcessSupervisor.h"
#include "system/BackgroundPool.h"
#include "system/ThreadPriority.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

#if defined(Q_OS_LINUX)
#include <unistd.h>
#elif defined(Q_OS_MACOS)
#include <libproc.h>
#include <mach/mach_time.h>
#include <sys/proc_info.h>
#include <vector>
#elif defined(Q_OS_WIN)
#include "process/Win32Tree.h"
#endif

namespace {
QHash<qint64, ProcessSample> readAll()
{
    // Reading a thousand children's /proc files costs tens of milliseconds a second: on a busy
    // two-core machine that must not take a core from the GUI thread (the one thread of
    // BackgroundPool::lowPriority(), lowered for good: nothing else runs there). Not a thread of
    // Qt's global pool: the raster paint engine waits for those (see BackgroundPool.h).
    ThreadPriority::lowerCurrentThread();
    QHash<qint64, ProcessSample> all;
#if defined(Q_OS_LINUX)
    static const long pageSize = ::sysconf(_SC_PAGESIZE);
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.read(4096);
        const qsizetype open = stat.indexOf('('), close = stat.lastIndexOf(')');
        if (open < 0 || close < 0)
            continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, rss 24.
        if (fields.size() < 22)
            continue;
        ProcessSample s;
        s.pid = pid;
        s.name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
        s.ppid = fields.at(1).toLongLong();
        s.cpuNs = (fields.at(11).toLongLong() + fields.at(12).toLongLong()) * (1000000000LL / ticksPerSecond);
        s.rssBytes = fields.at(21).toLongLong() * pageSize;
        all.insert(pid, s);
    }
#elif defined(Q_OS_MACOS)
    mach_timebase_info_data_t timebase{};
    mach_timebase_info(&timebase);
    std::vector<pid_t> pids(size_t(std::max(0, proc_listallpids(nullptr, 0))) + 64);
    const int n = proc_listallpids(pids.data(), int(pids.size() * sizeof(pid_t)));
    for (int i = 0; i < n; ++i) {
        proc_bsdinfo bsd{};
        proc_taskinfo task{};
        if (proc_pidinfo(pids[i], PROC_PIDTBSDINFO, 0, &bsd, sizeof bsd) != int(sizeof bsd))
            continue;
        ProcessSample s;
        s.pid = pids[i];
        s.ppid = bsd.pbi_ppid;
        s.name = QString::fromUtf8(bsd.pbi_comm);
        if (proc_pidinfo(pids[i], PROC_PIDTASKINFO, 0, &task, sizeof task) == int(sizeof task)) {
            // Mach absolute time units, not always nanoseconds (Apple silicon).
            s.cpuNs = qint64((task.pti_total_user + task.pti_total_system) * timebase.numer / timebase.denom);
            s.rssBytes = qint64(task.pti_resident_size);
        }
        all.insert(s.pid, s);
    }
#elif defined(Q_OS_WIN)
    for (const Win32Tree::ProcessEntry &e : Win32Tree::snapshot()) {
        ProcessSample s;
        s.pid = e.pid;
        s.ppid = e.parentPid;
        s.name = QString::fromStdWString(e.executable);
        if (e.cpuNs >= 0)
            s.cpuNs = e.cpuNs;
        if (e.workingSetBytes >= 0)
            s.rssBytes = e.workingSetBytes;
        all.insert(s.pid, s);
    }
#endif
    return all;
}
} // namespace

ResourceSampler::ResourceSampler(ProcessSupervisor *supervisor, QObject *parent)
    : QObject(parent)
    , m_supervisor(supervisor)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &ResourceSampler::sampleNow);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ResourceSampler::onSample);
    connect(supervisor, &ProcessSupervisor::jobChanged, this, &ResourceSampler::update);
    connect(supervisor, &ProcessSupervisor::jobRemoved, this, [this](ProcessJob *job) {
        m_usage.remove(job->id());
        m_lastTicks.remove(job->id());
    });
}

ResourceSampler::~ResourceSampler()
{
    m_watcher.waitForFinished(); // a sample takes milliseconds; teardown only
}

bool ResourceSampler::isSupported()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS) || defined(Q_OS_WIN)
    return true;
#else
    return false;
#endif
}

void ResourceSampler::update()
{
    // Sample only while something runs: an idle board has no timer firing.
    if (!isSupported())
        return;
    const bool active = m_supervisor->activeCount() > 0;
    if (active && !m_timer.isActive()) {
        m_timer.start();
        sampleNow();
    } else if (!active) {
        m_timer.stop();
    }
}

void ResourceSampler::sampleNow()
{
    if (m_watcher.isRunning())
        return;
    Roots roots;
    for (ProcessJob *job : m_supervisor->jobs()) {
        if (!job->isActive())
            continue;
        QList<qint64> pids;
        for (const ProcessJob::Stage &st : job->stages())
            pids << st.pid;
        roots.append({job->id(), pids});
    }
    m_watcher.setFuture(QtConcurrent::run(BackgroundPool::lowPriority(), &ResourceSampler::take, roots));
}

ResourceSampler::Sample ResourceSampler::take(const Roots &roots)
{
    Sample s;
    s.all = readAll();
    for (auto it = s.all.cbegin(); it != s.all.cend(); ++it)
        s.children[it->ppid].append(it->pid);
    for (const auto &[id, pids] : roots) {
        qint64 cpuNs = 0, rss = 0;
        for (qint64 pid : pids) {
            for (const auto &[depth, p] : walk(s.all, s.children, pid)) {
                Q_UNUSED(depth);
                cpuNs += p.cpuNs;
                rss += p.rssBytes;
            }
        }
        s.totals.insert(id, {cpuNs, rss});
    }
    return s;
}

void ResourceSampler::onSample()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    Sample sample = m_watcher.result();
    m_last = std::move(sample.all);
    m_children = std::move(sample.children);
    const qint64 now = clock.nsecsElapsed();
    const double seconds = m_lastSampleNs > 0 ? (now - m_lastSampleNs) / 1e9 : 0.0;
    m_lastSampleNs = now;
    for (ProcessJob *job : m_supervisor->jobs()) {
        const auto total = sample.totals.constFind(job->id());
        if (!job->isActive() || total == sample.totals.cend())
            continue; // ended since, or started after the sample was asked for
        const auto [cpuNs, rss] = total.value();
        JobUsage &u = m_usage[job->id()];
        u.rssBytes = rss;
        if (m_lastTicks.contains(job->id()) && seconds > 0) {
            const qint64 delta = std::max<qint64>(0, cpuNs - m_lastTicks.value(job->id()));
            u.cpuPercent = 100.0 * double(delta) / 1e9 / seconds;
            u.cpuHistory.append(u.cpuPercent);
            while (u.cpuHistory.size() > HistoryLength)
                u.cpuHistory.removeFirst();
        }
        m_lastTicks[job->id()] = cpuNs;
    }
    Q_EMIT sampled();
}

QList<QPair<int, ProcessSample>> ResourceSampler::tree(qint64 pid) const
{
    return walk(m_last, m_children, pid);
}

QList<QPair<int, ProcessSample>> ResourceSampler::walk(const QHash<qint64, ProcessSample> &all,
                                                       const QHash<qint64, QList<qint64>> &children,
                                                       qint64 pid)
{
    QList<QPair<int, ProcessSample>> out;
    if (!all.contains(pid))
        return out;
    QList<QPair<int, qint64>> stack{{0, pid}};
    while (!stack.isEmpty() && out.size() < 10000) {
        const auto [depth, p] = stack.takeLast();
        out.append({depth, all.value(p)});
        const QList<qint64> kids = children.value(p);
        for (auto it = kids.crbegin(); it != kids.crend(); ++it)
            stack.append({depth + 1, *it});
    }
    return out;
}
