#include "process/ProcessJob.h"

#include "process/ChildSetup.h"
#include "process/OutputPipe.h"
#include "process/ProcessReaper.h"
#include "process/ProcessTree.h"
#include "process/ProgramResolver.h"
#include "process/SignalNames.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#endif

#include <algorithm>

namespace {
bool stageEnded(ProcessJob::State s)
{
    return !ProcessJob::isActiveState(s) && s != ProcessJob::State::NotStarted;
}
} // namespace

ProcessJob::ProcessJob(const LaunchSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_log(std::make_unique<OutputLog>())
{
    m_timeoutTimer.setSingleShot(true);
    m_timeoutTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
        if (isActive())
            beginStop(StopReason::Timeout);
        else if (m_lingering)
            stopBackground(true); // the timeout covers the output too, as in a shell pipeline
    });
    m_graceTimer.setSingleShot(true);
    m_graceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_graceTimer, &QTimer::timeout, this, &ProcessJob::escalate);
    m_backgroundTimer.setInterval(1000);
    connect(&m_backgroundTimer, &QTimer::timeout, this, [this] {
        const int n = m_ladder.backgroundCount();
        if (n != m_backgroundCount) {
            m_backgroundCount = n;
            Q_EMIT stateChanged(m_state);
        }
    });
}

ProcessJob::~ProcessJob()
{
    // Nothing may outlive its board: kill everything of the run that may still be alive.
    if (isActive() || m_graceTimer.isActive() || m_lingering)
        m_ladder.signalAll(ChildSetup::KillSignal);
    destroyProcesses(true);
    m_ladder.reset();
}

void ProcessJob::destroyProcesses(bool now)
{
    closeStdinFile();
    for (OutputPipe *pipe : allPipes()) {
        pipe->abandon();
        // From the destructor: at once (they are our children; a deleteLater() would only be
        // posted, then taken back). Otherwise we may be inside one of their signals.
        if (now)
            delete pipe;
        else
            pipe->deleteLater();
    }
    m_errPipes.clear();
    m_relayPipes.clear();
    m_outPipe = nullptr;
    for (ChildProcess *p : std::as_const(m_processes)) {
        p->disconnect(this);
        // One still running (only on teardown, after SIGKILL) is waited for on the reaper's
        // thread, never on ours: that wait is long for a child in uninterruptible sleep.
        if (now)
            delete p;
        else
            p->deleteLater(); // we may be inside one of its signals
    }
    m_processes.clear();
}

bool ProcessJob::isActiveState(State s)
{
    return s == State::Starting || s == State::Running || s == State::Stopping;
}

void ProcessJob::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

qint64 ProcessJob::elapsedMs() const
{
    if (m_timeline.endedNs >= 0)
        return m_timeline.endedNs / 1000000;
    if (!m_clock.isValid() || m_state == State::NotStarted)
        return 0;
    return m_clock.elapsed();
}

qint64 ProcessJob::remainingTimeoutMs() const
{
    if (m_spec.timeoutMs <= 0 || !isActive() || m_state == State::Stopping)
        return -1;
    return std::max<qint64>(0, m_spec.timeoutMs - m_clock.elapsed());
}

qint64 ProcessJob::remainingGraceMs() const
{
    if (m_state != State::Stopping || !m_graceTimer.isActive())
        return -1;
    return m_graceTimer.remainingTime();
}

