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
    if (engine.summary().failed)
        std::fprintf(stderr, "engine c%d: %d fetches failed\n", concurrency, engine.summary().failed);
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
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        std::fprintf(stderr, "curl exited with %d\n", p.exitCode());
    return t.nsecsElapsed() / 1e6;
}

double pythonMs(const QString &base, int workers)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return -1;
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
    return p.readAllStandardOutput().trimmed().toDouble();
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
    return t.nsecsElapsed() / 1e6;
}

double windowMaxGapMs(const QString &base)
{
    MainWindow window;
    window.setConfirmQuit(false);
    window.show();
    auto *panel = window.findChild<NetworkPanel *>();
    if (!panel)
        return -1;
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
    if (panel->engine()->summary().failed)
        std::fprintf(stderr, "window: %d fetches failed\n", panel->engine()->summary().failed);
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
    const QString base = line.section(QLatin1Char(' '), 5, 5);
    std::printf("demo server: %s\n", qPrintable(base));

    QStringList urls;
    for (int i = 0; i < Count; ++i)
        urls << QStringLiteral("%1/delay/%2").arg(base).arg(DelayMs);
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("curl.cfg"));
    {
        QFile f(config);
        f.open(QIODevice::WriteOnly);
        for (const QString &u : std::as_const(urls))
            f.write("url = \"" + u.toUtf8() + "\"\noutput = \"/dev/null\"\n");
    }

    // Best of three, interleaved: this machine's timings swing from one second to the next.
    double e64 = 1e100, e256 = 1e100, c64 = 1e100, c256 = 1e100;
    for (int round = 0; round < 3; ++round) {
        c64 = std::min(c64, curlMs(config, 64));
        e64 = std::min(e64, engineMs(urls, 64));
        c256 = std::min(c256, curlMs(config, 256));
        e256 = std::min(e256, engineMs(urls, 256));
    }
    const double py64 = pythonMs(base, 64);
    const double ideal64 = std::ceil(double(Count) / 64) * DelayMs;
    std::printf("c64: engine %.0f ms, curl %.0f ms, Python ThreadPoolExecutor %.0f ms, ideal %.0f ms\n",
                e64, c64, py64, ideal64);
    std::printf("c256: engine %.0f ms, curl %.0f ms, ideal %.0f ms\n", e256, c256,
                std::ceil(double(Count) / 256) * DelayMs);
    const double cancel = cancelMs(base);
    std::printf("cancel: 64 running and 436 queued fetches ended %.0f ms after cancel()\n", cancel);
    const double gap = windowMaxGapMs(base);
    std::printf("window: largest event-loop gap while the panel ran %d fetches at 64: %.1f ms\n",
                Count, gap);
    server.kill();
    server.waitForFinished();

    QJsonObject out;
    out[QLatin1String("c64_vs_ideal")] = e64 / ideal64;
    out[QLatin1String("c64_vs_curl")] = e64 / c64;
    out[QLatin1String("c256_vs_curl")] = e256 / c256;
    out[QLatin1String("c64_vs_python")] = py64 > 0 ? e64 / py64 : QJsonValue();
    out[QLatin1String("window_max_gap_ms")] = gap;
    out[QLatin1String("cancel_ms")] = cancel;
    out[QLatin1String("c64_engine_ms")] = e64;
    out[QLatin1String("c64_curl_ms")] = c64;
    out[QLatin1String("c256_engine_ms")] = e256;
    out[QLatin1String("c256_curl_ms")] = c256;
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
