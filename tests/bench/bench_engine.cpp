// bench_engine — how fast the process engine moves bytes, lines and launches, against
// baselines measured in the same run. Prints one line per figure, then one JSON object.
//
//   bytes_vs_cat      engine throughput of `head -c 4G /dev/zero` into the log / `... | cat`
//   lines_vs_cat      the same for `seq 1 20000000`
//                     (the engine as runboard-cli and any program without a window use it: a
//                     pipe read alone gives way to its writer; the window's thread does not, and
//                     bench_window's window_lines_vs_cat measures the window)
//   cli_vs_cat        `runboard-cli run -- head -c 4G /dev/zero > /dev/null` / `... | cat`
//   cli_lines_vs_cat  the same for seq
//   rss_growth_mb     peak RSS while ingesting 4 GiB minus the idle RSS before it
//   spawn_sequential_vs_python   launches of `true` per second, one at a time, both sides:
//                     the engine / Python's subprocess.run in a loop
//   spawn_batch_vs_python_batch  the same with 4 in flight on both sides (Python on 4 threads;
//                     the engine launching as Start All does, through the launcher thread:
//                     RB_BENCH_SPAWN_IN_THREAD=1 launches from this thread instead);
//                     both spawn figures are the best of 20 rounds on each side (300 launches a
//                     round one at a time, 600 in the batch), the two sides' rounds alternating
//                     with one Python kept running (RB_BENCH_SPAWN_ROUNDS=N for more); the
//                     median of the rounds' ratios is reported beside them (..._median); each
//                     side lets a finished launch go (Python's CompletedProcess, the engine's
//                     ProcessJob) before the next ends
//   timeout_p99_late_ms  p99 of (stop signal sent - deadline) over 200 timeouts
//
// Set RB_BENCH_BYTES to use fewer bytes for a quick look (default 4 GiB). A run in which
// anything timed failed (a child that did not end well, a byte not counted, python3 missing)
// prints why and exits 1, without the JSON: never a ratio of a failed run.
#include "BenchUtil.h"
#include "process/ChildProcess.h"
#include "process/ProcessJob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

