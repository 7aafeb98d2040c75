#include "process/ChildSetup.h"

#include "process/Guardian.h"
#include "process/PipeWatch.h"
#include "system/OpenFileLimit.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif
#ifdef Q_OS_WIN
#include "process/Win32Tree.h"
#include <qt_windows.h>
#endif

#ifdef Q_OS_UNIX
namespace {
// Everything below runs in the forked child before exec: async-signal-safe calls only.

RB_CHILD_CODE void resetSignals()
{
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    // Handled signals are reset by exec itself; only ignored ones survive it. Querying costs
    // as much as setting, so set the standard ones (a launcher ignores nothing else).
    for (int s = 1; s < 32; ++s) {
        if (s != SIGKILL && s != SIGSTOP)
            ::sigaction(s, &dfl, nullptr);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

RB_CHILD_CODE void markInheritedDescriptors(bool close, int keep)
{
    // Qt's own descriptors (the pipe that reports exec failure) are already close-on-exec and
    // must stay open until exec; everything else the launcher may have leaked gets the flag too.
    // Our own launcher needs none of them: they are closed now (ChildParams::closeInherited).
#if defined(Q_OS_LINUX) && defined(SYS_close_range)
    constexpr unsigned CloseRangeCloexec = 1U << 2; // CLOSE_RANGE_CLOEXEC, Linux 5.11
    if (close && keep >= 3) {
        if ((keep == 3 || ::syscall(SYS_close_range, 3U, unsigned(keep - 1), 0U) == 0)
            && ::syscall(SYS_close_range, unsigned(keep + 1), ~0U, 0U) == 0)
            return;
    } else if (::syscall(SYS_close_range, 3U, ~0U, close ? 0U : CloseRangeCloexec) == 0) {
        return;
    }
#endif
    struct rlimit rl = {};
    rlim_t limit = 1024;
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        limit = rl.rlim_cur;
    if (limit > 65536)
        limit = 65536;
    for (int fd = 3; fd < int(limit); ++fd) {
        const int flags = ::fcntl(fd, F_GETFD);
        if (flags < 0 || fd == keep)
            continue;
        if (close)
            ::close(fd);
        else if (!(flags & FD_CLOEXEC))
            ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
}

} // namespace
#endif

#ifdef Q_OS_UNIX
ChildSetup::ChildParams ChildSetup::paramsFor(int stdoutFd, int stderrFd, int stdinFd)
{
    ChildParams p;
    p.launcher = ::getpid();
    // With a guardian, a dying Runboard's children must stay alive for the moment the guardian
    // needs to freeze their whole trees; killing the leaders first would orphan escapees to
    // init, beyond reach. Without one, PR_SET_PDEATHSIG is the next best thing.
    p.followLauncher = !Guardian::isRunning();
    p.softFileLimit = OpenFileLimit::originalSoftLimit();
    p.stdinFd = stdinFd;
    p.stdoutFd = stdoutFd;
    p.stderrFd = stderrFd;
    return p;
}

RB_CHILD_CODE void ChildSetup::inChild(const ChildParams &p)
{
    ::setsid();
    // Before anything else can fail or be killed: the guardian learns this group from the
    // child itself. A guardian that has died leaves the child to follow its launcher instead.
    bool followLauncher = p.followLauncher;
    if (!followLauncher && !Guardian::watchSelfFromChild())
        followLauncher = true;
    // A source that is itself one of fds 0-2 (Runboard started with one of them closed) is
    // moved out of the way first, so that no dup2() overwrites a source still to be copied.
    int from[3] = {p.stdinFd, p.stdoutFd, p.stderrFd};
    for (int target = 0; target < 3; ++target) {
        if (from[target] >= 0 && from[target] < 3 && from[target] != target)
            from[target] = ::fcntl(from[target], F_DUPFD, 3);
    }
    for (int target = 0; target < 3; ++target) {
        if (from[target] == target)
            ::fcntl(target, F_SETFD, 0); // dup2() onto itself would leave close-on-exec set
        else if (from[target] >= 0)
            ::dup2(from[target], target);
    }
    resetSignals();
#ifdef Q_OS_LINUX
    if (followLauncher) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != pid_t(p.launcher))
            ::_exit(127); // the launcher died before we could ask to follow it
    }
#else
    Q_UNUSED(followLauncher);
#endif
    markInheritedDescriptors(p.closeInherited, p.keepUntilExec); // under our limit, which may be higher
    if (p.softFileLimit > 0) {
        // Runboard raised its own limit for its sockets; the child gets the one it had.
        struct rlimit rl = {};
        if (::getrlimit(RLIMIT_NOFILE, &rl) == 0) {
            rl.rlim_cur = rlim_t(p.softFileLimit);
            ::setrlimit(RLIMIT_NOFILE, &rl);
        }
    }
}
#endif

void ChildSetup::prepare(QProcess *process, int stdoutFd, int stderrFd, int stdinFd)
{
#ifdef Q_OS_UNIX
    const ChildParams params = paramsFor(stdoutFd, stderrFd, stdinFd);
    if (stdinFd >= 0)
        process->setStandardInputFile(QProcess::nullDevice()); // replaced in the child
    // Qt has set up fds 0-2 by now; our own output pipes replace its 1 and 2, our stdin file
    // its /dev/null.
    process->setChildProcessModifier([params] { inChild(params); });
#elif defined(Q_OS_WIN)
    // A process group of its own, so that a stop's CTRL_BREAK_EVENT reaches this child's tree
    // and not Runboard (Win32Tree.h). Our own output pipes are a Unix matter.
    Q_UNUSED(stdoutFd);
    Q_UNUSED(stderrFd);
    Q_UNUSED(stdinFd);
    process->setCreateProcessArgumentsModifier([](QProcess::CreateProcessArguments *args) {
        args->flags |= Win32Tree::newProcessGroupFlag();
    });
#else
    Q_UNUSED(process);
    Q_UNUSED(stdoutFd);
    Q_UNUSED(stderrFd);
    Q_UNUSED(stdinFd);
#endif
}

#ifdef Q_OS_LINUX
namespace {
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

// Stands in for QProcess's own watch on a child's exit (a QSocketNotifier on the child's pidfd)
// while the child runs: that watch sits off, and a copy of the pidfd waits in the thread's
// epoll set (PipeWatch) instead. With a thousand children the event loop polled a thousand
// pidfds every turn: 69 % of the GUI thread's time in board1000, most of it in the kernel's
// pidfd_poll. When the child ends, QProcess's watch is switched back on and handed the event
// its turn would bring, so QProcess goes on exactly as before. Lives as a child of that
// notifier, so it goes with it.
class ExitRelay final : public QObject
{
public:
    ExitRelay(QSocketNotifier *notifier, int ownFd) : QObject(notifier), m_fd(ownFd)
    {
        m_watch = std::make_unique<PipeWatch>(m_fd, [this] { ended(); });
        m_watch->setEnabled(true);
        notifier->setEnabled(false);
    }
    ~ExitRelay() override
    {
        m_watch.reset(); // out of the epoll set before the descriptor closes
        ::close(m_fd);
    }

private:
    void ended()
    {
        auto *notifier = static_cast<QSocketNotifier *>(parent());
        delete this;
        // QProcess may have finished without its watch (waitForFinished): then it stays off.
        const auto *process = qobject_cast<QProcess *>(notifier->parent());
        if (!process || process->state() == QProcess::NotRunning)
            return;
        notifier->setEnabled(true);
        // What the event loop would deliver in its next turn, delivered now: QProcess reaps the
        // child and reports it without a turn's delay (sequential launches wait on it).
        QEvent activated(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &activated);
    }

