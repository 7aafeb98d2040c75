#include "process/OutputPipe.h"

#include "process/PipeWatch.h"
#include "process/ProcessTree.h"
#include "process/TurnBudget.h"
#include "system/OpenFileLimit.h"

#include <QElapsedTimer>
#include <QTimer>

#include <new>
#include <utility>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>
#endif

int OutputPipe::s_open = 0;
std::atomic<int> OutputPipe::s_writeEndsKept{0};
qint64 OutputPipe::s_givenWay = 0;
bool OutputPipe::s_givingWay = true;

namespace {
// All the pipes of a thread read into one buffer: a sink takes what it is given before the
// next read. A pipe of its own cost every launch two 64 KiB allocations, kept until the job
// went (page faults at each launch, and 128 KiB for each of a thousand finished runs). A read
// made from inside a sink (a slot that drains another job) gets a buffer of its own.
class ReadBuffer final
{
    Q_DISABLE_COPY_MOVE(ReadBuffer)
public:
    ReadBuffer()
    {
        if (!t_busy) {
            if (!t_shared)
                t_shared = allocate();
            t_busy = true;
            m_data = t_shared.get();
        } else {
            m_own = allocate();
            m_data = m_own.get();
        }
    }
    ~ReadBuffer()
    {
        if (!m_own)
            t_busy = false;
    }
    char *data() const { return m_data; }

private:
    // Page-aligned: the kernel copies out of the pipe's pages with `rep movsb`, which is much
    // slower into a destination that is not aligned as its source. Reading `head -c 4G
    // /dev/zero` into a buffer 16 bytes off a page took 1.3-1.7 times as long as into one on a
    // page boundary (a plain C reader, 64 KiB reads, alternating runs).
    static constexpr std::align_val_t Alignment{4096};
    struct Free
    {
        void operator()(char *p) const { ::operator delete[](p, Alignment); }
    };
    using Buffer = std::unique_ptr<char[], Free>;
    static Buffer allocate() { return Buffer(new (Alignment) char[OutputPipe::ReadChunk]); }

    static thread_local Buffer t_shared;
    static thread_local bool t_busy;
    Buffer m_own;
    char *m_data = nullptr;
};

thread_local ReadBuffer::Buffer ReadBuffer::t_shared;
thread_local bool ReadBuffer::t_busy = false;
} // namespace

qint64 OutputPipe::bytesPerNotification()
{
    if (s_open <= 2)
        return MaxBytesPerTurn;
    return std::clamp<qint64>(TurnBudget / s_open, 1024, TurnBudget);
}

OutputPipe::OutputPipe(Sink sink, QObject *parent) : QObject(parent), m_sink(std::move(sink)) {}

OutputPipe::~OutputPipe()
{
    closeWriteEnd();
    closeReadEnd();
}

