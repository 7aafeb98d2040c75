#pragma once

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class PipeWatch;

// The read end of one child's stdout or stderr (Unix). Runboard makes this pipe itself rather
// than reading through QProcess, so that it controls how bytes are read:
// - one reusable buffer, no allocation or FIONREAD per read;
// - at most MaxBytesPerTurn per event-loop turn, so one chatty child cannot starve the others
//   or the window; what is left waits in the pipe, and a full pipe slows the child down
//   (backpressure) — nothing is ever dropped;
// - drain() reads what is left when the child has ended, without waiting for descendants
//   that may still hold the write end; the pipe stays open for them (a background process
//   keeps its output, as in a shell pipeline) until they all close it: closed().
class OutputPipe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputPipe)
public:
    static constexpr qint64 ReadChunk = 64 * 1024; // a default pipe's capacity
    // What one read notification may take: 64 KiB shared out among the open pipes, so that one
    // event-loop turn over twenty chatty children (2-byte lines) stays well under a frame; a
    // single child (its stdout and stderr open, nothing else) gets 1 MiB, a few milliseconds
    // of work, and the window showing `seq` live repaints less often per line (0.50 -> 0.64 of
    // cat's speed, and 0.64 -> 0.81, in two interleaved runs). The rest waits in the pipe and
    // slows its writer.
    static constexpr qint64 TurnBudget = 64 * 1024;
    static constexpr qint64 MaxBytesPerTurn = 1024 * 1024;
    // What drain() reads after the child ended, at most, before listening as before.
    static constexpr qint64 DrainBytes = 4 * 1024 * 1024;
    static qint64 bytesPerNotification();
    // A pipe read alone gives way to its writer after a read that emptied it (readSome()), in
    // a thread that does nothing else that waits. The window turns it off: its thread paints,
    // and under CPU load giving way cost it up to a time slice of another program.
    static void setGivingWay(bool on) { s_givingWay = on; }
    static bool givesWay() { return s_givingWay; }
    // How often a pipe gave way (for tests).
    static qint64 timesGivenWay() { return s_givenWay; }
    using Sink = std::function<void(const char *data, qint64 size)>;

    explicit OutputPipe(Sink sink, QObject *parent = nullptr);
    ~OutputPipe() override;

    // Creates the pipe; false (and errorString) when the system refuses.
    bool open();
    bool isOpen() const { return m_readFd >= 0; }
    // The descriptor the child must get as its stdout or stderr (dup2 it in the child).
    int writeFd() const { return m_writeFd; }
    // In the parent, once the child has started: our copy of the write end must go, or EOF
    // never comes.
    void closeWriteEnd();
    // Instead, in the parent once the child has started: our copy stays until the child has
    // ended, and the job closes it then (closeWriteEnd()), before the drain. A child's exit
    // closes its copies one at a time before its pidfd says it has ended, and each last close
    // woke this thread (which took the CPU from the exiting child, read an EOF and slept
    // again): a short child's end cost three wake-ups, now one. Not for a pipe whose EOF must
    // come while the child runs (a relay into the next stage). The copies kept are bounded
    // by an eighth of the open-file limit (8 under a limit below 64); beyond that, this closes
    // at once.
    void keepWriteEndUntilEnd();
    bool keepsWriteEnd() const { return m_keepsWriteEnd; }
    static int writeEndsKept() { return s_writeEndsKept.load(); }
    // Reads everything that is in the pipe now, then stops listening and closes it.
    void drainAndClose();
    // Reads what the ended child left in the pipe, spread over event-loop turns (a bounded
    // amount each), then calls done: twenty children ending at once must not freeze the
    // window. When a descendant still holds the write end, the pipe stays open and is read as
    // before until its end (closed()).
    void drain(std::function<void()> done);
    // Stops reading and forgets a pending drain (the job is starting over).
    void abandon();
    // Backpressure for a relayed pipe (LaunchSpec::measurePipes): while paused nothing is
    // read, a drain included; the child fills the pipe and blocks, as with a slow reader.
    void setPaused(bool paused);
    // The reader of a relayed pipe is gone: closes the read end, so the writer gets EPIPE as
    // with a pipe between the children; a drain in progress is complete.
    void discard();
    bool isPaused() const { return m_paused; }
    QString errorString() const { return m_error; }
    // The inode that names the pipe in /proc/*/fd (who still holds it). Read when first asked
    // for (a stop, a search for background holders), not at every launch; 0 when the read end
    // was closed first: at EOF no process holds the write end, so there is nothing to find.
    quint64 inode() const;

Q_SIGNALS:
    // Every writer has closed the pipe and all of it has been read (not after abandon()).
    void closed();

private:
    bool readSome(qint64 budget);
    void drainStep();
    void closeReadEnd();
    // Reads at most `max` bytes (and at most ReadChunk) into `buffer`.
    ssize_t readChunk(char *buffer, qint64 max);

    Sink m_sink;
    int m_readFd = -1;
    int m_writeFd = -1;
    std::unique_ptr<PipeWatch> m_notifier; // readiness of m_readFd (one epoll set for all)
    QString m_error;
    std::function<void()> m_drainDone;
    qint64 m_drainLeft = 0;
    bool m_draining = false;     // drain() is pacing the reads (the notifier is off)
    bool m_paused = false;
    bool m_drainWaiting = false; // a drain step came while paused
    mutable quint64 m_inode = 0;
    bool m_keepsWriteEnd = false;
    static std::atomic<int> s_writeEndsKept;
    static int s_open; // pipes open in this thread (the GUI thread: all of them)
    static qint64 s_givenWay;
    static bool s_givingWay;
};
