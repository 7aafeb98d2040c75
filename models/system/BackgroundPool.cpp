#include "system/BackgroundPool.h"

#include <QThreadPool>

namespace {
class Pool : public QThreadPool
{
public:
    Pool(const QString &name, int maxThreads)
    {
        setObjectName(name);
        if (maxThreads > 0)
            setMaxThreadCount(maxThreads);
    }
};

struct NormalPool final : Pool
{
    NormalPool() : Pool(QStringLiteral("RunboardBackgroundPool"), 0) {}
};

// Its one thread lowers itself (the sampler calls ThreadPriority::lowerCurrentThread) and
// stays so: nothing else runs there.
struct LowPool final : Pool
{
    LowPool() : Pool(QStringLiteral("RunboardLowPriorityPool"), 1) {}
};
} // namespace

Q_GLOBAL_STATIC(NormalPool, g_pool)
Q_GLOBAL_STATIC(LowPool, g_lowPool)

QThreadPool *BackgroundPool::instance()
{
    return g_pool();
}

QThreadPool *BackgroundPool::lowPriority()
{
    return g_lowPool();
}
