#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

// Finds the file a program name refers to before anything is started, so that each way of
// failing gets its own message and the exit status of timeout(1)/sh: 127 not found, 126 found
// but not runnable.
struct ResolvedProgram
{
    QString path;  // absolute path to execute; empty on error
    QString error; // one line naming the program and the reason
    int exitStatus = 0; // 126 or 127 on error
    bool ok() const { return error.isEmpty(); }
};

class ProgramResolver
{
    Q_DECLARE_TR_FUNCTIONS(ProgramResolver)
public:
    // workingDirectory may be empty (the launcher's). env is the child's environment; its PATH is
    // searched when it has one, otherwise the launcher's.
    static ResolvedProgram resolve(const QString &program, const QString &workingDirectory,
                                   const QProcessEnvironment &env);
    // Empty when the directory is usable.
    static QString checkWorkingDirectory(const QString &workingDirectory);
};
