#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QSocketNotifier;
class TimelineRecorder;

// Pieces shared by the runboard-cli commands: writing bytes to our own stdout/stderr at pipe
// speed, turning SIGINT/SIGTERM into a Qt signal, and the one-line error convention.
namespace Cli {

constexpr int ExitUsage = 125; // timeout(1): the command itself failed
constexpr int StdoutFd = 1, StderrFd = 2; // our own standard output and error

// The platform parts (CliPlatform_unix.cpp, CliPlatform_win.cpp): writeAll, isTerminal and
// SignalWatcher.
bool isTerminal(int fd);

// Writes everything (retrying on EINTR/EAGAIN). Returns false when the reader went away.
bool writeAll(int fd, const char *data, qint64 size);
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

// SIGINT, SIGTERM and SIGHUP arrive as interrupted(signal) on the event loop. On Windows,
// Ctrl+C arrives as 2 (SIGINT), Ctrl+Break and closing the console as 15 (SIGTERM).
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;
    int lastSignal() const { return m_last; }
    // Records and emits one signal; called on the event loop by the platform part.
    void deliver(int signal);
    // The same signal again from the same process (not the terminal) within this many ms is
    // the same request (Unix): timeout -s INT sends it to runboard-cli and then to the group.
    static constexpr int RepeatWindowMs = 1000;
Q_SIGNALS:
    void interrupted(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_last = 0;
    int m_lastSignal = 0;     // Unix: the last one that arrived, counted or not
    qint64 m_lastSender = -1;
    qint64 m_lastAtNs = 0;
};

} // namespace Cli
