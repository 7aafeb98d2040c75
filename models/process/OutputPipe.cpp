#include "process/OutputPipe.h"

#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#endif

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
    ::fcntl(m_readFd, F_SETFL, ::fcntl(m_readFd, F_GETFL) | O_NONBLOCK);
    m_buffer.reset(new char[ReadChunk]);
    m_notifier = new QSocketNotifier(m_readFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { readSome(MaxBytesPerTurn); });
    return true;
#else
    m_error = QStringLiteral("not supported on this platform");
    return false;
#endif
}

void OutputPipe::closeWriteEnd()
{
#ifdef Q_OS_UNIX
    if (m_writeFd >= 0)
        ::close(m_writeFd);
#endif
    m_writeFd = -1;
}

bool OutputPipe::readSome(qint64 budget)
{
#ifdef Q_OS_UNIX
    while (m_readFd >= 0 && budget > 0) {
        const ssize_t n = ::read(m_readFd, m_buffer.get(), size_t(ReadChunk));
        if (n > 0) {
            budget -= n;
            m_sink(m_buffer.get(), n);
            if (n < ReadChunk)
                return true; // the pipe is empty for now: back to the event loop
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        // EOF (every writer, grandchildren included, has closed it) or an error.
        closeReadEnd();
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
    qint64 budget = 64 * MaxBytesPerTurn;
    while (m_readFd >= 0 && budget > 0) {
        const ssize_t n = ::read(m_readFd, m_buffer.get(), size_t(ReadChunk));
        if (n > 0) {
            budget -= n;
            m_sink(m_buffer.get(), n);
        } else if (!(n < 0 && errno == EINTR)) {
            break; // empty, EOF or error
        }
    }
#endif
    closeReadEnd();
}

void OutputPipe::closeReadEnd()
{
    if (m_notifier) {
        m_notifier->setEnabled(false);
        m_notifier->deleteLater(); // we may be inside its activated() signal
        m_notifier = nullptr;
    }
#ifdef Q_OS_UNIX
    if (m_readFd >= 0)
        ::close(m_readFd);
#endif
    m_readFd = -1;
}
