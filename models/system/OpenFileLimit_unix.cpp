#include "system/OpenFileLimit.h"

#include <sys/resource.h>

#include <limits>

namespace {
qint64 g_original = -1;

qint64 asCount(rlim_t v)
{
    return v == RLIM_INFINITY ? std::numeric_limits<qint64>::max() : qint64(v);
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
        return asCount(raised.rlim_cur);
    }
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
