#include "session/SessionFile.h"

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#endif

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>
#include <optional>

namespace {
// Reads one process entry; every problem names its key path.
class EntryReader
{
public:
    EntryReader(const QJsonObject &o, const QString &path, QStringList *warnings)
        : m_o(o), m_path(path), m_warnings(warnings)
    {}

    QString error;

    QString key(const QString &k) const { return m_path + QLatin1Char('.') + k; }

    void allow(std::initializer_list<const char *> keys) const
    {
        for (auto it = m_o.begin(); it != m_o.end(); ++it) {
            bool known = false;
            for (const char *k : keys)
                known = known || it.key() == QLatin1String(k);
            if (!known)
                m_warnings->append(SessionFile::tr("%1: unknown key, ignored").arg(key(it.key())));
        }
    }

    bool fail(const QString &k, const QString &what)
    {
        if (error.isEmpty())
            error = QStringLiteral("%1: %2").arg(key(k), what);
        return false;
    }

    bool string(const char *k, QString *out, bool required = false)
    {
        const QString name = QLatin1String(k);
        const QJsonValue v = m_o.value(name);
        if (v.isUndefined() || v.isNull())
            return required ? fail(name, SessionFile::tr("is missing")) : true;
        if (!v.isString())
            return fail(name, SessionFile::tr("expected a string"));
        *out = v.toString();
        return true;
    }

    bool boolean(const char *k, bool *out)
    {
        const QString name = QLatin1String(k);
        const QJsonValue v = m_o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isBool())
            return fail(name, SessionFile::tr("expected true or false"));
        *out = v.toBool();
        return true;
    }

    bool integer(const char *k, qint64 *out, qint64 min, qint64 max)
    {
        const QString name = QLatin1String(k);
        const QJsonValue v = m_o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isDouble())
            return fail(name, SessionFile::tr("expected a number"));
        const double d = v.toDouble();
        if (d != std::floor(d))
            return fail(name, SessionFile::tr("expected a whole number, got %1").arg(d));
        if (d < double(min) || d > double(max))
            return fail(name, SessionFile::tr("%1 is out of range (%2 to %3)").arg(d).arg(min).arg(max));
        *out = qint64(d);
        return true;
    }

    bool stringList(const char *k, QStringList *out)
    {
        const QString name = QLatin1String(k);
        const QJsonValue v = m_o.value(name);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray())
            return fail(name, SessionFile::tr("expected an array of strings"));
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            if (!a.at(i).isString())
                return fail(QStringLiteral("%1[%2]").arg(name).arg(i),
                            SessionFile::tr("expected a string"));
            out->append(a.at(i).toString());
        }
        return true;
    }

    const QJsonObject &object() const { return m_o; }
    const QString &path() const { return m_path; }
    QStringList *warnings() const { return m_warnings; }

private:
    QJsonObject m_o;
    QString m_path;
    QStringList *m_warnings;
};

QString resolvePath(const QString &p, const QString &base)
{
    if (p.isEmpty() || base.isEmpty() || QDir::isAbsolutePath(p))
        return p;
    return QDir::cleanPath(QDir(base).absoluteFilePath(p));
}

bool readStage(EntryReader &r, CommandStage *stage)
{
    return r.string("program", &stage->program, true)
           && r.stringList("arguments", &stage->arguments);
}

bool readEnvironment(EntryReader &parent, LaunchSpec *spec)
{
    const QJsonValue v = parent.object().value(QLatin1String("environment"));
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject())
        return parent.fail(QStringLiteral("environment"),
                           SessionFile::tr("expected an object with \"set\" and \"unset\""));
    EntryReader r(v.toObject(), parent.key(QStringLiteral("environment")), parent.warnings());
    r.allow({"set", "unset", "clean"});
    const QJsonValue set = r.object().value(QLatin1String("set"));
    if (!set.isUndefined() && !set.isNull()) {
        if (!set.isObject())
            return parent.fail(QStringLiteral("environment.set"),
                               SessionFile::tr("expected an object of NAME: \"value\""));
        const QJsonObject so = set.toObject();
        for (auto it = so.begin(); it != so.end(); ++it) {
            if (!it.value().isString())
                return parent.fail(QStringLiteral("environment.set.") + it.key(),
                                   SessionFile::tr("expected a string value"));
            if (QString e = LaunchSpec::validateEnvironmentName(it.key()); !e.isEmpty())
                return parent.fail(QStringLiteral("environment.set"), e);
            spec->environment.set.append({it.key(), it.value().toString()});
        }
    }
    if (!r.stringList("unset", &spec->environment.unset)
        || !r.boolean("clean", &spec->environment.clean)) {
        parent.error = r.error;
        return false;
    }
    return true;
}

