#include "process/BufferingDetector.h"

void BufferingDetector::addRead(qint64 atMs, qint64 bytes)
{
    if (m_ruledOut || bytes <= 0)
        return;
    if (bytes % BlockBytes != 0 || bytes > MaxBurstBytes) {
        m_ruledOut = true;
        return;
    }
    // Reads close together are one burst that the pipe happened to hand over in pieces.
    if (m_lastBurstMs < 0 || atMs - m_lastBurstMs >= MinGapMs)
        ++m_bursts;
    m_lastBurstMs = atMs;
}