namespace {
qint64 g_bytes = 4LL * 1024 * 1024 * 1024;
bool g_failed = false;

void fail(const QString &why)
{
    g_failed = true;
    std::fprintf(stderr, "bench_engine: FAILED: %s\n", qPrintable(why));
}
const char *kSeqCount = "20000000";

double shellSeconds(const QString &command)
{
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        fail(QStringLiteral("the baseline `%1` did not succeed").arg(command));
    return t.nsecsElapsed() / 1e9;
}

struct EngineRun
{
    double seconds = 0;
    qint64 bytes = 0;
    qint64 lines = 0;
};

EngineRun runEngine(const QString &program, const QStringList &args)
{
    LaunchSpec spec;
    spec.command = {program, args};
    spec.stdinSource.mode = StdinMode::Null;
    ProcessJob job(spec);
    QEventLoop loop;
    QObject::connect(&job, &ProcessJob::done, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    job.start();
    loop.exec();
    EngineRun r;
    r.seconds = t.nsecsElapsed() / 1e9;
    r.bytes = job.bytesStdout();
    r.lines = job.log()->endLine();
    if (job.state() != ProcessJob::State::Finished || job.exitCode() != 0)
        fail(QStringLiteral("engine run of %1 ended badly: %2").arg(program, job.resultText()));
    return r;
}

// n launches of `true`, at most inFlight at a time (1: one after the other). As Python's loop
// lets each CompletedProcess go, a finished job is deleted, once its done() has returned: a
// thousand finished jobs kept to the end cost the heap's growth (a page fault per launch and
// a half, 7 % of this thread's time), which Python's side never pays.
double spawnRate(int n, int inFlight = 1)
{
    LaunchSpec spec;
    spec.command = {QStringLiteral("true"), {}};
    spec.stdinSource.mode = StdinMode::Null;
    int started = 0, completed = 0, succeeded = 0, depth = 0;
    QEventLoop loop;
    std::vector<std::unique_ptr<ProcessJob>> running, finished;
    QElapsedTimer t;
    t.start();
    std::function<void()> next = [&] {
        if (started == n)
            return;
        ++started;
        auto owned = std::make_unique<ProcessJob>(spec);
        ProcessJob *job = owned.get();
        running.push_back(std::move(owned));
        QObject::connect(job, &ProcessJob::done, &loop, [&, job] {
            ++depth;
            ++completed;
            if (job->state() == ProcessJob::State::Finished && job->exitCode() == 0)
                ++succeeded;
            // The jobs that ended before this one have returned from their done() (unless
            // this one ended inside another's: then nothing goes yet); this one has not.
            if (depth == 1)
                finished.clear();
            const auto it = std::find_if(running.begin(), running.end(),
                                         [job](const auto &j) { return j.get() == job; });
            finished.push_back(std::move(*it));
            running.erase(it);
            if (completed == n)
                loop.quit();
            else
                next();
            --depth;
        });
        job->start();
    };
    // Several at once go as Start All sends them (ProcessSupervisor): the waits for the
    // children to reach exec happen on the launcher thread, and this one takes their ends.
    std::optional<ChildProcess::BackgroundLaunches> offThread;
    if (inFlight > 1 && qEnvironmentVariableIsEmpty("RB_BENCH_SPAWN_IN_THREAD"))
        offThread.emplace();
    for (int i = 0; i < inFlight; ++i)
        next();
    loop.exec();
    offThread.reset();
    const double secs = t.nsecsElapsed() / 1e9;
    finished.clear();
    running.clear();
    if (succeeded != n)
        fail(QStringLiteral("spawn: only %1 of %2 launches of true succeeded").arg(succeeded).arg(n));
    return n / secs;
}

// Python's subprocess.run of `true` in a loop, as a Python that stays up between rounds: each
// round asks it for n launches on k threads (1: a plain loop) and reads back launches per
// second, so that its rounds and the engine's can alternate within a second of each other.
class PythonSpawner
{
public:
    bool start()
    {
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty()) {
            fail(QStringLiteral("python3 is not on the PATH: the spawn baseline cannot run"));
            return false;
        }
        // A launch that fails in a thread would end only that thread (SystemExit is swallowed
        // there): failures are counted, and a round with any answers -1.
        m_python.start(python, {QStringLiteral("-c"),
                                QStringLiteral("import subprocess,sys,threading,time\n"
                                               "def work(m,bad):\n"
                                               "    for i in range(m):\n"
                                               "        if subprocess.run(['true']).returncode: bad.append(1)\n"
                                               "for line in sys.stdin:\n"
                                               "    n,k=map(int,line.split()); bad=[]\n"
                                               "    ts=[threading.Thread(target=work,args=(n//k+(1 if i<n%k else 0),bad)) for i in range(k)]\n"
                                               "    t=time.perf_counter()\n"
                                               "    [x.start() for x in ts]; [x.join() for x in ts]\n"
                                               "    el=time.perf_counter()-t\n"
                                               "    print(-1 if bad else n/el, flush=True)\n")});
        if (!m_python.waitForStarted(-1)) {
            fail(QStringLiteral("the Python spawn baseline did not start: %1").arg(m_python.errorString()));
            return false;
        }
        return true;
    }
    double rate(int n, int inFlight)
    {
        m_python.write(QStringLiteral("%1 %2\n").arg(n).arg(inFlight).toLatin1());
        QElapsedTimer waited;
        waited.start();
        while (!m_python.canReadLine()) {
            // A round takes well under a second; two minutes without an answer is a hang.
            if (m_python.state() == QProcess::Running && !m_python.waitForReadyRead(1000)
                && m_python.state() == QProcess::Running) {
                if (waited.elapsed() < 120000)
                    continue;
                m_python.kill();
                fail(QStringLiteral("the Python spawn baseline did not answer a round in two minutes"));
                return -1;
            }
            if (m_python.state() != QProcess::Running && !m_python.canReadLine()) {
                m_python.waitForFinished(10000);
                const QString err = QString::fromLocal8Bit(m_python.readAllStandardError().trimmed());
                fail(QStringLiteral("the Python spawn baseline ended before answering (%1)%2")
                         .arg(m_python.exitStatus() == QProcess::CrashExit
                                  ? QStringLiteral("killed")
                                  : QStringLiteral("exit code %1").arg(m_python.exitCode()),
                              err.isEmpty() ? QString() : QStringLiteral(": ") + err));
                return -1;
            }
        }
        const double rate = m_python.readLine().trimmed().toDouble();
        if (rate <= 0)
            fail(QStringLiteral("the Python spawn baseline failed (a launch of true did not succeed)"));
        return rate;
    }
    ~PythonSpawner()
    {
        m_python.closeWriteChannel();
        if (!m_python.waitForFinished(10000))
            m_python.kill();
        m_python.waitForFinished(-1);
    }

private:
    QProcess m_python;
};

double timeoutP99LateMs(int n)
{
    LaunchSpec spec;
    spec.command = {QStringLiteral("sleep"), {QStringLiteral("10")}};
    spec.stdinSource.mode = StdinMode::Null;
    spec.timeoutMs = 20;
    spec.graceMs = 1000;
    std::vector<double> late;
    for (int i = 0; i < n; ++i) {
        ProcessJob job(spec);
        QEventLoop loop;
        QObject::connect(&job, &ProcessJob::done, &loop, &QEventLoop::quit);
        job.start();
        loop.exec();
        if (job.state() != ProcessJob::State::TimedOut)
            fail(QStringLiteral("timeout run %1 ended as %2").arg(i).arg(job.resultText()));
        late.push_back(job.timeline().signalledNs / 1e6 - spec.timeoutMs);
    }
    std::sort(late.begin(), late.end());
    return late[size_t(std::min<double>(late.size() - 1, std::ceil(0.99 * late.size()) - 1))];
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("RB_BENCH_BYTES"))
        g_bytes = qEnvironmentVariable("RB_BENCH_BYTES").toLongLong();
    const QString bytes = QString::number(g_bytes);
    const QString cli = QStringLiteral(RB_CLI);
    QJsonObject out;
    // RB_BENCH_ONLY=bytes,lines,spawn,timeout runs a part (for development); the default is all.
    const QStringList only = qEnvironmentVariable("RB_BENCH_ONLY").split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto want = [&](const char *part) { return only.isEmpty() || only.contains(QLatin1String(part)); };

