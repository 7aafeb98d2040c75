// ChildProcess on Linux: launched with clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD), its end
// watched through the pidfd in the thread's epoll set (PipeWatch). See ChildProcess.h for why.
#include "process/ChildProcess.h"

#include "process/ChildSetup.h"
#include "process/PipeWatch.h"
#include "process/ProcessReaper.h"

#include <QFile>
#include <QPointer>
#include <QSocketNotifier>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <csignal>
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
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

extern char **environ;

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

// /dev/null for every child that reads nothing, opened once (and again after a failure).
int devNull()
{
    static std::atomic<int> shared{-1};
    const int known = shared.load();
    if (known >= 0)
        return known;
    const int fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int expected = -1;
    if (!shared.compare_exchange_strong(expected, fd)) {
        ::close(fd); // another thread was first
        return expected;
    }
    return fd;
}

// Writing into a child's stdin after it closed it must give EPIPE, not kill Runboard: SIGPIPE
// is ignored from the first launch on, as QProcess does (children get it back at default).
void ignoreSigpipe()
{
    static std::atomic<bool> done{false};
    if (done.load(std::memory_order_relaxed))
        return;
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, nullptr);
    done.store(true, std::memory_order_relaxed);
}

// NUL-terminated copies that stay put, and the pointer array over them.
struct CStrings
{
    QList<QByteArray> storage;
    std::vector<char *> pointers;
    void add(QByteArray s)
    {
        storage.append(std::move(s));
    }
    char **array()
    {
        pointers.clear();
        pointers.reserve(size_t(storage.size()) + 1);
        for (QByteArray &s : storage)
            pointers.push_back(s.data()); // QByteArray's data is NUL-terminated
        pointers.push_back(nullptr);
        return pointers.data();
    }
};

// What the child needs, all prepared beforehand (the child allocates nothing), the
// descriptors to close once it has its copies, and the outcome. Self-contained: it may be
// carried out on the launcher thread while the ChildProcess goes on (or goes away).
struct Launch
{
    ChildSetup::ChildParams params;
    QByteArray path;
    QByteArray workingDirectory;
    CStrings argv;
    CStrings envp;
    char **envArray = nullptr; // envp's, or environ
    std::vector<int> owned;    // closed once clone() has returned
    // Written by the child when it fails (read once clone() returns).
    int error = 0;
    const char *failedStep = nullptr;
    // The outcome.
    pid_t pid = -1;
    int pidfd = -1;
    QString failure; // why there is no child (then pid < 0)
};

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

// Launches through a child that first shares our memory (CLONE_VM | CLONE_VFORK): clone()
// returns once the child has called exec or _exit. Any thread; fills in l's outcome and
// closes the descriptors only the child needed.
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

thread_local int t_backgroundLaunches = 0;

} // namespace

// A launch on its way through the launcher thread, shared by it and the ChildProcess.
struct ChildProcess::Handoff
{
    std::mutex mutex;
    std::shared_ptr<Launch> launch;
    ChildProcess *owner = nullptr; // null once the ChildProcess is gone
    bool done = false;             // carried out; the outcome is on its way to the owner

    // In the owner's thread, from its event loop.
    static void deliver(const std::shared_ptr<Handoff> &h);
};

namespace {

// One thread that carries out launches handed to it, one after the other, for as long as the
// program runs (a child's parent-death signal follows the thread that launched it, so this
// one never ends). While a launch is in clone(), the orphan scan (ProcessReaper) keeps away,
// and a child stays "in flight" until its ChildProcess has it: the scan must never reap a
// child whose ChildProcess has not heard of it yet.
class Launcher
{
public:
    static Launcher *instance()
    {
        static Launcher *launcher = new Launcher; // never deleted: see above
        return launcher;
    }

    std::shared_ptr<ChildProcess::Handoff> submit(std::shared_ptr<Launch> launch, ChildProcess *owner)
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

    // The ChildProcess has the child: the orphan scan may look at it again.
    static void delivered(qint64 pid)
    {
        ProcessReaper::childDelivered(pid); // never waits for a launch in progress
    }