bool readStdin(EntryReader &parent, LaunchSpec *spec, const QString &base)
{
    const QJsonValue v = parent.object().value(QLatin1String("stdin"));
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject())
        return parent.fail(QStringLiteral("stdin"),
                           SessionFile::tr("expected {\"text\": ...}, {\"file\": ...} or "
                                           "{\"randomBytes\": N}"));
    const QJsonObject o = v.toObject();
    EntryReader r(o, parent.key(QStringLiteral("stdin")), parent.warnings());
    r.allow({"text", "file", "randomBytes", "null"});
    StdinSource &in = spec->stdinSource;
    int kinds = 0;
    if (o.contains(QLatin1String("text"))) {
        QString text;
        if (!r.string("text", &text))
            return parent.fail(QStringLiteral("stdin.text"), SessionFile::tr("expected a string"));
        in.mode = StdinMode::Text;
        in.text = text.toUtf8();
        ++kinds;
    }
    if (o.contains(QLatin1String("file"))) {
        QString file;
        if (!r.string("file", &file))
            return parent.fail(QStringLiteral("stdin.file"), SessionFile::tr("expected a string"));
        in.mode = StdinMode::File;
        in.filePath = resolvePath(file, base);
        ++kinds;
    }
    if (o.contains(QLatin1String("randomBytes"))) {
        qint64 n = 0;
        if (!r.integer("randomBytes", &n, 0, qint64(1) << 40)) {
            parent.error = r.error;
            return false;
        }
        in.mode = StdinMode::RandomBytes;
        in.randomBytes = n;
        ++kinds;
    }
    if (o.value(QLatin1String("null")).toBool()) {
        in.mode = StdinMode::Null;
        ++kinds;
    }
    if (kinds > 1)
        return parent.fail(QStringLiteral("stdin"),
                           SessionFile::tr("give only one of \"text\", \"file\", \"randomBytes\""));
    return true;
}
} // namespace

