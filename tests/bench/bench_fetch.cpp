// bench_fetch — 1,000 fetches of /delay/50 from nginx (nginx-light, installed here when missing,
// configured in a temporary directory; the 50 ms come from its echo module's echo_sleep, a timer:
// every request waits at once, and connections are kept alive) through the fetch engine, against
// `curl --parallel` and a Python ThreadPoolExecutor run of the same URLs in the same run,
// interleaved, best of 3. Prints one line per figure, then one JSON object:
//
//   c64_vs_ideal          engine wall time at concurrency 64 / ceil(1000/64) * 50 ms
//   c64_vs_curl           engine wall time / curl --parallel --parallel-max 64   (<= 1 is better)
//   c256_vs_curl          the same at 256
//   cpu_vs_curl           user+sys CPU of the whole `runboard-cli fetch --concurrency 256`
//                         process / that of the whole curl process at 256 (wait4 of each child)
//   cli_c256_vs_curl      wall time of that runboard-cli process / curl's
//   window_max_gap_ms     largest event-loop gap of the real window while its network panel runs
//                         the 1,000 fetches at 64 (offscreen)
//   window_batch_start_ms GUI-thread time of clicking Fetch with the 1,000 URLs
//   cancel_ms             cancel() to the end of a batch of 64 running and 436 queued fetches
//
// nginx missing and not installable, curl or python3 missing, or any timed run failing: it says
// so and exits non-zero without figures.
#include "BenchUtil.h"
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
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <ctime>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

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

// curl, or runboard-cli, as a whole process: its wall time and its CPU time.
BenchUtil::ProcessRun timedRun(const char *what, const QString &program, const QStringList &arguments)
{
    const BenchUtil::ProcessRun run = BenchUtil::runProcess(program, arguments);
    if (!run.ok)
        failed(what, run.error);
    return run;
}

BenchUtil::ProcessRun curlRun(const QString &config, int parallel)
{
    return timedRun("curl", QStringLiteral("curl"),
                    {QStringLiteral("-s"), QStringLiteral("--parallel"), QStringLiteral("--parallel-max"),
                     QString::number(parallel), QStringLiteral("-K"), config});
}

BenchUtil::ProcessRun cliRun(const QString &urlFile, int concurrency)
{
    return timedRun("runboard-cli fetch", QStringLiteral(RB_CLI),
                    {QStringLiteral("fetch"), QStringLiteral("--concurrency"), QString::number(concurrency),
                     QStringLiteral("--url-file"), urlFile});
}

// nginx in a directory of its own, one process, keep-alive, /delay/50 and /delay/10000 answered
// after that many milliseconds by the echo module's echo_sleep (nginx-light depends on it).
class Nginx
{
public:
    ~Nginx()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    // The base URL, or an empty string and *error says why.
    QString start(QString *error)
    {
        const QString module = QStringLiteral("/usr/lib/nginx/modules/ngx_http_echo_module.so");
        QString nginx = findNginx();
        if (nginx.isEmpty() || !QFile::exists(module)) {
            install();
            nginx = findNginx();
        }
        if (nginx.isEmpty()) {
            *error = QStringLiteral("nginx is not installed and `apt-get install -y nginx-light` did not install it");
            return {};
        }
        if (!QFile::exists(module)) {
            *error = QStringLiteral("nginx's echo module (%1, package libnginx-mod-http-echo) is missing").arg(module);
            return {};
        }
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return {};
        }
        quint16 port = 0;
        {
            QTcpServer probe; // a free port, given back at once for nginx to take
            if (!probe.listen(QHostAddress::LocalHost)) {
                *error = probe.errorString();
                return {};
            }
            port = probe.serverPort();
        }
        const QString dir = m_dir.path();
        QFile conf(m_dir.filePath(QStringLiteral("nginx.conf")));
        if (!conf.open(QIODevice::WriteOnly)) {
            *error = conf.errorString();
            return {};
        }
        conf.write(QStringLiteral(
            "load_module %1;\n"
            "daemon off;\nmaster_process off;\nworker_processes 1;\nworker_rlimit_nofile 8192;\n"
            "pid %2/nginx.pid;\nerror_log %2/error.log warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            "  access_log off;\n"
            "  client_body_temp_path %2; proxy_temp_path %2; fastcgi_temp_path %2;\n"
            "  uwsgi_temp_path %2; scgi_temp_path %2;\n"
            "  keepalive_timeout 120s;\n  keepalive_requests 1000000;\n"
            "  server {\n"
            "    listen 127.0.0.1:%3 backlog=4096;\n"
            "    location = /delay/50 { echo_sleep 0.05; echo ok; }\n"
            "    location = /delay/10000 { echo_sleep 10; echo ok; }\n"
            "  }\n"
            "}\n").arg(module, dir).arg(port).toUtf8());
        conf.close();
        m_process.setProcessChannelMode(QProcess::ForwardedChannels);
        // A benchmark that crashes leaves no nginx behind.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process.start(nginx, {QStringLiteral("-c"), conf.fileName(), QStringLiteral("-p"), dir,
                                QStringLiteral("-e"), dir + QStringLiteral("/error.log")});
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("nginx: %1").arg(m_process.errorString());
            return {};
        }
        // Up when it accepts a connection (a few milliseconds); dead if it exited.
        for (int i = 0; i < 100; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            if (s.waitForConnected(100))
                return QStringLiteral("http://127.0.0.1:%1").arg(port);
            if (m_process.waitForFinished(50))
                break;
        }
        QFile log(dir + QStringLiteral("/error.log"));
        log.open(QIODevice::ReadOnly);
        *error = QStringLiteral("nginx did not start listening: %1").arg(QString::fromLocal8Bit(log.readAll().right(300)));
        return {};
    }

