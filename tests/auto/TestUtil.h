#pragma once

#include "process/LaunchSpec.h"
#include "process/ProcessJob.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <unistd.h>

// Shared by the process tests: the helper child program and ways to look at the system.
namespace TestUtil {

inline QString helper() { return QStringLiteral(RB_HELPER); }

// An executable file in `dir` that is neither a binary nor a script: exec() itself fails.
inline QString writeBadExecutable(const QString &dir)
{
    const QString path = dir + QStringLiteral("/bad");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("\x7f" "ELF garbage");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::ExeOwner);
    return path;
}

inline LaunchSpec helperSpec(const QStringList &args)
{
    LaunchSpec s;
    s.command = {helper(), args};
    s.stdinSource.mode = StdinMode::Null;
    return s;
}

// Runs the job until done() (generous limit: a loaded 2-core machine is slow, never wrong).
inline bool runToDone(ProcessJob &job, int timeoutMs = 60000)
{
    QSignalSpy done(&job, &ProcessJob::done);
    job.start();
    if (!done.wait(timeoutMs))
        return false;
    return done.count() == 1;
}

inline QByteArray allText(const ProcessJob &job, OutputLog::Stream stream)
{
    QByteArray out;
    const OutputLog *log = job.log();
    for (const OutputLog::Line &l : log->lines(log->firstLine(), log->retainedLines())) {
        if (l.stream == stream)
            out += l.text.toUtf8() + '\n';
    }
    return out;
}

inline int openFdCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

// Counts processes whose /proc/PID/stat fields (from the state on: state, ppid, pgrp, ...)
// satisfy `match`.
template<typename Match>
inline int countProcesses(Match match)
{
    int n = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 3 && match(fields))
            ++n;
    }
    return n;
}

// Children of this process that are zombies (exited, not reaped).
inline int zombieChildren()
{
    const QByteArray self = QByteArray::number(::getpid());
    return countProcesses([&](const QList<QByteArray> &f) { return f.at(0) == "Z" && f.at(1) == self; });
}

// Live (not zombie) members of a process group.
inline int liveGroupMembers(qint64 pgid)
{
    return countProcesses([&](const QList<QByteArray> &f) { return f.at(0) != "Z" && f.at(2).toLongLong() == pgid; });
}

// The start time of a process (clock ticks since boot), 0 if there is none: with the PID it
// names one process even if the PID is handed out again (tests run side by side, and one of
// them recycles PIDs on purpose).
inline quint64 processStartTime(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 19 ? fields.at(19).toULongLong() : 0;
}

inline bool processAlive(qint64 pid);

// Alive, and still the process that started at `startTime`.
inline bool processAlive(qint64 pid, quint64 startTime)
{
    return processAlive(pid) && processStartTime(pid) == startTime;
}

// The state letter of a process ("R", "S", "Z", ...), empty when there is no such process.
// A process reaped between the open() and the read() reads as empty: gone, never "alive".
inline QByteArray processState(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 ? QByteArray() : stat.mid(close + 2, 1);
}

inline bool processAlive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    const QByteArray state = processState(pid);
    return !state.isEmpty() && state != "Z";
}

// Ended: reaped, or a zombie waiting to be.
inline bool processGone(qint64 pid)
{
    const QByteArray state = processState(pid);
    return state.isEmpty() || state == "Z";
}

} // namespace TestUtil
