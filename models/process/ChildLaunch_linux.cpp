// The launches of ChildProcess on Linux: clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD) in the
// calling thread or on the launcher thread. See ChildLaunch_linux.h.
#include "process/ChildLaunch_linux.h"

#include "process/ProcessReaper.h"

#include <QMetaObject>
#include <QMutexLocker>

#include <cerrno>
#include <csignal>
#include <thread>
#include <utility>
#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/sched.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

namespace {

// The stack the child runs on until exec (it shares our memory, not our stack). One per thread,
// kept for the thread's life: the pages it touches stay, the rest is never faulted in.
class ChildStack
{
public:
    ~ChildStack()
    {
        if (m_base)
            ::munmap(m_base, Size);
    }
    char *top()
    {
        if (!m_base) {
            void *p = ::mmap(nullptr, Size, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
            if (p == MAP_FAILED)
                return nullptr;
            m_base = static_cast<char *>(p);
        }
        return m_base + Size;
    }

private:
    // Generous: sanitizer builds run the same code with much larger frames.
    static constexpr size_t Size = 256 * 1024;
    char *m_base = nullptr;
};

using ChildLaunch::Launch;

RB_CHILD_CODE int childMain(void *arg)
{
    auto *l = static_cast<Launch *>(arg);
    ChildSetup::inChild(l->params);
    if (!l->workingDirectory.isEmpty() && ::chdir(l->workingDirectory.constData()) != 0) {
        l->error = errno;
        l->failedStep = "chdir";
        ::_exit(127);
    }
    ::execve(l->path.constData(), l->argv.pointers.data(), l->envArray);
    l->error = errno;
    l->failedStep = "execve";
    ::_exit(127);
}

} // namespace

namespace ChildLaunch {

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

void closeOwned(Launch &l)
{
    for (int &fd : l.owned)
        closeFd(fd);
    l.owned.clear();
}

void launchNow(Launch &l)
{
    static thread_local ChildStack stack;
    char *top = stack.top();
    int pidfd = -1;
    pid_t pid = -1;
    if (top) {
        // No signal handler of ours may run in the child while it shares our memory: all are
        // blocked across the clone, and the child resets every disposition before it unblocks.
        sigset_t all, old;
        sigfillset(&all);
        ::pthread_sigmask(SIG_SETMASK, &all, &old);
        pid = ::clone(childMain, top, CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &l, &pidfd);
        const int cloneError = errno;
        ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
        errno = cloneError;
    } else {
        errno = ENOMEM;
    }
    const int launchErrno = errno;
    closeOwned(l); // the child has its copies now (or there is no child)

    if (pid < 0) {
        l.failure = launchErrno == EINVAL
                        ? ChildProcess::tr("this system cannot launch with a pidfd (Linux 5.2 or later is needed)")
                        : ChildProcess::tr("cannot create a process: %1").arg(qt_error_string(launchErrno));
        return;
    }
    if (pidfd < 0) {
        // A kernel older than 5.2 ignores CLONE_PIDFD; 5.3's pidfd_open() may still be there.
        pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
        if (pidfd < 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0); // it has called exec or _exit already (vfork)
            l.failure = ChildProcess::tr("this system cannot watch a process through a pidfd "
                                         "(Linux 5.3 or later is needed)");
            return;
        }
        ::fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    }
    if (l.error) {
        // It never ran: collect its exit at once (it has already called _exit()).
        siginfo_t info = {};
        ::waitid(idtype_t(P_PIDFD), id_t(pidfd), &info, WEXITED);
        ::close(pidfd);
        l.failure = QStringLiteral("%1: %2").arg(QLatin1String(l.failedStep), qt_error_string(l.error));
        return;
    }
    l.pid = pid;
    l.pidfd = pidfd;
}

std::atomic<int> Launcher::s_inFlight{0};

Launcher *Launcher::instance()
{
    static Launcher *launcher = new Launcher; // never deleted: see the header
    return launcher;
}

std::shared_ptr<ChildProcess::Handoff> Launcher::submit(std::shared_ptr<Launch> launch, ChildProcess *owner)
{
    auto h = std::make_shared<ChildProcess::Handoff>();
    h->launch = std::move(launch);
    h->owner = owner;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(h);
        ++s_inFlight;
    }
    m_wake.notify_one();
    return h;
}

void Launcher::delivered(qint64 pid)
{
    ProcessReaper::childDelivered(pid); // never waits for a launch in progress
}

Launcher::Launcher()
{
    // The reaper lives in this (the first submitting) thread, which has an event loop: an
    // abandoned launch is handed to it from the launcher thread, which has none.
    ProcessReaper::instance();
    std::thread([this] { run(); }).detach();
}

void Launcher::run()
{
    for (;;) {
        std::shared_ptr<ChildProcess::Handoff> h;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.empty(); });
            h = std::move(m_queue.front());
            m_queue.pop_front();
        }
        Launch &l = *h->launch;
        {
            const QMutexLocker lock(&ProcessReaper::launchMutex());
            launchNow(l);
            if (l.pid > 0)
                ProcessReaper::launchedChild(l.pid);
        }
        const std::lock_guard<std::mutex> lock(h->mutex);
        h->done = true;
        --s_inFlight;
        if (h->owner) {
            // Delivered in the owner's thread; the owner cannot go away before this is
            // posted (its destructor takes the mutex first).
            QMetaObject::invokeMethod(h->owner, [h] { ChildProcess::Handoff::deliver(h); },
                                      Qt::QueuedConnection);
        } else if (l.pid > 0) {
            abandon(l);
        }
    }
}

void Launcher::abandon(Launch &l)
{
    const qint64 pid = l.pid;
    const int pidfd = std::exchange(l.pidfd, -1);
    ProcessReaper *reaper = ProcessReaper::instance();
    QMetaObject::invokeMethod(reaper, [reaper, pid, pidfd] {
        reaper->adoptChild(pid, pidfd);
        delivered(pid);
    }, Qt::QueuedConnection);
}

} // namespace ChildLaunch
