#pragma once

#include "process/LaunchSpec.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QStringList>

// Session files: JSON with a "version" and a "processes" array of launch specs (see
// DESIGN.md). Loading never starts anything. A wrong type is an error naming the key
// ("processes[1].timeoutMs: expected a number"); an unknown key is a warning.
struct SessionLoadResult
{
    QList<LaunchSpec> processes;
    QStringList warnings;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

class SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(SessionFile)
public:
    static constexpr int Version = 1;
    static constexpr qint64 MaxFileBytes = 16 * 1024 * 1024;

    // baseDirectory resolves relative working directories and stdin files; empty: as given.
    static SessionLoadResult parse(const QByteArray &json, const QString &baseDirectory = {});
    // Reads and parses a session file, at most MaxFileBytes. Blocking file I/O: call it off the
    // GUI thread. A pipe is read too (`runboard-cli start <(make-session)`).
    static SessionLoadResult load(const QString &path);
    // The same for the window: regular files only, so that a FIFO or a device chosen by mistake
    // is refused with a message instead of blocking a thread forever.
    static SessionLoadResult loadRegularFile(const QString &path);
    // Why `path` is not a regular file ("is a FIFO (named pipe), not a regular file"), or empty.
    static QString regularFileError(const QString &path);

    static QJsonObject toJson(const LaunchSpec &spec);
    static QByteArray serialize(const QList<LaunchSpec> &specs);
    // Writes atomically; returns an empty string or the reason it failed.
    static QString save(const QString &path, const QList<LaunchSpec> &specs);
};
