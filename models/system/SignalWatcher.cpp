#include "system/SignalWatcher.h"

void SignalWatcher::arrive(int signal, qint64 sender, qint64 atNs)
{
    const bool repeat = sender != 0 && signal == m_lastSignal && sender == m_lastSender
                        && atNs - m_lastAtNs < qint64(RepeatWindowMs) * 1000000;
    m_lastSignal = signal;
    m_lastSender = sender;
    m_lastAtNs = atNs;
    if (repeat)
        return;
    m_counted = signal;
    Q_EMIT interrupted(signal);
}