SessionLoadResult SessionFile::parse(const QByteArray &json, const QString &baseDirectory)
{
    SessionLoadResult result;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Name the line and column, not only the byte offset.
        const QByteArray head = json.left(pe.offset);
        const int line = int(head.count('\n')) + 1;
        const int column = int(pe.offset - (head.lastIndexOf('\n') + 1)) + 1;
        result.error = tr("not valid JSON at line %1, column %2: %3")
                           .arg(line).arg(column).arg(pe.errorString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = tr("the top level must be an object with \"version\" and \"processes\"");
        return result;
    }
    const QJsonObject root = doc.object();
    EntryReader top(root, QStringLiteral("session"), &result.warnings);
    top.allow({"version", "processes", "name", "description"});
    const QJsonValue version = root.value(QLatin1String("version"));
    if (version.isUndefined()) {
        result.error = tr("version: is missing");
        return result;
    }
    if (!version.isDouble()) {
        result.error = tr("version: expected a number");
        return result;
    }
    if (version.toDouble() != 1) {
        result.error = tr("version: %1 is not supported (this Runboard reads version %2)")
                           .arg(version.toDouble()).arg(Version);
        return result;
    }
    const QJsonValue processes = root.value(QLatin1String("processes"));
    if (!processes.isArray()) {
        result.error = processes.isUndefined() ? tr("processes: is missing")
                                               : tr("processes: expected an array");
        return result;
    }
    // All or nothing: a caller that forgets ok() must not get the processes before the error.
    QList<LaunchSpec> specs;
    const QJsonArray list = processes.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString path = QStringLiteral("processes[%1]").arg(i);
        if (!list.at(i).isObject()) {
            result.error = tr("%1: expected an object").arg(path);
            return result;
        }
        EntryReader r(list.at(i).toObject(), path, &result.warnings);
        r.allow({"name", "program", "arguments", "workingDirectory", "environment", "stdin",
                 "timeoutMs", "graceMs", "copies", "pipeline", "shell", "measurePipes"});
        LaunchSpec spec;
        qint64 timeout = 0, grace = LaunchSpec::DefaultGraceMs, copies = 1;
        bool ok = r.string("name", &spec.name) && readStage(r, &spec.command)
                  && r.string("workingDirectory", &spec.workingDirectory)
                  && r.boolean("shell", &spec.shell)
                  && r.boolean("measurePipes", &spec.measurePipes)
                  && r.integer("timeoutMs", &timeout, 0, LaunchSpec::MaxTimeoutMs)
                  && r.integer("graceMs", &grace, 0, 3600 * 1000)
                  && r.integer("copies", &copies, 1, LaunchSpec::MaxCopies)
                  && readEnvironment(r, &spec) && readStdin(r, &spec, baseDirectory);
        if (ok) {
            const QJsonValue pv = r.object().value(QLatin1String("pipeline"));
            if (!pv.isUndefined() && !pv.isNull()) {
                if (!pv.isArray()) {
                    ok = r.fail(QStringLiteral("pipeline"),
                                tr("expected an array of {\"program\", \"arguments\"}"));
                } else {
                    const QJsonArray stages = pv.toArray();
                    for (int s = 0; ok && s < stages.size(); ++s) {
                        const QString sp = r.key(QStringLiteral("pipeline[%1]").arg(s));
                        if (!stages.at(s).isObject()) {
                            r.error = tr("%1: expected an object").arg(sp);
                            ok = false;
                            break;
                        }
                        EntryReader sr(stages.at(s).toObject(), sp, &result.warnings);
                        sr.allow({"program", "arguments"});
                        CommandStage stage;
                        if (!readStage(sr, &stage)) {
                            r.error = sr.error;
                            ok = false;
                        }
                        spec.pipeline.append(stage);
                    }
                }
            }
        }
        if (!ok) {
            result.error = r.error;
            return result;
        }
        spec.timeoutMs = timeout;
        spec.graceMs = int(grace);
        spec.copies = int(copies);
        spec.workingDirectory = resolvePath(spec.workingDirectory, baseDirectory);
        QString e = LaunchSpec::validateName(spec.name);
        if (e.isEmpty())
            e = spec.validate();
        if (!e.isEmpty()) {
            result.error = QStringLiteral("%1: %2").arg(path, e);
            return result;
        }
        specs.append(spec);
    }
    result.processes = specs;
    return result;
}

