#pragma once

// Windows only: the Win32 side of "a stop stops the whole tree", with no Qt in it, so that the
// test suite can compile it here with MinGW (tests/CMakeLists.txt, win32_syntax). ChildSetup.cpp
// and ResourceSampler.cpp call it on Windows.
//
//   - Job Objects: every child tree gets a Job Object of its own with
//     JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE; the kill step of a stop terminates the job (the whole
//     tree), and when Runboard ends in any way the system closes the handles and kills them all.
//   - Console control events: the polite step of a stop is CTRL_BREAK_EVENT to the child's
//     process group (it was created with CREATE_NEW_PROCESS_GROUP); runboard-cli turns its own
//     Ctrl+C, Ctrl+Break and console close into the same stop as SIGINT/SIGTERM on Unix.
//   - Process snapshot: every process with its parent, executable name, CPU time and working
//     set, for the CPU and memory columns.

#include <cstdint>
#include <string>
#include <vector>

namespace Win32Tree {

// The CreateProcess flag that gives a child a process group of its own (CREATE_NEW_PROCESS_GROUP).
std::uint32_t newProcessGroupFlag();

// Puts the process `pid` (just started) into a new kill-on-close Job Object, kept under its pid.
// False when the process or the job cannot be opened (it has already ended, or access denied).
// The jobs of trees that have ended are closed on the way.
bool adopt(std::uint32_t pid);

// Sends CTRL_BREAK_EVENT to the process group `pid` leads. Only reaches a group that shares
// Runboard's console (runboard-cli's children); the GUI has none, and its stops end with the
// job after the grace period.
bool sendCtrlBreak(std::uint32_t pid);

// Terminates every process in the tree's job (the process itself when it was never adopted).
bool terminate(std::uint32_t pid, std::uint32_t exitCode);

// True while any process of the tree's job is running.
bool alive(std::uint32_t pid);

// Calls `handler` on Ctrl+C (2, as SIGINT), Ctrl+Break and console close, logoff, shutdown
// (15, as SIGTERM), on the system's console-control thread. One handler per process.
bool onConsoleControl(void (*handler)(int signal));

struct ProcessEntry
{
    std::uint32_t pid = 0;
    std::uint32_t parentPid = 0;
    std::wstring executable;         // file name only, as the snapshot gives it
    std::int64_t cpuNs = -1;         // user + kernel time; -1 when the process cannot be opened
    std::int64_t workingSetBytes = -1;
};

// Every process on the system; empty when no snapshot can be taken.
std::vector<ProcessEntry> snapshot();

} // namespace Win32Tree
