#include "cli/DemoCommand.h"

#include "cli/CliCommon.h"
#include "demo/Demo.h"
#include "system/SafeText.h"
#include "system/SignalWatcher.h"
#include "timeline/TimelineRecorder.h"
#include "timeline/TraceExport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>


namespace {

void out(const QString &line)
{
    Cli::printLine(Cli::StdoutFd, SafeText::escapeControls(line));
}

int listDemos()
{
    out(QObject::tr("Teaching demos (run one with: runboard-cli demo NAME):"));
    for (const QString &name : Demo::names()) {
        const DemoInfo info = DemoTexts::info(name);
        out(QStringLiteral("  %1 %2").arg(name, -10).arg(info.title));
    }
    return 0;
}

} // namespace

int demoCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    const QCommandLineOption trace(QStringLiteral("trace"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption helper(QStringLiteral("helper"));
    const QCommandLineOption internet(QStringLiteral("internet"));
    p.addOptions({trace, json, helper, internet});
    if (!p.parse(QStringList{QStringLiteral("demo")} + arguments)) {
        Cli::printError(p.errorText());
        return Cli::ExitUsage;
    }
    const QStringList names = p.positionalArguments();
    if (names.isEmpty())
        return listDemos();
    if (names.size() > 1) {
        Cli::printError(QObject::tr("demo: give one demo name (runboard-cli demo lists them)"));
        return Cli::ExitUsage;
    }
    std::unique_ptr<Demo> demo = Demo::create(names.first());
    if (!demo) {
        Cli::printError(QObject::tr("demo: no demo called \"%1\"; the demos are: %2")
                            .arg(SafeText::escapeControls(names.first()),
                                 Demo::names().join(QStringLiteral(", "))));
        return Cli::ExitUsage;
    }
    if (p.isSet(trace) && p.value(trace).isEmpty()) {
        Cli::printError(QObject::tr("--trace: the file name is empty"));
        return Cli::ExitUsage;
    }
    demo->setForceHelper(p.isSet(helper));
    demo->setPreferInternet(p.isSet(internet));
    const bool asJson = p.isSet(json);
    if (!asJson) {
        out(demo->info().title);
        out(QObject::tr("What to watch: %1").arg(demo->info().watch));
        out(QString());
    }
    QObject::connect(demo.get(), &Demo::message, qApp, [asJson](const QString &line) {
        if (!asJson)
            out(QStringLiteral("  ") + line);
    });
    QObject::connect(demo.get(), &Demo::finished, qApp, [] { QCoreApplication::exit(0); });
    SignalWatcher watcher;
    int interruptedBy = 0;
    QObject::connect(&watcher, &SignalWatcher::interrupted, demo.get(), [&](int sig) {
        interruptedBy = sig;
        demo->cancel(); // its children get the stop ladder
    });
    demo->start();
    QCoreApplication::exec();

    const DemoOutcome &o = demo->outcome();
    const qint64 now = Timeline::nowUs();
    const QList<TimelineTrack> tracks = demo->recorder()->tracks();
    if (asJson) {
        QJsonObject j{{QStringLiteral("demo"), demo->info().name},
                      {QStringLiteral("passed"), o.passed},
                      {QStringLiteral("reason"), o.reason},
                      {QStringLiteral("details"), QJsonArray::fromStringList(o.details)},
                      {QStringLiteral("messages"), QJsonArray::fromStringList(demo->messages())}};
        Cli::writeAll(Cli::StdoutFd, QJsonDocument(j).toJson(QJsonDocument::Compact) + '\n');
    } else {
        out(QString());
        out(QObject::tr("Outcome:"));
        for (const QString &d : o.details)
            out(QStringLiteral("  ") + d);
        out(QString());
        out(QObject::tr("Timeline:"));
        for (const QString &line : TimelineText::render(tracks, now))
            out(QStringLiteral("  ") + line);
        out(QString());
        out((o.passed ? QObject::tr("PASS: %1") : QObject::tr("FAIL: %1")).arg(o.reason));
    }
    int status = o.passed ? 0 : 1;
    if (p.isSet(trace)) {
        if (const QString e = TraceExport::writeFile(p.value(trace), tracks, now); !e.isEmpty()) {
            Cli::printError(e);
            status = 1;
        }
    }
    if (interruptedBy)
        return 128 + interruptedBy;
    return status;
}
