#include "process/LaunchSpec.h"

#include "system/SafeText.h"

#include <QRegularExpression>

QList<CommandStage> LaunchSpec::stages() const
{
    QList<CommandStage> all;
    all.reserve(1 + pipeline.size());
    all.append(command);
    all.append(pipeline);
    return all;
}

QString LaunchSpec::displayName() const
{
    if (!name.isEmpty())
        return name;
    // A program's file name may hold any byte but '/' and NUL: a name must not (validateName()).
    return SafeText::escapeControls(command.program);
}

QString shellQuote(const QString &argument)
{
    if (argument.isEmpty())
        return QStringLiteral("''");
    static const QString safe = QStringLiteral("@%+=:,./-_");
    bool plain = true;
    for (const QChar c : argument) {
        if (!(c.isLetterOrNumber() || safe.contains(c))) {
            plain = false;
            break;
        }
    }
    if (plain)
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString LaunchSpec::commandLine() const
{
    QStringList parts;
    const auto all = stages();
    for (const CommandStage &stage : all) {
        QStringList words;
        words << (shell ? stage.program : shellQuote(stage.program));
        for (const QString &a : stage.arguments)
            words << shellQuote(a);
        parts << words.join(QLatin1Char(' '));
    }
    return parts.join(QLatin1String(" | "));
}

QString LaunchSpec::validateEnvironmentName(const QString &name)
{
    if (name.isEmpty())
        return tr("environment variable name is empty");
    if (name.contains(QLatin1Char('=')))
        return tr("environment variable name \"%1\" contains '='").arg(name);
    if (name.contains(QChar(0)))
        return tr("environment variable name \"%1\" contains a NUL byte")
            .arg(QString(name).replace(QChar(0), QLatin1String("\\0")));
    return {};
}

bool LaunchSpec::parseEnvironmentEntry(const QString &entry, QPair<QString, QString> *out,
                                       QString *error)
{
    const qsizetype eq = entry.indexOf(QLatin1Char('='));
    if (eq < 0) {
        *error = tr("environment entry \"%1\" has no '=' (expected NAME=VALUE)").arg(entry);
        return false;
    }
    const QString name = entry.left(eq);
    const QString value = entry.mid(eq + 1);
    if (QString e = validateEnvironmentName(name); !e.isEmpty()) {
        *error = e;
        return false;
    }
    if (value.contains(QChar(0))) {
        *error = tr("value of environment variable \"%1\" contains a NUL byte").arg(name);
        return false;
    }
    *out = {name, value};
    return true;
}

QString LaunchSpec::validateName(const QString &name)
{
    if (const qsizetype n = name.toUcs4().size(); n > MaxNameLength)
        return tr("name is %1 characters long (at most %2)").arg(n).arg(MaxNameLength);
    return controlCharacterInName(name);
}

QString LaunchSpec::controlCharacterInName(const QString &name)
{
    const QList<uint> codes = name.toUcs4();
    for (qsizetype i = 0; i < codes.size(); ++i) {
        if (SafeText::isControl(codes.at(i)))
            return tr("name \"%1\" has a control character in it (U+%2, character %3)")
                .arg(SafeText::escapeControls(name))
                .arg(QString::number(codes.at(i), 16).toUpper().rightJustified(4, QLatin1Char('0')))
                .arg(i + 1);
    }
    return {};
}

QString LaunchSpec::validate() const
{
    // The length is checked where a name is given (validateName()): a row named after a long
    // program path, or "name #2", may be longer.
    if (QString e = controlCharacterInName(name); !e.isEmpty())
        return e;
    const auto all = stages();
    for (int i = 0; i < all.size(); ++i) {
        const CommandStage &s = all.at(i);
        const QString where = all.size() > 1 ? tr("stage %1: ").arg(i + 1) : QString();
        if (s.program.trimmed().isEmpty())
            return where + tr("program name is empty");
        if (s.program.contains(QChar(0)))
            return where + tr("program name contains a NUL byte");
        for (const QString &a : s.arguments) {
            if (a.contains(QChar(0)))
                return where + tr("argument \"%1\" contains a NUL byte")
                                   .arg(QString(a).replace(QChar(0), QLatin1String("\\0")));
        }
    }
    for (const auto &kv : environment.set) {
        if (QString e = validateEnvironmentName(kv.first); !e.isEmpty())
            return e;
        if (kv.second.contains(QChar(0)))
            return tr("value of environment variable \"%1\" contains a NUL byte").arg(kv.first);
    }
    for (const QString &n : environment.unset) {
        if (QString e = validateEnvironmentName(n); !e.isEmpty())
            return e;
    }
    if (timeoutMs < 0)
        return tr("timeout %1 ms is negative").arg(timeoutMs);
    if (timeoutMs > MaxTimeoutMs)
        return tr("timeout %1 ms is longer than the 7-day limit").arg(timeoutMs);
    if (graceMs < 0)
        return tr("grace period %1 ms is negative").arg(graceMs);
    if (graceMs > 3600 * 1000)
        return tr("grace period %1 ms is longer than one hour").arg(graceMs);
    if (copies < 1 || copies > MaxCopies)
        return tr("copies %1 is out of range (1 to %2)").arg(copies).arg(MaxCopies);
    if (stdinSource.mode == StdinMode::File && stdinSource.filePath.isEmpty())
        return tr("stdin file path is empty");
    if (stdinSource.mode == StdinMode::RandomBytes && stdinSource.randomBytes < 0)
        return tr("random stdin byte count %1 is negative").arg(stdinSource.randomBytes);
    if (stdinSource.mode == StdinMode::RandomBytes
        && stdinSource.randomBytes > (qint64(1) << 40))
        return tr("random stdin byte count %1 is larger than 1 TiB")
            .arg(stdinSource.randomBytes);
    if (workingDirectory.contains(QChar(0)))
        return tr("working directory contains a NUL byte");
    return {};
}

bool LaunchSpec::isSecretName(const QString &name)
{
    static const QRegularExpression secret(QStringLiteral("PASS|TOKEN|SECRET|KEY"),
                                           QRegularExpression::CaseInsensitiveOption);
    return secret.match(name).hasMatch();
}

LaunchSpec LaunchSpec::withoutSecrets() const
{
    LaunchSpec copy = *this;
    for (auto &kv : copy.environment.set) {
        if (isSecretName(kv.first))
            kv.second.clear();
    }
    return copy;
}

QStringList LaunchSpec::describe() const
{
    QStringList lines;
    lines << tr("Command: %1").arg(commandLine());
    if (shell)
        lines << tr("Shell: each stage runs through /bin/sh -c");
    lines << tr("Working directory: %1")
                 .arg(workingDirectory.isEmpty() ? tr("(Runboard's own)") : workingDirectory);
    if (environment.clean)
        lines << tr("Environment: starts empty");
    for (const auto &kv : environment.set) {
        const QString value = isSecretName(kv.first) ? QString(8, QChar(0x2022)) : kv.second;
        lines << tr("Environment: %1=%2").arg(kv.first, value);
    }
    for (const QString &n : environment.unset)
        lines << tr("Environment: unset %1").arg(n);
    switch (stdinSource.mode) {
    case StdinMode::Interactive: lines << tr("Stdin: typed in the window"); break;
    case StdinMode::Null: lines << tr("Stdin: none (/dev/null)"); break;
    case StdinMode::Inherit: lines << tr("Stdin: Runboard's own"); break;
    case StdinMode::Text:
        lines << tr("Stdin: the text \"%1\"").arg(QString::fromUtf8(stdinSource.text.left(200)));
        break;
    case StdinMode::File: lines << tr("Stdin: the file %1").arg(stdinSource.filePath); break;
    case StdinMode::RandomBytes:
        lines << tr("Stdin: %1 random bytes").arg(stdinSource.randomBytes);
        break;
    }
    lines << (timeoutMs > 0 ? tr("Timeout: %1 s").arg(double(timeoutMs) / 1000.0)
                            : tr("Timeout: none"));
    lines << tr("Grace period before SIGKILL: %1 s").arg(double(graceMs) / 1000.0);
    if (copies > 1)
        lines << tr("Copies: %1").arg(copies);
    return lines;
}
