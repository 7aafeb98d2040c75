// runboard-cli's Unix parts (CliCommon.h): writing to a descriptor at pipe speed, and SIGINT,
// SIGTERM, SIGHUP turned into SignalWatcher::interrupted through a self-pipe (with who sent
// each: a signal a process repeats at once counts once).
#include "cli/CliCommon.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

// One signal as the handler saw it: which, from whom, when (one write: atomic on a pipe).
struct Arrival
{
    int signal;
    pid_t sender; // 0 when the kernel sent it (Ctrl-C on the terminal)
    qint64 atNs;  // CLOCK_MONOTONIC
};

void onSignal(int signal, siginfo_t *info, void *)
{
    const int saved = errno;
    Arrival a{signal, 0, 0};
    if (info && info->si_code <= 0) // SI_USER, SI_QUEUE, SI_TKILL: a process sent it
        a.sender = info->si_pid;
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts); // async-signal-safe
    a.atNs = qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    [[maybe_unused]] ssize_t r = ::write(g_signalPipe[1], &a, sizeof a);
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

bool isTerminal(int fd)
{
    return ::isatty(fd) == 1;
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
    sa.sa_sigaction = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_SIGINFO;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGHUP, &sa, nullptr);
    m_notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        Arrival a{};
        while (::read(g_signalPipe[0], &a, sizeof a) == ssize_t(sizeof a)) {
            // timeout(1) signals its command and then its own process group, which holds
            // runboard-cli too: the same signal twice from the same process at once is one
            // request, not a second Ctrl-C (that would kill without the grace period).
            const bool repeat = a.sender != 0 && a.signal == m_lastSignal
                                && a.sender == m_lastSender
                                && a.atNs - m_lastAtNs < RepeatWindowMs * 1000000LL;
            m_lastSignal = a.signal;
            m_lastSender = a.sender;
            m_lastAtNs = a.atNs;
            if (!repeat)
                deliver(a.signal);
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
