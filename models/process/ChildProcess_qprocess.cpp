// ChildProcess where Runboard does not launch by itself (not Linux, or RUNBOARD_QPROCESS_LAUNCHER):
// a QProcess does the work, set up by ChildSetup.
#include "process/ChildProcess.h"

#include "process/ChildSetup.h"
#include "process/ProcessReaper.h"

struct ChildProcess::Private
{
    QProcess *process = nullptr; // ours until the destructor hands it to the reaper
};

ChildProcess::ChildProcess(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->process = new QProcess;
    QProcess *p = d->process;
    connect(p, &QProcess::started, this, [this] {
        ChildSetup::adopt(d->process);
        Q_EMIT started();
    });
    connect(p, &QProcess::finished, this, &ChildProcess::finished);
    connect(p, &QProcess::errorOccurred, this, &ChildProcess::errorOccurred);
    connect(p, &QProcess::bytesWritten, this, &ChildProcess::bytesWritten);
    connect(p, &QProcess::readyReadStandardOutput, this, &ChildProcess::readyReadStandardOutput);
    connect(p, &QProcess::readyReadStandardError, this, &ChildProcess::readyReadStandardError);
}

// QProcess launches in the calling thread, always.
ChildProcess::BackgroundLaunches::BackgroundLaunches() = default;
ChildProcess::BackgroundLaunches::~BackgroundLaunches() = default;
int ChildProcess::launchesInFlight()
{
    return 0;
}

bool ChildProcess::launchesInBackground()
{
    return false;
}

ChildProcess::~ChildProcess()
{
    d->process->disconnect(this);
    // A running QProcess waits for its child in its destructor: on the reaper's thread.
    ProcessReaper::instance()->adopt(d->process);
}

void ChildProcess::setProcessEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    m_hasEnv = true;
}

void ChildProcess::setStandardOutputProcess(ChildProcess *next)
{
    m_next = next;
}

void ChildProcess::start()
{
    QProcess *p = d->process;
    p->setProgram(m_program);
    p->setArguments(m_arguments);
    p->setWorkingDirectory(m_workingDirectory);
    if (m_hasEnv)
        p->setProcessEnvironment(m_env);
    if (m_next && m_channels.stdoutFd < 0)
        p->setStandardOutputProcess(m_next->d->process);
    switch (m_channels.input) {
    case Input::Null: p->setStandardInputFile(QProcess::nullDevice()); break;
    case Input::Inherit: p->setInputChannelMode(QProcess::ForwardedInputChannel); break;
    case Input::File:
#ifndef Q_OS_UNIX
        p->setStandardInputFile(m_channels.stdinFile);
#endif
        break; // on Unix ChildSetup gives the child stdinFd
    case Input::Pipe:
    case Input::Previous: break;
    }
#ifdef Q_OS_UNIX
    // Forwarded: Qt sets up nothing for these channels; the child's fd 1 and 2 become our
    // pipes in ChildSetup (fd 1 of an inner stage stays Qt's pipe to the next stage unless it
    // is relayed).
    p->setProcessChannelMode(m_channels.stdoutFd >= 0 ? QProcess::ForwardedChannels
                                                      : QProcess::ForwardedErrorChannel);
    ChildSetup::prepare(p, m_channels.stdoutFd, m_channels.stderrFd,
                        m_channels.input == Input::File ? m_channels.stdinFd : -1);
#else
    ChildSetup::prepare(p);
#endif
    p->start();
}

QProcess::ProcessState ChildProcess::state() const
{
    return d->process->state();
}

qint64 ChildProcess::processId() const
{
    return d->process->processId();
}

QString ChildProcess::errorString() const
{
    return d->process->errorString();
}

qint64 ChildProcess::write(const char *data, qint64 size)
{
    return d->process->write(data, size);
}

qint64 ChildProcess::bytesToWrite() const
{
    return d->process->bytesToWrite();
}

void ChildProcess::closeWriteChannel()
{
    d->process->closeWriteChannel();
}

QByteArray ChildProcess::readAllStandardOutput()
{
    return d->process->readAllStandardOutput();
}

QByteArray ChildProcess::readAllStandardError()
{
    return d->process->readAllStandardError();
}
