// Draws the AppStream screenshot (packaging/linux/screenshots/main-window.png) from the real
// window: a MainWindow with a few children run, grabbed offscreen. Not part of the default build:
//   cmake --build --preset release --target runboard-screenshot
//   QT_QPA_PLATFORM=offscreen build/release/packaging/screenshot/runboard-screenshot
//       packaging/linux/screenshots/main-window.png          (one command line)
#include "Icons.h"
#include "MainWindow.h"
#include "Translations.h"
#include "process/LaunchSpec.h"
#include "process/ProcessJob.h"
#include "process/ProcessSupervisor.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

namespace {
LaunchSpec shellSpec(const char *name, const char *script)
{
    LaunchSpec spec;
    spec.name = QString::fromUtf8(name);
    spec.command.program = QStringLiteral("/bin/sh");
    spec.command.arguments = {QStringLiteral("-c"), QString::fromUtf8(script)};
    return spec;
}
} // namespace

int main(int argc, char *argv[])
{
    // Settings of a throw-away home: the window opens as on a first start, and the user's own
    // settings are neither read nor written.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Runboard"));
    QApplication::setOrganizationName(QStringLiteral("Runboard"));
    QApplication::setWindowIcon(Icons::application());
    installTranslations(&app, QStringLiteral("en")); // English plural forms ("4 processes")
    const QStringList args = QApplication::arguments();
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: runboard-screenshot OUTPUT.png\n");
        return 2;
    }

    MainWindow window;
    window.setConfirmQuit(false);
    window.resize(1100, 680);
    window.show();
    ProcessSupervisor *s = window.supervisor();
    s->launch(shellSpec("build", "for m in core net ui cli; do echo \"compiling $m\"; done; echo 'build finished: 4 modules'"));
    LaunchSpec server = shellSpec("server", "i=0; while :; do i=$((i+1)); echo \"GET /status $i 200 OK\"; sleep 0.1; done");
    const QList<ProcessJob *> servers = s->launch(server);
    LaunchSpec deadline;
    deadline.name = QStringLiteral("deadline");
    deadline.command.program = QStringLiteral("sleep");
    deadline.command.arguments = {QStringLiteral("10")};
    deadline.timeoutMs = 500;
    s->launch(deadline);
    LaunchSpec count;
    count.name = QStringLiteral("count");
    count.command.program = QStringLiteral("seq");
    count.command.arguments = {QStringLiteral("1"), QStringLiteral("100000")};
    count.pipeline = {CommandStage{QStringLiteral("wc"), {QStringLiteral("-l")}}};
    s->launch(count);
    window.selectJob(servers.first());

    int status = 1;
    // Long enough for the timeout to strike and the server to print a screenful.
    QTimer::singleShot(2500, &window, [&] {
        const QPixmap shot = window.grab();
        if (shot.save(args.at(1), "PNG")) {
            std::printf("%s: %dx%d\n", qPrintable(args.at(1)), shot.width(), shot.height());
            status = 0;
        } else {
            std::fprintf(stderr, "runboard-screenshot: cannot write %s\n", qPrintable(args.at(1)));
        }
        window.close();
    });
    QApplication::exec();
    return status;
}
