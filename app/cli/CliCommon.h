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

// SIGINT, SIGTERM and SIGHUP arrive as interrupted(signal) on the event loop.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;
    int lastSignal() const { return m_last; }
Q_SIGNALS:
    void interrupted(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_last = 0;
};

} // namespace Cli