bool OutputPipe::open()
{
#ifdef Q_OS_UNIX
    int fds[2];
#ifdef Q_OS_LINUX
    if (::pipe2(fds, O_CLOEXEC) != 0) {
#else
    if (::pipe(fds) != 0 || ::fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0
        || ::fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
#endif
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_readFd = fds[0];
    m_writeFd = fds[1];
    m_inode = 0;
    ::fcntl(m_readFd, F_SETFL, O_NONBLOCK); // a new pipe's read end has no other status flag
    ++s_open;
    m_notifier = std::make_unique<PipeWatch>(m_readFd, [this] { readSome(bytesPerNotification()); });
    m_notifier->setEnabled(true);
    return true;
#else
    m_error = QStringLiteral("not supported on this platform");
    return false;
#endif
}

#ifdef Q_OS_UNIX
ssize_t OutputPipe::readChunk(char *buffer, qint64 max)
{
    // 64 KiB at a time, a default pipe's capacity. A pipe widened to 1 MiB (F_SETPIPE_SZ) was
    // tried for fast writers: the engine read `head -c 2G /dev/zero` in the same 0.98 s, and
    // runboard-cli took twice as long; pipes keep their size.
    return ::read(m_readFd, buffer, size_t(std::min(max, ReadChunk)));
}
#endif

void OutputPipe::closeWriteEnd()
{
#ifdef Q_OS_UNIX
    if (m_writeFd >= 0)
        ::close(m_writeFd);
#endif
    m_writeFd = -1;
    if (std::exchange(m_keepsWriteEnd, false))
        --s_writeEndsKept;
}

void OutputPipe::keepWriteEndUntilEnd()
{
    if (m_writeFd < 0 || m_keepsWriteEnd)
        return;
    // The limit is asked for (a system call) only once a few are kept: below 64 open files
    // at most 8 are.
    const int kept = s_writeEndsKept.load();
    if (kept >= 8 && kept >= std::min<qint64>(OpenFileLimit::current() / 8, 1 << 20)) {
        closeWriteEnd();
        return;
    }
    ++s_writeEndsKept;
    m_keepsWriteEnd = true;
}

bool OutputPipe::readSome(qint64 budget)
{
#ifdef Q_OS_UNIX
    bool ended = false;
    // Bytes and time both bound a notification. The byte budget alone let a single child's
    // pipe (1 MiB a notification) hold the GUI thread for 7.5 ms while Start All was still
    // opening the other pipes: 400,000 short lines going into a log that had not yet touched
    // its memory (page faults), in the first turn of a board run (perf, bench_window chatty).
    // What is left of the turn's time is checked after each read, so each notification reads
    // at least once.
    const qint64 timeLeftNs = TurnBudget::leftNs(0);
    // A pipe read alone (the only child, or runboard-cli run) gives way to its writer after a
    // read that emptied it; see below.
    const bool giveWay = s_givingWay && s_open <= 2;
    QElapsedTimer clock;
    clock.start();
    {
        const ReadBuffer buffer; // given back before closed() below
        while (m_readFd >= 0 && budget > 0) {
            const qint64 asked = std::min(ReadChunk, budget);
            const ssize_t n = readChunk(buffer.data(), asked);
            if (n > 0) {
                budget -= n;
                m_sink(buffer.data(), n);
                if (clock.nsecsElapsed() >= timeLeftNs)
                    return m_readFd >= 0; // the rest is reported again next turn
                // A short read does not mean the pipe stays empty: a fast writer has put more
                // in it by now. Reading on until EAGAIN (one failed read) spares an event-loop
                // pass (poll, epoll_wait, dispatch) per read. `head -c 4G /dev/zero`: 1.56-1.59 s
                // into the log when a short read went back to the loop, 1.25-1.28 s reading on
                // (three alternating runs each; runboard-cli 1.54-1.59 s -> 0.97-1.15 s).
                //
                // But a short read emptied the pipe, and a writer that finds its pipe empty
                // wakes the reader (here: epoll's callback) at each write. A reader faster
                // than its writer empties the pipe at every write and makes the writer pay
                // for a wake-up each time: `head -c 2G /dev/zero` into the log made 103,000
                // event-loop passes of about 13 KiB each, 0.68-0.78 s against cat's 0.47-0.54.
                // Giving way once (sched_yield) lets the writer fill the pipe first, on this
                // CPU or another: 0.47-0.54 s, and on one CPU 1.30-1.35 s against 1.48-1.57.
                // Only for a pipe read alone: with other children runnable, a thread that
                // gives way may wait for their time slices. Not in the window (givesWay()):
                // with two CPU hogs running, the window showing `seq` had its largest gaps at
                // 11.6-22.9 ms (median 15.6 of 9) giving way, 9.1-15.8 (median 13.2) not.
                if (giveWay && n < asked) {
                    ++s_givenWay;
                    sched_yield();
                }
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return true;
            // EOF (every writer, grandchildren included, has closed it) or an error.
            ended = true;
            break;
        }
    }
    if (ended) {
        closeReadEnd();
        Q_EMIT closed();
        return false;
    }
#else
    Q_UNUSED(budget);
#endif
    return m_readFd >= 0;
}

void OutputPipe::drainAndClose()
{
#ifdef Q_OS_UNIX
    // The child is gone: what is left is what it wrote before it ended. Bounded all the same,
    // in case a grandchild keeps writing into the pipe.
    qint64 budget = DrainBytes;
    const ReadBuffer buffer;
    while (m_readFd >= 0 && budget > 0) {
        const ssize_t n = readChunk(buffer.data(), ReadChunk);
        if (n > 0) {
            budget -= n;
            m_sink(buffer.data(), n);
        } else if (!(n < 0 && errno == EINTR)) {
            break; // empty, EOF or error
        }
    }
#endif
    closeReadEnd();
}

void OutputPipe::drain(std::function<void()> done)
{
    m_drainDone = std::move(done);
    m_drainLeft = DrainBytes; // bounded, in case a grandchild keeps writing
    m_draining = true;
    if (m_notifier)
        m_notifier->setEnabled(false); // paced by drainStep() from now on
    drainStep();
}

void OutputPipe::drainStep()
{
    if (m_paused && m_readFd >= 0) {
        m_drainWaiting = true; // setPaused(false) goes on
        return;
    }
#ifdef Q_OS_UNIX
    qint64 budget = bytesPerNotification();
    bool atEnd = false, empty = false;
    // Bounded in time as readSome() is, and counted in the turn's budget: a step runs from a
    // timer, outside PipeWatch's accounting.
    const qint64 timeLeftNs = TurnBudget::leftNs(0);
    QElapsedTimer clock;
    clock.start();
    {
        const ReadBuffer buffer;
        while (m_readFd >= 0 && budget > 0 && m_drainLeft > 0) {
            const ssize_t n = readChunk(buffer.data(), std::min(ReadChunk, budget));
            if (n > 0) {
                budget -= n;
                m_drainLeft -= n;
                m_sink(buffer.data(), n);
                if (clock.nsecsElapsed() >= timeLeftNs)
                    break; // the next step goes on
            } else if (n == 0) {
                atEnd = true;
                break;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                empty = true; // all the ended child wrote is read; a descendant may write more
                break;
            } else if (errno != EINTR) {
                atEnd = true;
                break;
            }
        }
    }
    TurnBudget::add(clock.nsecsElapsed());
    if (m_readFd >= 0 && !atEnd && !empty && m_drainLeft > 0) {
        QTimer::singleShot(0, this, &OutputPipe::drainStep);
        return;
    }
    if (atEnd) {
        closeReadEnd();
    } else if (m_notifier) {
        m_notifier->setEnabled(!m_paused); // someone still holds it: read on, as before
    }
#endif
    m_draining = false;
    auto done = std::move(m_drainDone);
    m_drainDone = nullptr;
    if (done)
        done();
#ifdef Q_OS_UNIX
    if (atEnd)
        Q_EMIT closed();
#endif
}

void OutputPipe::abandon()
{
    m_drainDone = nullptr;
    m_drainLeft = 0;
    m_draining = false;
    m_drainWaiting = false;
    closeWriteEnd();
    closeReadEnd();
}

void OutputPipe::discard()
{
    auto done = std::move(m_drainDone);
    m_drainDone = nullptr;
    m_drainLeft = 0;
    m_draining = false;
    m_drainWaiting = false;
    closeReadEnd();
    if (done)
        done();
}

void OutputPipe::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (m_draining) {
        if (!paused && m_drainWaiting) {
            m_drainWaiting = false;
            QTimer::singleShot(0, this, &OutputPipe::drainStep);
        }
        return; // drainStep() paces the reads
    }
    if (m_notifier)
        m_notifier->setEnabled(!paused);
}

quint64 OutputPipe::inode() const
{
    if (m_inode == 0 && m_readFd >= 0)
        m_inode = ProcessTree::pipeInode(m_readFd);
    return m_inode;
}

void OutputPipe::closeReadEnd()
{
    m_notifier.reset(); // out of the epoll set before the descriptor closes
#ifdef Q_OS_UNIX
    if (m_readFd >= 0) {
        ::close(m_readFd);
        --s_open;
    }
#endif
    m_readFd = -1;
}
