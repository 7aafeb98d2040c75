// Win32 only, no Qt (see Win32Tree.h): compiled into runboard_models on Windows, and by the
// test suite with MinGW as a syntax and type check elsewhere.
#include "process/Win32Tree.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#include <psapi.h>
#include <tlhelp32.h>

#include <map>

namespace Win32Tree {
namespace {

// Job handles by the pid of the tree's first process. Guarded: the sampler thread never
// touches it, but adopt/terminate may come from any thread that owns a QProcess. A slim
// reader/writer lock rather than std::mutex, which MinGW's win32 thread model lacks.
SRWLOCK jobsLock = SRWLOCK_INIT;
class Locker
{
public:
    Locker() { AcquireSRWLockExclusive(&jobsLock); }
    ~Locker() { ReleaseSRWLockExclusive(&jobsLock); }
    Locker(const Locker &) = delete;
    Locker &operator=(const Locker &) = delete;
};

std::map<std::uint32_t, HANDLE> &jobs()
{
    static std::map<std::uint32_t, HANDLE> byPid;
    return byPid;
}

// The tree's job, or null. Called with the lock held (the handle stays valid while it is).
HANDLE jobOf(std::uint32_t pid)
{
    const auto it = jobs().find(pid);
    return it == jobs().end() ? nullptr : it->second;
}

bool hasActiveProcesses(HANDLE job)
{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION info = {};
    return QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &info, sizeof info,
                                     nullptr)
           && info.ActiveProcesses > 0;
}

// Closes the jobs whose processes have all ended. Called with the lock held.
void closeEndedJobs()
{
    for (auto it = jobs().begin(); it != jobs().end();) {
        if (hasActiveProcesses(it->second)) {
            ++it;
        } else {
            CloseHandle(it->second);
            it = jobs().erase(it);
        }
    }
}

std::int64_t hundredNs(const FILETIME &t)
{
    return (std::int64_t(t.dwHighDateTime) << 32) | std::int64_t(t.dwLowDateTime);
}

void (*consoleHandler)(int) = nullptr;

BOOL WINAPI onControl(DWORD event)
{
    if (!consoleHandler)
        return FALSE;
    switch (event) {
    case CTRL_C_EVENT:
        consoleHandler(2); // SIGINT
        return TRUE;
    case CTRL_BREAK_EVENT:
    case CTRL_CLOSE_EVENT:
    case CTRL_LOGOFF_EVENT:
    case CTRL_SHUTDOWN_EVENT:
        consoleHandler(15); // SIGTERM
        return TRUE;
    default:
        return FALSE;
    }
}

} // namespace

std::uint32_t newProcessGroupFlag()
{
    return CREATE_NEW_PROCESS_GROUP;
}

bool adopt(std::uint32_t pid)
{
    HANDLE process = OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, FALSE, DWORD(pid));
    if (!process)
        return false;
    HANDLE job = CreateJobObjectW(nullptr, nullptr);
    bool ok = job != nullptr;
    if (ok) {
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION info = {};
        info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        ok = SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info)
             && AssignProcessToJobObject(job, process);
    }
    CloseHandle(process);
    if (!ok) {
        if (job)
            CloseHandle(job);
        return false;
    }
    const Locker lock;
    closeEndedJobs();
    HANDLE &slot = jobs()[pid];
    if (slot)
        CloseHandle(slot); // a pid handed out again: the old tree ended long ago
    slot = job;
    return true;
}

bool sendCtrlBreak(std::uint32_t pid)
{
    return pid != 0 && GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, DWORD(pid)) != 0;
}

bool terminate(std::uint32_t pid, std::uint32_t exitCode)
{
    {
        const Locker lock;
        if (HANDLE job = jobOf(pid))
            return TerminateJobObject(job, UINT(exitCode)) != 0;
    }
    HANDLE process = OpenProcess(PROCESS_TERMINATE, FALSE, DWORD(pid));
    if (!process)
        return false;
    const bool ok = TerminateProcess(process, UINT(exitCode)) != 0;
    CloseHandle(process);
    return ok;
}

bool alive(std::uint32_t pid)
{
    const Locker lock;
    HANDLE job = jobOf(pid);
    return job && hasActiveProcesses(job);
}

bool onConsoleControl(void (*handler)(int signal))
{
    consoleHandler = handler;
    return SetConsoleCtrlHandler(onControl, handler ? TRUE : FALSE) != 0;
}

std::vector<ProcessEntry> snapshot()
{
    std::vector<ProcessEntry> all;
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return all;
    PROCESSENTRY32W entry = {};
    entry.dwSize = sizeof entry;
    for (BOOL more = Process32FirstW(snap, &entry); more; more = Process32NextW(snap, &entry)) {
        ProcessEntry e;
        e.pid = entry.th32ProcessID;
        e.parentPid = entry.th32ParentProcessID;
        e.executable = entry.szExeFile;
        if (HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, entry.th32ProcessID)) {
            FILETIME created, exited, kernel, user;
            if (GetProcessTimes(h, &created, &exited, &kernel, &user))
                e.cpuNs = (hundredNs(kernel) + hundredNs(user)) * 100;
            PROCESS_MEMORY_COUNTERS memory = {};
            memory.cb = sizeof memory;
            if (GetProcessMemoryInfo(h, &memory, sizeof memory))
                e.workingSetBytes = std::int64_t(memory.WorkingSetSize);
            CloseHandle(h);
        }
        all.push_back(std::move(e));
    }
    CloseHandle(snap);
    return all;
}

} // namespace Win32Tree
