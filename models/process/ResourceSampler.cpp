#include "process/ResourceSampler.h"

#include "process/ProcessSupervisor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace {
QHash<qint64, ProcessSample> readAll()
{
    QHash<qint64, ProcessSample> all;
#ifdef Q_OS_LINUX
    static const long pageSize = ::sysconf(_SC_PAGESIZE);
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
        s.cpuTicks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
        s.rssBytes = fields.at(21).toLongLong() * pageSize;
        all.insert(pid, s);
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
#ifdef Q_OS_LINUX
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
    m_watcher.setFuture(QtConcurrent::run(readAll));
}

void ResourceSampler::onSample()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    m_last = m_watcher.result();
    m_children.clear();
    for (auto it = m_last.cbegin(); it != m_last.cend(); ++it)
        m_children[it->ppid].append(it->pid);
    const qint64 now = clock.nsecsElapsed();
    const double seconds = m_lastSampleNs > 0 ? (now - m_lastSampleNs) / 1e9 : 0.0;
    m_lastSampleNs = now;
#ifdef Q_OS_LINUX
    static const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
#else
    const long ticksPerSecond = 100;
#endif
    for (ProcessJob *job : m_supervisor->jobs()) {
        if (!job->isActive())
            continue;
        qint64 ticks = 0, rss = 0;
        for (const ProcessJob::Stage &st : job->stages()) {
            for (const auto &[depth, s] : tree(st.pid)) {
                Q_UNUSED(depth);
                ticks += s.cpuTicks;
                rss += s.rssBytes;
            }
        }
        JobUsage &u = m_usage[job->id()];
        u.rssBytes = rss;
        if (m_lastTicks.contains(job->id()) && seconds > 0) {
            const qint64 delta = std::max<qint64>(0, ticks - m_lastTicks.value(job->id()));
            u.cpuPercent = 100.0 * double(delta) / double(ticksPerSecond) / seconds;
            u.cpuHistory.append(u.cpuPercent);
            while (u.cpuHistory.size() > HistoryLength)
                u.cpuHistory.removeFirst();
        }
        m_lastTicks[job->id()] = ticks;
    }
    Q_EMIT sampled();
}

QList<QPair<int, ProcessSample>> ResourceSampler::tree(qint64 pid) const
{
    QList<QPair<int, ProcessSample>> out;
    if (!m_last.contains(pid))
        return out;
    QList<QPair<int, qint64>> stack{{0, pid}};
    while (!stack.isEmpty() && out.size() < 10000) {
        const auto [depth, p] = stack.takeLast();
        out.append({depth, m_last.value(p)});
        const QList<qint64> kids = m_children.value(p);
        for (auto it = kids.crbegin(); it != kids.crend(); ++it)
            stack.append({depth + 1, *it});
    }
    return out;
}
