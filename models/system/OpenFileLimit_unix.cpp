#include "system/OpenFileLimit.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <limits>

namespace {
qint64 g_original = -1;

qint64 asCount(rlim_t v)
{
    return v == RLIM_INFINITY ? std::numeric_limits<qint64>::max() : qint64(v);
}

// The kernel's table of descriptors only grows, doubling, and in a process with threads each
// growth waits for an RCU grace period: starting 1,000 children (five descriptors each) the GUI
// thread stood still for ~18 ms at each of 1,024, 2,048 and 4,096 (perf sched_switch:
// expand_files -> synchronize_rcu under pipe2). Grown once here, before any thread exists, it
// costs nothing; 16,384 slots take 128 KiB of kernel memory.
void growDescriptorTable(qint64 limit)
{
    constexpr qint64 Slots = 16384;
    const int top = int(std::min(limit, Slots)) - 1;
    if (top < 1024 || ::fcntl(top, F_GETFD) != -1)
        return; // small enough as it is, or taken (never closed here)
    const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    if (::dup3(fd, top, O_CLOEXEC) == top)
        ::close(top);
    ::close(fd);
}
} // namespace

qint64 OpenFileLimit::raiseToHardLimit()
{
    rlimit l{};
    if (::getrlimit(RLIMIT_NOFILE, &l) != 0)
        return current();
    if (l.rlim_cur != l.rlim_max) {
        rlimit raised = l;
        raised.rlim_cur = l.rlim_max;
        // macOS refuses RLIM_INFINITY here (OPEN_MAX is the real ceiling): keep what we had.
        if (::setrlimit(RLIMIT_NOFILE, &raised) != 0)
            return asCount(l.rlim_cur);
        if (g_original < 0)
            g_original = qint64(l.rlim_cur);
        growDescriptorTable(asCount(raised.rlim_cur));
        return asCount(raised.rlim_cur);
    }
    growDescriptorTable(asCount(l.rlim_cur));
    return asCount(l.rlim_cur);
}

qint64 OpenFileLimit::current()
{
    rlimit l{};
    if (::getrlimit(RLIMIT_NOFILE, &l) != 0)
        return std::numeric_limits<qint64>::max();
    return asCount(l.rlim_cur);
}

qint64 OpenFileLimit::originalSoftLimit()
{
    return g_original;
}
