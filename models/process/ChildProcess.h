#pragma once

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>

// One child process of a job's stage: the part of QProcess a ProcessJob uses, with the same
// names and the same order of signals (started(), then finished() or errorOccurred(), always
// from the event loop, never from inside start()).
//
// On Linux it is launched by Runboard itself (ChildProcess_linux.cpp): clone() with
// CLONE_VM | CLONE_VFORK, as posix_spawn() and Python's subprocess do, and a pidfd. QProcess
// (Qt 6.4) forks: the kernel copies the launcher's page tables at every launch, and the
// launcher then takes a copy-on-write fault on every page it touches while the child execs.
// Measured with the same child set-up (bench_engine's 1,000 sequential launches of `true`,
// and a C loop of both kinds): a forking launcher reached 1,050–1,180 launches/s, a vforking
// one 1,420–1,630/s. Elsewhere (and with RUNBOARD_QPROCESS_LAUNCHER) a QProcess does the work
// (ChildProcess_qprocess.cpp).
class ChildProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChildProcess)
public:
    // Where the child's fd 0 comes from.
    enum class Input {
        Null,    // /dev/null
        Inherit, // Runboard's own stdin
        Pipe,    // a pipe fed by write()
        File,    // an opened file (stdinFd on Unix, stdinFile elsewhere)
        Previous // the stdout of the stage whose setStandardOutputProcess() named this one
    };
    struct Channels
    {
        Input input = Input::Null;
        int stdinFd = -1;    // Input::File on Unix: the child gets a copy as its fd 0
        QString stdinFile;   // Input::File elsewhere
        // Unix: the child's fd 1 and 2 (Runboard's own pipes); stdoutFd -1 means into the next
        // stage (setStandardOutputProcess). Elsewhere -1 means read through QProcess
        // (readyReadStandardOutput/Error).
        int stdoutFd = -1;
        int stderrFd = -1;
    };

    explicit ChildProcess(QObject *parent = nullptr);
    // A child still running is killed, and waited for on the reaper's thread (ProcessReaper).
    ~ChildProcess() override;

    void setProgram(const QString &program) { m_program = program; }
    void setArguments(const QStringList &arguments) { m_arguments = arguments; }
    void setWorkingDirectory(const QString &dir) { m_workingDirectory = dir; }
    // Without one the child inherits Runboard's environment.
    void setProcessEnvironment(const QProcessEnvironment &env);
    void setChannels(const Channels &channels) { m_channels = channels; }
    // This child's stdout becomes `next`'s stdin (a pipe between the two children); `next`
    // must be started after this one.
    void setStandardOutputProcess(ChildProcess *next);

    // Launches the child. Inside a BackgroundLaunches scope on Linux, the launch itself (the
    // clone and the wait for the child to reach exec) happens on the launcher thread: start()
    // returns at once, processId() is 0 until started(), and a failure comes as
    // errorOccurred() as always. Launches handed over together may start in another order.
    // The descriptors in Channels may be closed as soon as start() returns.
    void start();
    // While one lives, start() in this thread hands launches to the launcher thread. For
    // starting many children at once from the GUI thread: a launch holds the thread until the
    // child has reached exec, 0.5-1 ms as a rule, and much longer when the child is preempted
    // on the way (a 16 ms gap in the window during Start All of 1,000). A single start stays
    // in the thread: the hand-over would only add to it.
    class BackgroundLaunches
    {
    public:
        BackgroundLaunches();
        ~BackgroundLaunches();
        Q_DISABLE_COPY_MOVE(BackgroundLaunches)
    };
    // Launches handed to the launcher thread and not carried out yet.
    static int launchesInFlight();
    // Whether start() in this thread hands its launch to the launcher thread now.
    static bool launchesInBackground();
    struct Handoff; // a launch on its way through the launcher thread (Linux)
    QProcess::ProcessState state() const;
    qint64 processId() const;
    QString errorString() const;

    // Input::Pipe: queued and written as the child takes it; bytesWritten() reports progress.
    // Returns the bytes queued, -1 when the channel is closed.
    qint64 write(const char *data, qint64 size);
    qint64 write(const QByteArray &data) { return write(data.constData(), data.size()); }
    qint64 bytesToWrite() const;
    // Closes the pipe once what is queued has been written.
    void closeWriteChannel();

    // Outside Unix, output not redirected (stdoutFd/stderrFd -1) is read through these.
    QByteArray readAllStandardOutput();
    QByteArray readAllStandardError();

Q_SIGNALS:
    void started();
    void finished(int exitCode, QProcess::ExitStatus status);
    // FailedToStart, or WriteError when the child closed its stdin.
    void errorOccurred(QProcess::ProcessError error);
    void bytesWritten(qint64 bytes);
    void readyReadStandardOutput();
    void readyReadStandardError();

private:
    struct Private;
    friend struct Private;

    QString m_program;
    QStringList m_arguments;
    QString m_workingDirectory;
    QProcessEnvironment m_env;
    bool m_hasEnv = false;
    Channels m_channels;
    ChildProcess *m_next = nullptr;
    std::unique_ptr<Private> d;
};
