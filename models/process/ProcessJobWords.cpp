// How a job's run is put into words: state names, the word for how it ended, the one-line
// result, and the exit status a shell would give.
#include "process/ProcessJob.h"

#include "process/ChildSetup.h"
#include "process/SignalNames.h"

#include <QLocale>

#include <algorithm>

namespace {
QString formatDuration(qint64 ms)
{
    if (ms < 1000)
        return ProcessJob::tr("%1 ms").arg(ms);
    return ProcessJob::tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 2));
}
} // namespace

QString ProcessJob::stateName(State s)
{
    switch (s) {
    case State::NotStarted: return tr("not started");
    case State::Starting: return tr("starting");
    case State::Running: return tr("running");
    case State::Stopping: return tr("stopping");
    case State::Finished: return tr("finished");
    case State::FailedToStart: return tr("failed to start");
    case State::Crashed: return tr("crashed");
    case State::TimedOut: return tr("timed out");
    case State::Killed: return tr("killed");
    }
    return {};
}

QString ProcessJob::stateWord() const
{
    switch (m_state) {
    case State::Finished:
        return m_exitCode == 0 ? tr("finished") : tr("failed (exit %1)").arg(m_exitCode);
    case State::Killed:
        return m_exitSignal == ChildSetup::KillSignal ? tr("killed") : tr("stopped");
    case State::Crashed: return tr("crashed (%1)").arg(SignalNames::name(m_exitSignal));
    default: return stateName(m_state);
    }
}

QString ProcessJob::stageWord(const Stage &stage) const
{
    switch (stage.state) {
    case State::Finished:
        return stage.exitCode == 0 ? tr("finished") : tr("failed (exit %1)").arg(stage.exitCode);
    case State::Crashed:
        // Ended by a signal of our own stop ladder (or one the user sent): not a crash.
        if (m_stopReason == StopReason::User || m_stopReason == StopReason::Timeout
            || m_sentSignals.contains(stage.exitSignal)) {
            if (stage.exitSignal == ChildSetup::KillSignal)
                return tr("killed");
            if (m_stopReason == StopReason::Timeout)
                return tr("timed out");
            return tr("stopped");
        }
        if (stage.exitSignal == ChildSetup::PipeSignal && !m_stages.isEmpty()
            && stage.pid != m_stages.last().pid)
            return tr("ended by SIGPIPE"); // `yes | head -n1`: the reader had what it wanted
        return tr("crashed (%1)").arg(SignalNames::name(stage.exitSignal));
    default: return stateName(stage.state);
    }
}

QString ProcessJob::statusText() const
{
    if (m_startQueued && !isActive())
        return tr("queued"); // never run, or ended and waiting to run again (Re-run Finished)
    const QString state = m_paused ? tr("paused") : stateWord();
    if (!m_lingering)
        return state;
    const QString what = m_state == State::Finished ? tr("exited %1").arg(m_exitCode) : state;
    if (m_backgroundCount <= 0)
        return tr("%1 \u00b7 background output still open").arg(what);
    if (m_backgroundCount == 1)
        return tr("%1 \u00b7 1 background process still running").arg(what);
    return tr("%1 \u00b7 %2 background processes still running").arg(what).arg(m_backgroundCount);
}

bool ProcessJob::startedNothing() const
{
    return std::all_of(m_stages.cbegin(), m_stages.cend(), [](const Stage &s) { return s.pid <= 0; });
}

int ProcessJob::shellExitStatus() const
{
    switch (m_state) {
    case State::FailedToStart: return m_failExitStatus ? m_failExitStatus : 127;
    case State::TimedOut: return 124;
    case State::Crashed: return 128 + m_exitSignal;
    case State::Killed:
        if (startedNothing())
            return 128 + ChildSetup::TermSignal; // as if the stop had reached it
        return m_exitSignal ? 128 + m_exitSignal : m_exitCode;
    case State::Finished: return m_backgroundTimedOut ? 124 : m_exitCode;
    default: return -1;
    }
}

QString ProcessJob::resultText() const
{
    const QString after = formatDuration(elapsedMs());
    switch (m_state) {
    case State::FailedToStart: return tr("Failed to start: %1").arg(m_error);
    case State::Finished: return tr("Exited with code %1 after %2").arg(m_exitCode).arg(after);
    case State::Crashed:
        return tr("Crashed with %1 after %2").arg(SignalNames::name(m_exitSignal), after);
    case State::TimedOut: return tr("Timed out after %1").arg(after);
    case State::Killed:
        if (m_exitSignal)
            return tr("Stopped with %1 after %2").arg(SignalNames::name(m_exitSignal), after);
        if (startedNothing())
            return tr("Stopped before it started, after %1").arg(after);
        return tr("Stopped; exited with code %1 after %2").arg(m_exitCode).arg(after);
    default: return stateName(m_state);
    }
}
