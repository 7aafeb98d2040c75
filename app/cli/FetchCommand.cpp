#include "cli/FetchCommand.h"

#include "cli/CliCommon.h"
#include "net/DemoServer.h"
#include "net/FetchEngine.h"
#include "system/SafeText.h"
#include "net/UrlValidator.h"
#include "system/SignalWatcher.h"
#include "timeline/TimelineRecorder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace {
QJsonObject toJson(const FetchResult &r)
{
    QJsonObject o;
    o[QLatin1String("index")] = r.index;
    o[QLatin1String("url")] = r.requested;
    o[QLatin1String("finalUrl")] = r.finalUrl.toString();
    o[QLatin1String("status")] = r.status;
    o[QLatin1String("reason")] = r.reason;
    o[QLatin1String("bytes")] = double(r.bytes);
    o[QLatin1String("startMs")] = double(r.startMs);
    o[QLatin1String("firstByteMs")] = double(r.firstByteMs);
    o[QLatin1String("totalMs")] = double(r.totalMs);
    o[QLatin1String("worker")] = r.worker;
    o[QLatin1String("ok")] = r.ok();
    o[QLatin1String("error")] = FetchResult::errorKey(r.error);
    if (!r.message.isEmpty())
        o[QLatin1String("message")] = r.message;
    if (!r.warnings.isEmpty())
        o[QLatin1String("warnings")] = QJsonArray::fromStringList(r.warnings);
    return o;
}

QString row(const FetchResult &r)
{
    const QString status = r.status ? QString::number(r.status) : QStringLiteral("-");
    QString result = r.ok() ? QStringLiteral("ok")
                            : FetchResult::errorKey(r.error) + QStringLiteral(": ") + r.message;
    for (const QString &w : r.warnings)
        result += QStringLiteral("; ") + QObject::tr("warning: %1").arg(w);
    // Server text (reason phrases, messages) never reaches the terminal as control codes.
    return SafeText::escapeControls(QStringLiteral("%1 %2 %3 %4  %5  %6")
        .arg(status, 6)
        .arg(r.bytes, 10)
        .arg(QStringLiteral("%1 ms").arg(r.totalMs < 0 ? 0 : r.totalMs), 9)
        .arg(r.worker < 0 ? QStringLiteral("-") : QString::number(r.worker + 1), 6)
        .arg(r.requested, result));
}
} // namespace

int fetchCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QString(), QStringLiteral("N"));
    const QCommandLineOption sequential(QStringLiteral("sequential"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QString(), QStringLiteral("SEC"));
    const QCommandLineOption redirects(QStringLiteral("max-redirects"), QString(), QStringLiteral("N"));
    const QCommandLineOption maxBytes(QStringLiteral("max-bytes"), QString(), QStringLiteral("N"));
    const QCommandLineOption urlFile(QStringLiteral("url-file"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption head(QStringLiteral("head"));
    const QCommandLineOption insecure(QStringLiteral("insecure"));
    const QCommandLineOption threadPerRequest(QStringLiteral("thread-per-request"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption trace(QStringLiteral("trace"), QString(), QStringLiteral("FILE"));
    p.addOptions({concurrency, sequential, timeout, redirects, maxBytes, urlFile, head, insecure,
                  threadPerRequest, json,
                  trace});
    if (!p.parse(QStringList{QStringLiteral("fetch")} + arguments)) {
        Cli::printError(p.errorText());
        return Cli::ExitUsage;
    }
    FetchOptions options;
    QString error;
    if (p.isSet(concurrency)) {
        const auto v = Cli::parseCount(QStringLiteral("--concurrency"), p.value(concurrency),
                                       FetchOptions::MaxConcurrency, &error, 1);
        if (!v) {
            Cli::printError(error);
            return Cli::ExitUsage;
        }
        options.concurrency = int(*v);
    }
    if (p.isSet(sequential)) {
        if (p.isSet(concurrency) && options.concurrency != 1) {
            Cli::printError(QObject::tr("--sequential and --concurrency %1 contradict each other")
                                .arg(options.concurrency));
            return Cli::ExitUsage;
        }
        options.concurrency = 1;
    }
    if (p.isSet(timeout)) {
        const auto v = Cli::parseSeconds(QStringLiteral("--timeout"), p.value(timeout), &error);
        if (!v || *v == 0) {
            Cli::printError(v ? QObject::tr("--timeout: must be more than 0") : error);
            return Cli::ExitUsage;
        }
        options.timeoutMs = *v;
    }
    if (p.isSet(redirects)) {
        const auto v = Cli::parseCount(QStringLiteral("--max-redirects"), p.value(redirects), 100, &error);
        if (!v) {
            Cli::printError(error);
            return Cli::ExitUsage;
        }
        options.maxRedirects = int(*v);
    }
    if (p.isSet(maxBytes)) {
        const auto v = Cli::parseCount(QStringLiteral("--max-bytes"), p.value(maxBytes), qint64(1) << 50, &error);
        if (!v) {
            Cli::printError(error);
            return Cli::ExitUsage;
        }
        options.maxBytes = *v;
    }
    if (p.isSet(head))
        options.method = FetchOptions::Method::Head;
    options.ignoreTlsErrors = p.isSet(insecure);
    options.threadPerRequest = p.isSet(threadPerRequest);

    QStringList urls = p.positionalArguments();
    if (p.isSet(urlFile)) {
        QFile f(p.value(urlFile));
        if (!f.open(QIODevice::ReadOnly)) {
            Cli::printError(QObject::tr("--url-file: cannot read \"%1\": %2").arg(f.fileName(), f.errorString()));
            return Cli::ExitUsage;
        }
        // A pipe, a FIFO or a device has no size to look at first: at most one byte more than
        // the limit is read (`--url-file /dev/zero` read on until memory ran out).
        constexpr qint64 MaxUrlFileBytes = 64 * 1024 * 1024;
        const QByteArray list = f.size() > MaxUrlFileBytes ? QByteArray() : f.read(MaxUrlFileBytes + 1);
        if (f.size() > MaxUrlFileBytes || list.size() > MaxUrlFileBytes) {
            Cli::printError(QObject::tr("--url-file: \"%1\" is larger than 64 MiB").arg(f.fileName()));
            return Cli::ExitUsage;
        }
        for (const UrlValidator::Line &l : UrlValidator::parseList(QString::fromUtf8(list)))
            urls << l.text;
    }
    if (urls.isEmpty()) {
        Cli::printError(QObject::tr("fetch: no URLs given (usage: runboard-cli fetch [options] "
                                    "URL... or --url-file FILE)"));
        return Cli::ExitUsage;
    }

    if (p.isSet(trace) && p.value(trace).isEmpty()) {
        Cli::printError(QObject::tr("--trace: the file name is empty"));
        return Cli::ExitUsage;
    }
    FetchEngine engine;
    TimelineRecorder recorder;
    if (p.isSet(trace))
        recorder.addFetchEngine(&engine, QObject::tr("fetch at concurrency %1").arg(options.concurrency));
    engine.setKeepResults(false); // rows are printed as they come: memory stays flat
    const bool asJson = p.isSet(json);
    bool firstResult = true;
    QObject::connect(&engine, &FetchEngine::resultReady, &engine, [&](const FetchResult &r) {
        if (!asJson) {
            Cli::printLine(Cli::StdoutFd, row(r));
            return;
        }
        const QByteArray element = QJsonDocument(toJson(r)).toJson(QJsonDocument::Compact);
        Cli::writeAll(Cli::StdoutFd, (firstResult ? QByteArray() : QByteArray(",")) + element);
        firstResult = false;
    });
    QObject::connect(&engine, &FetchEngine::finished, qApp, [] { QCoreApplication::exit(0); });
    SignalWatcher watcher;
    int interruptedBy = 0;
    QObject::connect(&watcher, &SignalWatcher::interrupted, &engine, [&](int sig) {
        interruptedBy = sig;
        engine.cancel();
    });
    if (const QString e = engine.start(urls, options); !e.isEmpty()) {
        Cli::printError(e);
        return Cli::ExitUsage;
    }
    // Results arrive through the event loop: the opening lines go out before any of them.
    if (asJson) {
        // The JSON streams too: one object whose "results" are written in completion order
        // (each with its "index"), the summary after them.
        Cli::writeAll(Cli::StdoutFd, QByteArray("{\"results\":["));
    } else {
        Cli::printLine(Cli::StdoutFd, QStringLiteral("%1 %2 %3 %4  %5  %6")
                           .arg(QStringLiteral("STATUS"), 6).arg(QStringLiteral("BYTES"), 10)
                           .arg(QStringLiteral("TIME"), 9).arg(QStringLiteral("WORKER"), 6)
                           .arg(QStringLiteral("URL"), QStringLiteral("RESULT")));
    }
    QCoreApplication::exec();

    const FetchSummary s = engine.summary();
    if (asJson) {
        QJsonObject o;
        o[QLatin1String("total")] = s.total;
        o[QLatin1String("succeeded")] = s.succeeded;
        o[QLatin1String("failed")] = s.failed;
        o[QLatin1String("wallMs")] = double(s.wallMs);
        o[QLatin1String("sumMs")] = double(s.sumMs);
        o[QLatin1String("speedUp")] = s.speedUp();
        o[QLatin1String("concurrency")] = options.concurrency;
        // The summary's members follow the results array in the same object.
        QByteArray tail = QJsonDocument(o).toJson(QJsonDocument::Compact);
        tail[0] = ',';
        Cli::writeAll(Cli::StdoutFd, "]" + tail + '\n');
    } else {
        Cli::printLine(Cli::StdoutFd,
                       QObject::tr("%1 fetched, %2 failed; wall %3 ms, sum of times %4 ms, "
                                   "speed-up %5x at concurrency %6")
                           .arg(s.succeeded).arg(s.failed).arg(s.wallMs).arg(s.sumMs)
                           .arg(s.speedUp(), 0, 'f', 2).arg(options.concurrency));
    }
    const bool traced = !p.isSet(trace) || Cli::writeTrace(p.value(trace), recorder);
    if (interruptedBy)
        return 128 + interruptedBy;
    return s.failed == 0 && traced ? 0 : 1;
}

int serveDemoCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    const QCommandLineOption port(QStringLiteral("port"), QString(), QStringLiteral("N"));
    p.addOption(port);
    if (!p.parse(QStringList{QStringLiteral("serve-demo")} + arguments)) {
        Cli::printError(p.errorText());
        return Cli::ExitUsage;
    }
    if (!p.positionalArguments().isEmpty()) {
        Cli::printError(QObject::tr("serve-demo: unexpected argument \"%1\"").arg(p.positionalArguments().first()));
        return Cli::ExitUsage;
    }
    quint16 portNumber = 0;
    if (p.isSet(port)) {
        QString error;
        const auto v = Cli::parseCount(QStringLiteral("--port"), p.value(port), 65535, &error);
        if (!v) {
            Cli::printError(error);
            return Cli::ExitUsage;
        }
        portNumber = quint16(*v);
    }
    DemoServer server;
    if (const QString e = server.listen(portNumber); !e.isEmpty()) {
        Cli::printError(e);
        return 1;
    }
    // The first line says where it listens, so scripts can read the port.
    Cli::printLine(Cli::StdoutFd, QObject::tr("Serving the demo endpoints on %1 (Ctrl-C to stop)")
                                      .arg(server.baseUrl().toString()));
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::interrupted, qApp,
                     [](int sig) { QCoreApplication::exit(128 + sig); });
    return QCoreApplication::exec();
}
