#include "process/StopLadder.h"

#include "process/ChildSetup.h"
#include "process/Guardian.h"
#include "process/ProcessReaper.h"

#include <QCoreApplication>
#include <QMutex>
#include <QScopeGuard>
#include <QSet>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <unistd.h>
#endif

namespace {
#ifdef Q_OS_UNIX
bool isOurDescendant(const ProcessTree::Snapshot &snap, qint64 pid)
{
    const qint64 self = ::getpid();
    for (int depth = 0; depth < 256 && pid > 1; ++depth) {
        const auto it = snap.constFind(pid);
        if (it == snap.cend())
            return false;
        if (it->ppid == self)
            return true;
        pid = it->ppid;
    }
    return false;
}
#endif

// The unreaped leaders of every ladder (GUI thread only, as the ladders): our own children,
// which no ladder takes for an orphan re-parented to us. Without it each ladder looked into
// the open files of every other job's leader (holdersOf): 1,000 children made a Stop All read
// a million /proc/PID/fd entries.
QSet<qint64> &liveLeaders()
{
    static QSet<qint64> pids;
    return pids;
}
} // namespace

StopLadder::~StopLadder()
{
    for (const Leader &l : m_leaders) {
        if (l.unreaped)
            liveLeaders().remove(l.pid);
    }
}

void StopLadder::reset()
{
    for (const Leader &l : m_leaders) {
        if (l.unreaped)
            liveLeaders().remove(l.pid);
    }
    forgetEmptyGroups();
    m_leaders.clear();
    m_members.clear();
    m_named.clear();
    m_pipeInodes = nullptr;
}

void StopLadder::addLeader(qint64 pid)
{
    if (pid <= 0)
        return;
    liveLeaders().insert(pid);
    Leader l;
    l.pid = pid;
    // Not reaped yet (that happens in our event loop), so the PID is surely our child's. Its
    // start time waits for leaderStarted(): the child is inside exec() now, and reading its
    // /proc stat would wait for the exec to end (milliseconds of the GUI thread standing still
    // per child when the cores are busy: perf sched_switch, do_task_stat's rwsem).
    l.handle = ProcessTree::Handle::openChild(pid);
    m_leaders.push_back(std::move(l));
}

void StopLadder::leaderStarted(qint64 pid)
{
    // The start time is for the guardian only (its records name a process by pid and start
    // time): without one, reading /proc/PID/stat cost 11 µs of every launch for nothing.
    if (!Guardian::isRunning())
        return;
    for (Leader &l : m_leaders) {
        if (l.pid != pid || !l.unreaped || l.startTime != 0)
            continue;
        ProcessTree::Info info;
        if (ProcessTree::readInfo(pid, &info))
            l.startTime = info.startTime;
        // As before: the child has also told the guardian itself, before exec (ChildSetup).
        Guardian::watchGroup(pid, l.startTime);
    }
}

void StopLadder::leaderReaped(qint64 pid)
{
    for (Leader &l : m_leaders) {
        if (l.pid == pid && l.unreaped) {
            l.unreaped = false;
            // Its pidfd is of no more use, and a thousand finished runs on the board held a
            // thousand of them: every later launch copied and closed them all in its child.
            l.handle = ProcessTree::Handle();
            liveLeaders().remove(pid);
            // A snapshot read before the reap must not show it any more: it would look like
            // an orphan of ours, and have its open files read (Stop All of 1,000 shares one
            // snapshot over many turns while the children end).
            ProcessTree::forgetProcess(pid);
        }
    }
}

bool StopLadder::hasUnreapedLeader() const
{
    for (const Leader &l : m_leaders) {
        if (l.unreaped)
            return true;
    }
    return false;
}

bool StopLadder::ownsGroup(qint64 pgid) const
{
    for (const Leader &l : m_leaders) {
        if (l.pid == pgid)
            return true;
    }
    return false;
}

