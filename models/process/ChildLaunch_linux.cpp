// The launches of ChildProcess on Linux: clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD) in the
// calling thread, clone(CLONE_VM | CLONE_PIDFD) on the launcher thread (several children on
// their way to exec at once). See ChildLaunch_linux.h.
#include "process/ChildLaunch_linux.h"

#include "process/ProcessReaper.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>
#include <fcntl.h>
#include <sched.h>
#include <poll.h>
#include <sys/eventfd.h>
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

// Runs in the child on a stack of its own, in our memory until exec. On the launcher thread the
// launcher goes on meanwhile, and the child shares its thread-local data too (no CLONE_SETTLS):
// nothing of glibc's that the calls below touch there but errno (and the atomic cancellation
// flags, which nobody uses: the launcher thread is never cancelled). The launcher reads errno
// only in the message of a failure of its own, blocks every signal, and a child's failure
// comes back in l->error, read just after the failing call.
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

// Starts a launch on the launcher thread without waiting for its exec: clone(CLONE_VM) without
// CLONE_VFORK. The child has its own copy of our descriptors from the clone on, so the ones
// only it needed are closed at once, before the next launch's clone could copy them (a copy
// in a child still on its way to exec would hold another job's pipe open). It runs on `top`
// and reads `l` until its exec or its _exit: the caller keeps both untouched until
// `*execPipeOut` (close-on-exec in the child, kept past closeInherited) reports EOF. The
// calling thread blocks every signal (the child inherits that mask and resets the
// dispositions before it unblocks, as in launchNow()). False: no child; l.failure says why.
bool launchAsync(Launch &l, char *top, pid_t *pidOut, int *pidfdOut, int *execPipeOut)
{
    int ep[2];
    if (!top || ::pipe2(ep, O_CLOEXEC) != 0) {
        const int e = top ? errno : ENOMEM;
        closeOwned(l);
        l.failure = ChildProcess::tr("cannot create a process: %1").arg(qt_error_string(e));
        return false;
    }
    if (ep[1] < 3) {
        // Runboard started with fd 0, 1 or 2 closed: the child's own 0-2 would replace it,
        // and its EOF would come before the exec.
        const int moved = ::fcntl(ep[1], F_DUPFD_CLOEXEC, 3);
        const int e = errno;
        ::close(ep[1]);
        if (moved < 0) {
            ::close(ep[0]);
            closeOwned(l);
            l.failure = ChildProcess::tr("cannot create a process: %1").arg(qt_error_string(e));
            return false;
        }
        ep[1] = moved;
    }
    l.params.keepUntilExec = ep[1];
    int pidfd = -1;
    const pid_t pid = ::clone(childMain, top, CLONE_VM | CLONE_PIDFD | SIGCHLD, &l, &pidfd);
    const int cloneError = errno;
    ::close(ep[1]);
    closeOwned(l);
    if (pid < 0) {
        ::close(ep[0]);
        l.failure = cloneError == EINVAL
                        ? ChildProcess::tr("this system cannot launch with a pidfd (Linux 5.2 or later is needed)")
                        : ChildProcess::tr("cannot create a process: %1").arg(qt_error_string(cloneError));
        return false;
    }
    if (pidfd < 0) {
        // A kernel older than 5.2 ignores CLONE_PIDFD; 5.3's pidfd_open() may still be there.
        pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
        if (pidfd < 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0); // gone: nothing uses `top` or `l` any more
            ::close(ep[0]);
            l.failure = ChildProcess::tr("this system cannot watch a process through a pidfd "
                                         "(Linux 5.3 or later is needed)");
            return false;
        }
        ::fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    }
    *pidOut = pid;
    *pidfdOut = pidfd;
    *execPipeOut = ep[0];
    return true;
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
    m_wake.notify_one(); // an idle launcher
    if (m_event >= 0) {
        const quint64 one = 1; // one waiting for children to reach exec
        [[maybe_unused]] const ssize_t n = ::write(m_event, &one, sizeof one);
    }
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
    m_event = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK); // without it: a look every millisecond
    std::thread([this] { run(); }).detach();
}

