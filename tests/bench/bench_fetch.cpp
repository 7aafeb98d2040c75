// bench_fetch — 1,000 fetches of /delay/50 from the demo server (run as a separate process)
// through the fetch engine, against `curl --parallel` and a Python ThreadPoolExecutor run of
// the same URLs in the same run. Prints one line per figure, then one JSON object:
//
//   c64_vs_ideal       engine wall time at concurrency 64 / ceil(1000/64) * 50 ms
//   c64_vs_curl        engine wall time / curl --parallel --parallel-max 64   (<= 1 is better)
//   c256_vs_curl       the same at 256
//   window_max_gap_ms  largest event-loop gap of the real window while its network panel runs
//                      the 1,000 fetches (offscreen)
#include "MainWindow.h"
#include "NetworkPanel.h"
#include "net/FetchEngine.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cmath>
#include <cstdio>

namespace {
constexpr int Count = 1000;
constexpr int DelayMs = 50;

// Anything timed that did not do its whole job makes its figure meaningless: it is reported,
// the ratios built on it are not printed, and the benchmark exits non-zero.
int g_failures = 0;
void failed(const char *what, const QString &why)
{
    ++g_failures;
    std::fprintf(stderr, "bench_fetch: %s failed: %s\n", what, qPrintable(why));
}

double engineMs(const QStringList &urls, int concurrency)
{
    FetchEngine engine;
    FetchOptions o;
    o.concurrency = concurrency;
    o.timeoutMs = 30000;
    QEventLoop loop;
    QObject::connect(&engine, &FetchEngine::finished, &loop, &QEventLoop::quit);
    QElapsedTimer t;
    t.start();
    engine.start(urls, o);
    loop.exec();
    const double ms = t.nsecsElapsed() / 1e6;
    const FetchSummary s = engine.summary();
    if (s.failed || s.succeeded != urls.size())
        failed("engine batch", QStringLiteral("concurrency %1: %2 of %3 fetches failed")
                                   .arg(concurrency).arg(s.failed).arg(urls.size()));
    return ms;
}

double curlMs(const QString &config, int parallel)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("--parallel"),
                                     QStringLiteral("--parallel-max"), QString::number(parallel),
                                     QStringLiteral("-K"), config});
    if (!p.waitForStarted(20000)) {
        failed("curl", p.errorString()); // curl missing
        return -1;
    }
    p.waitForFinished(-1);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        failed("curl", QStringLiteral("exit code %1").arg(p.exitCode()));
        return -1;
    }
    return t.nsecsElapsed() / 1e6;
}

double pythonMs(const QString &base, int workers)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        failed("Python baseline", QStringLiteral("python3 not found"));
        return -1;
    }
    QProcess p;
    p.start(python, {QStringLiteral("-c"), QStringLiteral(
        "import concurrent.futures as cf, urllib.request, time\n"
        "urls=['%1/delay/%2']*%3\n"
        "def get(u):\n"
        "    with urllib.request.urlopen(u, timeout=30) as r: return len(r.read())\n"
        "t=time.perf_counter()\n"
        "with cf.ThreadPoolExecutor(%4) as ex: list(ex.map(get, urls))\n"
        "print((time.perf_counter()-t)*1000)\n").arg(base).arg(DelayMs).arg(Count).arg(workers)});
    p.waitForFinished(-1);
    bool ok = false;
    const double ms = p.readAllStandardOutput().trimmed().toDouble(&ok);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0 || !ok || ms <= 0) {
        failed("Python baseline", QStringLiteral("exit code %1, no time reported: %2")
                                      .arg(p.exitCode()).arg(QString::fromLocal8Bit(p.readAllStandardError().right(200))));
        return -1;
    }
    return ms;
}

// How long after cancel() a batch of running and queued fetches has ended.
double cancelMs(const QString &base)
{
    FetchEngine engine;
    FetchOptions o;
    o.concurrency = 64;
    QStringList urls;
    for (int i = 0; i < 500; ++i)
        urls << QStringLiteral("%1/delay/10000").arg(base);
    QEventLoop loop;
    QObject::connect(&engine, &FetchEngine::finished, &loop, &QEventLoop::quit);
    engine.start(urls, o);
    QElapsedTimer t;
    QTimer::singleShot(500, &engine, [&] {
        t.start();
        engine.cancel();
    });
    loop.exec();
    const double ms = t.nsecsElapsed() / 1e6;
    const FetchSummary s = engine.summary();
    if (s.succeeded != 0 || s.failed != urls.size()) // every fetch must have been cancelled
        failed("cancel", QStringLiteral("%1 of %2 fetches were not cancelled").arg(s.succeeded).arg(urls.size()));
    return ms;
}

