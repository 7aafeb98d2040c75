#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

// Everything needed to start one entry of the board: a command or a pipeline of commands,
// where it runs, what it sees and how long it may take. A value type: copy it freely.

enum class StdinMode {
    Interactive, // a pipe kept open: the user (or a script) writes to it and closes it
    Null,        // /dev/null: reads see EOF at once
    Inherit,     // the launcher's own stdin (runboard-cli run)
    Text,        // fixed text, then EOF
    File,        // a file's contents, then EOF (opened by the child side, never read into memory)
    RandomBytes, // N random bytes, then EOF (the lesson's os.urandom(N))
};

struct StdinSource
{
    StdinMode mode = StdinMode::Interactive;
    QByteArray text;
    QString filePath;
    qint64 randomBytes = 0;
};

struct EnvironmentChanges
{
    bool clean = false; // start from an empty environment instead of the launcher's
    QList<QPair<QString, QString>> set;
    QStringList unset;
    bool isEmpty() const { return !clean && set.isEmpty() && unset.isEmpty(); }
};

struct CommandStage
{
    QString program;
    QStringList arguments;
    bool operator==(const CommandStage &o) const
    {
        return program == o.program && arguments == o.arguments;
    }
};

// Where the children run. Only the local machine today; remote hosts (OpenSSH) come later and
// must stay an explicit part of the spec.
enum class LaunchTarget { Local };

struct LaunchSpec
{
    Q_DECLARE_TR_FUNCTIONS(LaunchSpec)
public:
    static constexpr int DefaultGraceMs = 3000;
    static constexpr int MaxCopies = 256;
    // Every output line of runboard-cli start is prefixed by the longest name, padded.
    static constexpr int MaxNameLength = 200;
    static constexpr qint64 MaxTimeoutMs = 7LL * 24 * 3600 * 1000;

    QString name;
    CommandStage command;
    QList<CommandStage> pipeline; // further stages: command | pipeline[0] | pipeline[1] ...
    bool shell = false;           // run each stage's program text through /bin/sh -c
    // Runboard relays the pipes between stages itself (Unix), so each stage's bytes into the
    // next are counted (Stage::pipeBytes); otherwise the stages share kernel pipes Runboard
    // never sees (faster). The teaching demo of pipes sets it.
    bool measurePipes = false;
    QString workingDirectory;
    EnvironmentChanges environment;
    StdinSource stdinSource;
    qint64 timeoutMs = 0; // 0: no timeout
    int graceMs = DefaultGraceMs;
    int copies = 1;
    LaunchTarget target = LaunchTarget::Local;

    QList<CommandStage> stages() const;
    QString displayName() const; // the name, or the program's (its control characters escaped)
    QString commandLine() const;

    // An empty string when the spec can be started; otherwise one line naming what is wrong.
    // Does not look at the file system: see ProgramResolver for that.
    QString validate() const;
    static QString validateEnvironmentName(const QString &name);
    // A name is printed before every output line (runboard-cli start) and shown in lists: no
    // line break, escape or other control character, and no bidirectional override that would
    // show it as something else (SafeText::isControl()); validate() checks that much. A name
    // given by a person or a file (the form, a session, --name) is also at most MaxNameLength
    // characters long: validateName() checks both.
    static QString validateName(const QString &name);
    static QString controlCharacterInName(const QString &name);
    // Parses NAME=VALUE; on error returns false and sets *error.
    static bool parseEnvironmentEntry(const QString &entry, QPair<QString, QString> *out,
                                      QString *error);
    // Names whose values are secrets (*PASS*, *TOKEN*, *SECRET*, *KEY*): shown masked, never
    // written to the settings.
    static bool isSecretName(const QString &name);
    // Everything that will run, one line per fact, for a person to check before starting it
    // (the preview of a session): command, shell mode, working directory, every environment
    // change (secret values masked), stdin, timeout, grace period, copies.
    QStringList describe() const;
    // A copy whose secret environment values are emptied (for the recent-commands list).
    LaunchSpec withoutSecrets() const;
};

// Quote one argument for display the way a POSIX shell would need it.
QString shellQuote(const QString &argument);