namespace {
// A launch whose child has not reached exec yet.
struct Pending
{
    std::shared_ptr<ChildProcess::Handoff> h;
    int execPipe = -1; // EOF: exec has replaced the child's memory, or it has ended
    size_t stack = 0;
    pid_t pid = -1;
    int pidfd = -1;
};
// How many children may be on their way to exec at once, each on a stack of its own: one per
// CPU and one more. With one (the vfork launcher before) each launch waited until the last
// child had been given a CPU and reached its exec: in a batch on two busy CPUs that wait was
// most of a launch, and the CPUs idled a tenth of the time. With many more, the window's
// thread waited for a CPU behind them during Start All (board1000's largest gap 13-21 ms
// with 8 on two CPUs, 6.5-7.4 ms with 3).
size_t maxPending()
{
    return size_t(std::clamp(QThread::idealThreadCount() + 1, 2, 8));
}

// Valgrind runs a clone() only as a thread, a fork or a vfork, and ends the whole program at
// any other ("Unsupported clone() flags"). Under it, the launcher waits for each child's exec.
bool underValgrind()
{
    const char *preload = ::getenv("LD_PRELOAD");
    return preload && std::strstr(preload, "vgpreload");
}
} // namespace

void Launcher::runOneAtATime()
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
        deliver(h);
    }
}

void Launcher::run()
{
    // No signal handler ever runs here: a child on its way to exec shares this thread's
    // memory, its thread-local data included (see inChild()).
    sigset_t all;
    sigfillset(&all);
    ::pthread_sigmask(SIG_SETMASK, &all, nullptr);
    if (underValgrind())
        return runOneAtATime();
    const size_t most = maxPending();
    std::vector<Pending> pending;
    std::vector<ChildStack> stacks(most);
    std::vector<bool> busy(most, false);
    std::vector<pollfd> fds;
    bool locked = false; // the launch lock, held while any child is on its way to exec
    for (;;) {
        // Start what is queued, as far as there are stacks.
        while (pending.size() < most) {
            std::shared_ptr<ChildProcess::Handoff> h;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                if (pending.empty()) {
                    if (locked) {
                        ProcessReaper::launchMutex().unlock();
                        locked = false;
                    }
                    m_wake.wait(lock, [this] { return !m_queue.empty(); });
                }
                if (m_queue.empty())
                    break;
                h = std::move(m_queue.front());
                m_queue.pop_front();
            }
            if (!locked) {
                ProcessReaper::launchMutex().lock();
                locked = true;
            }
            Pending p;
            p.h = std::move(h);
            while (busy[p.stack])
                ++p.stack;
            Launch &l = *p.h->launch;
            if (launchAsync(l, stacks[p.stack].top(), &p.pid, &p.pidfd, &p.execPipe)) {
                ProcessReaper::launchedChild(p.pid);
                busy[p.stack] = true;
                pending.push_back(std::move(p));
            } else {
                deliver(p.h);
            }
        }
        if (pending.empty())
            continue;
        // Wait for a child to reach exec (or end), or for more to launch.
        fds.clear();
        fds.push_back({m_event, POLLIN, 0});
        for (const Pending &p : pending)
            fds.push_back({p.execPipe, POLLIN, 0});
        if (::poll(fds.data(), nfds_t(fds.size()), m_event >= 0 ? -1 : 1) < 0)
            continue;
        if (fds[0].revents & POLLIN) {
            quint64 count;
            [[maybe_unused]] const ssize_t n = ::read(m_event, &count, sizeof count);
        }
        for (size_t i = fds.size() - 1; i >= 1; --i) {
            if (!fds[i].revents)
                continue;
            Pending p = std::move(pending[i - 1]);
            pending.erase(pending.begin() + std::ptrdiff_t(i - 1));
            ::close(p.execPipe);
            busy[p.stack] = false;
            Launch &l = *p.h->launch;
            if (l.error) {
                // It never ran: collect its exit (it has called _exit()).
                siginfo_t info = {};
                ::waitid(idtype_t(P_PIDFD), id_t(p.pidfd), &info, WEXITED);
                ::close(p.pidfd);
                ProcessReaper::childDelivered(p.pid);
                l.failure = QStringLiteral("%1: %2").arg(QLatin1String(l.failedStep), qt_error_string(l.error));
            } else {
                l.pid = p.pid;
                l.pidfd = p.pidfd;
            }
            deliver(p.h);
        }
    }
}

void Launcher::deliver(const std::shared_ptr<ChildProcess::Handoff> &h)
{
    const std::lock_guard<std::mutex> lock(h->mutex);
    h->done = true;
    --s_inFlight;
    if (h->owner) {
        // Delivered in the owner's thread; the owner cannot go away before this is posted
        // (its destructor takes the mutex first).
        QMetaObject::invokeMethod(h->owner, [h] { ChildProcess::Handoff::deliver(h); },
                                  Qt::QueuedConnection);
    } else if (h->launch->pid > 0) {
        abandon(*h->launch);
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
