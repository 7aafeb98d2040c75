#pragma once

#include "process/BufferingDetector.h"
#include "process/ChildProcess.h"
#include "process/LaunchSpec.h"
#include "process/OutputLog.h"
#include "process/StopLadder.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

// One entry of the board: a command, or a pipeline `A | B | C`, started from a LaunchSpec and
// supervised to the end. Each stage runs in a process group of its own, so that a stop reaches
// every descendant: stop = SIGTERM (and SIGCONT) to each group, then SIGKILL after the grace
// period. A timeout runs the same ladder. done() is emitted exactly once per run, whatever
// the ending.
class OutputPipe;

class ProcessJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessJob)
public:
    enum class State {
        NotStarted,
        Starting,
        Running,
        Stopping,
        Finished,      // exited by itself (any exit code)
        FailedToStart, // never ran: not found, not executable, bad working directory ...
        Crashed,       // ended by a signal Runboard did not send
        TimedOut,      // stopped by its timeout
        Killed,        // stopped by the user
    };
    Q_ENUM(State)

    enum class StopReason { None, User, Timeout, Failure };

    struct Stage
    {
        CommandStage command;
        QString resolvedProgram;
        qint64 pid = 0;
        State state = State::NotStarted;
        int exitCode = -1;
        int exitSignal = 0;
        qint64 stderrBytes = 0;
        // Bytes this stage wrote into the pipe to the next stage, when Runboard relays that
        // pipe (LaunchSpec::measurePipes); -1 when the children share a pipe Runboard does not
        // see, and for the last stage (its stdout is the job's).
        qint64 pipeBytes = -1;
        QString error;
        bool draining = false; // exited; its pipes are being read to the end
        qint64 startedNs = -1;  // since the run started (-1: not yet/never)
        qint64 endedNs = -1;
    };

    // When things happened in this run, in nanoseconds since it started (-1: not yet/never).
    struct Timeline
    {
        qint64 startedAtMs = 0; // wall clock, ms since the epoch
        qint64 firstOutputNs = -1;
        qint64 stdinClosedNs = -1;
        qint64 signalledNs = -1;
        qint64 endedNs = -1;
    };

    explicit ProcessJob(const LaunchSpec &spec, QObject *parent = nullptr);
    ~ProcessJob() override;

    int id() const { return m_id; }
    void setId(int id) { m_id = id; }
    const LaunchSpec &spec() const { return m_spec; }
    QString name() const { return m_spec.displayName(); }

    State state() const { return m_state; }
    static bool isActiveState(State s);
    bool isActive() const { return isActiveState(m_state); }
    bool isPaused() const { return m_paused; }
    static QString stateName(State s);
    QString errorString() const { return m_error; }
    StopReason stopReason() const { return m_stopReason; }

    // The result of the run: for a pipeline, the last failing stage (pipefail), where a SIGPIPE
    // of an upstream stage after a downstream stage ended does not count as a failure.
    int exitCode() const { return m_exitCode; }
    int exitSignal() const { return m_exitSignal; }
    // The exit status a shell or timeout(1) would give: the code, 124 timed out (also when the
    // timeout had to end the background processes that held the output), 128+N signal, 126 not
    // executable, 127 not found.
    int shellExitStatus() const;
    QString resultText() const;

    qint64 pid() const { return m_stages.isEmpty() ? 0 : m_stages.first().pid; }
    const QList<Stage> &stages() const { return m_stages; }
    // True when no stage of this run got as far as a process (stopped while the run waited
    // for its stdin FIFO's writer, or failed before).
    bool startedNothing() const;
    qint64 bytesStdout() const { return m_bytesOut; }
    qint64 bytesStderr() const { return m_bytesErr; }
    qint64 bytesStdinWritten() const { return m_bytesIn; }
    const Timeline &timeline() const { return m_timeline; }
    qint64 elapsedMs() const;          // so far, or the whole run once it ended
    qint64 remainingTimeoutMs() const; // -1 without a timeout or when not running
    qint64 remainingGraceMs() const;   // while stopping: time left before SIGKILL; else -1
    int runCount() const { return m_runCount; }
    // Waiting in the supervisor's queue for its turn to start (Start All, Re-run Finished):
    // "queued" on the board rather than "not started" or the last run's end (the Exit column
    // keeps that). Set by the supervisor, without a signal (it says so for all its jobs at
    // once); start() clears it.
    void setStartQueued(bool queued) { m_startQueued = queued; }
    bool isStartQueued() const { return m_startQueued; }
    // After the run ended, descendants it left in the background may still hold its output:
    // their output is read and shown until they close it, and stop() ends them.
    bool hasBackground() const { return m_lingering; }
    int backgroundCount() const { return m_backgroundCount; }
    // The run's timeout (or a stop) had to end background processes.
    bool backgroundTimedOut() const { return m_backgroundTimedOut; }
    // The state word with what still runs: "exited 0 · 1 background process still running".
    QString statusText() const;
    // The word for how the run (or a stage) ended, as a person would say it: "finished",
    // "failed (exit 1)", "stopped" (by our SIGTERM), "killed" (it needed SIGKILL), "timed out",
    // "crashed (SIGSEGV)" only for a signal Runboard did not send.
    QString stateWord() const;
    QString stageWord(const Stage &stage) const;

    OutputLog *log() { return m_log.get(); }
    const OutputLog *log() const { return m_log.get(); }
    // runboard-cli passes bytes straight through: rawOutput() is emitted for every read, and
    // the log may be switched off to save the copy.
    void setRawOutputEnabled(bool on) { m_rawOutput = on; }
    void setLogEnabled(bool on) { m_logEnabled = on; }
    // An Interactive stdin with nobody to type into it (runboard-cli start) reads /dev/null.
    void setInteractiveStdinAllowed(bool on) { m_interactiveAllowed = on; }
    bool stdinOpen() const;
    // Stdout has arrived only in whole 4 KiB blocks, bursts apart: the child block-buffers
    // because its stdout is a pipe (see BufferingDetector). Stays true for the rest of the run.
    bool blockBufferingSuspected() const { return m_blockBuffered; }
    // The spec the next start() (or restart()) uses; the current run keeps its own.
    void setSpecForNextRun(const LaunchSpec &spec) { m_nextSpec = spec; m_hasNextSpec = true; }

