#include "process/ProcessTree.h"

#include <QElapsedTimer>
#include <QSet>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#endif

namespace ProcessTree {

namespace {
// A stop of many children in one event-loop turn reads /proc once; a later stop reads it anew.
constexpr qint64 SnapshotReuseMs = 5;

#ifdef Q_OS_LINUX
bool parseStat(const char *buf, qint64 pid, Info *info)
{
    // "pid (comm) S ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    //  cutime cstime priority nice threads itrealvalue starttime ..."; comm may hold ')'.
    const char *open = std::strchr(buf, '(');
    const char *close = std::strrchr(buf, ')');
    if (!open || !close || close < open || close[1] == '\0')
        return false;
    info->pid = pid;
    info->comm = QByteArray(open + 1, int(close - open - 1));
    const char *p = close + 2;
    info->state = *p;
    long long fields[20] = {};
    int n = 0;
    char *end = nullptr;
    p += 1;
    while (n < 19 && *p) {
        fields[n++] = std::strtoll(p, &end, 10);
        if (end == p)
            return false;
        p = end;
    }
    if (n < 19)
        return false;
    // fields[0] = ppid, [1] = pgrp, [2] = session, ... [18] = starttime
    info->ppid = fields[0];
    info->pgid = fields[1];
    info->sid = fields[2];
    info->startTime = quint64(fields[18]);
    return true;
}

bool readStat(qint64 pid, Info *info)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%lld/stat", static_cast<long long>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    char buf[1024];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    return parseStat(buf, pid, info);
}
#endif

Snapshot &cached()
{
    static Snapshot s;
    return s;
}
// The index of cached(), built when first asked for; null when cached() changed since.
std::shared_ptr<Indexed> &cachedIndex()
{
    static std::shared_ptr<Indexed> i;
    return i;
}
void setCached(const Snapshot &s)
{
    cached() = s;
    cachedIndex().reset();
}
void removeFrom(QHash<qint64, QList<qint64>> &lists, qint64 key, qint64 pid)
{
    const auto it = lists.find(key);
    if (it == lists.end())
        return;
    it->removeOne(pid);
    if (it->isEmpty())
        lists.erase(it);
}
QElapsedTimer &cacheClock()
{
    static QElapsedTimer t;
    return t;
}
int g_batchDepth = 0;      // SnapshotBatch objects alive (GUI thread only, as the ladders)
bool g_batchRead = false;  // the batch's snapshot has been read
} // namespace

SnapshotBatch::SnapshotBatch()
{
    if (g_batchDepth++ == 0) {
        g_batchRead = false;
        cacheClock().invalidate();
    }
}

SnapshotBatch::~SnapshotBatch()
{
    if (--g_batchDepth == 0) {
        g_batchRead = false;
        cacheClock().invalidate(); // what comes after reads /proc anew
    }
}

bool isSupported()
{
#ifdef Q_OS_LINUX
    return true;
#else
    return false;
#endif
}

bool readInfo(qint64 pid, Info *info)
{
#ifdef Q_OS_LINUX
    return readStat(pid, info);
#else
    Q_UNUSED(pid);
    Q_UNUSED(info);
    return false;
#endif
}

void invalidateSnapshot()
{
    if (g_batchDepth > 0 && g_batchRead)
        return;
    cacheClock().invalidate();
}

Snapshot snapshot()
{
    QElapsedTimer &clock = cacheClock();
    if (clock.isValid() && (clock.elapsed() < SnapshotReuseMs || (g_batchDepth > 0 && g_batchRead)))
        return cached();
    g_batchRead = g_batchDepth > 0;
    const Snapshot s = readSnapshot();
    setCached(s);
    clock.start();
    return s;
}

Snapshot readSnapshot()
{
    Snapshot s;
#ifdef Q_OS_LINUX
    if (DIR *dir = ::opendir("/proc")) {
        while (const dirent *e = ::readdir(dir)) {
            if (e->d_name[0] < '1' || e->d_name[0] > '9')
                continue;
            const qint64 pid = std::strtoll(e->d_name, nullptr, 10);
            Info info;
            if (pid > 0 && readStat(pid, &info))
                s.insert(pid, info);
        }
        ::closedir(dir);
    }
#endif
    return s;
}

void forgetProcess(qint64 pid)
{
    const auto it = cached().constFind(pid);
    if (it == cached().cend())
        return;
    const Info info = *it;
    cached().remove(pid);
    std::shared_ptr<Indexed> &i = cachedIndex();
    if (!i)
        return;
    if (i.use_count() > 1)
        i = std::make_shared<Indexed>(*i); // someone holds the old one: it stays as it was
    i->processes.remove(pid);
    removeFrom(i->children, info.ppid, pid);
    removeFrom(i->groups, info.pgid, pid);
}

void primeSnapshot(const Snapshot &s)
{
    g_batchRead = g_batchDepth > 0;
    setCached(s);
    cacheClock().start();
}

Indexed index(const Snapshot &snapshot)
{
    Indexed out;
    out.processes = snapshot;
    out.children.reserve(snapshot.size());
    out.groups.reserve(snapshot.size());
    for (const Info &i : snapshot) {
        out.children[i.ppid].append(i.pid);
        out.groups[i.pgid].append(i.pid);
    }
    return out;
}

