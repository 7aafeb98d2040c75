#include "system/OpenFileLimit.h"

#include <limits>

// Windows has no per-process limit on sockets and handles that concurrency could reach.
qint64 OpenFileLimit::raiseToHardLimit()
{
    return current();
}

qint64 OpenFileLimit::current()
{
    return std::numeric_limits<qint64>::max();
}

qint64 OpenFileLimit::originalSoftLimit()
{
    return -1;
}
