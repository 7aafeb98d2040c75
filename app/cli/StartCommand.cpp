#include "cli/StartCommand.h"

#include "cli/CliCommon.h"
#include "process/BinaryDetector.h"
#include "process/ProcessSupervisor.h"
#include "process/RunSummary.h"
#include "session/SessionFile.h"
#include "system/SafeText.h"
#include "system/SignalWatcher.h"
#include "timeline/TimelineRecorder.h"

#include <QCommandLineParser>
#include <QSet>
#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <cerrno>
#include <functional>


namespace {
// Prefixes every line with the process's name, as Procfile runners do. Partial lines wait for
// their newline (or the end of the process) so two children never mix inside one line.
class PrefixWriter
{
public:
    PrefixWriter(const QList<ProcessJob *> &jobs, bool colour) : m_colour(colour)
    {
        int width = 0;
        for (const ProcessJob *j : jobs)
            width = std::max(width, int(j->name().size()));
        static const char *const colours[] = {"36", "33", "32", "35", "34", "31"};
        int i = 0;
        for (const ProcessJob *j : jobs) {
            QByteArray prefix = j->name().leftJustified(width).toUtf8() + " | ";
            if (m_colour)
                prefix = "\x1b[" + QByteArray(colours[i++ % 6]) + 'm' + prefix + "\x1b[0m";
            m_prefix.insert(j, prefix);
        }
    }

    // Called once, at the first write to stdout that fails (with errno in stdoutError()).
    std::function<void()> onStdoutLost;
    int stdoutError() const { return m_stdoutError; }

    void write(const ProcessJob *job, OutputLog::Stream stream, const QByteArray &data)
    {
        QByteArray &pending = m_pending[key(job, stream)];
        const int fd = stream == OutputLog::Stdout ? Cli::StdoutFd : Cli::StderrFd;
        // Binary output (decided on its first bytes) is shown as a hex dump, 16 bytes a line:
        // never cut at whatever bytes happen to be 0x0A, never raw bytes on the terminal.
        if (!m_decided.contains(key(job, stream))) {
            m_decided.insert(key(job, stream));
            if (BinaryDetector::isBinary(data))
                m_binary.insert(key(job, stream));
        }
        if (m_binary.contains(key(job, stream))) {
            pending += data;
            put(fd, hexLines(job, stream, &pending, false));
            return;
        }
        QByteArray out;
        qsizetype start = 0;
        while (start < data.size()) {
            const qsizetype nl = data.indexOf('\n', start);
            if (nl < 0) {
                pending.append(data.constData() + start, data.size() - start);
                if (pending.size() > 64 * 1024) { // a huge line: do not hold it all back
                    out += m_prefix.value(job) + pending + '\n';
                    pending.clear();
                }
                break;
            }
            out += m_prefix.value(job) + pending;
            out.append(data.constData() + start, nl - start + 1);
            pending.clear();
            start = nl + 1;
        }
        if (!out.isEmpty())
            put(fd, out);
    }

    void flush(const ProcessJob *job)
    {
        for (auto stream : {OutputLog::Stdout, OutputLog::Stderr}) {
            QByteArray &pending = m_pending[key(job, stream)];
            if (m_binary.contains(key(job, stream))) {
                put(stream == OutputLog::Stdout ? Cli::StdoutFd : Cli::StderrFd,
                    hexLines(job, stream, &pending, true));
                continue;
            }
            if (!pending.isEmpty()) {
                put(stream == OutputLog::Stdout ? Cli::StdoutFd : Cli::StderrFd,
                    m_prefix.value(job) + pending + '\n');
                pending.clear();
            }
        }
    }

    QByteArray prefix(const ProcessJob *job) const { return m_prefix.value(job); }

private:
    // Stdout's output goes nowhere once a write to it has failed (everything is stopping).
    void put(int fd, const QByteArray &data)
    {
        if (data.isEmpty() || (fd == Cli::StdoutFd && m_stdoutError))
            return;
        if (!Cli::writeAll(fd, data) && fd == Cli::StdoutFd) {
            m_stdoutError = errno ? errno : EIO;
            if (onStdoutLost)
                onStdoutLost();
        }
    }

    // Whole 16-byte lines of `pending` (and the rest too when `all`), each with the prefix.
    QByteArray hexLines(const ProcessJob *job, OutputLog::Stream stream, QByteArray *pending,
                        bool all)
    {
        qint64 &offset = m_offset[key(job, stream)];
        const qsizetype whole = all ? pending->size() : pending->size() / 16 * 16;
        QByteArray out;
        for (qsizetype i = 0; i < whole; i += 16) {
            const qsizetype n = std::min<qsizetype>(16, whole - i);
            out += m_prefix.value(job)
                   + BinaryDetector::hexDumpLine(pending->constData() + i, n, offset).toUtf8() + '\n';
            offset += n;
        }
        pending->remove(0, whole);
        return out;
    }

    static quintptr key(const ProcessJob *job, OutputLog::Stream s)
    {
        return quintptr(job) * 2 + (s == OutputLog::Stderr ? 1 : 0);
    }
    bool m_colour;
    QHash<const ProcessJob *, QByteArray> m_prefix;
    QHash<quintptr, QByteArray> m_pending;
    QSet<quintptr> m_decided, m_binary;
    QHash<quintptr, qint64> m_offset;
    int m_stdoutError = 0;
};
} // namespace

