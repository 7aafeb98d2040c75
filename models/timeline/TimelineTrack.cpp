#include "timeline/TimelineTrack.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPair>

#include <algorithm>
#include <chrono>

qint64 TimelineTrack::startUs() const
{
    qint64 s = segments.isEmpty() ? 0 : segments.first().startUs;
    for (const TimelineSegment &seg : segments)
        s = std::min(s, seg.startUs);
    return s;
}

qint64 TimelineTrack::endUs(qint64 nowUs) const
{
    qint64 e = 0;
    for (const TimelineSegment &seg : segments)
        e = std::max(e, seg.endUs < 0 ? nowUs : seg.endUs);
    return e;
}

bool TimelineTrack::running() const
{
    return std::any_of(segments.cbegin(), segments.cend(),
                       [](const TimelineSegment &s) { return s.endUs < 0; });
}

TimelineOutcome TimelineTrack::outcome() const
{
    // Running beats everything; then the worst ending.
    TimelineOutcome worst = TimelineOutcome::Ok;
    auto rank = [](TimelineOutcome o) {
        switch (o) {
        case TimelineOutcome::Running: return 4;
        case TimelineOutcome::Failed: return 3;
        case TimelineOutcome::TimedOut: return 2;
        case TimelineOutcome::Stopped: return 1;
        case TimelineOutcome::Ok: return 0;
        }
        return 0;
    };
    for (const TimelineSegment &s : segments) {
        if (rank(s.outcome) > rank(worst))
            worst = s.outcome;
    }
    return worst;
}

namespace Timeline {

qint64 nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QString outcomeName(TimelineOutcome outcome)
{
    switch (outcome) {
    case TimelineOutcome::Running: return QCoreApplication::translate("Timeline", "running");
    case TimelineOutcome::Ok: return QCoreApplication::translate("Timeline", "succeeded");
    case TimelineOutcome::Failed: return QCoreApplication::translate("Timeline", "failed");
    case TimelineOutcome::TimedOut: return QCoreApplication::translate("Timeline", "timed out");
    case TimelineOutcome::Stopped: return QCoreApplication::translate("Timeline", "stopped");
    }
    return {};
}

QString outcomeKey(TimelineOutcome outcome)
{
    switch (outcome) {
    case TimelineOutcome::Running: return QStringLiteral("running");
    case TimelineOutcome::Ok: return QStringLiteral("ok");
    case TimelineOutcome::Failed: return QStringLiteral("failed");
    case TimelineOutcome::TimedOut: return QStringLiteral("timedOut");
    case TimelineOutcome::Stopped: return QStringLiteral("stopped");
    }
    return {};
}

QString markName(TimelineMark::Kind kind)
{
    switch (kind) {
    case TimelineMark::Kind::FirstOutput: return QCoreApplication::translate("Timeline", "first output");
    case TimelineMark::Kind::StdinClosed: return QCoreApplication::translate("Timeline", "stdin closed");
    case TimelineMark::Kind::Signal: return QCoreApplication::translate("Timeline", "signal sent");
    case TimelineMark::Kind::Exit: return QCoreApplication::translate("Timeline", "exit");
    case TimelineMark::Kind::Line: return QCoreApplication::translate("Timeline", "line arrived");
    case TimelineMark::Kind::FirstByte: return QCoreApplication::translate("Timeline", "first byte");
    }
    return {};
}

QPair<qint64, qint64> span(const QList<TimelineTrack> &tracks, qint64 nowUs)
{
    qint64 lo = 0, hi = 0;
    bool any = false;
    for (const TimelineTrack &t : tracks) {
        if (t.isEmpty())
            continue;
        const qint64 s = t.startUs(), e = t.endUs(nowUs);
        lo = any ? std::min(lo, s) : s;
        hi = any ? std::max(hi, e) : e;
        any = true;
    }
    return {lo, hi};
}

} // namespace Timeline
