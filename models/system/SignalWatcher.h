#pragma once

#include <QObject>

class QSocketNotifier;

// The requests to stop that come from outside: SIGINT, SIGTERM and SIGHUP on Unix (through a
// self-pipe), Ctrl+C, Ctrl+Break and closing the console on Windows (as 2 and 15). Each
// arrives as interrupted(signal) on the event loop of the thread that made the watcher. One
// watcher at a time; while it lives, those signals no longer end the process by themselves.
//
// runboard-cli stops its children on the first, and kills them on a second (a second Ctrl-C);
// the window quits the same way. A repeat is not a second request: the same signal from the
// same process within RepeatWindowMs counts once (timeout -s INT signals its command and then
// its own process group, which holds the command too).
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

    static constexpr int RepeatWindowMs = 1000;

    // The last signal counted (0: none yet).
    int lastSignal() const { return m_counted; }
    // One arrival, from the platform part (or a test): `sender` is the process that sent it,
    // 0 when the kernel did (the terminal's Ctrl-C) or nobody knows; `atNs` a monotonic time.
    // Emits interrupted(signal) unless it repeats the last arrival.
    void arrive(int signal, qint64 sender, qint64 atNs);

Q_SIGNALS:
    void interrupted(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_counted = 0;
    int m_lastSignal = 0; // the last arrival, counted or not
    qint64 m_lastSender = 0;
    qint64 m_lastAtNs = 0;
};
