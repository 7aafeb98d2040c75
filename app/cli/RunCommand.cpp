#include "cli/RunCommand.h"

#include "cli/CliCommon.h"
#include "process/ProcessJob.h"
#include "process/RunSummary.h"
#include "system/SignalWatcher.h"
#include "timeline/TimelineRecorder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cerrno>


namespace {
struct Options
{
    LaunchSpec spec;
    bool json = false;
    QString trace;
};

// Fills `options` from the command line; returns an error message or an empty string.
QString parse(const QStringList &arguments, Options *options)
{
    QCommandLineParser p;
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption timeout(QStringLiteral("timeout"), QString(), QStringLiteral("SEC"));
    const QCommandLineOption grace(QStringLiteral("grace"), QString(), QStringLiteral("SEC"));
    const QCommandLineOption cwd(QStringLiteral("cwd"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption env(QStringLiteral("env"), QString(), QStringLiteral("NAME=VALUE"));
    const QCommandLineOption unsetEnv(QStringLiteral("unset-env"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption cleanEnv(QStringLiteral("clean-env"));
    const QCommandLineOption stdinText(QStringLiteral("stdin-text"), QString(), QStringLiteral("TEXT"));
    const QCommandLineOption stdinFile(QStringLiteral("stdin-file"), QString(), QStringLiteral("PATH"));
    const QCommandLineOption stdinRandom(QStringLiteral("stdin-random"), QString(), QStringLiteral("N"));
    const QCommandLineOption shell(QStringLiteral("shell"));
    const QCommandLineOption measurePipes(QStringLiteral("measure-pipes"));
    const QCommandLineOption name(QStringLiteral("name"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption trace(QStringLiteral("trace"), QString(), QStringLiteral("FILE"));
    p.addOptions({timeout, grace, cwd, env, unsetEnv, cleanEnv, stdinText, stdinFile, stdinRandom,
                  shell, measurePipes, name, json, trace});
    if (!p.parse(QStringList{QStringLiteral("run")} + arguments))
        return p.errorText();

    LaunchSpec &spec = options->spec;
    options->json = p.isSet(json);
    options->trace = p.value(trace);
    if (p.isSet(trace) && options->trace.isEmpty())
        return QObject::tr("--trace: the file name is empty");
    spec.shell = p.isSet(shell);
    spec.measurePipes = p.isSet(measurePipes);
    spec.name = p.value(name);
    if (const QString e = LaunchSpec::validateName(spec.name); !e.isEmpty())
        return QStringLiteral("--name: %1").arg(e);
    spec.stdinSource.mode = StdinMode::Inherit;
    QString error;
    if (p.isSet(timeout)) {
        const auto v = Cli::parseSeconds(QStringLiteral("--timeout"), p.value(timeout), &error);
        if (!v)
            return error;
        spec.timeoutMs = *v;
        if (spec.timeoutMs == 0 && p.value(timeout).toDouble() > 0)
            spec.timeoutMs = 1;
    }
    spec.graceMs = LaunchSpec::DefaultGraceMs;
    if (p.isSet(grace)) {
        const auto v = Cli::parseSeconds(QStringLiteral("--grace"), p.value(grace), &error);
        if (!v)
            return error;
        if (*v > 3600 * 1000)
            return QObject::tr("--grace: %1 s is longer than one hour").arg(p.value(grace));
        spec.graceMs = int(*v);
    }
    spec.workingDirectory = p.value(cwd);
    if (p.isSet(cwd) && spec.workingDirectory.isEmpty())
        return QObject::tr("--cwd: the directory name is empty");
    for (const QString &e : p.values(env)) {
        QPair<QString, QString> kv;
        if (!LaunchSpec::parseEnvironmentEntry(e, &kv, &error))
            return QStringLiteral("--env: ") + error;
        spec.environment.set.append(kv);
    }
    for (const QString &n : p.values(unsetEnv)) {
        if (const QString e = LaunchSpec::validateEnvironmentName(n); !e.isEmpty())
            return QStringLiteral("--unset-env: ") + e;
        spec.environment.unset.append(n);
    }
    spec.environment.clean = p.isSet(cleanEnv);
    const int stdinOptions = int(p.isSet(stdinText)) + int(p.isSet(stdinFile))
                             + int(p.isSet(stdinRandom));
    if (stdinOptions > 1)
        return QObject::tr("give only one of --stdin-text, --stdin-file, --stdin-random");
    if (p.isSet(stdinText)) {
        spec.stdinSource.mode = StdinMode::Text;
        spec.stdinSource.text = p.value(stdinText).toUtf8();
    } else if (p.isSet(stdinFile)) {
        spec.stdinSource.mode = StdinMode::File;
        spec.stdinSource.filePath = p.value(stdinFile);
        if (spec.stdinSource.filePath.isEmpty())
            return QObject::tr("--stdin-file: the file name is empty");
    } else if (p.isSet(stdinRandom)) {
        const auto v = Cli::parseCount(QStringLiteral("--stdin-random"), p.value(stdinRandom),
                                       qint64(1) << 40, &error);
        if (!v)
            return error;
        spec.stdinSource.mode = StdinMode::RandomBytes;
        spec.stdinSource.randomBytes = *v;
    }

    QStringList words = p.positionalArguments();
    if (words.isEmpty())
        return QObject::tr("run: no program given (usage: runboard-cli run [options] -- PROGRAM "
                           "[ARGS...] ['|' PROGRAM ...])");
    QList<CommandStage> stages;
    CommandStage current;
    bool haveProgram = false;
    for (const QString &w : std::as_const(words)) {
        if (w == QLatin1String("|")) {
            if (!haveProgram)
                return QObject::tr("run: empty pipeline stage (a '|' at the start or two in a row)");
            stages.append(current);
            current = CommandStage{};
            haveProgram = false;
        } else if (!haveProgram) {
            current.program = w;
            haveProgram = true;
        } else {
            current.arguments.append(w);
        }
    }
    if (!haveProgram)
        return QObject::tr("run: empty pipeline stage (a '|' at the end)");
    stages.append(current);
    spec.command = stages.takeFirst();
    spec.pipeline = stages;
    if (const QString e = spec.validate(); !e.isEmpty())
        return e;
    return {};
}
} // namespace

int runCommand(const QStringList &arguments)
{
    Options options;
    if (const QString error = parse(arguments, &options); !error.isEmpty()) {
        Cli::printError(error);
        return Cli::ExitUsage;
    }

    ProcessJob job(options.spec);
    TimelineRecorder recorder;
    if (!options.trace.isEmpty())
        recorder.addJob(&job, QStringLiteral("run"));
    job.setLogEnabled(false); // bytes go straight through; only the counters are needed
    job.setRawOutputEnabled(true);
    bool stdoutGone = false;
    int stdoutError = 0;
    bool lastWasNewline = true;
    QObject::connect(&job, &ProcessJob::rawOutput, &job,
                     [&](OutputLog::Stream stream, const QByteArray &data) {
                         const int fd = stream == OutputLog::Stdout ? Cli::StdoutFd
                                                                    : Cli::StderrFd;
                         if (stream == OutputLog::Stdout && stdoutGone)
                             return;
                         if (!Cli::writeAll(fd, data) && stream == OutputLog::Stdout) {
                             stdoutError = errno;
                             stdoutGone = true; // like SIGPIPE in a shell pipeline
                             job.kill();
                         }
                         if (stream == OutputLog::Stdout)
                             lastWasNewline = data.endsWith('\n');
                     });
    SignalWatcher watcher;
    int interruptedBy = 0;
    QObject::connect(&watcher, &SignalWatcher::interrupted, &job, [&](int sig) {
        if (interruptedBy)
            job.kill(); // a second Ctrl-C does not wait for the grace period
        else
            job.stop();
        interruptedBy = sig;
    });
    // The end of the output, not the end of the command: background processes the command left
    // holding its output are read to the end, as a shell pipeline would (the timeout holds).
    QObject::connect(&job, &ProcessJob::outputClosed, qApp, [] { QCoreApplication::exit(0); });
    job.start();
    QCoreApplication::exec();

    int status = job.shellExitStatus();
    if (!options.trace.isEmpty() && !Cli::writeTrace(options.trace, recorder) && status == 0)
        status = 1;
    // The reader went away (`| head -n1`): 141. Anything else (a full disk, stdout closed) is
    // said, and is a failure of runboard-cli's.
    const bool readerGone = Cli::readerGone(stdoutError);
    if (stdoutGone && !readerGone)
        Cli::printError(QObject::tr("cannot write the command's output to stdout: %1; the command was stopped")
                            .arg(qt_error_string(stdoutError)));
    if (interruptedBy)
        status = 128 + interruptedBy;
    else if (stdoutGone)
        status = readerGone ? 141 : 1;
    if (options.json) {
        QJsonObject o = RunSummary::toJson(job);
        if (interruptedBy)
            o[QLatin1String("interruptedBy")] = interruptedBy;
        o[QLatin1String("exitStatus")] = status;
        if (!lastWasNewline)
            Cli::writeAll(Cli::StdoutFd, "\n", 1);
        Cli::writeAll(Cli::StdoutFd, QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    } else if (job.state() == ProcessJob::State::FailedToStart) {
        Cli::printError(job.errorString());
    } else {
        Cli::printError(RunSummary::toLine(job));
    }
    return status;
}
