// The stop ladder of a job: stop, kill, signals, pause and resume, and the processes a run
// left in the background. Who may be signalled is StopLadder's business; when, is this file's.
#include "process/ProcessJob.h"

#include "process/ChildSetup.h"
#include "process/OutputPipe.h"

void ProcessJob::stop()
{
    if (!isActive() && m_lingering) {
        stopBackground(false);
        return;
    }
    if (m_state == State::Stopping && m_stopReason == StopReason::User) {
        kill(); // a second stop does not wait for the grace period
        return;
    }
    beginStop(StopReason::User);
}

void ProcessJob::beginStop(StopReason reason)
{
    if (!isActive() || m_stopReason == StopReason::Failure)
        return;
    if (m_stopReason == StopReason::None)
        m_stopReason = reason;
    m_timeoutTimer.stop();
    if (m_timeline.signalledNs < 0)
        m_timeline.signalledNs = nowNs();
    if (endWaitForStdin())
        return;
    logHunted(m_ladder.signalAll(ChildSetup::TermSignal));
    m_paused = false;
    if (m_spec.graceMs <= 0)
        escalate();
    else if (!m_graceTimer.isActive())
        m_graceTimer.start(m_spec.graceMs);
    if (isActive())
        setState(State::Stopping);
}

void ProcessJob::kill()
{
    if (!isActive()) {
        if (m_lingering)
            escalate(); // the background processes of a run that has ended
        return;
    }
    if (m_stopReason == StopReason::None)
        m_stopReason = StopReason::User;
    m_timeoutTimer.stop();
    if (m_timeline.signalledNs < 0)
        m_timeline.signalledNs = nowNs();
    if (endWaitForStdin())
        return;
    escalate();
    if (isActive())
        setState(State::Stopping);
}

bool ProcessJob::endWaitForStdin()
{
    if (!m_stdinWait)
        return false;
    // Stopped while waiting for the stdin FIFO's writer: nothing was started, so nothing is
    // signalled; the run ends here.
    closeStdinFile();
    finalize();
    return true;
}

void ProcessJob::escalate()
{
    m_graceTimer.stop();
    m_escalated = true;
    logHunted(m_ladder.signalAll(ChildSetup::KillSignal));
}

void ProcessJob::logHunted(const QStringList &hunted)
{
    if (hunted.isEmpty())
        return;
    // Plural forms written out: English has no translation file to pick them from.
    const QString list = hunted.join(QStringLiteral(", "));
    m_log->appendSystem(hunted.size() == 1
                            ? tr("1 escaped process stopped: %1").arg(list)
                            : tr("%1 escaped processes stopped: %2").arg(hunted.size()).arg(list));
    Q_EMIT outputAppended();
}

QList<quint64> ProcessJob::pipeInodes() const
{
    QList<quint64> inodes;
    for (const OutputPipe *pipe : allPipes()) {
        if (const quint64 inode = pipe->inode())
            inodes.append(inode);
    }
    return inodes;
}

void ProcessJob::endPreviousRun()
{
    // Whatever the previous run left — stragglers waiting for their SIGKILL, background
    // processes — ends now, through the previous run's own ladder: the new run's processes
    // are never in it.
    if (m_graceTimer.isActive() || m_lingering)
        logHunted(m_ladder.signalAll(ChildSetup::KillSignal));
    m_graceTimer.stop();
    m_backgroundTimer.stop();
    m_lingering = false;
    m_backgroundTimedOut = false;
    m_backgroundCount = 0;
}

void ProcessJob::stopBackground(bool timedOut)
{
    if (!m_lingering)
        return;
    m_timeoutTimer.stop();
    if (timedOut) {
        m_backgroundTimedOut = true;
        m_log->appendSystem(tr("Timed out: stopping the background processes"));
    }
    if (m_graceTimer.isActive()) {
        escalate(); // a second stop does not wait for the grace period
        return;
    }
    logHunted(m_ladder.signalAll(ChildSetup::TermSignal));
    if (m_spec.graceMs <= 0)
        escalate();
    else
        m_graceTimer.start(m_spec.graceMs);
    Q_EMIT stateChanged(m_state);
}

void ProcessJob::onPipeClosed()
{
    if (isActive() || !m_lingering)
        return;
    for (const OutputPipe *pipe : allPipes()) {
        if (pipe->isOpen())
            return;
    }
    m_lingering = false;
    m_backgroundCount = 0;
    m_backgroundTimer.stop();
    m_timeoutTimer.stop();
    if (!m_graceTimer.isActive())
        m_ladder.forgetEmptyGroups();
    Q_EMIT stateChanged(m_state);
    Q_EMIT outputClosed();
}

bool ProcessJob::sendSignal(int signal)
{
    if (!isActive())
        return false;
    const bool any = m_ladder.signalGroups(signal);
    if (any && signal != ChildSetup::StopSignal && signal != ChildSetup::ContSignal
        && !m_sentSignals.contains(signal))
        m_sentSignals.append(signal);
    if (any && signal == ChildSetup::StopSignal)
        m_paused = true;
    else if (any && signal == ChildSetup::ContSignal)
        m_paused = false;
    if (any)
        Q_EMIT stateChanged(m_state);
    return any;
}

bool ProcessJob::pause()
{
    return !m_paused && sendSignal(ChildSetup::StopSignal);
}

bool ProcessJob::resume()
{
    return m_paused && sendSignal(ChildSetup::ContSignal);
}