    static std::atomic<int> s_inFlight;

private:
    Launcher()
    {
        // The reaper lives in this (the first submitting) thread, which has an event loop: an
        // abandoned launch is handed to it from the launcher thread, which has none.
        ProcessReaper::instance();
        std::thread([this] { run(); }).detach();
    }

    void run()
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

public:
    // The ChildProcess went away before it had its child: killed and waited for on the
    // reaper's thread, as any child still running at a teardown.
    static void abandon(Launch &l)
    {
        const qint64 pid = l.pid;
        const int pidfd = std::exchange(l.pidfd, -1);
        ProcessReaper *reaper = ProcessReaper::instance();
        QMetaObject::invokeMethod(reaper, [reaper, pid, pidfd] {
            reaper->adoptChild(pid, pidfd);
            delivered(pid);
        }, Qt::QueuedConnection);
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::shared_ptr<ChildProcess::Handoff>> m_queue;
};

std::atomic<int> Launcher::s_inFlight{0};

} // namespace

struct ChildProcess::Private
{
    ChildProcess *q;
    QProcess::ProcessState state = QProcess::NotRunning;
    qint64 pid = 0;
    int pidfd = -1;
    std::unique_ptr<PipeWatch> exitWatch;
    QString error;
    bool startedReported = false;
    // Input::Pipe
    int inFd = -1;
    QByteArray pending;
    std::unique_ptr<QSocketNotifier> writable;
    bool closeWhenWritten = false;
    // Input::Previous: the read end of the pipe from the previous stage, until we start.
    int fromPrevious = -1;
    bool toNext = false; // this start made the pipe into the next stage
    std::shared_ptr<Handoff> handoff; // a launch on the launcher thread, until it is back

    void launched(Launch &l, bool fromLauncher);
    void fromLauncher(const std::shared_ptr<Handoff> &h);

    void exited();
    void reportStarted();
    void failToStart(const QString &message);
    void flush();
    void closeInput();
};

ChildProcess::ChildProcess(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
}

ChildProcess::~ChildProcess()
{
    if (d->handoff) {
        const std::lock_guard<std::mutex> lock(d->handoff->mutex);
        d->handoff->owner = nullptr; // the launcher kills what it launches from now on
        if (d->handoff->done && d->handoff->launch->pid > 0)
            Launcher::abandon(*d->handoff->launch); // launched; the news is still on its way
    }
    d->exitWatch.reset();
    d->writable.reset();
    closeFd(d->inFd);
    closeFd(d->fromPrevious);
    if (d->pidfd >= 0) {
        // Still running (a teardown): killed and waited for elsewhere, never here.
        ProcessReaper::instance()->adoptChild(d->pid, d->pidfd);
        d->pidfd = -1;
    }
}

void ChildProcess::setProcessEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    m_hasEnv = true;
}

void ChildProcess::setStandardOutputProcess(ChildProcess *next)
{
    m_next = next;
}

QProcess::ProcessState ChildProcess::state() const
{
    return d->state;
}

qint64 ChildProcess::processId() const
{
    return d->state == QProcess::NotRunning ? 0 : d->pid;
}

QString ChildProcess::errorString() const
{
    return d->error;
}

void ChildProcess::Private::failToStart(const QString &message)
{
    error = message;
    state = QProcess::NotRunning;
    closeFd(inFd);
    QMetaObject::invokeMethod(q, [this] {
        Q_EMIT q->errorOccurred(QProcess::FailedToStart);
    }, Qt::QueuedConnection);
}

