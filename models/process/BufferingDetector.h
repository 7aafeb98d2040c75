#pragma once

#include "process/LaunchSpec.h"

#include <QtGlobal>

// Recognises a child whose output is block-buffered: C stdio, Python and most runtimes
// buffer stdout in 4 KiB or 8 KiB blocks when it is a pipe rather than a terminal, so its
// lines arrive in bursts of exactly one block, long after they were printed.
//
// Fed one sample per read of the child's stdout (when, how many bytes). The hint holds once
// at least two reads, spaced out in time, were each a whole number of 4 KiB blocks (at most
// 16 KiB, so a bulk copy going full speed is not mistaken for it), and no read so far was
// anything else. One read of another size (a flushed line, a prompt) rules it out for good.
class BufferingDetector
{
public:
    static constexpr qint64 BlockBytes = 4096;
    static constexpr qint64 MaxBurstBytes = 16384;
    static constexpr qint64 MinGapMs = 100; // between two bursts counted as separate
    static constexpr int BurstsNeeded = 2;

    void reset() { *this = BufferingDetector{}; }
    void addRead(qint64 atMs, qint64 bytes);
    bool blockBuffered() const { return !m_ruledOut && m_bursts >= BurstsNeeded; }
    bool ruledOut() const { return m_ruledOut; }
    int bursts() const { return m_bursts; }

private:
    qint64 m_lastBurstMs = -1;
    int m_bursts = 0;
    bool m_ruledOut = false;
};

// The same spec with line buffering asked for: PYTHONUNBUFFERED=1 (Python), and every stage
// wrapped in `stdbuf -oL -eL` (C stdio) when `stdbufPath` is not empty. A stage already run
// through stdbuf is left as it is.
LaunchSpec lineBufferedSpec(const LaunchSpec &spec, const QString &stdbufPath);
