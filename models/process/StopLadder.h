#pragma once

#include "process/ProcessTree.h"

#include <QList>
#include <QSet>
#include <QStringList>

#include <functional>
#include <vector>

// Who one run of a job may signal, and how. A run is only ever signalled through its own
// ladder, and a process that is no longer ours is never signalled:
// - a stage's process group is signalled with kill(-pgid) only while the stage's leader has
//   not been reaped (its PID, and so the group's number, cannot have been reused);
// - everything else — descendants that left the group (escapees), background processes whose
//   leader has ended — is found in /proc as a descendant of ours and signalled one by one
//   through a pidfd opened while it was provably ours.
class StopLadder final
{
public:
    StopLadder() = default;
    ~StopLadder();
    Q_DISABLE_COPY_MOVE(StopLadder)

    // A new run: nothing of the old one is ours to signal any more.
    void reset();
    void addLeader(qint64 pid);
    // The leader's exec() is done (QProcess::started): its start time can be read now.
    void leaderStarted(qint64 pid);
    void leaderReaped(qint64 pid);
    bool hasUnreapedLeader() const;
    // The inodes of the run's output pipes, asked for when a search needs them (a holder of
    // one is the run's even when it left the groups).
    void setPipeInodes(std::function<QList<quint64>()> inodes) { m_pipeInodes = std::move(inodes); }

    // Sends `sig` (and SIGCONT after SIGTERM, so that a paused tree can act on it) to every
    // group of the run and to every process found that belongs to it. Returns the escaped
    // processes ("sleep (pid 123)") that had to be hunted down and were not named before.
    QStringList signalAll(int sig);
    // `sig` to the groups whose leader is still running (pause, resume, a chosen signal).
    bool signalGroups(int sig);
    // Processes of the run still alive that hold one of its output pipes.
    int backgroundCount();
    // The run's groups are empty now: the guardian may forget them.
    void forgetEmptyGroups();

private:
    struct Leader
    {
        qint64 pid = 0;
        quint64 startTime = 0;
        bool unreaped = true;
        ProcessTree::Handle handle;
    };
    QList<ProcessTree::Info> collect();
    bool ownsGroup(qint64 pgid) const;

    std::vector<Leader> m_leaders;
    std::vector<ProcessTree::Handle> m_members;
    std::function<QList<quint64>()> m_pipeInodes;
    QSet<qint64> m_named;
};
