#include "process/SignalNames.h"

#include <QList>

#include <csignal>

namespace {
struct Entry
{
    int number;
    const char *name;
};

const Entry kSignals[] = {
#ifdef Q_OS_UNIX
    {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
    {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
    {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
    {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGCHLD, "SIGCHLD"},
    {SIGCONT, "SIGCONT"}, {SIGSTOP, "SIGSTOP"}, {SIGTSTP, "SIGTSTP"}, {SIGTTIN, "SIGTTIN"},
    {SIGTTOU, "SIGTTOU"}, {SIGURG, "SIGURG"},   {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"},
    {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"}, {SIGIO, "SIGIO"},
    {SIGSYS, "SIGSYS"},
#else
    {SIGINT, "SIGINT"},   {SIGILL, "SIGILL"}, {SIGABRT, "SIGABRT"},
    {SIGFPE, "SIGFPE"},   {SIGSEGV, "SIGSEGV"}, {SIGTERM, "SIGTERM"},
#endif
};
} // namespace

QString SignalNames::name(int signal)
{
    for (const Entry &e : kSignals) {
        if (e.number == signal)
            return QString::fromLatin1(e.name);
    }
    return QStringLiteral("signal %1").arg(signal);
}

int SignalNames::number(const QString &text)
{
    bool ok = false;
    const int n = text.toInt(&ok);
    if (ok)
        return (n > 0 && n < 65) ? n : -1;
    QString upper = text.trimmed().toUpper();
    if (!upper.startsWith(QLatin1String("SIG")))
        upper.prepend(QLatin1String("SIG"));
    for (const Entry &e : kSignals) {
        if (upper == QLatin1String(e.name))
            return e.number;
    }
    return -1;
}

QList<int> SignalNames::userSignals()
{
#ifdef Q_OS_UNIX
    return {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGKILL, SIGUSR1, SIGUSR2, SIGSTOP, SIGCONT};
#else
    return {SIGTERM, SIGINT};
#endif
}
