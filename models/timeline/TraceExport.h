#pragma once

#include "timeline/TimelineTrack.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// Timeline rows as Trace Event Format JSON, the format Perfetto (ui.perfetto.dev) and
// chrome://tracing open: each group is a "process", each row a "thread" named after it, each
// bar a complete event ("ph":"X"), each mark an instant event ("ph":"i"). Times in
// microseconds from the earliest start.
namespace TraceExport {

QJsonObject toJson(const QList<TimelineTrack> &tracks, qint64 nowUs);
QByteArray toBytes(const QList<TimelineTrack> &tracks, qint64 nowUs);
// Writes the file; returns an error message naming the file, or an empty string.
QString writeFile(const QString &path, const QList<TimelineTrack> &tracks, qint64 nowUs);

} // namespace TraceExport

// The same rows as a plain SVG drawing (rectangles, lines and text), without Qt SVG.
namespace TimelineSvg {
QByteArray toSvg(const QList<TimelineTrack> &tracks, qint64 nowUs, int width = 1000);
QString writeFile(const QString &path, const QList<TimelineTrack> &tracks, qint64 nowUs);
} // namespace TimelineSvg

// The rows as text for a terminal: one line per row, its bar drawn with characters on a
// common scale ('=' running time, '|' marks, the end letter by outcome).
namespace TimelineText {
QStringList render(const QList<TimelineTrack> &tracks, qint64 nowUs, int columns = 50);
} // namespace TimelineText
