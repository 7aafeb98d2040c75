#include "process/Guardian.h"

#include "process/ChildSetup.h"
#include "process/ProcessTree.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace {
enum : uint32_t { WatchGroup = 1, ForgetGroup = 2, WatchProcess = 3 };

struct Record
{
    uint32_t type;
    int32_t pid;
    uint64_t startTime;
};
static_assert(sizeof(Record) == 16, "records are written whole (PIPE_BUF)");

int g_writeFd = -1;
pid_t g_pid = 0;

// 16 bytes to a pipe are written whole or not at all. Writes nothing but the pipe: a child
// that shares Runboard's memory (vfork) calls it too.
RB_CHILD_CODE ssize_t writeRecord(int fd, uint32_t type, qint64 pid, quint64 startTime)
{
    const Record r{type, int32_t(pid), uint64_t(startTime)};
    ssize_t n;
    do {
        n = ::write(fd, &r, sizeof r);
    } while (n < 0 && errno == EINTR);
    return n;
}

void send(uint32_t type, qint64 pid, quint64 startTime)
{
    if (g_writeFd < 0 || pid <= 0)
        return;
    // A guardian that died makes this fail with EPIPE (SIGPIPE is ignored by both programs):
    // Runboard goes on without it.
    const ssize_t n = writeRecord(g_writeFd, type, pid, startTime);
    if (n < 0 && errno == EPIPE) {
        ::close(g_writeFd);
        g_writeFd = -1;
    }
}

#ifdef Q_OS_LINUX
// Runs in the guardian once Runboard is gone: Runboard's memory, no Qt event loop, one thread.
void killEverything(const std::map<int32_t, uint64_t> &groups,
                    const std::map<int32_t, uint64_t> &processes)
{
    std::set<qint64> frozen;
    for (int round = 0; round < 4; ++round) {
        ProcessTree::invalidateSnapshot();
        const ProcessTree::Snapshot snap = ProcessTree::snapshot();
        QList<qint64> roots;
        for (const auto &i : snap) {
            if (i.pid == ::getpid())
                continue;
            const auto g = groups.find(int32_t(i.pgid));
            bool ours = false;
            if (g != groups.end()) {
                // A group is ours unless its leader's PID now names a newer process: then the
                // group was empty once and the number was reused.
                const auto leader = snap.constFind(i.pgid);
                ours = leader == snap.cend() || leader->startTime == g->second;
            }
            const auto p = processes.find(int32_t(i.pid));
            if (p != processes.end() && p->second == i.startTime)
                ours = true;
            if (ours)
                roots.append(i.pid);
        }
        QList<qint64> all = roots + ProcessTree::descendants(snap, roots);
        bool fresh = false;
        for (qint64 pid : all) {
            const auto info = snap.constFind(pid);
            if (info == snap.cend() || info->state == 'Z')
                continue;
            if (frozen.insert(pid).second) {
                fresh = true;
                // Frozen first, so that nothing forks while we collect the rest.
                ProcessTree::Handle h = ProcessTree::Handle::open(pid, info->startTime);
                h.signal(SIGSTOP);
            }
        }
        if (!fresh && round > 0)
            break;
    }
    ProcessTree::invalidateSnapshot();
    const ProcessTree::Snapshot snap = ProcessTree::snapshot();
    for (qint64 pid : frozen) {
        const auto info = snap.constFind(pid);
        if (info == snap.cend())
            continue;
        ProcessTree::Handle h = ProcessTree::Handle::open(pid, info->startTime);
        h.signal(SIGKILL);
    }
}

// The command line in /proc is the memory of main()'s argv: overwrite it in place.
void rename(int argc, char **argv)
{
#ifdef Q_OS_LINUX
    ::prctl(PR_SET_NAME, "rb-guardian");
#endif
    if (argc <= 0 || !argv || !argv[0])
        return;
    char *begin = argv[0];
    char *end = argv[argc - 1] + std::strlen(argv[argc - 1]);
    static const char title[] = "rb-guardian";
    const size_t room = size_t(end - begin);
    std::memset(begin, 0, room);
    std::memcpy(begin, title, std::min(room, sizeof title - 1));
}

