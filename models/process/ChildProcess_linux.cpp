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

// What the child needs, all prepared by the launcher: the child allocates nothing.
struct Launch
{
    ChildSetup::ChildParams params;
    const char *path = nullptr;
    char **argv = nullptr;
    char **envp = nullptr;
    const char *workingDirectory = nullptr;
    // Written by the child when it fails (the launcher reads them once clone() returns).
    int error = 0;
    const char *failedStep = nullptr;
};

RB_CHILD_CODE int childMain(void *arg)
{
    auto *l = static_cast<Launch *>(arg);
    ChildSetup::inChild(l->params);
    if (l->workingDirectory && ::chdir(l->workingDirectory) != 0) {
        l->error = errno;
        l->failedStep = "chdir";
        ::_exit(127);
    }
    ::execve(l->path, l->argv, l->envp);
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

    Launch l;
    const QByteArray path = QFile::encodeName(m_program);
    l.path = path.constData();
    CStrings argv;
    argv.add(path);
    for (const QString &a : std::as_const(m_arguments))
        argv.add(a.toLocal8Bit());
    l.argv = argv.array();
    CStrings envp;
    if (m_hasEnv) {
        const QStringList vars = m_env.toStringList();
        for (const QString &v : vars)
            envp.add(v.toLocal8Bit());
        l.envp = envp.array();
    } else {
        l.envp = environ;
    }
    const QByteArray dir = QFile::encodeName(m_workingDirectory);
    if (!m_workingDirectory.isEmpty())
        l.workingDirectory = dir.constData();

    // The child's fd 0.
    int childIn = -1;
    switch (m_channels.input) {
    case Input::Null:
        childIn = devNull();
        if (childIn < 0) // never Runboard's own stdin instead
            return d->failToStart(tr("cannot open /dev/null: %1").arg(qt_error_string(errno)));
        break;
    case Input::Inherit: childIn = STDIN_FILENO; break;
    case Input::File: childIn = m_channels.stdinFd; break;
    case Input::Previous:
        // No pipe from a stage that could not be started: EOF, never Runboard's own stdin.
        childIn = d->fromPrevious >= 0 ? d->fromPrevious : devNull();
        if (childIn < 0)
            return d->failToStart(tr("cannot open /dev/null: %1").arg(qt_error_string(errno)));
        break;
    case Input::Pipe: {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0)
            return d->failToStart(tr("cannot create a pipe for stdin: %1").arg(qt_error_string(errno)));
        childIn = p[0];
        d->inFd = p[1];
        ::fcntl(d->inFd, F_SETFL, O_WRONLY | O_NONBLOCK);
        break;
    }
    }
    // The child's fd 1: ours, or a pipe into the next stage.
    int childOut = m_channels.stdoutFd;
    int toNext = -1;
    if (childOut < 0 && m_next) {
        int p[2];
        if (::pipe2(p, O_CLOEXEC) != 0) {
            if (m_channels.input == Input::Pipe)
                ::close(childIn);
            return d->failToStart(tr("cannot create a pipe to the next stage: %1").arg(qt_error_string(errno)));
        }
        closeFd(m_next->d->fromPrevious);
        m_next->d->fromPrevious = p[0];
        toNext = childOut = p[1];
    }
    l.params = ChildSetup::paramsFor(childOut, m_channels.stderrFd, childIn);

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

    // The child has its copies now (or there is no child).
    if (m_channels.input == Input::Pipe)
        ::close(childIn);
    closeFd(d->fromPrevious);
    if (toNext >= 0)
        ::close(toNext);

    if (pid < 0) {
        if (toNext >= 0)
            closeFd(m_next->d->fromPrevious);
        return d->failToStart(launchErrno == EINVAL
                                  ? tr("this system cannot launch with a pidfd (Linux 5.2 or later is needed)")
                                  : tr("cannot create a process: %1").arg(qt_error_string(launchErrno)));
    }
    if (pidfd < 0) {
        // A kernel older than 5.2 ignores CLONE_PIDFD; 5.3's pidfd_open() may still be there.
        pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
        if (pidfd < 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0); // it has called exec or _exit already (vfork)
            if (toNext >= 0)
                closeFd(m_next->d->fromPrevious);
            return d->failToStart(tr("this system cannot watch a process through a pidfd "
                                     "(Linux 5.3 or later is needed)"));
        }
        ::fcntl(pidfd, F_SETFD, FD_CLOEXEC);
    }
    if (l.error) {
        // It never ran: collect its exit at once (it has already called _exit()).
        siginfo_t info = {};
        ::waitid(idtype_t(P_PIDFD), id_t(pidfd), &info, WEXITED);
        ::close(pidfd);
        if (toNext >= 0)
            closeFd(m_next->d->fromPrevious);
        return d->failToStart(QStringLiteral("%1: %2").arg(QLatin1String(l.failedStep),
                                                           qt_error_string(l.error)));
    }
    d->pid = pid;
    d->pidfd = pidfd;
    d->state = QProcess::Starting; // Running from started() on, as with QProcess
    d->exitWatch = std::make_unique<PipeWatch>(pidfd, [this] { d->exited(); });
    d->exitWatch->setEnabled(true);
    // As QProcess does: started() comes from the event loop.
    QMetaObject::invokeMethod(this, [this] { d->reportStarted(); }, Qt::QueuedConnection);
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
