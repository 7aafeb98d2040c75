#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class TimelineRecorder;

// Pieces shared by the runboard-cli commands: writing bytes to our own stdout/stderr at pipe
// speed, turning SIGINT/SIGTERM into a Qt signal, and the one-line error convention.
namespace Cli {

constexpr int ExitUsage = 125; // timeout(1): the command itself failed
constexpr int StdoutFd = 1, StderrFd = 2; // our own standard output and error

// The platform parts (CliPlatform_unix.cpp, CliPlatform_win.cpp): writeAll and isTerminal.
// SIGINT/SIGTERM come through SignalWatcher (models/system).
bool isTerminal(int fd);

// Writes everything (retrying on EINTR/EAGAIN). Returns false when it cannot (errno says why).
bool writeAll(int fd, const char *data, qint64 size);
// Whether a write failed with `error` because its reader went away (EPIPE; `| head -n1`): 141
// then, as a shell reports a writer killed by SIGPIPE. Anything else is said.
bool readerGone(int error);
inline bool writeAll(int fd, const QByteArray &data) { return writeAll(fd, data.constData(), data.size()); }
void printError(const QString &message); // "runboard-cli: message\n" on stderr
void printLine(int fd, const QString &line);

// "1.5" -> 1500 ms; nullopt and *error set for anything that is not a non-negative number.
std::optional<qint64> parseSeconds(const QString &option, const QString &text, QString *error);
std::optional<qint64> parseCount(const QString &option, const QString &text, qint64 max,
                                 QString *error, qint64 min = 0);

// Writes the recorder's rows to `path` as Trace Event Format JSON; prints the error and
// returns false when the file cannot be written.
bool writeTrace(const QString &path, TimelineRecorder &recorder);

} // namespace Cli