[[noreturn]] void guardianMain(int readFd, int argc, char **argv)
{
    ::setsid(); // out of Runboard's group and terminal: Ctrl-C and kill -PGID miss us
    rename(argc, argv);
    for (int s = 1; s < 32; ++s) {
        if (s != SIGKILL && s != SIGSTOP && s != SIGCHLD)
            ::signal(s, SIG_IGN);
    }
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
        // Holding Runboard's stdout would keep a reader of it waiting for us.
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(null, 2);
    }
    for (int fd = 3; fd < 1024; ++fd) {
        if (fd != readFd)
            ::close(fd);
    }
    std::map<int32_t, uint64_t> groups, processes;
    Record r;
    size_t have = 0;
    for (;;) {
        const ssize_t n = ::read(readFd, reinterpret_cast<char *>(&r) + have, sizeof r - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // Runboard is gone, however it ended
        have += size_t(n);
        if (have < sizeof r)
            continue;
        have = 0;
        switch (r.type) {
        case WatchGroup: groups[r.pid] = r.startTime; break;
        case ForgetGroup: groups.erase(r.pid); break;
        case WatchProcess: processes[r.pid] = r.startTime; break;
        default: break;
        }
    }
    killEverything(groups, processes);
    ::_exit(0);
}
#endif
} // namespace

bool Guardian::start(int argc, char **argv)
{
#ifdef Q_OS_LINUX
    if (g_writeFd >= 0)
        return true;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return false;
    // Runboard started with fd 0, 1 or 2 closed: the pipe would land there, and the guardian's
    // /dev/null over its own 0-2 would replace its end of it (it read EOF at once and left;
    // every child's record then hit a closed pipe).
    for (int &fd : fds) {
        if (fd < 3) {
            const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
            ::close(fd);
            fd = moved;
        }
    }
    if (fds[0] < 0 || fds[1] < 0) {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
        return false;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return false;
    }
    if (pid == 0) {
        ::close(fds[1]);
        guardianMain(fds[0], argc, argv);
    }
    ::close(fds[0]);
    g_writeFd = fds[1];
    g_pid = pid;
    return true;
#else
    return false;
#endif
}

bool Guardian::isRunning()
{
    return g_writeFd >= 0;
}

qint64 Guardian::pid()
{
    return g_pid;
}

RB_CHILD_CODE bool Guardian::watchSelfFromChild()
{
#ifdef Q_OS_LINUX
    if (g_writeFd < 0)
        return false;
    char buf[1024];
    const int fd = ::open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    ::close(fd);
    // The command name may hold spaces and ')': fields are counted after the last ')'. The
    // start time is field 22; the one after ')' is field 3 (the state).
    ssize_t i = n - 1;
    while (i >= 0 && buf[i] != ')')
        --i;
    if (i < 0)
        return false;
    int field = 2;
    uint64_t startTime = 0;
    for (++i; i < n && field <= 22; ++i) {
        if (buf[i] == ' ')
            ++field;
        else if (field == 22 && buf[i] >= '0' && buf[i] <= '9')
            startTime = startTime * 10 + uint64_t(buf[i] - '0');
    }
    if (!(field > 22 || (field == 22 && startTime > 0)))
        return false;
    // Not send(): a guardian found dead here is Runboard's business to notice, not the
    // child's (which may share Runboard's memory, see ChildProcess). A dead guardian makes
    // the write fail with EPIPE, and its SIGPIPE must not kill the child: ignored across the
    // write (a QProcess child has it at default here), and ignored once more after a failure,
    // which discards one kept pending (our own launcher's child blocks every signal here, and
    // a blocked signal is kept even when ignored, to kill the child once it unblocks).
    struct sigaction ignore = {}, before = {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &before);
    const bool told = writeRecord(g_writeFd, WatchGroup, ::getpid(), startTime) == ssize_t(sizeof(Record));
    if (!told)
        ::sigaction(SIGPIPE, &ignore, nullptr);
    ::sigaction(SIGPIPE, &before, nullptr);
    return told;
#else
    return false;
#endif
}

void Guardian::watchGroup(qint64 leader, quint64 startTime)
{
    send(WatchGroup, leader, startTime);
}

void Guardian::forgetGroup(qint64 leader)
{
    send(ForgetGroup, leader, 0);
}

void Guardian::watchProcess(qint64 pid, quint64 startTime)
{
    send(WatchProcess, pid, startTime);
}