private:
    static QString findNginx()
    {
        return QStandardPaths::findExecutable(QStringLiteral("nginx"),
                                              {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"),
                                               QStringLiteral("/usr/bin")});
    }
    static void install()
    {
        std::printf("nginx-light missing: installing it with apt-get\n");
        QStringList command{QStringLiteral("apt-get"), QStringLiteral("install"), QStringLiteral("-y"),
                            QStringLiteral("-o"), QStringLiteral("DPkg::Lock::Timeout=600"),
                            QStringLiteral("nginx-light")};
        if (::geteuid() != 0)
            command.prepend(QStringLiteral("sudo"));
        QProcess apt;
        apt.setProcessChannelMode(QProcess::ForwardedChannels);
        apt.start(command.takeFirst(), command);
        apt.waitForFinished(-1);
    }

    QTemporaryDir m_dir;
    QProcess m_process;
};

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
    // Every fetch must have been cancelled (counted apart from failures).
    if (s.cancelled != urls.size())
        failed("cancel", QStringLiteral("%1 of %2 fetches were not cancelled")
                             .arg(urls.size() - s.cancelled).arg(urls.size()));
    return ms;
}

struct WindowFigures
{
    double maxGapMs = -1;
    double batchStartMs = -1;
    double batchStartCpuMs = -1; // of it, CPU time of the GUI thread (the rest: it waited for a core)
    double guiCpuMs = -1;        // CPU time of the GUI thread for the whole batch
};

double threadCpuMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

