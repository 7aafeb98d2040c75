#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QtGlobal>

#include <memory>

// What the system knows about running processes, and a way to signal one of them that can
// never hit another process that got its PID later. The stop ladder uses it to find every
// descendant of a child (also those that left its process group) and to signal only what is
// still ours. Linux reads /proc; elsewhere the snapshot is empty and only process groups are
// used (see ChildSetup).
namespace ProcessTree {

struct Info
{
    qint64 pid = 0;
    qint64 ppid = 0;
    qint64 pgid = 0;
    qint64 sid = 0;
    quint64 startTime = 0; // clock ticks since boot: with the PID, it names one process
    char state = '?';      // R, S, D, Z, T ...
    QByteArray comm;       // the program's short name
};

using Snapshot = QHash<qint64, Info>;

// Every process visible to us. A snapshot taken less than a few milliseconds ago is reused,
// so that stopping a thousand children at once reads /proc once.
Snapshot snapshot();
// Forces the next snapshot() to read /proc again (inside a SnapshotBatch: once, at its start).
void invalidateSnapshot();
// Reads /proc now, without the cache: safe on any thread (Stop All of a thousand children
// reads it on a worker thread, ~100 ms with a thousand processes).
Snapshot readSnapshot();
// Makes `s`, read just now, the snapshot snapshot() returns (inside a SnapshotBatch: as if
// the batch had read it).
void primeSnapshot(const Snapshot &s);
// A child of ours was reaped: the cached snapshot forgets it.
void forgetProcess(qint64 pid);

// While one lives, every snapshot() returns the one read first inside it, whatever
// invalidateSnapshot() says: Stop All of a thousand children reads /proc once, not once per
// child (each child's stop asks for a fresh read; a thousand reads of a thousand processes
// froze the window for tens of seconds). For operations on many jobs in one event-loop turn,
// and for Stop All of many jobs, which holds one over the turns of its round (its snapshot is
// read on a worker thread and primed; children reaped meanwhile are forgotten by
// forgetProcess(), so that none looks like an orphan of ours).
class SnapshotBatch
{
public:
    SnapshotBatch();
    ~SnapshotBatch();
    Q_DISABLE_COPY_MOVE(SnapshotBatch)
};
bool readInfo(qint64 pid, Info *info);
bool isSupported();

// Every process below `roots` in the snapshot (by parent links), the roots excluded.
QList<qint64> descendants(const Snapshot &snapshot, const QList<qint64> &roots);

// A snapshot with who is below whom and who is in which group. A stop ladder looks up its own
// processes there: walking the whole snapshot for each job made Stop All of a thousand
// children a million steps (and a thousand hashes of every process by parent).
struct Indexed
{
    Snapshot processes;
    QHash<qint64, QList<qint64>> children; // by parent
    QHash<qint64, QList<qint64>> groups;   // by process group
};
Indexed index(const Snapshot &snapshot);
// snapshot(), indexed once per read of /proc (and kept up to date by forgetProcess()). The
// object stays as it is for as long as it is held, whatever is read afterwards.
std::shared_ptr<const Indexed> indexedSnapshot();
// descendants() through the index.
QList<qint64> descendants(const Indexed &snapshot, const QList<qint64> &roots);

// The inode of a pipe's descriptor, and which of `candidates` hold a pipe with that inode.
quint64 pipeInode(int fd);
QList<qint64> holdersOf(const QList<qint64> &candidates, const QList<quint64> &inodes);

// Orphaned descendants are re-parented to us instead of to init (Linux). Idempotent.
void becomeSubreaper();

// One process, named by PID and start time. On Linux a pidfd keeps the name: signal() never
// reaches a process that got the PID after this one ended. Without pidfds, the start time is
// checked right before each signal.
class Handle
{
public:
    Handle() = default;
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    Handle(Handle &&other) noexcept;
    Handle &operator=(Handle &&other) noexcept;
    ~Handle();

    // Opens a handle on `pid` only if it is still the process that started at `startTime`.
    static Handle open(qint64 pid, quint64 startTime);
    // Opens a handle on a child of ours that has not been reaped: its PID cannot name anyone
    // else, so nothing is checked, and /proc is not read (reading a child's stat blocks while
    // that child is inside exec()). Without pidfds (old kernels) it is open() after all.
    static Handle openChild(qint64 pid);
    bool isValid() const { return m_pid > 0; }
    qint64 pid() const { return m_pid; }
    quint64 startTime() const { return m_startTime; }
    // False when the process has ended (or the handle is invalid).
    bool signal(int sig) const;

private:
    void close();
    qint64 m_pid = 0;
    quint64 m_startTime = 0;
    int m_fd = -1;
};

} // namespace ProcessTree
