// What a job's first stage reads: the stdin file (opened without ever blocking, a FIFO's
// writer awaited on a notifier), random bytes fed as the child takes them, typed lines.
#include "process/ProcessJob.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include <algorithm>

namespace {
constexpr qint64 StdinChunk = 64 * 1024;
} // namespace

bool ProcessJob::stdinOpen() const
{
    return isActive() && !m_stdinClosed && !m_processes.isEmpty()
           && m_spec.stdinSource.mode == StdinMode::Interactive && m_interactiveAllowed;
}

#ifdef Q_OS_UNIX
bool ProcessJob::openStdinFile(const QString &path)
{
    // Never a blocking open(): for a FIFO without a writer it would wait for one, and the thread
    // starting the child (the window's) with it. Without O_NONBLOCK's wait the child would
    // instead read EOF at once, so a FIFO that is not readable yet is watched until its writer
    // has written or come and gone, and only then is the child started.
    m_stdinFd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (m_stdinFd < 0) {
        failBeforeStart(tr("stdin file \"%1\" cannot be opened: %2").arg(path, qt_error_string(errno)), 127);
        return false;
    }
    struct stat st = {};
    if (::fstat(m_stdinFd, &st) != 0 || !S_ISFIFO(st.st_mode))
        return true;
    pollfd pfd = {m_stdinFd, POLLIN, 0};
    if (::poll(&pfd, 1, 0) > 0)
        return true;
    m_log->appendSystem(tr("Waiting for a writer on the FIFO \"%1\" (stdin file)").arg(path));
    Q_EMIT outputAppended();
    m_stdinWait = new QSocketNotifier(qintptr(m_stdinFd), QSocketNotifier::Read, this);
    connect(m_stdinWait, &QSocketNotifier::activated, this, [this] {
        m_stdinWait->setEnabled(false);
        m_stdinWait->deleteLater();
        m_stdinWait = nullptr;
        launch();
    });
    return true;
}
#endif

void ProcessJob::closeStdinFile()
{
    if (m_stdinWait) {
        m_stdinWait->setEnabled(false);
        m_stdinWait->deleteLater();
        m_stdinWait = nullptr;
    }
#ifdef Q_OS_UNIX
    if (m_stdinFd >= 0)
        ::close(m_stdinFd);
#endif
    m_stdinFd = -1;
}

void ProcessJob::feedStdin()
{
    if (m_processes.isEmpty() || m_stdinClosed)
        return;
    ChildProcess *first = m_processes.first();
    while (m_randomLeft > 0 && first->bytesToWrite() < 4 * StdinChunk) {
        const qint64 n = std::min(m_randomLeft, StdinChunk);
        QByteArray chunk(n, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()),
                                              n / 4);
        for (qint64 i = n / 4 * 4; i < n; ++i)
            chunk[i] = char(QRandomGenerator::global()->generate());
        m_bytesIn += first->write(chunk);
        m_randomLeft -= n;
    }
    if (m_randomLeft == 0)
        closeStdin();
}

bool ProcessJob::writeStdin(const QByteArray &data)
{
    if (!stdinOpen())
        return false;
    const qint64 n = m_processes.first()->write(data);
    if (n < 0)
        return false;
    m_bytesIn += n;
    return true;
}

bool ProcessJob::typeStdin(const QByteArray &data)
{
    if (!writeStdin(data))
        return false;
    if (m_logEnabled) {
        m_log->appendEcho(data);
        Q_EMIT outputAppended();
    }
    return true;
}

void ProcessJob::closeStdin()
{
    if (m_stdinClosed || m_processes.isEmpty())
        return;
    m_stdinClosed = true;
    m_processes.first()->closeWriteChannel();
    m_timeline.stdinClosedNs = nowNs();
    Q_EMIT stateChanged(m_state);
}
