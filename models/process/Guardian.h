#pragma once

#include <QtGlobal>

// Whatever ends Runboard — a quit, a crash, `kill -9` — every process tree it started ends with
// it, within a second. PR_SET_PDEATHSIG reaches direct children only, so a small guardian
// process, forked at start-up, learns every process group Runboard creates (and every process
// that left its group) through a pipe. When that pipe closes, Runboard is gone: the guardian
// freezes (SIGSTOP) every process of those groups and all their descendants, kills them, and
// exits. Windows needs none of this: the Job Object of ChildSetup kills the trees on close.
//
// Why a guardian and not a cgroup: a delegated cgroup (with cgroup.kill) is not there on
// every desktop, in every container, or on other Unix systems; a pipe and a fork always are.
namespace Guardian {

// Forks the guardian. Call first thing in main(), before any thread exists: the guardian runs
// Runboard's own code after fork() without exec(). Returns false if it could not be started
// (Runboard runs on, without the kill -9 guarantee). With main()'s argv, the guardian renames
// itself "rb-guardian" (comm and command line), so that `pkill -f runboard-cli` or
// `pkill runboard` aimed at Runboard does not take the guardian along.
bool start(int argc = 0, char **argv = nullptr);
bool isRunning();
qint64 pid();

// Called in a child between fork() and exec(), after setsid(): the child tells the guardian
// its group itself, so that no moment exists in which Runboard can die with a started child
// the guardian does not know (the child's copy of the pipe keeps it open until exec).
// Async-signal-safe: system calls only, and it writes to no memory but its own stack (the child
// may share Runboard's memory: ChildProcess on Linux). False when the guardian has not got it
// (it has died since Runboard last looked): the child must look after itself.
bool watchSelfFromChild();
// A process group Runboard created, led by `leader` (which started at `startTime`).
void watchGroup(qint64 leader, quint64 startTime);
// The group is gone: its number may be reused by anyone.
void forgetGroup(qint64 leader);
// A single process that is ours but outside our groups (an escapee, an adopted orphan).
void watchProcess(qint64 pid, quint64 startTime);

} // namespace Guardian
