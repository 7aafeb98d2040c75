#include "InlineFills.h"

#include <QtGlobal>

#if defined(Q_OS_LINUX)
#include <QThreadPool>

#include <dlfcn.h>

// QtGui asks this before it parallelizes a fill or an image conversion ("is the calling thread
// one of the pool's own? then do it here"), and nothing else in Qt 6.4 calls it from outside
// QtCore (whose own calls stay bound inside QtCore). Defined in the program, it comes before
// QtCore's for every library: "yes", so the calling thread does its own work. That is always
// safe: it is what Qt does in the pool's threads, so that they never wait for one another.
// Runboard's own code never asks. RUNBOARD_FILL_THREADS=1 gives Qt's own answer instead (for
// a machine with cores to spare, and as the baseline of bench_window's figures).
bool QThreadPool::contains(const QThread *thread) const
{
    // QtCore's definition, the next one after the program's; called as the C++ ABI calls a
    // non-virtual member function (the object first).
    using Contains = bool (*)(const QThreadPool *, const QThread *);
    static const Contains qts = qEnvironmentVariableIntValue("RUNBOARD_FILL_THREADS") == 1
        ? reinterpret_cast<Contains>(::dlsym(RTLD_NEXT, "_ZNK11QThreadPool8containsEPK7QThread"))
        : nullptr;
    return qts ? qts(this, thread) : true;
}

bool InlineFills::active()
{
    // Which object's definition QtGui's calls reach: the first in the global scope.
    void *bound = ::dlsym(RTLD_DEFAULT, "_ZNK11QThreadPool8containsEPK7QThread");
    Dl_info where = {}, here = {};
    return bound && ::dladdr(bound, &where) && ::dladdr(reinterpret_cast<void *>(&InlineFills::active), &here)
           && where.dli_fbase == here.dli_fbase;
}
#else
bool InlineFills::active()
{
    return false;
}
#endif
