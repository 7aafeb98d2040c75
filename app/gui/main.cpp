#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

#include <csignal>

int main(int argc, char *argv[])
{
    std::signal(SIGPIPE, SIG_IGN); // children get their own dispositions back (ChildSetup)
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Runboard"));
    QApplication::setOrganizationName(QStringLiteral("Runboard"));
    QApplication::setOrganizationDomain(QStringLiteral("runboard.example"));
    QApplication::setApplicationVersion(QStringLiteral(RUNBOARD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.runboard.Runboard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Launch, watch and control child processes."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("session"),
                                 QApplication::translate("main", "A session file to open."),
                                 QStringLiteral("[SESSION.json]"));
    parser.process(app);

    MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openSession(parser.positionalArguments().first());
    return QApplication::exec();
}