void ProcessJob::start()
{
    if (isActive())
        return;
    m_startQueued = false;
    endPreviousRun();
    destroyProcesses(false);
    if (m_hasNextSpec) {
        m_spec = m_nextSpec;
        m_hasNextSpec = false;
    }
    m_buffering.reset();
    m_blockBuffered = false;
    m_ladder.reset();
    ProcessTree::becomeSubreaper(); // orphans of our trees come to us, to be found and stopped
    ++m_runCount;
    if (m_runCount > 1)
        m_log->appendSystem(tr("\u2014 restarted (run %1) \u2014").arg(m_runCount));
    m_stopReason = StopReason::None;
    m_sentSignals.clear();
    m_paused = false;
    m_restartPending = false;
    m_stdinClosed = false;
    m_error.clear();
    m_failExitStatus = 0;
    m_exitCode = -1;
    m_exitSignal = 0;
    m_escalated = false;
    m_bytesOut = m_bytesErr = m_bytesIn = 0;
    m_randomLeft = 0;
    m_timeline = Timeline{};
    m_timeline.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_clock.start();
    m_stages.clear();
    const QList<CommandStage> commands = m_spec.stages();
    for (const CommandStage &c : commands) {
        Stage st;
        st.command = c;
        m_stages.append(st);
    }
    setState(State::Starting);

    if (const QString e = m_spec.validate(); !e.isEmpty())
        return failBeforeStart(e, 127);

    // Built only when the spec changes something: an unchanged environment is inherited as is.
    QProcessEnvironment env;
    if (!m_spec.environment.isEmpty()) {
        if (!m_spec.environment.clean)
            env = QProcessEnvironment::systemEnvironment();
        for (const QString &n : m_spec.environment.unset)
            env.remove(n);
        for (const auto &kv : m_spec.environment.set)
            env.insert(kv.first, kv.second);
    }

    const StdinSource &in = m_spec.stdinSource;
    if (in.mode == StdinMode::File) {
        const QFileInfo fi(in.filePath);
        if (!fi.exists())
            return failBeforeStart(tr("stdin file \"%1\" does not exist").arg(in.filePath), 127);
        if (fi.isDir())
            return failBeforeStart(tr("stdin file \"%1\" is a directory").arg(in.filePath), 127);
        if (!fi.isReadable())
            return failBeforeStart(
                tr("stdin file \"%1\" is not readable (permission denied)").arg(in.filePath), 127);
    }

    // Resolve every stage before starting any, so a pipeline never starts half-way.
    for (int i = 0; i < m_stages.size(); ++i) {
        Stage &st = m_stages[i];
        QString program = st.command.program;
        QStringList args = st.command.arguments;
        if (m_spec.shell) {
            QStringList words{st.command.program};
            for (const QString &a : std::as_const(st.command.arguments))
                words << shellQuote(a);
            program = QStringLiteral("/bin/sh");
            args = QStringList{QStringLiteral("-c"), words.join(QLatin1Char(' '))};
        }
        const ResolvedProgram r = ProgramResolver::resolve(program, m_spec.workingDirectory, env);
        if (!r.ok()) {
            const QString where = m_stages.size() > 1 ? tr("stage %1: ").arg(i + 1) : QString();
            st.state = State::FailedToStart;
            st.error = r.error;
            return failBeforeStart(where + r.error, r.exitStatus);
        }
        st.resolvedProgram = r.path;
        auto *p = new ChildProcess;
        p->setProgram(r.path);
        p->setArguments(args);
        p->setWorkingDirectory(m_spec.workingDirectory);
        if (!m_spec.environment.isEmpty())
            p->setProcessEnvironment(env); // otherwise the child simply inherits ours
        m_processes.append(p);
    }

#ifdef Q_OS_UNIX
    if (in.mode == StdinMode::File && !openStdinFile(in.filePath))
        return;
    if (m_stdinWait) {
        // A deadline counts from the start, the wait for the FIFO's writer included.
        if (m_spec.timeoutMs > 0)
            m_timeoutTimer.start(int(std::min<qint64>(m_spec.timeoutMs, INT_MAX)));
        return;
    }
#endif
    launch();
}