QList<ProcessTree::Info> StopLadder::collect()
{
    QList<ProcessTree::Info> out;
#ifdef Q_OS_UNIX
    if (!ProcessTree::isSupported())
        return out;
    // Looked up through the snapshot's index: only this job's processes are visited, not
    // every process of the system (see ProcessTree::Indexed).
    const std::shared_ptr<const ProcessTree::Indexed> view = ProcessTree::indexedSnapshot();
    const ProcessTree::Snapshot &snap = view->processes;
    const qint64 self = ::getpid();
    const qint64 ourSession = ::getsid(0);
    QList<qint64> roots;
    for (const Leader &l : m_leaders) {
        if (l.unreaped)
            roots.append(l.pid);
    }
    const auto alive = [&snap](qint64 pid) -> const ProcessTree::Info * {
        const auto it = snap.constFind(pid);
        return it == snap.cend() || it->state == 'Z' ? nullptr : &*it;
    };
    QSet<qint64> members; // found so far, leaders aside
    for (const ProcessTree::Handle &h : m_members) {
        const ProcessTree::Info *i = alive(h.pid());
        if (i && h.startTime() == i->startTime)
            members.insert(i->pid);
    }
    // In one of our groups, and below us: a background process of a stage.
    for (const Leader &l : m_leaders) {
        const auto group = view->groups.constFind(l.pid);
        if (group == view->groups.cend())
            continue;
        for (qint64 pid : *group) {
            if (pid != l.pid && alive(pid) && isOurDescendant(snap, pid))
                members.insert(pid);
        }
    }
    roots += members.values();
    QList<qint64> adopted;
    // A child being launched holds a copy of every descriptor of ours, our pipes included,
    // from its clone() until just before its exec, and it has called setsid() by then: it
    // would pass for an orphan holding this job's pipe, and a stop of this job would kill
    // another job's child at birth. The launcher thread holds the launch lock while any of
    // its children is in that window: while we hold it, none is (ours are launched in this
    // thread, not now). When a launch is under way, the orphans wait for the next look.
    QMutex &launching = ProcessReaper::launchMutex();
    const bool noLaunchUnderWay = launching.tryLock();
    const auto unlock = qScopeGuard([&] {
        if (noLaunchUnderWay)
            launching.unlock();
    });
    const auto ours = view->children.constFind(self);
    if (noLaunchUnderWay && ours != view->children.cend()) {
        for (qint64 pid : *ours) {
            const ProcessTree::Info *i = alive(pid);
            if (i && i->sid != ourSession && !ownsGroup(pid) && !members.contains(pid)
                && !liveLeaders().contains(pid) && !ProcessReaper::isLaunchedChild(pid))
                adopted.append(pid); // an orphan re-parented to us: ours if it holds our pipe
        }
    }
    if (m_pipeInodes && !adopted.isEmpty()) {
        if (const QList<quint64> inodes = m_pipeInodes(); !inodes.isEmpty())
            roots += ProcessTree::holdersOf(adopted, inodes);
    }
    QList<qint64> all = roots + ProcessTree::descendants(*view, roots);
    QSet<qint64> seen;
    for (qint64 pid : all) {
        const auto it = snap.constFind(pid);
        if (it == snap.cend() || it->state == 'Z' || seen.contains(pid))
            continue;
        bool isLeader = false;
        for (const Leader &l : m_leaders)
            isLeader = isLeader || (l.pid == pid && l.unreaped);
        if (isLeader)
            continue;
        seen.insert(pid);
        bool known = false;
        for (const ProcessTree::Handle &h : m_members)
            known = known || (h.pid() == pid && h.startTime() == it->startTime);
        if (!known) {
            ProcessTree::Handle h = ProcessTree::Handle::open(pid, it->startTime);
            if (!h.isValid())
                continue;
            m_members.push_back(std::move(h));
            if (!ownsGroup(it->pgid))
                Guardian::watchProcess(pid, it->startTime);
        }
        out.append(*it);
    }
#endif
    return out;
}

QStringList StopLadder::signalAll(int sig)
{
    QStringList hunted;
#ifdef Q_OS_UNIX
    QSet<qint64> reachedGroups;
    for (Leader &l : m_leaders) {
        if (!l.unreaped)
            continue;
        if (ChildSetup::signalGroup(l.pid, sig)) {
            reachedGroups.insert(l.pid);
            if (sig == SIGTERM)
                ChildSetup::signalGroup(l.pid, SIGCONT);
        } else if (l.handle.signal(sig) && sig == SIGTERM) {
            // Its setsid() has not run yet: the leader itself, through its pidfd.
            l.handle.signal(SIGCONT);
        }
    }
    ProcessTree::invalidateSnapshot();
    const QList<ProcessTree::Info> members = collect();
    // One by one is not at once, as a group signal is: a shell whose `sleep` died first could
    // run its next command before its own signal arrives. So all of them are frozen first,
    // signalled, then let go (a pending SIGTERM acts before any of their code runs again).
    std::vector<const ProcessTree::Handle *> targets;
    for (const ProcessTree::Info &i : members) {
        if (reachedGroups.contains(i.pgid))
            continue; // the group signal has reached it already
        for (const ProcessTree::Handle &h : m_members) {
            if (h.pid() == i.pid && h.startTime() == i.startTime)
                targets.push_back(&h);
        }
    }
    if (targets.size() > 1 && sig != SIGSTOP && sig != SIGCONT) {
        for (const ProcessTree::Handle *h : targets)
            h->signal(SIGSTOP);
    }
    for (const ProcessTree::Handle *h : targets)
        h->signal(sig);
    if (sig != SIGKILL && sig != SIGSTOP) {
        for (const ProcessTree::Handle *h : targets)
            h->signal(SIGCONT);
    }
    for (const ProcessTree::Info &i : members) {
        if (reachedGroups.contains(i.pgid))
            continue;
        if (!ownsGroup(i.pgid) && !m_named.contains(i.pid)) {
            m_named.insert(i.pid);
            hunted << QCoreApplication::translate("StopLadder", "%1 (pid %2)")
                          .arg(QString::fromLocal8Bit(i.comm))
                          .arg(i.pid);
        }
    }
#else
    for (Leader &l : m_leaders) {
        if (l.unreaped)
            ChildSetup::signalGroup(l.pid, sig);
    }
#endif
    return hunted;
}

bool StopLadder::signalGroups(int sig)
{
    bool any = false;
    for (const Leader &l : m_leaders) {
        if (l.unreaped)
            any = ChildSetup::signalGroup(l.pid, sig) || any;
    }
    return any;
}

int StopLadder::backgroundCount()
{
    if (!ProcessTree::isSupported())
        return 0;
    ProcessTree::invalidateSnapshot();
    const QList<ProcessTree::Info> members = collect();
    QList<qint64> pids;
    for (const ProcessTree::Info &i : members)
        pids.append(i.pid);
    return m_pipeInodes ? int(ProcessTree::holdersOf(pids, m_pipeInodes()).size()) : 0;
}

void StopLadder::forgetEmptyGroups()
{
#ifdef Q_OS_UNIX
    for (Leader &l : m_leaders) {
        if (l.unreaped || l.pid <= 0)
            continue;
        // Signal 0 only asks. A group that still has members keeps its number reserved.
        if (::kill(-pid_t(l.pid), 0) != 0 && errno == ESRCH) {
            Guardian::forgetGroup(l.pid);
            l.pid = -l.pid; // forgotten once
        }
    }
#endif
}