double windowMaxGapMs(const QString &base)
{
    MainWindow window;
    window.setConfirmQuit(false);
    window.show();
    auto *panel = window.findChild<NetworkPanel *>();
    if (!panel) {
        failed("window", QStringLiteral("no network panel"));
        return -1;
    }
    window.showNetworkPanel();
    QStringList urls;
    for (int i = 0; i < Count; ++i)
        urls << QStringLiteral("%1/delay/%2").arg(base).arg(DelayMs);
    panel->setUrlText(urls.join(QLatin1Char('\n')));
    panel->findChild<QSpinBox *>(QStringLiteral("concurrencySpin"))->setValue(64);
    // Let the window paint itself first: the gap is measured while the fetches run.
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit);
    settle.exec();
    QEventLoop loop;
    QObject::connect(panel->engine(), &FetchEngine::finished, &loop, &QEventLoop::quit);
    // The heartbeat: a 1 ms timer whose largest gap is how long the window could not react.
    QElapsedTimer beat;
    qint64 maxGapNs = 0;
    QTimer heart;
    heart.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heart, &QTimer::timeout, [&] {
        maxGapNs = std::max(maxGapNs, beat.nsecsElapsed());
        beat.restart();
    });
    beat.start();
    heart.start(1);
    QElapsedTimer clickTime;
    clickTime.start();
    panel->findChild<QPushButton *>(QStringLiteral("startFetchButton"))->click();
    std::printf("window: starting the batch took %.1f ms of the GUI thread\n", clickTime.nsecsElapsed() / 1e6);
    loop.exec();
    heart.stop();
    if (panel->engine()->summary().failed || panel->engine()->summary().succeeded != Count)
        failed("window batch", QStringLiteral("%1 of %2 fetches failed")
                                   .arg(panel->engine()->summary().failed).arg(Count));
    return maxGapNs / 1e6;
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // The demo server runs in its own process, as `runboard-cli serve-demo` would.
    QProcess server;
    server.start(QStringLiteral(RB_CLI), {QStringLiteral("serve-demo")});
    if (!server.waitForReadyRead(20000)) {
        std::fprintf(stderr, "demo server did not start\n");
        return 1;
    }
    const QString line = QString::fromUtf8(server.readLine());
    const QString base = line.section(QLatin1Char(' '), 5, 5).trimmed();
    if (!base.startsWith(QLatin1String("http://"))) {
        std::fprintf(stderr, "demo server did not say where it listens: %s\n", qPrintable(line));
        return 1;
    }
    std::printf("demo server: %s\n", qPrintable(base));

    QStringList urls;
    for (int i = 0; i < Count; ++i)
        urls << QStringLiteral("%1/delay/%2").arg(base).arg(DelayMs);
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("curl.cfg"));
    {
        QFile f(config);
        if (!f.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(config));
            return 1;
        }
        for (const QString &u : std::as_const(urls))
            f.write("url = \"" + u.toUtf8() + "\"\noutput = \"/dev/null\"\n");
    }

    // Best of three, interleaved: this machine's timings swing from one second to the next.
    // A failed run (-1) is never a best time.
    double e64 = 1e100, e256 = 1e100, c64 = 1e100, c256 = 1e100;
    auto best = [](double &b, double v) {
        if (v >= 0)
            b = std::min(b, v);
    };
    for (int round = 0; round < 3; ++round) {
        best(c64, curlMs(config, 64));
        best(e64, engineMs(urls, 64));
        best(c256, curlMs(config, 256));
        best(e256, engineMs(urls, 256));
    }
    const double py64 = pythonMs(base, 64);
    const double ideal64 = std::ceil(double(Count) / 64) * DelayMs;
    const double cancel = cancelMs(base);
    const double gap = windowMaxGapMs(base);
    server.kill();
    server.waitForFinished();
    if (g_failures) {
        std::fprintf(stderr, "bench_fetch: %d timed runs failed; no figures printed\n", g_failures);
        return 1;
    }
    std::printf("c64: engine %.0f ms, curl %.0f ms, Python ThreadPoolExecutor %.0f ms, ideal %.0f ms\n",
                e64, c64, py64, ideal64);
    std::printf("c256: engine %.0f ms, curl %.0f ms, ideal %.0f ms\n", e256, c256,
                std::ceil(double(Count) / 256) * DelayMs);
    std::printf("cancel: 64 running and 436 queued fetches ended %.0f ms after cancel()\n", cancel);
    std::printf("window: largest event-loop gap while the panel ran %d fetches at 64: %.1f ms\n",
                Count, gap);

    QJsonObject out;
    out[QLatin1String("c64_vs_ideal")] = e64 / ideal64;
    out[QLatin1String("c64_vs_curl")] = e64 / c64;
    out[QLatin1String("c256_vs_curl")] = e256 / c256;
    out[QLatin1String("c64_vs_python")] = e64 / py64;
    out[QLatin1String("window_max_gap_ms")] = gap;
    out[QLatin1String("cancel_ms")] = cancel;
    out[QLatin1String("c64_engine_ms")] = e64;
    out[QLatin1String("c64_curl_ms")] = c64;
    out[QLatin1String("c256_engine_ms")] = e256;
    out[QLatin1String("c256_curl_ms")] = c256;
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
