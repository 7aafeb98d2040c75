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
// for 30 ms (RB_BENCH_STALL_MS), prints the GUI thread's stack every 15 ms
// (RB_BENCH_STALL_EVERY_MS): SIGUSR2 to it, whose handler prints backtrace() to stderr
// (resolve our own frames with addr2line). Development only.
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
            // RB_BENCH_STALL_MS (30) and RB_BENCH_STALL_EVERY_MS (15) for shorter stalls.
            const int stallMs = qEnvironmentVariableIntValue("RB_BENCH_STALL_MS") > 0
                                    ? qEnvironmentVariableIntValue("RB_BENCH_STALL_MS") : 30;
            const int everyMs = qEnvironmentVariableIntValue("RB_BENCH_STALL_EVERY_MS") > 0
                                    ? qEnvironmentVariableIntValue("RB_BENCH_STALL_EVERY_MS") : 15;
            while (!m_quit.load()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(everyMs));
                const qint64 last = m_lastTick->load();
                if (last > 0 && nowNs() - last > qint64(stallMs) * 1'000'000)
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

// The host's steal time so far, all CPUs together, in ms (/proc/stat's 8th field): time a
// virtual CPU had work but the hypervisor ran something else. -1 when unknown.
inline double stealSoFarMs()
{
    QFile f(QStringLiteral("/proc/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> v = f.readLine().simplified().split(' '); // "cpu user nice ... steal"
    if (v.size() < 9 || v.at(0) != "cpu")
        return -1;
    return v.at(8).toDouble() * 1000.0 / double(::sysconf(_SC_CLK_TCK));
}

// Where the time of one gap went, from the heartbeat thread's own account
// (/proc/thread-self/schedstat): on a CPU (our work), runnable but waiting for a CPU (other
// threads and processes of this machine), and neither (asleep past the timer's deadline, or a
// virtual CPU the host took away while the thread ran: steal is in no account of the guest's).
struct GapAccount
{
    double gapMs = 0;
    double spanMs = 0; // from tick to tick: the gap and the 1 ms the timer waits by design
    double onCpuMs = 0;
    double waitingMs = 0;
    double atS = 0; // when it ended, in seconds since start()
    double atMonotonicS = 0; // the same on CLOCK_MONOTONIC (perf record -k CLOCK_MONOTONIC)
    double otherMs() const { return std::max(0.0, spanMs - onCpuMs - waitingMs); }
};

// Records every gap between the ticks of a 1 ms heartbeat: how long the loop could not react,
// and the account of the largest (GapAccount). Two system calls per tick: about 2 µs.
class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
        if (m_debug && qEnvironmentVariableIsSet("RB_BENCH_STALL_STACKS"))
            m_sampler = std::make_unique<StallSampler>(&m_lastTickNs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 span = m_clock.nsecsElapsed();
            m_gaps.push_back(std::max<qint64>(0, span - 1000000) / 1e6);
            m_clock.restart();
            m_lastTickNs = StallSampler::nowNs();
            const auto [onCpu, waiting] = schedstat();
            const GapAccount a{m_gaps.back(), span / 1e6, (onCpu - m_onCpu) / 1e6,
                               (waiting - m_waiting) / 1e6, m_since.elapsed() / 1000.0,
                               monotonicSeconds()};
            m_onCpu = onCpu;
            m_waiting = waiting;
            if (a.gapMs > m_largest.gapMs)
                m_largest = a;
            if (m_debug && a.gapMs > 8)
                std::printf("  gap %.1f ms at %.3f s (monotonic clock %.6f s: perf record -k CLOCK_MONOTONIC); "
                            "since the last tick %.1f ms on a CPU, %.1f ms waiting for one\n",
                            a.gapMs, a.atS, a.atMonotonicS, a.onCpuMs, a.waitingMs);
        });
    }
    ~Heartbeat()
    {
        if (m_schedstat >= 0)
            ::close(m_schedstat);
    }
    void start()
    {
        m_gaps.clear();
        m_largest = {};
        m_clock.start();
        m_lastTickNs = StallSampler::nowNs();
        m_since.start();
        std::tie(m_onCpu, m_waiting) = schedstat(); // the first gap's account starts here
        m_stealAtStart = stealSoFarMs();
        m_stealMs = -1;
        m_timer.start(1);
    }
    void stop()
    {
        m_timer.stop();
        m_lastTickNs = 0;
        const double steal = stealSoFarMs();
        m_stealMs = steal >= 0 && m_stealAtStart >= 0 ? steal - m_stealAtStart : -1;
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
    const GapAccount &largest() const { return m_largest; }
    double secondsSinceStart() const { return m_since.elapsed() / 1000.0; }
    // The host's steal on all CPUs between start() and stop(), in ms (10 ms steps); -1 unknown.
    double hostStealMs() const { return m_stealMs; }
    // "largest gap 9.5 ms at 3.21 s (10.5 from tick to tick: 6.1 on a CPU, 3.0 waiting for one, 1.4
    // neither); the host's steal during the run 20 ms"
    QString accountText() const
    {
        QString t = QStringLiteral("largest gap %1 ms at %6 s (monotonic %7 s; %2 from tick to tick: "
                                   "%3 on a CPU, %4 waiting for one, %5 neither)")
                        .arg(m_largest.gapMs, 0, 'f', 1).arg(m_largest.spanMs, 0, 'f', 1)
                        .arg(m_largest.onCpuMs, 0, 'f', 1)
                        .arg(m_largest.waitingMs, 0, 'f', 1).arg(m_largest.otherMs(), 0, 'f', 1)
                        .arg(m_largest.atS, 0, 'f', 2).arg(m_largest.atMonotonicS, 0, 'f', 3);
        if (m_stealMs >= 0)
            t += QStringLiteral("; the host's steal during the run %1 ms").arg(m_stealMs, 0, 'f', 0);
        return t;
    }

private:
    // Nanoseconds on a CPU (the thread's CPU clock: exact to now, the host's steal left out)
    // and nanoseconds runnable but waiting (schedstat's run_delay: complete up to when the
    // thread last got its CPU, which, as it is running, covers the whole span). The thread that
    // made the heartbeat: the file stays open, and a pread reads it afresh.
    std::pair<qint64, qint64> schedstat() const
    {
        timespec ts{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        const qint64 onCpu = qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
        char buf[128];
        const ssize_t n = m_schedstat >= 0 ? ::pread(m_schedstat, buf, sizeof buf - 1, 0) : -1;
        if (n <= 0)
            return {onCpu, 0};
        buf[n] = '\0';
        long long ran = 0, waiting = 0;
        if (std::sscanf(buf, "%lld %lld", &ran, &waiting) != 2)
            return {onCpu, 0};
        return {onCpu, waiting};
    }

    int m_schedstat = -1;
    qint64 m_onCpu = 0;
    qint64 m_waiting = 0;
    GapAccount m_largest;
    double m_stealAtStart = -1;
    double m_stealMs = -1;
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
