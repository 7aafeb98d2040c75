#include "process/ProgramResolver.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
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
    QStringList dirs = pathVar.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    dirs.removeDuplicates(); // a directory twice in PATH is looked in once (it is often so)
    ResolvedProgram firstUnusable;
#ifdef Q_OS_UNIX
    // The directories that do not hold it (most of them) are passed with one stat() each on a
    // byte path: no QDir and QFileInfo per directory at every launch.
    const QByteArray name = QFile::encodeName(program);
    QByteArray path;
#endif
    for (const QString &dir : dirs) {
#ifdef Q_OS_UNIX
        path = QFile::encodeName(dir);
        if (!path.endsWith('/'))
            path += '/';
        path += name;
        struct stat st;
        if (::stat(path.constData(), &st) != 0)
            continue; // as QFileInfo::exists(): a dangling link is no program either
#endif
        const QString candidate = QDir(dir).absoluteFilePath(program);
#ifndef Q_OS_UNIX
        if (!QFileInfo(candidate).exists())
            continue;
#endif
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