    int m_fd;
    std::unique_ptr<PipeWatch> m_watch;
};

// QProcess's notifiers with an ExitRelay standing in for them.
template<typename F>
void forEachRelay(QProcess *process, F f)
{
    const auto notifiers = process->findChildren<QSocketNotifier *>(Qt::FindDirectChildrenOnly);
    for (QSocketNotifier *notifier : notifiers) {
        const QObjectList children = notifier->children();
        for (QObject *child : children) {
            if (auto *relay = dynamic_cast<ExitRelay *>(child))
                f(notifier, relay);
        }
    }
}

void relayExitWatch(QProcess *process)
{
    const auto notifiers = process->findChildren<QSocketNotifier *>(Qt::FindDirectChildrenOnly);
    for (QSocketNotifier *notifier : notifiers) {
        if (notifier->type() != QSocketNotifier::Read || !notifier->isEnabled())
            continue;
        // The pidfd of a live child answers signal 0; a pipe or a socket does not. Without
        // pidfds (old kernels) nothing is found and QProcess keeps watching by itself.
        const int fd = int(notifier->socket());
        if (::syscall(SYS_pidfd_send_signal, fd, 0, nullptr, 0) != 0)
            continue;
        // A copy of our own: QProcess may close its descriptor first (its number then names
        // something else), ours stays valid until the relay goes.
        const int own = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (own >= 0)
            new ExitRelay(notifier, own);
        return;
    }
}
} // namespace
#endif

void ChildSetup::disown(QProcess *process)
{
#ifdef Q_OS_LINUX
    forEachRelay(process, [](QSocketNotifier *notifier, ExitRelay *relay) {
        delete relay;
        notifier->setEnabled(true);
    });
#else
    Q_UNUSED(process);
#endif
}

void ChildSetup::adopt(QProcess *process)
{
#ifdef Q_OS_LINUX
    relayExitWatch(process);
#endif
#ifdef Q_OS_WIN
    // A Job Object of its own per tree: the kill step ends the whole tree, and Runboard's end
    // (in any way) closes the job and kills it.
    if (process->processId())
        Win32Tree::adopt(std::uint32_t(process->processId()));
#else
    Q_UNUSED(process);
#endif
}

bool ChildSetup::signalGroup(qint64 pid, int signal)
{
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    // Never falls back to kill(pid): the caller knows whether that PID is still its child
    // (see StopLadder), this function does not.
    return ::kill(-pid_t(pid), signal) == 0;
#elif defined(Q_OS_WIN)
    // No signals on Windows: the polite step is CTRL_BREAK_EVENT to the child's process group,
    // the kill step ends its Job Object (the tree). Pause and other signals are not offered.
    if (signal == TermSignal)
        return Win32Tree::sendCtrlBreak(std::uint32_t(pid));
    if (signal == KillSignal)
        return Win32Tree::terminate(std::uint32_t(pid), 1);
    return false;
#else
    Q_UNUSED(signal);
    return false;
#endif
}

bool ChildSetup::groupAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    return ::kill(-pid_t(pid), 0) == 0 || errno == EPERM;
#elif defined(Q_OS_WIN)
    return Win32Tree::alive(std::uint32_t(pid));
#else
    return false;
#endif
}
