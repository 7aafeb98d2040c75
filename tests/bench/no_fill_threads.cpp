// A diagnostic for bench_window, not part of Runboard: preloaded (LD_PRELOAD), it keeps Qt
// 6.4's raster engine from handing its fills to QThreadPool::globalInstance() from the GUI
// thread, so that a run shows what the window's gaps are without those hand-offs.
//
// Qt 6.4 splits every span fill of 96 lines or more (QT_THREAD_PARALLEL_FILLS in
// qdrawhelper.cpp) over the global pool and waits for it, unless the painting thread is one of
// that pool's own ("threadPool->contains(QThread::currentThread())"); 6.4 has no switch for it.
// This answers "yes" to that question on the process's main thread (the GUI thread) and asks
// Qt otherwise, so every fill of the GUI thread runs in the GUI thread.
//
//   RB_NO_FILL_THREADS=1 LD_PRELOAD=build/release/tests/bench/librb_no_fill_threads.so \
//       RB_BENCH_BOARD_ONLY=1 build/release/tests/bench/bench_window
//
// Without RB_NO_FILL_THREADS set it changes nothing (the same run, preloaded, as the baseline).
#include <dlfcn.h>
#include <cstdlib>
#include <sys/syscall.h>
#include <unistd.h>

namespace {
using Contains = bool (*)(const void *, const void *);
}

// bool QThreadPool::contains(const QThread *thread) const
extern "C" __attribute__((visibility("default"))) bool
_ZNK11QThreadPool8containsEPK7QThread(const void *pool, const void *thread)
{
    static const Contains qt = reinterpret_cast<Contains>(
        ::dlsym(RTLD_NEXT, "_ZNK11QThreadPool8containsEPK7QThread"));
    static const bool on = std::getenv("RB_NO_FILL_THREADS") != nullptr;
    if (on && ::syscall(SYS_gettid) == ::getpid())
        return true;
    return qt ? qt(pool, thread) : false;
}