void ChildProcess::start()
{
    if (d->state != QProcess::NotRunning)
        return;
    d->error.clear();
    d->startedReported = false;
    d->closeWhenWritten = false;
    d->pending.clear();
    ignoreSigpipe();

    auto l = std::make_shared<Launch>();
    l->path = QFile::encodeName(m_program);
    l->argv.add(l->path);
    for (const QString &a : std::as_const(m_arguments))
        l->argv.add(a.toLocal8Bit());
    l->argv.array();
    if (m_hasEnv) {
        const QStringList vars = m_env.toStringList();
        for (const QString &v : vars)
            l->envp.add(v.toLocal8Bit());
        l->envArray = l->envp.array();
    } else {
        l->envArray = environ;
    }
    l->workingDirectory = QFile::encodeName(m_workingDirectory);
    const bool background = t_backgroundLaunches > 0;
    // A descriptor the caller owns (and closes once start() returns) goes to a launch on the
    // launcher thread as a copy of its own.
    const auto lend = [&l, background](int fd) {
        if (!background || fd < 0)
            return fd;
        const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (copy >= 0)
            l->owned.push_back(copy);
        return copy;
    };

    // The child's fd 0.
    int childIn = -1;
    switch (m_channels.input) {
    case Input::Null:
        childIn = devNull();
        if (childIn < 0) // never Runboard's own stdin instead
            return d->failToStart(tr("cannot open /dev/null: %1").arg(qt_error_string(errno)));
        break;
    case Input::Inherit: childIn = STDIN_FILENO; break;
    case Input::File:
        childIn = lend(m_channels.stdinFd);
        if (m_channels.stdinFd >= 0 && childIn < 0)
            return d->failToStart(tr("cannot pass the stdin file on: %1").arg(qt_error_string(errno)));
        break;
    case Input::Previous:
        // No pipe from a stage that could not be started: EOF, never Runboard's own stdin.
        if (d->fromPrevious >= 0) {
            childIn = d->fromPrevious;
            l->owned.push_back(std::exchange(d->fromPrevious, -1));
        } else {
            childIn = devNull();
        }
        if (childIn < 0)
            return d->failToStart(tr("cannot open /dev/null: %1").arg(qt_error_string(errno)));
        break;
    case Input::Pipe: {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0)
            return d->failToStart(tr("cannot create a pipe for stdin: %1").arg(qt_error_string(errno)));
        childIn = p[0];
        l->owned.push_back(p[0]);
        d->inFd = p[1];
        ::fcntl(d->inFd, F_SETFL, O_WRONLY | O_NONBLOCK);
        break;
    }
    }
    // The child's fd 1: ours, or a pipe into the next stage.
    int childOut = lend(m_channels.stdoutFd);
    int childErr = lend(m_channels.stderrFd);
    if ((m_channels.stdoutFd >= 0 && childOut < 0) || (m_channels.stderrFd >= 0 && childErr < 0)) {
        const int e = errno;
        closeOwned(*l);
        return d->failToStart(tr("cannot pass the output pipes on: %1").arg(qt_error_string(e)));
    }
    bool toNext = false;
    if (childOut < 0 && m_next) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0) {
            const int e = errno;
            closeOwned(*l);
            return d->failToStart(tr("cannot create a pipe to the next stage: %1").arg(qt_error_string(e)));
        }
        closeFd(m_next->d->fromPrevious);
        m_next->d->fromPrevious = p[0];
        childOut = p[1];
        l->owned.push_back(p[1]);
        toNext = true;
    }
    l->params = ChildSetup::paramsFor(childOut, childErr, childIn);

    d->state = QProcess::Starting; // Running from started() on, as with QProcess
    d->pid = 0;
    d->toNext = toNext;
    if (background) {
        // The launcher thread waits for the child to reach exec, not this one; the outcome
        // comes back through the event loop (launched()).
        d->handoff = Launcher::instance()->submit(std::move(l), this);
        return;
    }
    launchNow(*l);
    d->launched(*l, false);
}

void ChildProcess::Handoff::deliver(const std::shared_ptr<Handoff> &h)
{
    h->owner->d->fromLauncher(h);
}

void ChildProcess::Private::fromLauncher(const std::shared_ptr<Handoff> &h)
{
    handoff.reset();
    launched(*h->launch, true);
}

ChildProcess::BackgroundLaunches::BackgroundLaunches()
{
    ++t_backgroundLaunches;
}

ChildProcess::BackgroundLaunches::~BackgroundLaunches()
{
    --t_backgroundLaunches;
}

