#pragma once

#include <QList>
#include <QString>

// One row of the timeline: a child, a pipeline stage or a fetch worker thread, with its bars
// (a child has one; a worker has one per fetch it ran) and the moments marked on it. Times are
// microseconds since the epoch, so rows from different sources share one axis.

enum class TimelineOutcome { Running, Ok, Failed, TimedOut, Stopped };

struct TimelineMark
{
    enum class Kind { FirstOutput, StdinClosed, Signal, Exit, Line, FirstByte };
    Kind kind = Kind::Exit;
    qint64 atUs = 0;
    QString label;
};

struct TimelineSegment
{
    qint64 startUs = 0;
    qint64 endUs = -1; // -1: still running
    TimelineOutcome outcome = TimelineOutcome::Running;
    QString label;
};

struct TimelineTrack
{
    QString name;
    QString group;   // "processes", "demo: timeout", "fetch: 9 threads" ...
    QString details; // for a tooltip: command, PID, result
    QList<TimelineSegment> segments;
    QList<TimelineMark> marks;

    bool isEmpty() const { return segments.isEmpty(); }
    qint64 startUs() const;
    // The end of the last bar; `nowUs` for one still running.
    qint64 endUs(qint64 nowUs) const;
    bool running() const;
    // The worst outcome of its bars (Running while any runs).
    TimelineOutcome outcome() const;
};

namespace Timeline {
qint64 nowUs();
QString outcomeName(TimelineOutcome outcome); // translated
QString outcomeKey(TimelineOutcome outcome);  // "ok", "failed" ... (JSON)
QString markName(TimelineMark::Kind kind);    // translated
// Earliest start and latest end over the tracks; {0, 0} for none.
QPair<qint64, qint64> span(const QList<TimelineTrack> &tracks, qint64 nowUs);
} // namespace Timeline
