// soak — runs Runboard's engine hard for a while and checks that nothing is left behind.
//
//   1. 2,000 mixed launches, 16 in flight, with the soft open-file limit at 256: success,
//      missing program, crash, killed, timed out, pipelines, and children that leave escapees
//      (setsid) behind — through ProcessSupervisor, as the window runs them.
//   2. 10,000 fetches at concurrency 40 against the local demo server (its own thread), under
//      the same file limit (the fetcher refuses a concurrency the limit cannot carry: 50 needs
//      about 264 files).
//
// The last line is one JSON object: fd_delta, threads_delta, zombies, orphans (processes
// below us still alive), rss_growth_mb, and the counts. It exits 1 when any of the first four
// is not zero, RSS grew by more than 32 MB, or a run did not end the way it was meant to.
// Run: build/release/tests/bench/soak   (about 6 s here)
#include "BenchUtil.h"
#include "net/DemoServer.h"
#include "net/FetchEngine.h"
#include "process/Guardian.h"
#include "process/ProcessReaper.h"
#include "process/ProcessSupervisor.h"
#include "process/ProcessTree.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

namespace {
int openFds()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

int threads()
{
    return int(BenchUtil::statusKb("Threads:"));
}

// Processes below us, alive or zombie (the guardian and our own QProcess-less helpers aside).
void descendants(int *alive, int *zombies)
{
    *alive = *zombies = 0;
    ProcessTree::invalidateSnapshot();
    const ProcessTree::Snapshot snap = ProcessTree::snapshot();
    const QList<qint64> below = ProcessTree::descendants(snap, {qint64(::getpid())});
    for (qint64 pid : below) {
        if (pid == Guardian::pid())
            continue; // ours by design, for as long as we live
        const ProcessTree::Info i = snap.value(pid);
        std::fprintf(stderr, "soak: left below us: %s (pid %lld, %c)\n", i.comm.constData(),
                     static_cast<long long>(pid), i.state);
        if (i.state == 'Z')
            ++*zombies;
        else
            ++*alive;
    }
}

enum Kind { Success, Missing, Crash, Killed, TimedOut, Pipeline, Escapee, KindCount };

LaunchSpec specFor(Kind kind)
{
    LaunchSpec s;
    s.stdinSource.mode = StdinMode::Null;
    s.graceMs = 200;
    const QString sh = QStringLiteral("sh");
    switch (kind) {
    case Success: s.command = {QStringLiteral("true"), {}}; break;
    case Missing: s.command = {QStringLiteral("no-such-program-soak"), {}}; break;
    case Crash: s.command = {sh, {QStringLiteral("-c"), QStringLiteral("kill -SEGV $$")}}; break;
    case Killed: s.command = {QStringLiteral("sleep"), {QStringLiteral("100")}}; break;
    case TimedOut:
        s.command = {QStringLiteral("sleep"), {QStringLiteral("100")}};
        s.timeoutMs = 50;
        break;
    case Pipeline:
        s.command = {QStringLiteral("seq"), {QStringLiteral("1"), QStringLiteral("1000")}};
        s.pipeline = {{QStringLiteral("wc"), {QStringLiteral("-l")}}};
        break;
    case Escapee:
        s.command = {sh, {QStringLiteral("-c"), QStringLiteral("setsid sleep 100 & sleep 100")}};
        s.timeoutMs = 150;
        break;
    case KindCount: break;
    }
    return s;
}

bool endedAsMeant(Kind kind, const ProcessJob *job)
{
    using S = ProcessJob::State;
    switch (kind) {
    case Success: return job->state() == S::Finished && job->exitCode() == 0;
    case Missing: return job->state() == S::FailedToStart && job->shellExitStatus() == 127;
    case Crash: return job->state() == S::Crashed;
    case Killed: return job->state() == S::Killed;
    case TimedOut:
    case Escapee: return job->state() == S::TimedOut;
    case Pipeline: return job->state() == S::Finished && job->exitCode() == 0;
    case KindCount: break;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    Guardian::start(argc, argv); // as both programs do
    QCoreApplication app(argc, argv);
    // Qt keeps idle pool threads for 30 s; the soak counts threads that are left for good.
    QThreadPool::globalInstance()->setExpiryTimeout(100);
    struct rlimit rl = {};
    ::getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = std::min<rlim_t>(256, rl.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &rl);

    // One warm-up of each, so that lazily made singletons (the reaper, Qt's pools) are there
    // before the baseline is taken.
    {
        ProcessSupervisor warm;
        QEventLoop loop;
        QObject::connect(&warm, &ProcessSupervisor::allStopped, &loop, &QEventLoop::quit);
        warm.launch(specFor(Success));
        loop.exec();
        ProcessJob *running = warm.launch(specFor(Killed)).first();
        QObject::connect(running, &ProcessJob::stateChanged, &loop, &QEventLoop::quit);
        loop.exec(); // started; the supervisor is torn down with it running (the reaper thread)
    }
    for (int i = 0; i < 50 && ProcessReaper::instance()->pendingCount() > 0; ++i) {
        QEventLoop wait;
        QTimer::singleShot(100, &wait, &QEventLoop::quit);
        wait.exec();
    }
    const int fdsBefore = openFds();
    const int threadsBefore = threads();
    const qint64 rssBefore = BenchUtil::statusKb("VmRSS:");
    int failures = 0;

    constexpr int Launches = 2000, InFlight = 16;
    {
        ProcessSupervisor supervisor;
        supervisor.setLogEnabled(true);
        int started = 0, ended = 0;
        QEventLoop loop;
        std::function<void()> next = [&] {
            if (started == Launches)
                return;
            const Kind kind = Kind(started % KindCount);
            ++started;
            ProcessJob *job = supervisor.launch(specFor(kind)).first();
            QObject::connect(job, &ProcessJob::done, &supervisor, [&, job, kind] {
                if (!endedAsMeant(kind, job)) {
                    ++failures;
                    std::fprintf(stderr, "soak: launch of kind %d ended as: %s\n", int(kind),
                                 qPrintable(job->resultText()));
                }
            });
            QObject::connect(job, &ProcessJob::outputClosed, &supervisor, [&, job] {
                ++ended;
                QTimer::singleShot(0, &supervisor, [&supervisor, job] { supervisor.remove(job); });
                if (ended == Launches)
                    loop.quit();
                else
                    next();
            });
            if (kind == Killed) {
                QTimer::singleShot(20, job, [job] { job->stop(); });
            }
        };
        for (int i = 0; i < InFlight; ++i)
            next();
        loop.exec();
        std::printf("launches: %d, %d did not end as meant\n", Launches, failures);
    }

    // Escapees are stopped by SIGKILL after the grace period; let the reaper catch up.
    int alive = 0, zombies = 0;
    for (int i = 0; i < 100; ++i) {
        QEventLoop wait;
        QTimer::singleShot(100, &wait, &QEventLoop::quit);
        wait.exec();
        ProcessReaper::instance()->reapOrphans();
        descendants(&alive, &zombies);
        if (alive == 0 && zombies == 0 && ProcessReaper::instance()->pendingCount() == 0)
            break;
    }

    constexpr int Fetches = 10000;
    int fetchFailures = 0;
    {
        QThread serverThread;
        auto *server = new DemoServer;
        server->moveToThread(&serverThread);
        serverThread.start();
        const auto stopServer = [&] {
            QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
            serverThread.quit();
            serverThread.wait();
        };
        QString listenError;
        QMetaObject::invokeMethod(server, [&] { listenError = server->listen(0); },
                                  Qt::BlockingQueuedConnection);
        if (!listenError.isEmpty()) {
            std::fprintf(stderr, "soak: demo server: %s\n", qPrintable(listenError));
            stopServer();
            return 1;
        }
        const QString url = server->baseUrl().toString() + QStringLiteral("/bytes/512");
        FetchEngine engine;
        FetchOptions options;
        options.concurrency = 40;
        QEventLoop loop;
        QObject::connect(&engine, &FetchEngine::resultReady, &loop, [&](const FetchResult &r) {
            if (!r.ok())
                ++fetchFailures;
        });
        QObject::connect(&engine, &FetchEngine::finished, &loop, &QEventLoop::quit);
        const QString error = engine.start(QStringList(Fetches, url), options);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "soak: fetch: %s\n", qPrintable(error));
            stopServer();
            return 1;
        }
        loop.exec();
        stopServer();
        std::printf("fetches: %d, %d failed\n", Fetches, fetchFailures);
    }

    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    for (int i = 0; i < 50 && threads() > threadsBefore; ++i) {
        QEventLoop wait; // idle pool threads expire after 100 ms (above)
        QTimer::singleShot(100, &wait, &QEventLoop::quit);
        wait.exec();
    }
    const int fdDelta = openFds() - fdsBefore;
    const int threadsDelta = threads() - threadsBefore;
    const double rssGrowth = (BenchUtil::statusKb("VmRSS:") - rssBefore) / 1024.0;
    descendants(&alive, &zombies);
    QJsonObject out;
    out[QLatin1String("launches")] = Launches;
    out[QLatin1String("launch_failures")] = failures;
    out[QLatin1String("fetches")] = Fetches;
    out[QLatin1String("fetch_failures")] = fetchFailures;
    out[QLatin1String("fd_delta")] = fdDelta;
    out[QLatin1String("threads_delta")] = threadsDelta;
    out[QLatin1String("zombies")] = zombies;
    out[QLatin1String("orphans")] = alive;
    out[QLatin1String("rss_growth_mb")] = rssGrowth;
    const bool ok = failures == 0 && fetchFailures == 0 && fdDelta == 0 && threadsDelta == 0
                    && zombies == 0 && alive == 0 && rssGrowth <= 32;
    if (!ok)
        std::fprintf(stderr, "soak: FAILED (see the figures)\n");
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return ok ? 0 : 1;
}