public Q_SLOTS:
    void start();
    void stop();
    void kill();
    bool sendSignal(int signal);
    bool pause();
    bool resume();
    void restart();
    bool writeStdin(const QByteArray &data);
    // The same, and the typed bytes are echoed into the log (OutputLog::Stdin).
    bool typeStdin(const QByteArray &data);
    void closeStdin();

Q_SIGNALS:
    void stateChanged(ProcessJob::State state);
    // The first stage's pid became known without a change of state (a launch that was still
    // on its way when the job was stopped): whoever shows pid() should look again.
    void pidKnown();
    // The bytes just read. `data` may point into a reused buffer: copy it to keep it.
    void rawOutput(OutputLog::Stream stream, const QByteArray &data);
    void outputAppended();
    void done();
    // The run ended and nothing holds its output any more (after done(); at once unless
    // background processes kept it open).
    void outputClosed();

private:
    // A relayed pipe (measurePipes) stops reading its writer while this much waits for the
    // reader, and reads on below the low mark: memory stays bounded and a slow reader slows
    // the writer.
    static constexpr qint64 RelayHighWater = 256 * 1024;
    static constexpr qint64 RelayLowWater = 64 * 1024;
    void setState(State s);
    void relay(int index, const char *data, qint64 size);
    OutputPipe *stdoutPipe(int index) const;
    // The stage has ended (or never started): our copies of its pipes' write ends go.
    void endWriteEnds(int index);
    QList<OutputPipe *> allPipes() const;
    void failBeforeStart(const QString &error, int exitStatus);
    bool openStdinFile(const QString &path);
    void launch();
    void closeStdinFile();
    bool endWaitForStdin();
    void onStarted(int index);
    void onFinished(int index, int exitCode, QProcess::ExitStatus status);
    void onError(int index, QProcess::ProcessError error);
    void onOutput(int index, OutputLog::Stream stream, const char *data, qint64 size);
    void drainPipes(int index, std::function<void()> then);
    void beginStop(StopReason reason);
    void escalate();
    // A stage's child is known by its pid: the stop ladder and the orphan scan learn it.
    void knowLeader(int index, qint64 pid);
    void feedStdin();
    void finishIfAllEnded();
    void finalize();
    void destroyProcesses(bool now);
    void endPreviousRun();
    void stopBackground(bool timedOut);
    void onPipeClosed();
    void logHunted(const QStringList &hunted);
    QList<quint64> pipeInodes() const;
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    int m_id = 0;
    LaunchSpec m_spec;
    State m_state = State::NotStarted;
    StopReason m_stopReason = StopReason::None;
    bool m_paused = false;
    bool m_escalated = false; // this run's stop has gone on to SIGKILL
    bool m_restartPending = false;
    bool m_startQueued = false;
    bool m_rawOutput = false;
    bool m_logEnabled = true;
    bool m_interactiveAllowed = true;
    bool m_stdinClosed = false;
    // The stdin file, opened by us without blocking (Unix); while a FIFO has no writer yet the
    // run waits for one here, as a shell's `< FIFO` would, without blocking the thread.
    int m_stdinFd = -1;
    QSocketNotifier *m_stdinWait = nullptr;
    QString m_error;
    int m_failExitStatus = 0;
    int m_exitCode = -1;
    int m_exitSignal = 0;
    int m_runCount = 0;
    QList<Stage> m_stages;
    QList<ChildProcess *> m_processes;
    QList<OutputPipe *> m_errPipes; // one per stage (Unix)
    OutputPipe *m_outPipe = nullptr; // the last stage's stdout (Unix)
    // With measurePipes, one per stage but the last: its stdout, relayed into the next stage's
    // stdin (nullptr entries otherwise).
    QList<OutputPipe *> m_relayPipes;
    std::unique_ptr<OutputLog> m_log;
    qint64 m_bytesOut = 0;
    qint64 m_bytesErr = 0;
    qint64 m_bytesIn = 0;
    qint64 m_randomLeft = 0;
    Timeline m_timeline;
    QElapsedTimer m_clock;
    QTimer m_timeoutTimer;
    QTimer m_graceTimer;
    QTimer m_backgroundTimer; // refreshes backgroundCount() while background processes run
    QList<int> m_sentSignals; // by sendSignal() in this run: a death by one of them is no crash
    StopLadder m_ladder;
    bool m_lingering = false;
    bool m_backgroundTimedOut = false;
    int m_backgroundCount = 0;
    BufferingDetector m_buffering;
    bool m_blockBuffered = false;
    LaunchSpec m_nextSpec;
    bool m_hasNextSpec = false;
};
