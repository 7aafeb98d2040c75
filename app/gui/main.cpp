#include "Icons.h"
#include "MainWindow.h"
#include "Theme.h"
#include "Translations.h"
#include "process/Guardian.h"
#include "system/OpenFileLimit.h"
#include "system/StandardStreams.h"
#include "system/SignalWatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QTimer>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>

namespace {
// The monotonic clock a parent process reads too: CLOCK_MONOTONIC on Unix; on Windows the
// performance counter behind steady_clock.
long long monotonicNs()
{
#ifdef CLOCK_MONOTONIC
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
#else
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
#endif
}

// RUNBOARD_STARTUP_PROBE=1: report when the window first painted (CLOCK_MONOTONIC, so a parent
// can subtract its own spawn time) and the resident memory once idle, then quit. Used by
// bench_window to measure a real cold start.
class StartupProbe final : public QObject
{
public:
    explicit StartupProbe(QWidget *window) : QObject(window) { window->installEventFilter(this); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_painted) {
            m_painted = true;
            std::printf("first-paint-monotonic-ns %lld\n", monotonicNs());
            std::fflush(stdout);
            QTimer::singleShot(1500, qApp, [] {
                QFile f(QStringLiteral("/proc/self/status"));
                if (f.open(QIODevice::ReadOnly)) {
                    for (const QByteArray &l : f.readAll().split('\n'))
                        if (l.startsWith("VmRSS:"))
                            std::printf("idle-rss-kb %s\n", l.mid(6).trimmed().split(' ').first().constData());
                }
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_painted = false;
};

// The value of --lang (or --lang=CODE) before the real parse, so that the parser's own texts
// (--help) are already translated; else RUNBOARD_LANG; else empty (the system locale).
QString requestedLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return qEnvironmentVariable("RUNBOARD_LANG");
}
} // namespace

int main(int argc, char *argv[])
{
    StandardStreams::holdClosedOnes(); // before anything takes fd 0, 1 or 2 for its own
    OpenFileLimit::raiseToHardLimit(); // many concurrent fetches need many sockets
#ifdef SIGPIPE // Unix only; children get their own dispositions back (ChildSetup)
    std::signal(SIGPIPE, SIG_IGN);
#endif
    // Before any thread exists: the guardian is forked without exec (see Guardian.h).
    Guardian::start(argc, argv);
    QApplication app(argc, argv);
    SignalWatcher stopSignals;
    QApplication::setApplicationName(QStringLiteral("Runboard"));
    QApplication::setOrganizationName(QStringLiteral("Runboard"));
    QApplication::setOrganizationDomain(QStringLiteral("runboard.example"));
    QApplication::setApplicationVersion(QStringLiteral(RUNBOARD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.runboard.Runboard"));
    QApplication::setWindowIcon(Icons::application());

    const QString problem = installTranslations(&app, requestedLanguage(QApplication::arguments()));
    if (!problem.isEmpty())
        std::fprintf(stderr, "runboard: %s\n", qPrintable(problem));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Launch, watch and control child processes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("lang"),
                      QApplication::translate("main", "The language of the window: %1 (default: "
                                                      "the system's).")
                          .arg(Translations::available().join(QStringLiteral(", "))),
                      QStringLiteral("CODE")});
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QApplication::translate("main", "A session file to open."),
                                 QStringLiteral("[SESSION.json]"));
    parser.process(app);

    if (const Theme::Mode theme = Theme::saved(); theme != Theme::Mode::System)
        Theme::apply(theme);
    MainWindow window;
    if (qEnvironmentVariableIsSet("RUNBOARD_STARTUP_PROBE"))
        new StartupProbe(&window);
    window.show();
    // SIGTERM (a logout, `kill`), SIGINT (Ctrl-C in the terminal that started it) and SIGHUP
    // quit as Quit does, children stopped through their ladder first. (Watched from just after
    // QApplication: one that came during start-up waits in the watcher's pipe for the loop.)
    QObject::connect(&stopSignals, &SignalWatcher::interrupted, &window, &MainWindow::quitFromOutside);
    if (!parser.positionalArguments().isEmpty())
        window.previewSession(parser.positionalArguments().first()); // shows what would run first
    else if (!qEnvironmentVariableIsSet("RUNBOARD_STARTUP_PROBE")
             && !qEnvironmentVariableIsSet("RUNBOARD_NO_DEMO_GALLERY"))
        window.showDemosOnFirstStart();
    return QApplication::exec();
}
