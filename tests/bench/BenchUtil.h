#pragma once

#include <QByteArray>
#include <QFile>

// Shared by the benchmark programs.
namespace BenchUtil {

// A field of /proc/self/status in kB (VmRSS:, VmHWM:) or as a count (Threads:); -1 if absent.
inline qint64 statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(int(qstrlen(key))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace BenchUtil
