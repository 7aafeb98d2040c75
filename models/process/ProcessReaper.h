#pragma once

#include <QObject>
#include <QSet>
#include <QMutex>
#include <QTimer>

class QProcess;
class QThread;

// Two kinds of waiting that must never happen on the GUI thread:
// - A QProcess still running when its job is torn down: its destructor kills and waits for
//   it (up to 30 s for a child in uninterruptible sleep). Such processes are handed to a
//   thread of their own (adopt()), where that wait harms nobody.
// - Orphaned descendants re-parented to us (we are their subreaper, see ProcessTree): their
//   zombies are reaped here, once a second while any may exist. Only zombies that are not a
//   QProcess's own child (registerChild) and not in our own session are reaped, so that the
//   exit status of a QProcess is never stolen.
class ProcessReaper final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessReaper)
public:
    static ProcessReaper *instance();

    // Takes a QProcess that may still be running: it is killed and waited for on the reaper
    // thread, then deleted. It must have no parent and no connections left.
    void adopt(QProcess *process);
    // The same for a child Runboard launched itself (ChildProcess on Linux): killed through its
    // pidfd, waited for and closed on the reaper thread.
    void adoptChild(qint64 pid, int pidfd);
    // How many adopted QProcesses have not been deleted yet (for tests and soak figures).
    int pendingCount() const;
    // The thread on which adopted QProcesses are waited for (tests hold it up to look at a
    // hand-over before it completes).
    QThread *waitingThread() { return thread(); }

    void registerChild(qint64 pid);
    void unregisterChild(qint64 pid);
    // Reaps adopted orphans that have ended; returns how many. Called by the timer, and by
    // the stop ladder after it has signalled.
    int reapOrphans();
    void poke(); // something may leave orphans: make sure the timer runs

    // Held by the launcher thread (ChildProcess::BackgroundLaunches) while any child it
    // launched is on its way to exec, and by the orphan scan, which skips a turn rather than
    // wait for it.
    static QMutex &launchMutex();
    // Children launched there whose ChildProcess has not got them yet: the scan must not take
    // them for orphans of ours. Thread-safe; never waits for a launch.
    static void launchedChild(qint64 pid);
    static void childDelivered(qint64 pid);
    static bool isLaunchedChild(qint64 pid);

private:
    explicit ProcessReaper(QObject *parent = nullptr);
    QThread *thread();
    // One entry of a thread's children list: 1 if it was an ended orphan and is reaped now.
    int reapIfOrphan(qint64 pid, qint64 self, qint64 ourSession, bool *anyOrphan);

    QSet<qint64> m_children;
    QSet<QPair<qint64, quint64>> m_watched;
    QTimer m_timer;
    QThread *m_thread = nullptr;
};
