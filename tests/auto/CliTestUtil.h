#pragma once
// runboard-cli as the tests run it: a command line in, its status, stdout and stderr out.

#include <QByteArray>
#include <QDebug>
#include <QProcess>
#include <QStringList>

namespace CliTestUtil {

struct CliResult
{
    int status = -1;
    QByteArray out;
    QByteArray err;
    QByteArray lastErrLine() const { return err.trimmed().split('\n').last(); }
};

inline CliResult cli(const QStringList &args, const QByteArray &input = {}, bool closeInput = true)
{
    QProcess p;
    p.start(QStringLiteral(RB_CLI), args);
    if (!p.waitForStarted(20000))
        return {};
    if (!input.isEmpty())
        p.write(input);
    if (closeInput)
        p.closeWriteChannel();
    CliResult r;
    if (!p.waitForFinished(60000)) {
        // A hung CLI is a failure, never "exit 0".
        p.kill();
        p.waitForFinished(10000);
        r.status = -2;
        r.err = "runboard-cli did not finish within 60 s";
        return r;
    }
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    // A sanitizer's report (the asan preset) turns the exit status into 1: show it, or the
    // failure reads as the command's own.
    if (r.err.contains("Sanitizer"))
        qWarning().noquote() << "runboard-cli" << args.join(QLatin1Char(' ')) << "reported:\n" << r.err;
    return r;
}

} // namespace CliTestUtil