std::shared_ptr<const Indexed> indexedSnapshot()
{
    const Snapshot s = snapshot(); // reads /proc again when the cached one is too old
    std::shared_ptr<Indexed> &i = cachedIndex();
    if (!i)
        i = std::make_shared<Indexed>(index(s));
    return i;
}

QList<qint64> descendants(const Indexed &snapshot, const QList<qint64> &roots)
{
    QList<qint64> out;
    QSet<qint64> seen(roots.cbegin(), roots.cend());
    QList<qint64> todo = roots;
    while (!todo.isEmpty()) {
        const qint64 p = todo.takeLast();
        const auto it = snapshot.children.constFind(p);
        if (it == snapshot.children.cend())
            continue;
        for (qint64 c : *it) {
            if (seen.contains(c))
                continue;
            seen.insert(c);
            out.append(c);
            todo.append(c);
        }
    }
    return out;
}

QList<qint64> descendants(const Snapshot &snapshot, const QList<qint64> &roots)
{
    Indexed links;
    for (const Info &i : snapshot)
        links.children[i.ppid].append(i.pid);
    return descendants(links, roots);
}

quint64 pipeInode(int fd)
{
    struct stat st = {};
    if (fd < 0 || ::fstat(fd, &st) != 0)
        return 0;
    return quint64(st.st_ino);
}

QList<qint64> holdersOf(const QList<qint64> &candidates, const QList<quint64> &inodes)
{
    QList<qint64> out;
#ifdef Q_OS_LINUX
    QList<QByteArray> names;
    for (quint64 ino : inodes) {
        if (ino)
            names.append("pipe:[" + QByteArray::number(ino) + ']');
    }
    if (names.isEmpty())
        return out;
    for (qint64 pid : candidates) {
        char dirPath[64];
        std::snprintf(dirPath, sizeof dirPath, "/proc/%lld/fd", static_cast<long long>(pid));
        DIR *dir = ::opendir(dirPath);
        if (!dir)
            continue;
        bool holds = false;
        while (const dirent *e = ::readdir(dir)) {
            if (e->d_name[0] == '.')
                continue;
            char link[64];
            const ssize_t n = ::readlinkat(::dirfd(dir), e->d_name, link, sizeof link - 1);
            if (n <= 0)
                continue;
            if (names.contains(QByteArray(link, int(n)))) {
                holds = true;
                break;
            }
        }
        ::closedir(dir);
        if (holds)
            out.append(pid);
    }
#else
    Q_UNUSED(candidates);
    Q_UNUSED(inodes);
#endif
    return out;
}

void becomeSubreaper()
{
#ifdef Q_OS_LINUX
    static const bool done = [] {
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        return true;
    }();
    Q_UNUSED(done);
#endif
}

Handle::Handle(Handle &&other) noexcept
    : m_pid(std::exchange(other.m_pid, 0))
    , m_startTime(std::exchange(other.m_startTime, 0))
    , m_fd(std::exchange(other.m_fd, -1))
{}

Handle &Handle::operator=(Handle &&other) noexcept
{
    if (this != &other) {
        close();
        m_pid = std::exchange(other.m_pid, 0);
        m_startTime = std::exchange(other.m_startTime, 0);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

Handle::~Handle()
{
    close();
}

void Handle::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_pid = 0;
}

Handle Handle::open(qint64 pid, quint64 startTime)
{
    Handle h;
    if (pid <= 0)
        return h;
#ifdef Q_OS_LINUX
    const int fd = int(::syscall(SYS_pidfd_open, pid_t(pid), 0)); // close-on-exec already
    // The pidfd names whatever has the PID now: it is ours only if it started when ours did.
    Info info;
    if (!readStat(pid, &info) || info.startTime != startTime) {
        if (fd >= 0)
            ::close(fd);
        return h;
    }
    h.m_fd = fd; // -1 where the kernel has no pidfd_open: the start time is checked instead
#else
    Q_UNUSED(startTime);
#endif
    h.m_pid = pid;
    h.m_startTime = startTime;
    return h;
}

Handle Handle::openChild(qint64 pid)
{
    Handle h;
    if (pid <= 0)
        return h;
#ifdef Q_OS_LINUX
    const int fd = int(::syscall(SYS_pidfd_open, pid_t(pid), 0)); // close-on-exec already
    if (fd >= 0) {
        h.m_fd = fd;
        h.m_pid = pid;
        return h;
    }
#endif
    Info info;
    if (readStat(pid, &info))
        return open(pid, info.startTime);
    return h;
}

bool Handle::signal(int sig) const
{
    if (m_pid <= 0)
        return false;
#ifdef Q_OS_LINUX
    if (m_fd >= 0)
        return ::syscall(SYS_pidfd_send_signal, m_fd, sig, nullptr, 0) == 0;
    Info info;
    if (!readStat(m_pid, &info) || info.startTime != m_startTime)
        return false;
#endif
    return ::kill(pid_t(m_pid), sig) == 0;
}

} // namespace ProcessTree
