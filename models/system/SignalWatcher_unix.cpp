// SignalWatcher on Unix: SIGINT, SIGTERM and SIGHUP written into a self-pipe by the handler,
// with who sent each and when, and read on the event loop.
#include "system/SignalWatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

// One signal as the handler saw it: one write of a few bytes, atomic on a pipe.
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

constexpr int Watched[] = {SIGINT, SIGTERM, SIGHUP};
} // namespace

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
    for (int s : Watched)
        ::sigaction(s, &sa, nullptr);
    m_notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        Arrival a{};
        while (::read(g_signalPipe[0], &a, sizeof a) == ssize_t(sizeof a))
            arrive(a.signal, a.sender, a.atNs);
    });
}

SignalWatcher::~SignalWatcher()
{
    for (int s : Watched)
        ::signal(s, SIG_DFL);
}