int startCommand(const QStringList &arguments)
{
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption noColour(QStringLiteral("no-color"));
    const QCommandLineOption trace(QStringLiteral("trace"), QString(), QStringLiteral("FILE"));
    p.addOptions({json, noColour, trace});
    if (!p.parse(QStringList{QStringLiteral("start")} + arguments)) {
        Cli::printError(p.errorText());
        return Cli::ExitUsage;
    }
    if (p.isSet(trace) && p.value(trace).isEmpty()) {
        Cli::printError(QObject::tr("--trace: the file name is empty"));
        return Cli::ExitUsage;
    }
    if (p.positionalArguments().size() != 1) {
        Cli::printError(QObject::tr("start: give exactly one session file "
                                    "(usage: runboard-cli start [--json] SESSION.json)"));
        return Cli::ExitUsage;
    }
    const SessionLoadResult session = SessionFile::load(p.positionalArguments().first());
    if (!session.ok()) {
        Cli::printError(session.error);
        return Cli::ExitUsage;
    }
    for (const QString &w : session.warnings)
        Cli::printError(QObject::tr("warning: %1").arg(w));
    if (session.processes.isEmpty()) {
        Cli::printError(QObject::tr("start: the session has no processes"));
        return Cli::ExitUsage;
    }

    ProcessSupervisor supervisor;
    supervisor.setLogEnabled(false);
    supervisor.setRawOutputEnabled(true);
    supervisor.setInteractiveStdinAllowed(false); // nobody types into a session run here
    TimelineRecorder recorder;
    if (p.isSet(trace))
        recorder.watch(&supervisor, QStringLiteral("start"));
    QList<ProcessJob *> jobs;
    for (const LaunchSpec &spec : session.processes)
        jobs += supervisor.launch(spec, false);

    PrefixWriter writer(jobs, !p.isSet(noColour) && Cli::isTerminal(Cli::StdoutFd)
                                  && qEnvironmentVariableIsEmpty("NO_COLOR"));
    // The output has nowhere to go: everything stops, as `run` stops its command.
    writer.onStdoutLost = [&supervisor] { supervisor.stopAll(); };
    for (ProcessJob *job : std::as_const(jobs)) {
        QObject::connect(job, &ProcessJob::rawOutput, job,
                         [&writer, job](OutputLog::Stream s, const QByteArray &d) {
                             writer.write(job, s, d);
                         });
        QObject::connect(job, &ProcessJob::done, job, [&writer, job, &p, &json] {
            writer.flush(job);
            if (!p.isSet(json))
                Cli::writeAll(Cli::StderrFd,
                              writer.prefix(job) + SafeText::escapeControls(RunSummary::toLine(*job)).toLocal8Bit() + '\n');
        });
    }
    SignalWatcher watcher;
    int interruptedBy = 0;
    QObject::connect(&watcher, &SignalWatcher::interrupted, &supervisor, [&](int sig) {
        if (interruptedBy)
            supervisor.killAll();
        else
            supervisor.stopAll();
        interruptedBy = sig;
    });
    // Done when every process has ended and no background process holds an output open.
    auto exitWhenQuiet = [&supervisor, &jobs] {
        // A job that ended before the later ones were started does not end the session.
        if (supervisor.activeCount() > 0 || supervisor.pendingStartCount() > 0)
            return;
        for (const ProcessJob *job : std::as_const(jobs)) {
            if (job->hasBackground())
                return;
        }
        QCoreApplication::exit(0);
    };
    QObject::connect(&supervisor, &ProcessSupervisor::allStopped, qApp, exitWhenQuiet);
    for (ProcessJob *job : std::as_const(jobs))
        QObject::connect(job, &ProcessJob::outputClosed, qApp, exitWhenQuiet);
    supervisor.startAll();
    QCoreApplication::exec();

    bool allOk = true;
    QJsonArray list;
    for (const ProcessJob *job : std::as_const(jobs)) {
        // Interrupted during Start All: the ones whose turn never came had no line yet.
        if (!p.isSet(json) && job->state() == ProcessJob::State::NotStarted)
            Cli::writeAll(Cli::StderrFd, writer.prefix(job) + SafeText::escapeControls(RunSummary::toLine(*job)).toLocal8Bit() + '\n');
        allOk = allOk && job->state() == ProcessJob::State::Finished && job->exitCode() == 0;
        list.append(RunSummary::toJson(*job));
    }
    if (p.isSet(trace) && !Cli::writeTrace(p.value(trace), recorder))
        allOk = false;
    int status = interruptedBy ? 128 + interruptedBy : (allOk ? 0 : 1);
    if (const int lost = writer.stdoutError(); lost && !interruptedBy) {
        if (!Cli::readerGone(lost))
            Cli::printError(QObject::tr("cannot write the processes' output to stdout: %1; every process was stopped")
                                .arg(qt_error_string(lost)));
        status = Cli::readerGone(lost) ? 141 : 1;
    }
    if (p.isSet(json)) {
        QJsonObject o;
        o[QLatin1String("processes")] = list;
        o[QLatin1String("ok")] = allOk && !interruptedBy;
        o[QLatin1String("exitStatus")] = status;
        if (interruptedBy)
            o[QLatin1String("interruptedBy")] = interruptedBy;
        Cli::writeAll(Cli::StdoutFd, QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    }
    return status;
}
