#include "process/ProgramResolver.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

QString ProgramResolver::checkWorkingDirectory(const QString &workingDirectory)
{
    if (workingDirectory.isEmpty())
        return {};
    const QFileInfo fi(workingDirectory);
    if (!fi.exists())
        return tr("working directory \"%1\" does not exist").arg(workingDirectory);
    if (!fi.isDir())
        return tr("working directory \"%1\" is not a directory").arg(workingDirectory);
    if (!fi.isExecutable())
        return tr("working directory \"%1\" cannot be entered (permission denied)")
            .arg(workingDirectory);
    return {};
}

static bool isExecutableFile(const QString &path)
{
#ifdef Q_OS_UNIX
    return ::access(QFile::encodeName(path).constData(), X_OK) == 0;
#else
    return QFileInfo(path).isExecutable();
#endif
}

static ResolvedProgram checkCandidate(const QString &program, const QString &path)
{
    ResolvedProgram r;
    const QFileInfo fi(path);
    if (!fi.exists()) {
        r.error = ProgramResolver::tr("program \"%1\" not found").arg(program);
        r.exitStatus = 127;
    } else if (fi.isDir()) {
        r.error = ProgramResolver::tr("program \"%1\" is a directory").arg(program);
        r.exitStatus = 126;
    } else if (!isExecutableFile(path)) {
        r.error = ProgramResolver::tr("program \"%1\" is not executable (permission denied)")
                      .arg(program);
        r.exitStatus = 126;
    } else {
        r.path = fi.absoluteFilePath();
    }
    return r;
}

ResolvedProgram ProgramResolver::resolve(const QString &program, const QString &workingDirectory,
                                         const QProcessEnvironment &env)
{
    ResolvedProgram r;
    if (program.trimmed().isEmpty()) {
        r.error = tr("program name is empty");
        r.exitStatus = 127;
        return r;
    }
    if (QString e = checkWorkingDirectory(workingDirectory); !e.isEmpty()) {
        r.error = e;
        r.exitStatus = 127;
        return r;
    }
    if (program.contains(QLatin1Char('/'))) {
        // A path: relative ones are taken from the child's working directory, as execve would.
        QString path = program;
        if (QDir::isRelativePath(path) && !workingDirectory.isEmpty())
            path = QDir(workingDirectory).absoluteFilePath(program);
        return checkCandidate(program, path);
    }
    QString pathVar = env.value(QStringLiteral("PATH"));
    if (!env.contains(QStringLiteral("PATH")))
        pathVar = qEnvironmentVariable("PATH");
    const QStringList dirs = pathVar.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    ResolvedProgram firstUnusable;
    for (const QString &dir : dirs) {
        const QString candidate = QDir(dir).absoluteFilePath(program);
        const QFileInfo fi(candidate);
        if (!fi.exists())
            continue;
        ResolvedProgram c = checkCandidate(program, candidate);
        if (c.ok())
            return c;
        if (firstUnusable.error.isEmpty())
            firstUnusable = c;
    }
    if (!firstUnusable.error.isEmpty())
        return firstUnusable;
    r.error = tr("program \"%1\" not found in PATH").arg(program);
    r.exitStatus = 127;
    return r;
}