WindowFigures windowFigures(const QString &base)
{
    WindowFigures f;
    MainWindow window;
    window.setConfirmQuit(false);
    window.show();
    auto *panel = window.findChild<NetworkPanel *>();
    if (!panel) {
        failed("window", QStringLiteral("no network panel"));
        return f;
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
    BenchUtil::Heartbeat heart;
    heart.start();
    QElapsedTimer clickTime;
    const double cpu0 = threadCpuMs();
    clickTime.start();
    panel->findChild<QPushButton *>(QStringLiteral("startFetchButton"))->click();
    f.batchStartMs = clickTime.nsecsElapsed() / 1e6;
    f.batchStartCpuMs = threadCpuMs() - cpu0;
    loop.exec();
    heart.stop();
    f.guiCpuMs = threadCpuMs() - cpu0;
    if (panel->engine()->summary().failed || panel->engine()->summary().succeeded != Count)
        failed("window batch", QStringLiteral("%1 of %2 fetches failed")
                                   .arg(panel->engine()->summary().failed).arg(Count));
    f.maxGapMs = heart.max();
    return f;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()) {
        std::fprintf(stderr, "bench_fetch: curl, the baseline, is not installed\n");
        return 1;
    }
    Nginx nginx;
    QString why;
    const QString base = nginx.start(&why);
    if (base.isEmpty()) {
        std::fprintf(stderr, "bench_fetch: no baseline server: %s\n", qPrintable(why));
        return 1;
    }
    std::printf("nginx (echo_sleep 50 ms, keep-alive): %s; load average %s\n", qPrintable(base),
                qPrintable(loadAverage()));

    if (qEnvironmentVariableIsSet("RB_BENCH_WINDOW_ONLY")) {
        // For work on the panel: the window figures alone, no JSON.
        const WindowFigures w = windowFigures(base);
        std::printf("window: batch start %.1f ms (%.1f ms CPU), largest gap %.1f ms, GUI thread CPU %.0f ms\n",
                    w.batchStartMs, w.batchStartCpuMs, w.maxGapMs, w.guiCpuMs);
        return g_failures ? 1 : 0;
    }
    QStringList urls;
    for (int i = 0; i < Count; ++i)
        urls << QStringLiteral("%1/delay/%2").arg(base).arg(DelayMs);
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("curl.cfg"));
    const QString urlFile = dir.filePath(QStringLiteral("urls.txt"));
    {
        QFile f(config), u(urlFile);
        if (!f.open(QIODevice::WriteOnly) || !u.open(QIODevice::WriteOnly)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(dir.path()));
            return 1;
        }
        for (const QString &url : std::as_const(urls)) {
            f.write("url = \"" + url.toUtf8() + "\"\noutput = \"/dev/null\"\n");
            u.write(url.toUtf8() + '\n');
        }
    }

    // Best of three, interleaved: this machine's timings swing from one second to the next.
    // A failed run (-1) is never a best time.
    double e64 = 1e100, e256 = 1e100, c64 = 1e100, c256 = 1e100;
    double cli256 = 1e100, cliCpu = 1e100, curlCpu = 1e100;
    auto best = [](double &b, double v) {
        if (v >= 0)
            b = std::min(b, v);
    };
    for (int round = 0; round < 3; ++round) {
        best(c64, curlRun(config, 64).wallMs);
        best(e64, engineMs(urls, 64));
        const BenchUtil::ProcessRun curl = curlRun(config, 256);
        best(c256, curl.wallMs);
        best(curlCpu, curl.cpuMs);
        best(e256, engineMs(urls, 256));
        const BenchUtil::ProcessRun cli = cliRun(urlFile, 256);
        best(cli256, cli.wallMs);
        best(cliCpu, cli.cpuMs);
    }
    const double py64 = pythonMs(base, 64);
    const double ideal64 = std::ceil(double(Count) / 64) * DelayMs;
    const double cancel = cancelMs(base);
    const WindowFigures window = windowFigures(base);
    if (g_failures) {
        std::fprintf(stderr, "bench_fetch: %d timed runs failed; no figures printed\n", g_failures);
        return 1;
    }
    std::printf("c64: engine %.0f ms, curl %.0f ms, Python ThreadPoolExecutor %.0f ms, ideal %.0f ms\n",
                e64, c64, py64, ideal64);
    std::printf("c256: engine %.0f ms, curl %.0f ms, ideal %.0f ms\n", e256, c256,
                std::ceil(double(Count) / 256) * DelayMs);
    std::printf("c256 as whole processes: runboard-cli fetch %.0f ms wall, %.0f ms CPU; curl %.0f ms wall, "
                "%.0f ms CPU (user+sys)\n", cli256, cliCpu, c256, curlCpu);
    std::printf("cancel: 64 running and 436 queued fetches ended %.0f ms after cancel()\n", cancel);
    std::printf("window: starting the batch took %.1f ms of the GUI thread (%.1f ms of its CPU); largest "
                "event-loop gap while the panel ran %d fetches at 64: %.1f ms; the GUI thread used %.0f ms "
                "of CPU for the batch\n", window.batchStartMs, window.batchStartCpuMs, Count, window.maxGapMs,
                window.guiCpuMs);
    std::printf("load average at the end: %s\n", qPrintable(loadAverage()));

    QJsonObject out;
    out[QLatin1String("c64_vs_ideal")] = e64 / ideal64;
    out[QLatin1String("c64_vs_curl")] = e64 / c64;
    out[QLatin1String("c256_vs_curl")] = e256 / c256;
    out[QLatin1String("cpu_vs_curl")] = cliCpu / curlCpu;
    out[QLatin1String("cli_c256_vs_curl")] = cli256 / c256;
    out[QLatin1String("c64_vs_python")] = e64 / py64;
    out[QLatin1String("window_max_gap_ms")] = window.maxGapMs;
    out[QLatin1String("window_batch_start_ms")] = window.batchStartMs;
    out[QLatin1String("cancel_ms")] = cancel;
    out[QLatin1String("c64_engine_ms")] = e64;
    out[QLatin1String("c64_curl_ms")] = c64;
    out[QLatin1String("c256_engine_ms")] = e256;
    out[QLatin1String("c256_curl_ms")] = c256;
    out[QLatin1String("c256_cli_cpu_ms")] = cliCpu;
    out[QLatin1String("c256_curl_cpu_ms")] = curlCpu;
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