void ProcessJob::launch()
{
    const StdinSource &in = m_spec.stdinSource;
#ifdef Q_OS_UNIX
    if (m_stdinFd >= 0) // the child reads it as any program reads its stdin: blocking
        ::fcntl(m_stdinFd, F_SETFL, ::fcntl(m_stdinFd, F_GETFL) & ~O_NONBLOCK);
#endif

    StdinMode mode = in.mode;
    if (mode == StdinMode::Interactive && !m_interactiveAllowed)
        mode = StdinMode::Null;
    ChildProcess::Input firstInput = ChildProcess::Input::Pipe;
    switch (mode) {
    case StdinMode::Null: firstInput = ChildProcess::Input::Null; break;
    case StdinMode::Inherit: firstInput = ChildProcess::Input::Inherit; break;
    case StdinMode::File: firstInput = ChildProcess::Input::File; break;
    case StdinMode::Interactive:
    case StdinMode::Text:
    case StdinMode::RandomBytes: break;
    }

    // Our own pipes for what we read (see OutputPipe, Unix); the pipes between stages are the
    // children's own, unless they are relayed to be measured (measurePipes).
#ifdef Q_OS_UNIX
    const bool relayed = m_spec.measurePipes && m_processes.size() > 1;
#endif
    for (int i = 0; i < m_processes.size(); ++i) {
        const bool last = i == m_processes.size() - 1;
        ChildProcess::Channels channels;
        // A later stage reads the one before it: through the children's own pipe, or through
        // one Runboard relays (written into this stage's stdin pipe).
        channels.input = i == 0                   ? firstInput
                         : m_relayPipes.value(i - 1) ? ChildProcess::Input::Pipe
                                                     : ChildProcess::Input::Previous;
        channels.stdinFd = i == 0 ? m_stdinFd : -1;
        channels.stdinFile = in.filePath;
#ifdef Q_OS_UNIX
        auto *err = new OutputPipe([this, i](const char *d, qint64 n) {
            onOutput(i, OutputLog::Stderr, d, n);
        }, this);
        m_errPipes.append(err);
        OutputPipe *out = nullptr;
        if (last) {
            out = m_outPipe = new OutputPipe([this, i](const char *d, qint64 n) {
                onOutput(i, OutputLog::Stdout, d, n);
            }, this);
        } else if (relayed) {
            out = new OutputPipe([this, i](const char *d, qint64 n) { relay(i, d, n); }, this);
            m_stages[i].pipeBytes = 0;
        }
        if (!last)
            m_relayPipes.append(out);
        if (!err->open() || (out && !out->open()))
            return failBeforeStart(tr("cannot create a pipe: %1")
                                       .arg(out && !out->isOpen() ? out->errorString()
                                                                  : err->errorString()),
                                   126);
        channels.stdoutFd = out ? out->writeFd() : -1;
        channels.stderrFd = err->writeFd();
        connect(err, &OutputPipe::closed, this, &ProcessJob::onPipeClosed);
        if (out)
            connect(out, &OutputPipe::closed, this, &ProcessJob::onPipeClosed);
        if (out && !last) {
            // Every writer of the relayed pipe is gone: the next stage gets its EOF once it
            // has read what is still on its way.
            ChildProcess *next = m_processes.at(i + 1);
            connect(out, &OutputPipe::closed, next, &ChildProcess::closeWriteChannel);
            connect(next, &ChildProcess::bytesWritten, out, [out, next] {
                if (out->isPaused() && next->bytesToWrite() <= RelayLowWater)
                    out->setPaused(false);
            });
        }
#endif
        ChildProcess *p = m_processes.at(i);
        p->setChannels(channels);
        if (!last && !m_relayPipes.value(i))
            p->setStandardOutputProcess(m_processes.at(i + 1));
        connect(p, &ChildProcess::started, this, [this, i] { onStarted(i); });
        connect(p, &ChildProcess::finished, this,
                [this, i](int code, QProcess::ExitStatus status) { onFinished(i, code, status); });
        connect(p, &ChildProcess::errorOccurred, this,
                [this, i](QProcess::ProcessError e) { onError(i, e); });
#ifndef Q_OS_UNIX
        if (last) {
            connect(p, &ChildProcess::readyReadStandardOutput, this, [this, p, i] {
                const QByteArray d = p->readAllStandardOutput();
                onOutput(i, OutputLog::Stdout, d.constData(), d.size());
            });
        }
        connect(p, &ChildProcess::readyReadStandardError, this, [this, p, i] {
            const QByteArray d = p->readAllStandardError();
            onOutput(i, OutputLog::Stderr, d.constData(), d.size());
        });
#endif
    }
#ifdef Q_OS_UNIX
    m_ladder.setPipeInodes([this] { return pipeInodes(); });
#endif

    ChildProcess *first = m_processes.first();
    if (mode == StdinMode::Null || mode == StdinMode::Inherit || mode == StdinMode::File) {
        m_stdinClosed = true;
        m_timeline.stdinClosedNs = 0;
    }
    if (mode == StdinMode::RandomBytes) {
        m_randomLeft = in.randomBytes;
        connect(first, &ChildProcess::bytesWritten, this, &ProcessJob::feedStdin);
    }

    // Launched in this thread, our copies of the write ends can be kept while the stages run
    // (below). Not when the launcher thread launches them: there each launch is a clone() of
    // the whole process, whose child holds a copy of every descriptor we have until its exec,
    // and a stage ending during another's launch would see its EOF late.
#ifdef Q_OS_UNIX
    const bool keepWriteEnds = !ChildProcess::launchesInBackground();
#endif
    for (int i = 0; i < m_processes.size(); ++i) {
        ChildProcess *p = m_processes.at(i);
        p->start();
        if (i == 0)
            closeStdinFile(); // the child has its copy
#ifdef Q_OS_UNIX
        // The child has its copies now (fork is done inside start(), or the launcher thread
        // has its own). Ours of the pipes that end here may stay until the stage has ended
        // (endWriteEnds()), so that its exit wakes this thread once
        // (OutputPipe::keepWriteEndUntilEnd()); a relay into the next stage must give that
        // stage EOF when every writer has closed it, so ours goes now.
        OutputPipe *err = m_errPipes.at(i);
        OutputPipe *out = stdoutPipe(i);
        if (keepWriteEnds) {
            err->keepWriteEndUntilEnd();
            if (out && out == m_outPipe)
                out->keepWriteEndUntilEnd();
        } else {
            err->closeWriteEnd();
        }
        if (out && !out->keepsWriteEnd())
            out->closeWriteEnd();
#endif
        if (m_stopReason == StopReason::Failure)
            return; // a stage failed at once; onError() ended the others
        if (m_stages[i].state == State::NotStarted)
            m_stages[i].state = State::Starting;
        // Known now, or (a launch on the launcher thread) from started() on.
        if (const qint64 pid = p->processId(); pid > 0)
            knowLeader(i, pid);
    }

    if (mode == StdinMode::Text) {
        m_bytesIn += first->write(in.text);
        closeStdin();
    } else if (mode == StdinMode::RandomBytes) {
        feedStdin();
    }
    if (m_spec.timeoutMs > 0) {
        const qint64 left = m_spec.timeoutMs - m_clock.elapsed();
        m_timeoutTimer.start(int(std::max<qint64>(0, std::min<qint64>(left, INT_MAX))));
    }
}