    // Each figure is the best of three interleaved runs: this machine's timings swing by 2x
    // from one second to the next, and the best run is the one least disturbed.
    constexpr int Rounds = 3;
    if (want("bytes")) {
        const qint64 idleKb = BenchUtil::statusKb("VmRSS:");
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly)) // resets VmHWM to the current RSS
            clear.write("5");
        clear.close();
        double cat = 1e100, engine = 1e100, viaCli = 1e100;
        EngineRun eb;
        for (int i = 0; i < Rounds; ++i) {
            cat = std::min(cat, shellSeconds(QStringLiteral("head -c %1 /dev/zero | cat > /dev/null").arg(bytes)));
            eb = runEngine(QStringLiteral("head"), {QStringLiteral("-c"), bytes, QStringLiteral("/dev/zero")});
            engine = std::min(engine, eb.seconds);
            viaCli = std::min(viaCli, shellSeconds(QStringLiteral("'%1' run -- head -c %2 /dev/zero > /dev/null 2>/dev/null").arg(cli, bytes)));
        }
        const qint64 peakKb = BenchUtil::statusKb("VmHWM:");
        std::printf("bytes: %lld bytes; cat %.2f s, engine into the log %.2f s (%lld bytes counted), "
                    "runboard-cli %.2f s\n", g_bytes, cat, engine, eb.bytes, viaCli);
        std::printf("memory: idle %.1f MB, peak while ingesting %.1f MB\n", idleKb / 1024.0,
                    peakKb / 1024.0);
        out[QLatin1String("bytes_vs_cat")] = cat / engine;
        out[QLatin1String("cli_vs_cat")] = cat / viaCli;
        out[QLatin1String("rss_growth_mb")] = (peakKb - idleKb) / 1024.0;
        out[QLatin1String("bytes_counted_exact")] = eb.bytes == g_bytes;
        if (eb.bytes != g_bytes)
            fail(QStringLiteral("the engine counted %1 of %2 bytes").arg(eb.bytes).arg(g_bytes));
    }
    if (want("lines")) {
        double cat = 1e100, engine = 1e100, viaCli = 1e100;
        EngineRun el;
        const QString n = QLatin1String(kSeqCount);
        for (int i = 0; i < Rounds; ++i) {
            cat = std::min(cat, shellSeconds(QStringLiteral("seq 1 %1 | cat > /dev/null").arg(n)));
            el = runEngine(QStringLiteral("seq"), {QStringLiteral("1"), n});
            engine = std::min(engine, el.seconds);
            viaCli = std::min(viaCli, shellSeconds(QStringLiteral("'%1' run -- seq 1 %2 > /dev/null 2>/dev/null").arg(cli, n)));
        }
        std::printf("lines: seq 1 %s; cat %.3f s, engine into the log %.3f s (%lld lines, %lld bytes), "
                    "runboard-cli %.3f s\n", kSeqCount, cat, engine, el.lines - 1, el.bytes, viaCli);
        out[QLatin1String("lines_vs_cat")] = cat / engine;
        out[QLatin1String("cli_lines_vs_cat")] = cat / viaCli;
    }
    if (want("spawn")) {
        // Like with like: one at a time on both sides, then 4 in flight on both sides. Rounds
        // of a few hundred launches, alternating between the sides within a second (which side
        // goes first alternates too), best round of each side: a launch takes well under a
        // millisecond here, and this shared virtual machine swings both sides by ±10 % over a
        // few seconds, so longer rounds far apart compared the host's moods more than the sides.
        const int asked = qEnvironmentVariableIntValue("RB_BENCH_SPAWN_ROUNDS");
        const int SpawnRounds = asked > 0 ? asked : 20;
        constexpr int SequentialRound = 300, BatchRound = 600;
        double python = 0, pythonBatch = 0, sequential = 0, batch = 0;
        std::vector<double> sequentialRatios, batchRatios;
        PythonSpawner py;
        if (py.start() && py.rate(100, 1) > 0 && py.rate(100, 4) > 0) { // warm both up
            spawnRate(100, 1);
            spawnRate(100, 4);
            for (int i = 0; i < SpawnRounds && !g_failed; ++i) {
                double p = 0, e = 0, pb = 0, eb = 0;
                if (i % 2 == 0) {
                    p = py.rate(SequentialRound, 1);
                    e = spawnRate(SequentialRound, 1);
                    pb = py.rate(BatchRound, 4);
                    eb = spawnRate(BatchRound, 4);
                } else {
                    e = spawnRate(SequentialRound, 1);
                    p = py.rate(SequentialRound, 1);
                    eb = spawnRate(BatchRound, 4);
                    pb = py.rate(BatchRound, 4);
                }
                if (qEnvironmentVariableIsSet("RB_BENCH_DEBUG"))
                    std::printf("spawn round %d: one at a time engine %.0f/s, Python %.0f/s; "
                                "4 in flight engine %.0f/s, Python %.0f/s\n", i + 1, e, p, eb, pb);
                python = std::max(python, p);
                sequential = std::max(sequential, e);
                pythonBatch = std::max(pythonBatch, pb);
                batch = std::max(batch, eb);
                if (p > 0 && pb > 0) {
                    sequentialRatios.push_back(e / p);
                    batchRatios.push_back(eb / pb);
                }
            }
        }
        const auto median = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v.empty() ? 0.0 : (v[(v.size() - 1) / 2] + v[v.size() / 2]) / 2;
        };
        if (!g_failed)
            std::printf("spawn: launches of true, best of %d rounds each, one at a time (%d a round): "
                        "engine %.0f/s, Python subprocess.run %.0f/s; 4 in flight (%d a round): "
                        "engine %.0f/s, Python on 4 threads %.0f/s; median of the rounds' ratios "
                        "%.3f and %.3f\n",
                        SpawnRounds, SequentialRound, sequential, python, BatchRound, batch,
                        pythonBatch, median(sequentialRatios), median(batchRatios));
        if (python > 0 && pythonBatch > 0) {
            out[QLatin1String("spawn_sequential_vs_python")] = sequential / python;
            out[QLatin1String("spawn_batch_vs_python_batch")] = batch / pythonBatch;
            out[QLatin1String("spawn_sequential_vs_python_median")] = median(sequentialRatios);
            out[QLatin1String("spawn_batch_vs_python_batch_median")] = median(batchRatios);
        }
        out[QLatin1String("spawn_per_s")] = batch;
        out[QLatin1String("spawn_sequential_per_s")] = sequential;
        out[QLatin1String("python_spawn_per_s")] = python;
        out[QLatin1String("python_batch_spawn_per_s")] = pythonBatch;
    }
    if (want("timeout")) {
        const double p99 = timeoutP99LateMs(200);
        std::printf("timeout: stop signal after the deadline, p99 over 200 timeouts: %.2f ms\n", p99);
        out[QLatin1String("timeout_p99_late_ms")] = p99;
    }
    if (g_failed) {
        std::fprintf(stderr, "bench_engine: a timed run failed; no figures are reported\n");
        return 1;
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
