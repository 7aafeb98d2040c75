// Where a job's output goes: each read of a stage's pipes is counted and goes into the log
// (and to runboard-cli's raw output), a relayed pipe feeds the next stage, and an ended
// stage's pipes are drained before its end is reported.
#include "process/ProcessJob.h"

#include "process/OutputPipe.h"

void ProcessJob::drainPipes(int index, std::function<void()> then)
{
    // What the stage wrote before it ended is in the pipe: read it all before reporting the
    // end. Grandchildren that still hold the pipe do not hold us up. Stdout first: a last
    // message on stderr usually follows the output it sums up.
    OutputPipe *err = index < m_errPipes.size() ? m_errPipes.at(index) : nullptr;
    OutputPipe *out = stdoutPipe(index);
#ifdef Q_OS_UNIX
    auto drainErr = [err, then] {
        if (err)
            err->drain(then);
        else
            then();
    };
    if (out)
        out->drain(drainErr);
    else
        drainErr();
#else
    Q_UNUSED(err);
    Q_UNUSED(out);
    then();
#endif
}

void ProcessJob::onOutput(int index, OutputLog::Stream stream, const char *data, qint64 size)
{
    if (size <= 0)
        return;
    if (stream == OutputLog::Stdout) {
        m_bytesOut += size;
        if (!m_blockBuffered) {
            m_buffering.addRead(nowNs() / 1000000, size);
            m_blockBuffered = m_buffering.blockBuffered();
        }
    } else {
        m_bytesErr += size;
        m_stages[index].stderrBytes += size;
    }
    if (m_timeline.firstOutputNs < 0)
        m_timeline.firstOutputNs = nowNs();
    if (m_logEnabled)
        m_log->append(stream, data, size);
    if (m_rawOutput)
        Q_EMIT rawOutput(stream, QByteArray::fromRawData(data, size));
    Q_EMIT outputAppended();
}

void ProcessJob::relay(int index, const char *data, qint64 size)
{
    m_stages[index].pipeBytes += size;
    ChildProcess *next = m_processes.value(index + 1);
    if (!next || next->state() == QProcess::NotRunning)
        return; // the reader has ended; onFinished() closes the pipe to the writer
    next->write(data, size);
    if (next->bytesToWrite() > RelayHighWater)
        m_relayPipes.at(index)->setPaused(true);
}

void ProcessJob::endWriteEnds(int index)
{
#ifdef Q_OS_UNIX
    if (index < m_errPipes.size())
        m_errPipes.at(index)->closeWriteEnd();
    if (OutputPipe *out = stdoutPipe(index))
        out->closeWriteEnd();
#else
    Q_UNUSED(index);
#endif
}

OutputPipe *ProcessJob::stdoutPipe(int index) const
{
    return index == m_stages.size() - 1 ? m_outPipe : m_relayPipes.value(index);
}

QList<OutputPipe *> ProcessJob::allPipes() const
{
    QList<OutputPipe *> pipes = m_errPipes;
    for (OutputPipe *p : m_relayPipes) {
        if (p)
            pipes.append(p);
    }
    if (m_outPipe)
        pipes.append(m_outPipe);
    return pipes;
}
