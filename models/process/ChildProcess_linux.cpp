// ChildProcess on Linux: launched with clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD), its end
// watched through the pidfd in the thread's epoll set (PipeWatch). See ChildProcess.h for why.
#include "process/ChildProcess.h"

#include "process/ChildLaunch_linux.h"
#include "process/ChildSetup.h"
#include "process/PipeWatch.h"
#include "process/ProcessReaper.h"

#include <QFile>
#include <QPointer>
#include <QSocketNotifier>

#include <atomic>
#include <cerrno>
#include <utility>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace ChildLaunch;

namespace {

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

thread_local int t_backgroundLaunches = 0;

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
    l->params.closeInherited = true; // nothing of ours is needed up to exec (vfork)

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
    return Launcher::inFlight();
}

bool ChildProcess::launchesInBackground()
{
    return t_backgroundLaunches > 0;
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
