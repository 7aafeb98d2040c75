#include "process/RunSummary.h"

#include "process/ProcessJob.h"
#include "process/SignalNames.h"

#include <QJsonArray>
#include <QLocale>
#include <QMetaEnum>

namespace {
QString stateKey(ProcessJob::State s)
{
    switch (s) {
    case ProcessJob::State::NotStarted: return QStringLiteral("not-started");
    case ProcessJob::State::Starting: return QStringLiteral("starting");
    case ProcessJob::State::Running: return QStringLiteral("running");
    case ProcessJob::State::Stopping: return QStringLiteral("stopping");
    case ProcessJob::State::Finished: return QStringLiteral("finished");
    case ProcessJob::State::FailedToStart: return QStringLiteral("failed-to-start");
    case ProcessJob::State::Crashed: return QStringLiteral("crashed");
    case ProcessJob::State::TimedOut: return QStringLiteral("timed-out");
    case ProcessJob::State::Killed: return QStringLiteral("killed");
    }
    return {};
}

QJsonValue nsToMs(qint64 ns)
{
    return ns < 0 ? QJsonValue() : QJsonValue(double(ns) / 1e6);
}
} // namespace

QString RunSummary::formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QJsonObject RunSummary::toJson(const ProcessJob &job)
{
    QJsonObject o;
    o[QLatin1String("name")] = job.name();
    o[QLatin1String("command")] = job.spec().commandLine();
    o[QLatin1String("state")] = stateKey(job.state());
    o[QLatin1String("exitStatus")] = job.shellExitStatus();
    o[QLatin1String("exitCode")] = job.exitSignal() ? QJsonValue() : QJsonValue(job.exitCode());
    o[QLatin1String("signal")] = job.exitSignal() ? QJsonValue(job.exitSignal()) : QJsonValue();
    o[QLatin1String("signalName")] =
        job.exitSignal() ? QJsonValue(SignalNames::name(job.exitSignal())) : QJsonValue();
    o[QLatin1String("timedOut")] = job.state() == ProcessJob::State::TimedOut || job.backgroundTimedOut();
    if (job.backgroundTimedOut())
        o[QLatin1String("backgroundTimedOut")] = true;
    o[QLatin1String("durationMs")] = double(job.timeline().endedNs >= 0
                                                ? job.timeline().endedNs / 1e6
                                                : double(job.elapsedMs()));
    o[QLatin1String("bytesStdout")] = double(job.bytesStdout());
    o[QLatin1String("bytesStderr")] = double(job.bytesStderr());
    o[QLatin1String("bytesStdin")] = double(job.bytesStdinWritten());
    if (!job.errorString().isEmpty())
        o[QLatin1String("error")] = job.errorString();
    QJsonArray stages;
    for (const ProcessJob::Stage &st : job.stages()) {
        QJsonObject s;
        s[QLatin1String("program")] = st.command.program;
        s[QLatin1String("arguments")] = QJsonArray::fromStringList(st.command.arguments);
        s[QLatin1String("pid")] = double(st.pid);
        s[QLatin1String("state")] = stateKey(st.state);
        if (st.state == ProcessJob::State::Finished)
            s[QLatin1String("exitCode")] = st.exitCode;
        if (st.state == ProcessJob::State::Crashed) {
            s[QLatin1String("signal")] = st.exitSignal;
            s[QLatin1String("signalName")] = SignalNames::name(st.exitSignal);
        }
        s[QLatin1String("bytesStderr")] = double(st.stderrBytes);
        if (st.pipeBytes >= 0)
            s[QLatin1String("bytesIntoPipe")] = double(st.pipeBytes);
        if (!st.error.isEmpty())
            s[QLatin1String("error")] = st.error;
        stages.append(s);
    }
    o[QLatin1String("stages")] = stages;
    const ProcessJob::Timeline &t = job.timeline();
    QJsonObject tl;
    tl[QLatin1String("startedAtMs")] = double(t.startedAtMs);
    tl[QLatin1String("firstOutputMs")] = nsToMs(t.firstOutputNs);
    tl[QLatin1String("stdinClosedMs")] = nsToMs(t.stdinClosedNs);
    tl[QLatin1String("signalledMs")] = nsToMs(t.signalledNs);
    tl[QLatin1String("endedMs")] = nsToMs(t.endedNs);
    o[QLatin1String("timeline")] = tl;
    return o;
}

QString RunSummary::toLine(const ProcessJob &job)
{
    QString result;
    switch (job.state()) {
    case ProcessJob::State::Finished:
        result = ProcessJob::tr("exit code %1").arg(job.exitCode());
        if (job.backgroundTimedOut())
            result += ProcessJob::tr(", background processes stopped by the timeout");
        break;
    case ProcessJob::State::Crashed:
        result = ProcessJob::tr("crashed (%1)").arg(SignalNames::name(job.exitSignal()));
        break;
    case ProcessJob::State::TimedOut:
        result = ProcessJob::tr("timed out") + (job.exitSignal()
                     ? QStringLiteral(" (%1)").arg(SignalNames::name(job.exitSignal()))
                     : QString());
        break;
    case ProcessJob::State::Killed:
        if (job.startedNothing()) {
            result = ProcessJob::tr("stopped before it started");
            break;
        }
        result = ProcessJob::tr("stopped") + (job.exitSignal()
                     ? QStringLiteral(" (%1)").arg(SignalNames::name(job.exitSignal()))
                     : ProcessJob::tr(" (exit code %1)").arg(job.exitCode()));
        break;
    case ProcessJob::State::FailedToStart:
        return ProcessJob::tr("failed to start: %1").arg(job.errorString());
    case ProcessJob::State::NotStarted: // its turn never came (the run was interrupted)
        return ProcessJob::stateName(job.state());
    default:
        result = ProcessJob::stateName(job.state());
    }
    const double secs = (job.timeline().endedNs >= 0 ? job.timeline().endedNs / 1e9
                                                     : job.elapsedMs() / 1e3);
    return ProcessJob::tr("%1, %2 s, stdout %3 bytes, stderr %4 bytes, exit status %5")
        .arg(result)
        .arg(secs, 0, 'f', 3)
        .arg(job.bytesStdout())
        .arg(job.bytesStderr())
        .arg(job.shellExitStatus());
}