void ProcessJob::failBeforeStart(const QString &error, int exitStatus)
{
    destroyProcesses(false);
    m_error = error;
    m_failExitStatus = exitStatus;
    m_stopReason = StopReason::Failure;
    // Reported from the event loop so that done() always comes after start() returned.
    QMetaObject::invokeMethod(this, &ProcessJob::finalize, Qt::QueuedConnection);
}

void ProcessJob::knowLeader(int index, qint64 pid)
{
    Stage &st = m_stages[index];
    if (st.pid == pid)
        return;
    st.pid = pid;
    m_ladder.addLeader(pid);
    ProcessReaper::instance()->registerChild(pid);
}

void ProcessJob::onStarted(int index)
{
    Stage &st = m_stages[index];
    st.state = State::Running;
    st.startedNs = nowNs();
    knowLeader(index, m_processes.at(index)->processId());
    m_ladder.leaderStarted(st.pid);
    if (m_stopReason != StopReason::None) {
        // Stopped while starting: this stage must get the ladder too (all of it, when the
        // stop has already escalated).
        ChildSetup::signalGroup(st.pid, m_escalated ? ChildSetup::KillSignal : ChildSetup::TermSignal);
        if (index == 0)
            Q_EMIT pidKnown(); // the state stays Stopping; the board shows the pid now
        return;
    }
    // Running once every stage has started (an early stage may already have ended).
    for (const Stage &s : std::as_const(m_stages)) {
        if (s.state == State::NotStarted || s.state == State::Starting)
            return;
    }
    if (m_state == State::Starting)
        setState(State::Running);
}

void ProcessJob::onFinished(int index, int exitCode, QProcess::ExitStatus status)
{
    Stage &st = m_stages[index];
    // It has been reaped: its PID (and group number) may be anyone's from now on.
    m_ladder.leaderReaped(st.pid);
    endWriteEnds(index); // EOF comes once its descendants, if any, have closed theirs
    ProcessReaper::instance()->unregisterChild(st.pid);
    if (stageEnded(st.state) || st.draining)
        return;
    // The reader of a relayed pipe is gone: its writer must see EPIPE/SIGPIPE, as it would
    // with a pipe between the children (`yes | head -n1` ends).
    if (OutputPipe *in = m_relayPipes.value(index - 1))
        in->discard();
    // The stage has ended once what it wrote has been read (a few event-loop turns at most).
    st.draining = true;
    const int run = m_runCount;
    drainPipes(index, [this, index, exitCode, status, run] {
        if (run != m_runCount)
            return;
        Stage &s = m_stages[index];
        s.draining = false;
        s.endedNs = nowNs();
        if (status == QProcess::CrashExit) {
            s.state = State::Crashed;
            s.exitSignal = exitCode;
        } else {
            s.state = State::Finished;
            s.exitCode = exitCode;
        }
        finishIfAllEnded();
    });
}

