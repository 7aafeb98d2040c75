#include "process/ProgramResolver.h"

#include <QDir>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cstring>
#include <vector>

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

// A file that is there but cannot be run: a directory, or no permission to execute it.
static ResolvedProgram notRunnable(const QString &program, bool directory)
{
    ResolvedProgram r;
    r.error = directory ? ProgramResolver::tr("program \"%1\" is a directory").arg(program)
                        : ProgramResolver::tr("program \"%1\" is not executable (permission denied)")
                              .arg(program);
    r.exitStatus = 126;
    return r;
}

static ResolvedProgram checkCandidate(const QString &program, const QString &path)
{
    ResolvedProgram r;
    const QFileInfo fi(path);
    if (!fi.exists()) {
        r.error = ProgramResolver::tr("program \"%1\" not found").arg(program);
        r.exitStatus = 127;
    } else if (fi.isDir() || !isExecutableFile(path)) {
        r = notRunnable(program, fi.isDir());
    } else {
        r.path = fi.absoluteFilePath();
    }
    return r;
}

// Looks for the program in one PATH directory through QDir and QFileInfo: true when it is
// there and runnable (in *found); a file there that cannot run is remembered when it is the
// first such.
static bool findIn(const QString &dir, const QString &program, ResolvedProgram *found,
                   ResolvedProgram *firstUnusable)
{
    const QString candidate = QDir(dir).absoluteFilePath(program);
    if (!QFileInfo::exists(candidate))
        return false;
    ResolvedProgram c = checkCandidate(program, candidate);
    if (c.ok()) {
        *found = c;
        return true;
    }
    if (firstUnusable->error.isEmpty())
        *firstUnusable = c;
    return false;
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
    ResolvedProgram firstUnusable;
#ifdef Q_OS_UNIX
    // Every launch of a bare name searches PATH: the directories, split and encoded, are kept
    // for as long as PATH is the same, and the candidates are built in a buffer on the stack;
    // what does not hold the program costs one stat() (about 55 µs of a launch went into
    // QString, QDir and QFileInfo work here before).
    struct SearchPath
    {
        QString value;
        std::vector<QByteArray> dirs; // cleaned, ending in '/'; absolute ones only
        std::vector<QString> relative; // as written, for QDir
    };
    thread_local SearchPath t_search;
    if (t_search.value != pathVar || (t_search.dirs.empty() && t_search.relative.empty())) {
        t_search.value = pathVar;
        t_search.dirs.clear();
        t_search.relative.clear();
        QStringList dirs = pathVar.split(QDir::listSeparator(), Qt::SkipEmptyParts);
        dirs.removeDuplicates(); // a directory twice in PATH is looked in once (it is often so)
        for (const QString &dir : std::as_const(dirs)) {
            if (QDir::isRelativePath(dir)) {
                t_search.dirs.emplace_back(); // its place in the order
                t_search.relative.push_back(dir);
                continue;
            }
            QByteArray d = QFile::encodeName(QDir::cleanPath(dir));
            if (!d.endsWith('/'))
                d += '/';
            t_search.dirs.push_back(d);
        }
    }
    const QByteArray name = QFile::encodeName(program);
    char candidate[4096];
    size_t nextRelative = 0;
    for (const QByteArray &dir : t_search.dirs) {
        if (dir.isEmpty()) {
            // A relative PATH entry: as before, through QDir (from Runboard's directory).
            if (findIn(t_search.relative.at(nextRelative++), program, &r, &firstUnusable))
                return r;
            continue;
        }
        const size_t length = size_t(dir.size()) + size_t(name.size());
        if (length >= sizeof candidate)
            continue; // longer than any path the kernel takes
        std::memcpy(candidate, dir.constData(), size_t(dir.size()));
        std::memcpy(candidate + dir.size(), name.constData(), size_t(name.size()));
        candidate[length] = '\0';
        struct stat st;
        if (::stat(candidate, &st) != 0)
            continue; // as QFileInfo::exists(): a dangling link is no program either
        if (!S_ISDIR(st.st_mode) && ::access(candidate, X_OK) == 0) {
            ResolvedProgram c;
            c.path = QFile::decodeName(QByteArray::fromRawData(candidate, qsizetype(length)));
            return c;
        }
        if (firstUnusable.error.isEmpty())
            firstUnusable = notRunnable(program, S_ISDIR(st.st_mode));
    }
#else
    QStringList dirs = pathVar.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    dirs.removeDuplicates(); // a directory twice in PATH is looked in once (it is often so)
    for (const QString &dir : std::as_const(dirs)) {
        if (findIn(dir, program, &r, &firstUnusable))
            return r;
    }
#endif
    if (!firstUnusable.error.isEmpty())
        return firstUnusable;
    r.error = tr("program \"%1\" not found in PATH").arg(program);
    r.exitStatus = 127;
    return r;
}
