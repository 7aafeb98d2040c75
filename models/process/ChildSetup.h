#pragma once

#include <QtGlobal>

#include <functional>

class QProcess;

// What happens in a child between fork and exec, and how a whole tree is signalled. The
// platform details of "a stop stops the whole tree" live here and nowhere else.
namespace ChildSetup {

// Puts a QProcess's child in a session (and process group) of its own, resets inherited signal
// dispositions and mask, marks inherited descriptors above 2 close-on-exec and, on Linux, makes
// it die with the launcher. Pipes keep the default size: larger ones measured no faster here,
// and many of them would exhaust the per-user pipe budget (fs.pipe-user-pages-soft), after
// which the kernel hands out one-page pipes. Call before QProcess::start().
// stdoutFd/stderrFd, when not -1, become the child's fd 1 and 2 (Runboard's own pipes);
// stdinFd, when not -1, its fd 0 (a stdin file Runboard has opened: see ProcessJob).
void prepare(QProcess *process, int stdoutFd = -1, int stderrFd = -1, int stdinFd = -1);

#ifdef Q_OS_UNIX
// The same set-up for a child Runboard launches itself (ChildProcess on Linux): the parameters
// are worked out in the launcher, inChild() runs in the child before exec. inChild() makes
// async-signal-safe calls only and writes to nothing but its own stack (and errno), so that it
// may run in a child that shares the launcher's memory (CLONE_VM), while the launcher goes on.
// Descriptors -1 are left as they are.
struct ChildParams
{
    qint64 launcher = 0;
    bool followLauncher = true;
    qint64 softFileLimit = 0;
    int stdinFd = -1;
    int stdoutFd = -1;
    int stderrFd = -1;
    // Close every descriptor above 2 before exec instead of marking it close-on-exec. A vfork
    // launcher goes on as soon as exec has replaced the child's memory, before the kernel closes
    // the close-on-exec descriptors: a child held back there (a busy CPU) kept copies of the
    // pipes made for later launches, and a later child that ended at once looked as if
    // something in the background still held its output (ChildProcess on Linux sets this;
    // QProcess needs its own pipe open until exec).
    bool closeInherited = false;
    // With closeInherited: one descriptor above 2 that stays open, close-on-exec, until exec
    // (the pipe whose end tells the launcher thread that the child has exec'd).
    int keepUntilExec = -1;
};
ChildParams paramsFor(int stdoutFd, int stderrFd, int stdinFd);
// Code that runs in a vfork child, on a stack of its own: AddressSanitizer must not instrument
// it (its no-return hook, before _exit() and execve(), takes the foreign stack for a corrupt
// one and says so).
#if defined(__GNUC__) || defined(__clang__)
#define RB_CHILD_CODE __attribute__((no_sanitize_address))
#else
#define RB_CHILD_CODE
#endif
RB_CHILD_CODE void inChild(const ChildParams &params);
#endif

// Called right after a child started: on Windows it joins a Job Object that kills the tree; on
// Linux QProcess's watch on its exit moves into the thread's epoll set (see PipeWatch).
void adopt(QProcess *process);
// Undoes adopt()'s watch on Linux: QProcess watches the child's exit by itself again. Call
// before the QProcess moves to another thread.
void disown(QProcess *process);

// Sends a signal to the process group led by `pid` (kill(-pid)). Returns false when no process
// was there. Only for a leader that has not been reaped: see StopLadder.
bool signalGroup(qint64 pid, int signal);

// True when any process of the group is still alive.
bool groupAlive(qint64 pid);

} // namespace ChildSetup

namespace ChildSetup {
// Signal numbers used by the stop ladder, defined on every platform.
#ifdef Q_OS_WIN
constexpr int TermSignal = 15, KillSignal = 9, ContSignal = 18, StopSignal = 19, PipeSignal = 13;
#else
}
#include <csignal>
namespace ChildSetup {
constexpr int TermSignal = SIGTERM, KillSignal = SIGKILL, ContSignal = SIGCONT,
              StopSignal = SIGSTOP, PipeSignal = SIGPIPE;
#endif
} // namespace ChildSetup