QString SessionFile::regularFileError(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return tr("cannot be read: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (S_ISFIFO(st.st_mode))
        return tr("is a FIFO (named pipe), not a regular file");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return tr("is a device, not a regular file");
    if (S_ISSOCK(st.st_mode))
        return tr("is a socket, not a regular file");
    if (!S_ISREG(st.st_mode))
        return tr("is not a regular file");
#else
    if (!QFileInfo(path).isFile())
        return tr("is not a regular file");
#endif
    return {};
}

SessionLoadResult SessionFile::loadRegularFile(const QString &path)
{
    // A FIFO or a device would block the open (or the read) forever: regular files only.
    if (QFileInfo::exists(path) && !QFileInfo(path).isDir()) {
        if (const QString e = regularFileError(path); !e.isEmpty()) {
            SessionLoadResult result;
            result.error = tr("session file \"%1\" %2").arg(path, e);
            return result;
        }
    }
    return load(path);
}

SessionLoadResult SessionFile::load(const QString &path)
{
    SessionLoadResult result;
    QFile f(path);
    const QFileInfo fi(path);
    if (!fi.exists()) {
        result.error = tr("session file \"%1\" does not exist").arg(path);
        return result;
    }
    if (fi.isDir()) {
        result.error = tr("session file \"%1\" is a directory").arg(path);
        return result;
    }
    if (fi.size() > MaxFileBytes) {
        result.error = tr("session file \"%1\" is larger than %2 MiB")
                           .arg(path).arg(MaxFileBytes / (1024 * 1024));
        return result;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        result.error = tr("session file \"%1\" cannot be read: %2").arg(path, f.errorString());
        return result;
    }
    const QByteArray data = f.read(MaxFileBytes + 1);
    result = parse(data, fi.absolutePath());
    if (!result.ok())
        result.error = tr("session file \"%1\": %2").arg(path, result.error);
    return result;
}

QJsonObject SessionFile::toJson(const LaunchSpec &spec)
{
    QJsonObject o;
    if (!spec.name.isEmpty())
        o[QLatin1String("name")] = spec.name;
    o[QLatin1String("program")] = spec.command.program;
    o[QLatin1String("arguments")] = QJsonArray::fromStringList(spec.command.arguments);
    if (spec.shell)
        o[QLatin1String("shell")] = true;
    if (spec.measurePipes)
        o[QLatin1String("measurePipes")] = true;
    if (!spec.workingDirectory.isEmpty())
        o[QLatin1String("workingDirectory")] = spec.workingDirectory;
    if (!spec.environment.isEmpty()) {
        QJsonObject env, set;
        for (const auto &kv : spec.environment.set)
            set[kv.first] = kv.second;
        if (!set.isEmpty())
            env[QLatin1String("set")] = set;
        if (!spec.environment.unset.isEmpty())
            env[QLatin1String("unset")] = QJsonArray::fromStringList(spec.environment.unset);
        if (spec.environment.clean)
            env[QLatin1String("clean")] = true;
        o[QLatin1String("environment")] = env;
    }
    const StdinSource &in = spec.stdinSource;
    switch (in.mode) {
    case StdinMode::Text:
        o[QLatin1String("stdin")] = QJsonObject{{QLatin1String("text"), QString::fromUtf8(in.text)}};
        break;
    case StdinMode::File:
        o[QLatin1String("stdin")] = QJsonObject{{QLatin1String("file"), in.filePath}};
        break;
    case StdinMode::RandomBytes:
        o[QLatin1String("stdin")] =
            QJsonObject{{QLatin1String("randomBytes"), double(in.randomBytes)}};
        break;
    case StdinMode::Null:
        o[QLatin1String("stdin")] = QJsonObject{{QLatin1String("null"), true}};
        break;
    case StdinMode::Interactive:
    case StdinMode::Inherit: break;
    }
    if (spec.timeoutMs > 0)
        o[QLatin1String("timeoutMs")] = double(spec.timeoutMs);
    if (spec.graceMs != LaunchSpec::DefaultGraceMs)
        o[QLatin1String("graceMs")] = spec.graceMs;
    if (spec.copies != 1)
        o[QLatin1String("copies")] = spec.copies;
    if (!spec.pipeline.isEmpty()) {
        QJsonArray stages;
        for (const CommandStage &s : spec.pipeline) {
            stages.append(QJsonObject{{QLatin1String("program"), s.program},
                                      {QLatin1String("arguments"),
                                       QJsonArray::fromStringList(s.arguments)}});
        }
        o[QLatin1String("pipeline")] = stages;
    }
    return o;
}

QByteArray SessionFile::serialize(const QList<LaunchSpec> &specs)
{
    QJsonArray processes;
    for (const LaunchSpec &s : specs)
        processes.append(toJson(s));
    QJsonObject root;
    root[QLatin1String("version")] = Version;
    root[QLatin1String("processes")] = processes;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString SessionFile::save(const QString &path, const QList<LaunchSpec> &specs)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return tr("cannot write session file \"%1\": %2").arg(path, f.errorString());
    f.write(serialize(specs));
    if (!f.commit())
        return tr("cannot write session file \"%1\": %2").arg(path, f.errorString());
    return {};
}
