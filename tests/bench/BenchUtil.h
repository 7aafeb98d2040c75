#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>
#include <QTimer>

#include <memory>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <thread>
#include <tuple>
#include <vector>

#include <execinfo.h>
#include <pthread.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

// Shared by the benchmark programs.
namespace BenchUtil {

// CLOCK_MONOTONIC in seconds: the clock `perf record -k CLOCK_MONOTONIC` stamps samples with,
// so that a gap printed here can be found in a profile (`perf script --time A,B`).
inline double monotonicSeconds()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// A field of /proc/self/status in kB (VmRSS:, VmHWM:) or as a count (Threads:); -1 if absent.
inline qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// With RB_BENCH_DEBUG: a thread that watches the heartbeat and, while the loop has not ticked
// for 30 ms, prints the GUI thread's stack every 15 ms (SIGUSR2 to it; its handler prints
// backtrace() to stderr; resolve our own frames with addr2line). Development only.
class StallSampler
{
public:
    explicit StallSampler(const std::atomic<qint64> *lastTickNs) : m_lastTick(lastTickNs)
    {
        struct sigaction sa = {};
        sa.sa_handler = [](int) {
            void *frames[48];
            const int n = ::backtrace(frames, 48);
            const char head[] = "  -- GUI thread stack during a stall:\n";
            (void)!::write(2, head, sizeof head - 1);
            ::backtrace_symbols_fd(frames, n, 2);
        };
        ::sigaction(SIGUSR2, &sa, nullptr);
        void *warm[2];
        ::backtrace(warm, 2); // loads libgcc's unwinder now, not in the handler
        m_gui = ::pthread_self();
        m_thread = std::thread([this] {
            while (!m_quit.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(15));
                const qint64 last = m_lastTick->load();
                if (last > 0 && nowNs() - last > 30'000'000)
                    ::pthread_kill(m_gui, SIGUSR2);
            }
        });
    }
    ~StallSampler()
    {
        m_quit = true;
        m_thread.join();
    }
    static qint64 nowNs()
    {
        timespec ts{};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

private:
    const std::atomic<qint64> *m_lastTick;
    pthread_t m_gui;
    std::atomic<bool> m_quit{false};
    std::thread m_thread;
};

// Records every gap between the ticks of a 1 ms heartbeat: how long the loop could not react.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        if (m_debug && qEnvironmentVariableIsSet("RB_BENCH_STALL_STACKS"))
            m_sampler = std::make_unique<StallSampler>(&m_lastTickNs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_gaps.push_back(std::max<qint64>(0, m_clock.nsecsElapsed() - 1000000) / 1e6);
            m_clock.restart();
            m_lastTickNs = StallSampler::nowNs();
            if (!m_debug)
                return;
            // The thread's own account (schedstat): time on a CPU, and time runnable but
            // waiting for one. A gap mostly spent waiting is the scheduler's, not our work.
            const auto [onCpu, waiting] = schedstat();
            if (m_gaps.back() > 8)
                std::printf("  gap %.1f ms at %.3f s (monotonic clock %.6f s: perf record -k CLOCK_MONOTONIC); "
                            "since the last tick %.1f ms on a CPU, %.1f ms waiting for one\n",
                            m_gaps.back(), m_since.elapsed() / 1000.0, monotonicSeconds(),
                            (onCpu - m_onCpu) / 1e6, (waiting - m_waiting) / 1e6);
            m_onCpu = onCpu;
            m_waiting = waiting;
        });
    }
    void start()
    {
        m_gaps.clear();
        m_clock.start();
        m_lastTickNs = StallSampler::nowNs();
        m_since.start();
        if (m_debug) // the first gap's account starts here, not at the last run's last tick
            std::tie(m_onCpu, m_waiting) = schedstat();
        m_timer.start(1);
    }
    void stop()
    {
        m_timer.stop();
        m_lastTickNs = 0;
    }
    double max() const { return m_gaps.empty() ? 0 : *std::max_element(m_gaps.begin(), m_gaps.end()); }
    double p99() const
    {
        if (m_gaps.empty())
            return 0;
        std::vector<double> g = m_gaps;
        std::sort(g.begin(), g.end());
        return g[size_t(std::min<double>(g.size() - 1, std::ceil(0.99 * g.size()) - 1))];
    }

private:
    // /proc/thread-self/schedstat: nanoseconds on a CPU, nanoseconds runnable and waiting.
    static std::pair<qint64, qint64> schedstat()
    {
        QFile f(QStringLiteral("/proc/thread-self/schedstat"));
        if (!f.open(QIODevice::ReadOnly))
            return {0, 0};
        const QList<QByteArray> v = f.readAll().simplified().split(' ');
        return {v.value(0).toLongLong(), v.value(1).toLongLong()};
    }

    qint64 m_onCpu = 0;
    qint64 m_waiting = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_since;
    std::vector<double> m_gaps;
    const bool m_debug = qEnvironmentVariableIsSet("RB_BENCH_DEBUG");
    std::atomic<qint64> m_lastTickNs{0};       // 0: not running
    std::unique_ptr<StallSampler> m_sampler;   // declared last: goes first
};

// A whole child process, timed: wall clock, and its user+sys CPU as wait4() reports it.
struct ProcessRun
{
    bool ok = false;    // started, and exited with status 0
    QString error;      // why not
    double wallMs = -1;
    double cpuMs = -1;  // user + sys of the child (and of children it waited for)
};

// Runs program with arguments, stdout and stderr to the given files ("/dev/null" by default).
inline ProcessRun runProcess(const QString &program, const QStringList &arguments,
                             const QString &stdoutPath = QStringLiteral("/dev/null"),
                             const QString &stderrPath = QStringLiteral("/dev/null"))
{
    ProcessRun run;
    std::vector<QByteArray> args{program.toLocal8Bit()};
    for (const QString &a : arguments)
        args.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const QByteArray out = stdoutPath.toLocal8Bit(), err = stderrPath.toLocal8Bit();
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QElapsedTimer clock;
    clock.start();
    pid_t pid = -1;
    const int e = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (e != 0) {
        run.error = QStringLiteral("%1: %2").arg(program, QString::fromLocal8Bit(strerror(e)));
        return run;
    }
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) != pid) {
        run.error = QStringLiteral("%1: wait4 failed").arg(program);
        return run;
    }
    run.wallMs = clock.nsecsElapsed() / 1e6;
    run.cpuMs = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
                + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        run.ok = true;
    else if (WIFEXITED(status))
        run.error = QStringLiteral("%1 exited with %2").arg(program).arg(WEXITSTATUS(status));
    else
        run.error = QStringLiteral("%1 ended by signal %2").arg(program).arg(WTERMSIG(status));
    return run;
}

} // namespace BenchUtil