void ProcessJob::onError(int index, QProcess::ProcessError error)
{
    if (error == QProcess::WriteError) {
        // The stage closed its stdin: the writer into a relayed pipe gets EPIPE from now on.
        if (OutputPipe *in = m_relayPipes.value(index - 1))
            in->discard();
        return;
    }
    if (error != QProcess::FailedToStart)
        return; // crashes arrive through finished(); write errors mean the child closed stdin
    Stage &st = m_stages[index];
    if (stageEnded(st.state))
        return;
    endWriteEnds(index);
    if (OutputPipe *out = stdoutPipe(index))
        out->drainAndClose();
    if (OutputPipe *in = m_relayPipes.value(index - 1))
        in->discard();
    if (index < m_errPipes.size())
        m_errPipes.at(index)->drainAndClose();
    st.state = State::FailedToStart;
    st.endedNs = nowNs();
    st.error = m_processes.at(index)->errorString();
    m_ladder.leaderReaped(st.pid);
    ProcessReaper::instance()->unregisterChild(st.pid);
    const QString where = m_stages.size() > 1 ? tr("stage %1: ").arg(index + 1) : QString();
    if (m_error.isEmpty()) {
        m_error = where + tr("program \"%1\" could not be started: %2")
                              .arg(st.command.program, st.error);
        m_failExitStatus = 126;
    }
    // Stages that were never started will not be.
    for (int i = 0; i < m_stages.size(); ++i) {
        if (m_stages[i].state == State::NotStarted && m_processes.at(i)->state() == QProcess::NotRunning)
            m_stages[i].state = State::FailedToStart;
    }
    // The rest of the pipeline has nothing to do: end it now.
    if (m_stopReason != StopReason::Failure) {
        m_stopReason = StopReason::Failure;
        escalate();
    }
    finishIfAllEnded();
}

void ProcessJob::restart()
{
    if (isActive()) {
        m_restartPending = true;
        stop();
        return;
    }
    start();
}

void ProcessJob::finishIfAllEnded()
{
    for (const Stage &st : std::as_const(m_stages)) {
        if (!stageEnded(st.state))
            return;
    }
    finalize();
}

void ProcessJob::finalize()
{
    if (!isActive())
        return; // done() only once per run
    m_timeline.endedNs = nowNs();
    // Descendants left in the background may still hold the output: read on until they close
    // it (and keep the timeout for them), as a shell pipeline would.
    const QList<OutputPipe *> pipes = allPipes();
    m_lingering = m_stopReason != StopReason::Failure
                  && std::any_of(pipes.cbegin(), pipes.cend(),
                                 [](const OutputPipe *p) { return p->isOpen(); });
    if (!m_lingering)
        m_timeoutTimer.stop();
    m_log->flush();

    State result = State::Finished;
    if (m_stopReason == StopReason::Failure) {
        result = State::FailedToStart;
    } else {
        int decisive = m_stages.size() - 1;
        for (int i = 0; i < m_stages.size(); ++i) {
            const Stage &st = m_stages.at(i);
            bool failed = st.state == State::Crashed
                          || (st.state == State::Finished && st.exitCode != 0);
            if (i < m_stages.size() - 1 && st.state == State::Crashed
                && st.exitSignal == ChildSetup::PipeSignal)
                failed = false; // `yes | head -n1`: the reader had what it wanted
            if (failed)
                decisive = i;
        }
        const Stage &st = m_stages.at(decisive);
        m_exitCode = st.exitCode;
        m_exitSignal = st.state == State::Crashed ? st.exitSignal : 0;
        result = st.state == State::Crashed ? State::Crashed : State::Finished;
        // A signal the user sent from the window (Send Signal) ended it: stopped, not crashed.
        if (result == State::Crashed && m_sentSignals.contains(m_exitSignal))
            result = State::Killed;
        if (m_stopReason == StopReason::Timeout)
            result = State::TimedOut;
        else if (m_stopReason == StopReason::User)
            result = State::Killed;
    }
    // After a stop the grace timer keeps running: descendants that ignored SIGTERM still get
    // SIGKILL when it fires, while done() is not held back for them.
    if (m_stopReason == StopReason::Failure)
        m_graceTimer.stop();
    m_paused = false;
    m_state = result; // set quietly: resultText() below reads it
    if (m_lingering) {
        m_backgroundCount = m_ladder.backgroundCount();
        m_backgroundTimer.start();
    } else if (!m_graceTimer.isActive()) {
        m_ladder.forgetEmptyGroups();
    }
    m_log->appendSystem(resultText());
    Q_EMIT stateChanged(result);
    Q_EMIT done();
    if (!m_lingering)
        Q_EMIT outputClosed();
    if (m_restartPending) {
        m_restartPending = false;
        QMetaObject::invokeMethod(this, &ProcessJob::start, Qt::QueuedConnection);
    }
}
