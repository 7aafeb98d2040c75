#include "cli/CliCommon.h"

#include "timeline/TimelineRecorder.h"
#include "timeline/TraceExport.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int signal)
{
    const int saved = errno;
    const unsigned char b = static_cast<unsigned char>(signal);
    [[maybe_unused]] ssize_t r = ::write(g_signalPipe[1], &b, 1);
    errno = saved;
}
} // namespace

namespace Cli {

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n > 0) {
            data += n;
            size -= n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, -1);
            continue;
        }
        return false; // EPIPE and friends: nobody reads any more
    }
    return true;
}

void printError(const QString &message)
{
    const QByteArray line = "runboard-cli: " + message.toLocal8Bit() + '\n';
    writeAll(STDERR_FILENO, line);
}

bool writeTrace(const QString &path, TimelineRecorder &recorder)
{
    recorder.refresh();
    const QString error = TraceExport::writeFile(path, recorder.tracks(), Timeline::nowUs());
    if (!error.isEmpty())
        printError(error);
    return error.isEmpty();
}

void printLine(int fd, const QString &line)
{
    writeAll(fd, line.toLocal8Bit() + '\n');
}

std::optional<qint64> parseSeconds(const QString &option, const QString &text, QString *error)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        *error = QObject::tr("%1: \"%2\" is not a number of seconds").arg(option, text);
        return std::nullopt;
    }
    if (v < 0) {
        *error = QObject::tr("%1: %2 is negative").arg(option, text);
        return std::nullopt;
    }
    if (v > 7 * 24 * 3600) {
        *error = QObject::tr("%1: %2 s is longer than the 7-day limit").arg(option, text);
        return std::nullopt;
    }
    return qint64(std::llround(v * 1000.0));
}

std::optional<qint64> parseCount(const QString &option, const QString &text, qint64 max,
                                 QString *error, qint64 min)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok) {
        *error = QObject::tr("%1: \"%2\" is not a whole number").arg(option, text);
        return std::nullopt;
    }
    if (v < min || v > max) {
        *error = QObject::tr("%1: %2 is out of range (%3 to %4)").arg(option, text).arg(min).arg(max);
        return std::nullopt;
    }
    return v;
}

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    if (g_signalPipe[0] < 0) {
        if (::pipe(g_signalPipe) != 0)
            return;
        for (int fd : g_signalPipe)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC), ::fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
    m_notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char b = 0;
        while (::read(g_signalPipe[0], &b, 1) == 1) {
            m_last = b;
            Q_EMIT interrupted(b);
        }
    });
}

SignalWatcher::~SignalWatcher()
{
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, SIG_DFL);
}

} // namespace Cli