int ChildProcess::launchesInFlight()
{
    return Launcher::s_inFlight.load();
}

void ChildProcess::Private::launched(Launch &l, bool fromLauncher)
{
    if (l.pid < 0) {
        if (toNext && q->m_next)
            closeFd(q->m_next->d->fromPrevious); // nothing will ever write into it
        return failToStart(l.failure);
    }
    pid = l.pid;
    pidfd = l.pidfd;
    l.pidfd = -1;
    exitWatch = std::make_unique<PipeWatch>(pidfd, [this] { exited(); });
    exitWatch->setEnabled(true);
    if (fromLauncher) {
        reportStarted(); // this is the event loop already
        Launcher::delivered(l.pid);
        return;
    }
    // As QProcess does: started() comes from the event loop.
    QMetaObject::invokeMethod(q, [this] { reportStarted(); }, Qt::QueuedConnection);
}

void ChildProcess::Private::reportStarted()
{
    if (startedReported)
        return;
    startedReported = true;
    state = QProcess::Running;
    Q_EMIT q->started();
}

void ChildProcess::Private::exited()
{
    siginfo_t info = {};
    if (::waitid(idtype_t(P_PIDFD), id_t(pidfd), &info, WEXITED | WNOHANG) != 0) {
        if (errno == EINTR)
            return; // the watch reports it again
        info.si_code = CLD_KILLED; // ECHILD: someone else reaped it; nothing is known
        info.si_status = SIGKILL;
    } else if (info.si_pid == 0) {
        return; // not yet
    }
    exitWatch.reset();
    closeFd(pidfd);
    reportStarted(); // a child that ended at once still started first
    state = QProcess::NotRunning;
    // Nobody reads its stdin any more.
    writable.reset();
    pending.clear();
    closeFd(inFd);
    if (info.si_code == CLD_EXITED)
        Q_EMIT q->finished(info.si_status, QProcess::NormalExit);
    else
        Q_EMIT q->finished(info.si_status, QProcess::CrashExit);
}

qint64 ChildProcess::write(const char *data, qint64 size)
{
    if (d->inFd < 0 || d->closeWhenWritten)
        return -1;
    if (size <= 0)
        return 0;
    d->pending.append(data, size);
    if (!d->writable) {
        d->writable = std::make_unique<QSocketNotifier>(qintptr(d->inFd), QSocketNotifier::Write);
        connect(d->writable.get(), &QSocketNotifier::activated, this, [this] { d->flush(); });
    }
    d->writable->setEnabled(true);
    return size;
}

void ChildProcess::Private::flush()
{
    qint64 written = 0;
    while (!pending.isEmpty()) {
        const ssize_t n = ::write(inFd, pending.constData(), size_t(pending.size()));
        if (n > 0) {
            written += n;
            pending.remove(0, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        // EPIPE: the child closed its stdin. What is left is never read.
        pending.clear();
        writable.reset();
        closeFd(inFd);
        if (written > 0)
            Q_EMIT q->bytesWritten(written);
        Q_EMIT q->errorOccurred(QProcess::WriteError);
        return;
    }
    QPointer<ChildProcess> guard(q);
    if (written > 0)
        Q_EMIT q->bytesWritten(written); // may queue more, or close the channel
    if (!guard)
        return;
    if (pending.isEmpty()) {
        if (writable)
            writable->setEnabled(false);
        if (closeWhenWritten)
            closeInput();
    }
}

void ChildProcess::Private::closeInput()
{
    writable.reset();
    closeFd(inFd);
}

qint64 ChildProcess::bytesToWrite() const
{
    return d->pending.size();
}

void ChildProcess::closeWriteChannel()
{
    d->closeWhenWritten = true;
    if (d->pending.isEmpty())
        d->closeInput();
}

QByteArray ChildProcess::readAllStandardOutput()
{
    return {}; // on Linux the output always goes into Runboard's own pipes
}

QByteArray ChildProcess::readAllStandardError()
{
    return {};
}
