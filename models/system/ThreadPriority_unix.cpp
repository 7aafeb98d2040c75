#include "system/ThreadPriority.h"

#include <QThread>

#if defined(Q_OS_LINUX)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void ThreadPriority::lowerCurrentThread()
{
#if defined(Q_OS_LINUX)
    // Under SCHED_OTHER QThread::setPriority changes nothing on Linux; a thread's nice value
    // is its own there (and new threads inherit it).
    const auto tid = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0 && nice < 5)
        ::setpriority(PRIO_PROCESS, tid, 5);
#else
    // macOS: setpriority() would lower the whole process; thread priorities work here.
    if (QThread::currentThread()->priority() > QThread::LowPriority)
        QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}
