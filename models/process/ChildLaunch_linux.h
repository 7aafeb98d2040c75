#pragma once

// How ChildProcess (Linux) carries out a launch: the records, the clone itself, and the launcher
// thread. Private to ChildProcess_linux.cpp and ChildLaunch_linux.cpp.

#include "process/ChildProcess.h"
#include "process/ChildSetup.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>
#include <sys/types.h>
#include <sys/wait.h> // before P_PIDFD: newer glibc has it in idtype_t

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

namespace ChildLaunch {

// NUL-terminated copies that stay put, and the pointer array over them.
struct CStrings
{
    QList<QByteArray> storage;
    std::vector<char *> pointers;
    void add(QByteArray s)
    {
        storage.append(std::move(s));
    }
    char **array()
    {
        pointers.clear();
        pointers.reserve(size_t(storage.size()) + 1);
        for (QByteArray &s : storage)
            pointers.push_back(s.data()); // QByteArray's data is NUL-terminated
        pointers.push_back(nullptr);
        return pointers.data();
    }
};

// What the child needs, all prepared beforehand (the child allocates nothing), the
// descriptors to close once it has its copies, and the outcome. Self-contained: it may be
// carried out on the launcher thread while the ChildProcess goes on (or goes away).
struct Launch
{
    ChildSetup::ChildParams params;
    QByteArray path;
    QByteArray workingDirectory;
    CStrings argv;
    CStrings envp;
    char **envArray = nullptr; // envp's, or environ
    std::vector<int> owned;    // closed once clone() has returned
    // Written by the child when it fails (read once it has exec'd or ended: when clone()
    // returns in the calling thread, when the exec pipe closes on the launcher thread).
    int error = 0;
    const char *failedStep = nullptr;
    // The outcome.
    pid_t pid = -1;
    int pidfd = -1;
    QString failure; // why there is no child (then pid < 0)
};

void closeFd(int &fd);
// Closes the descriptors only the child needed.
void closeOwned(Launch &l);
// Launches through a child that first shares our memory (CLONE_VM | CLONE_VFORK): clone()
// returns once the child has called exec or _exit. Any thread; fills in l's outcome and
// closes the descriptors only the child needed.
void launchNow(Launch &l);

// One thread that carries out launches handed to it, in order, for as long as the program runs
// (a child's parent-death signal follows the thread that launched it, so this one never ends).
// It does not wait for each child to reach exec before the next clone: a few children are on
// their way at once (launchAsync()), each on a stack of its own, and each launch goes back to
// its ChildProcess when its child has exec'd (or failed), so they may come back out of order.
// While any child is on its way the launch lock is held and the orphan scan (ProcessReaper)
// keeps away, and a child stays "in flight" until its ChildProcess has it: the scan must
// never reap a child whose ChildProcess has not heard of it yet.
class Launcher
{
public:
    static Launcher *instance();
    std::shared_ptr<ChildProcess::Handoff> submit(std::shared_ptr<Launch> launch, ChildProcess *owner);
    // The ChildProcess has the child: the orphan scan may look at it again.
    static void delivered(qint64 pid);
    // The ChildProcess went away before it had its child: killed and waited for on the
    // reaper's thread, as any child still running at a teardown.
    static void abandon(Launch &l);
    // Submitted and not carried out yet.
    static int inFlight() { return s_inFlight.load(); }

private:
    Launcher();
    void run();
    void runOneAtATime(); // each child's exec waited for (vfork): under Valgrind
    // Hands a carried-out launch (a child, or the failure) to its ChildProcess.
    static void deliver(const std::shared_ptr<ChildProcess::Handoff> &h);
    // Wakes the launcher while it waits for children to reach exec: something was submitted.
    int m_event = -1;

    static std::atomic<int> s_inFlight;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::shared_ptr<ChildProcess::Handoff>> m_queue;
};

} // namespace ChildLaunch

// A launch on its way through the launcher thread, shared by it and the ChildProcess.
struct ChildProcess::Handoff
{
    std::mutex mutex;
    std::shared_ptr<ChildLaunch::Launch> launch;
    ChildProcess *owner = nullptr; // null once the ChildProcess is gone
    bool done = false;             // carried out; the outcome is on its way to the owner

    // In the owner's thread, from its event loop.
    static void deliver(const std::shared_ptr<Handoff> &h);
};
