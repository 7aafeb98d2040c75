#include "timeline/TraceExport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace {

QString writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return QCoreApplication::translate("TraceExport", "cannot write \"%1\": %2")
            .arg(path, f.errorString());
    return {};
}

QString colourOf(TimelineOutcome o)
{
    switch (o) {
    case TimelineOutcome::Running: return QStringLiteral("#3b82f6");
    case TimelineOutcome::Ok: return QStringLiteral("#16a34a");
    case TimelineOutcome::Failed: return QStringLiteral("#dc2626");
    case TimelineOutcome::TimedOut: return QStringLiteral("#ea580c");
    case TimelineOutcome::Stopped: return QStringLiteral("#6b7280");
    }
    return {};
}

QString xmlEscaped(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

namespace TraceExport {

QJsonObject toJson(const QList<TimelineTrack> &tracks, qint64 nowUs)
{
    const qint64 origin = Timeline::span(tracks, nowUs).first;
    QJsonArray events;
    QStringList groups;
    for (int tid = 0; tid < tracks.size(); ++tid) {
        const TimelineTrack &t = tracks.at(tid);
        int pid = int(groups.indexOf(t.group));
        if (pid < 0) {
            groups << t.group;
            pid = int(groups.size()) - 1;
            events.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("process_name")},
                                      {QStringLiteral("ph"), QStringLiteral("M")},
                                      {QStringLiteral("pid"), pid + 1},
                                      {QStringLiteral("args"),
                                       QJsonObject{{QStringLiteral("name"), t.group}}}});
        }
        events.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("thread_name")},
                                  {QStringLiteral("ph"), QStringLiteral("M")},
                                  {QStringLiteral("pid"), pid + 1},
                                  {QStringLiteral("tid"), tid + 1},
                                  {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), t.name}}}});
        for (const TimelineSegment &s : t.segments) {
            const qint64 end = s.endUs < 0 ? nowUs : s.endUs;
            events.append(QJsonObject{
                {QStringLiteral("name"), s.label.isEmpty() ? t.name : s.label},
                {QStringLiteral("cat"), t.group},
                {QStringLiteral("ph"), QStringLiteral("X")},
                {QStringLiteral("ts"), double(s.startUs - origin)},
                {QStringLiteral("dur"), double(std::max<qint64>(0, end - s.startUs))},
                {QStringLiteral("pid"), pid + 1},
                {QStringLiteral("tid"), tid + 1},
                {QStringLiteral("args"), QJsonObject{{QStringLiteral("outcome"), Timeline::outcomeKey(s.outcome)},
                                                     {QStringLiteral("details"), t.details}}}});
        }
        for (const TimelineMark &m : t.marks) {
            events.append(QJsonObject{
                {QStringLiteral("name"), m.label.isEmpty() ? Timeline::markName(m.kind)
                                                            : Timeline::markName(m.kind) + QStringLiteral(": ") + m.label},
                {QStringLiteral("cat"), t.group},
                {QStringLiteral("ph"), QStringLiteral("i")},
                {QStringLiteral("s"), QStringLiteral("t")},
                {QStringLiteral("ts"), double(m.atUs - origin)},
                {QStringLiteral("pid"), pid + 1},
                {QStringLiteral("tid"), tid + 1}});
        }
    }
    return QJsonObject{{QStringLiteral("traceEvents"), events},
                       {QStringLiteral("displayTimeUnit"), QStringLiteral("ms")},
                       {QStringLiteral("otherData"),
                        QJsonObject{{QStringLiteral("producer"), QStringLiteral("Runboard")},
                                    {QStringLiteral("originEpochUs"), double(origin)}}}};
}

QByteArray toBytes(const QList<TimelineTrack> &tracks, qint64 nowUs)
{
    return QJsonDocument(toJson(tracks, nowUs)).toJson(QJsonDocument::Indented);
}

QString writeFile(const QString &path, const QList<TimelineTrack> &tracks, qint64 nowUs)
{
    return writeBytes(path, toBytes(tracks, nowUs));
}

} // namespace TraceExport

namespace TimelineSvg {

QByteArray toSvg(const QList<TimelineTrack> &tracks, qint64 nowUs, int width)
{
    constexpr int RowH = 22, LabelW = 260, Top = 24, Pad = 8;
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const QPair<qint64, qint64> range = Timeline::span(tracks, nowUs);
    const qint64 lo = range.first;
    const qint64 hi = range.second;
    const double spanUs = std::max<qint64>(1, hi - lo);
    const int plotW = std::max(100, width - LabelW - 2 * Pad);
    const int height = Top + int(tracks.size()) * RowH + Pad;
    auto x = [&](qint64 us) { return LabelW + Pad + double(us - lo) / spanUs * plotW; };
    QString svg = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\" height=\"%2\" "
                                 "font-family=\"sans-serif\" font-size=\"12\">\n"
                                 "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                      .arg(width)
                      .arg(height);
    svg += QStringLiteral("<text x=\"%1\" y=\"16\" fill=\"#444\">0 ms</text>\n"
                          "<text x=\"%2\" y=\"16\" text-anchor=\"end\" fill=\"#444\">%3 ms</text>\n")
               .arg(LabelW + Pad)
               .arg(width - Pad)
               .arg(QString::number(double(hi - lo) / 1000.0, 'f', 1));
    for (int i = 0; i < tracks.size(); ++i) {
        const TimelineTrack &t = tracks.at(i);
        const int y = Top + i * RowH;
        if (i % 2)
            svg += QStringLiteral("<rect x=\"0\" y=\"%1\" width=\"%2\" height=\"%3\" fill=\"#f3f4f6\"/>\n")
                       .arg(y).arg(width).arg(RowH);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" fill=\"#111\">%3</text>\n")
                   .arg(Pad).arg(y + 15).arg(xmlEscaped(t.name.left(40)));
        for (const TimelineSegment &s : t.segments) {
            const double x0 = x(s.startUs), x1 = x(s.endUs < 0 ? nowUs : s.endUs);
            svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"2\" fill=\"%5\">"
                                  "<title>%6</title></rect>\n")
                       .arg(x0, 0, 'f', 1).arg(y + 4).arg(std::max(1.0, x1 - x0), 0, 'f', 1)
                       .arg(RowH - 8).arg(colourOf(s.outcome))
                       .arg(xmlEscaped(s.label.isEmpty() ? t.details : s.label));
        }
        for (const TimelineMark &m : t.marks) {
            const double mx = x(m.atUs);
            svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\" stroke=\"#111\" "
                                  "stroke-width=\"1.5\"><title>%4</title></line>\n")
                       .arg(mx, 0, 'f', 1).arg(y + 2).arg(y + RowH - 2)
                       .arg(xmlEscaped(Timeline::markName(m.kind) + QLatin1Char(' ') + m.label));
        }
    }
    svg += QStringLiteral("</svg>\n");
    return svg.toUtf8();
}

QString writeFile(const QString &path, const QList<TimelineTrack> &tracks, qint64 nowUs)
{
    return writeBytes(path, toSvg(tracks, nowUs));
}

} // namespace TimelineSvg

namespace TimelineText {

QStringList render(const QList<TimelineTrack> &tracks, qint64 nowUs, int columns)
{
    QStringList out;
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const QPair<qint64, qint64> range = Timeline::span(tracks, nowUs);
    const qint64 lo = range.first;
    const qint64 hi = range.second;
    const double spanUs = std::max<qint64>(1, hi - lo);
    int nameW = 8;
    for (const TimelineTrack &t : tracks)
        nameW = std::max(nameW, int(std::min<qsizetype>(36, t.name.size())));
    out << QStringLiteral("%1 0 ms%2%3 ms")
               .arg(QString(nameW, QLatin1Char(' ')))
               .arg(QString(std::max(1, columns - 8), QLatin1Char(' ')))
               .arg(QString::number(double(hi - lo) / 1000.0, 'f', 0));
    auto col = [&](qint64 us) {
        return std::clamp(int(double(us - lo) / spanUs * (columns - 1) + 0.5), 0, columns - 1);
    };
    for (const TimelineTrack &t : tracks) {
        QString bar(columns, QLatin1Char(' '));
        for (const TimelineSegment &s : t.segments) {
            const int a = col(s.startUs), b = col(s.endUs < 0 ? nowUs : s.endUs);
            for (int c = a; c <= b; ++c)
                bar[c] = QLatin1Char('=');
            const char end = s.outcome == TimelineOutcome::Ok         ? '#'
                             : s.outcome == TimelineOutcome::Running  ? '>'
                             : s.outcome == TimelineOutcome::TimedOut ? 'T'
                             : s.outcome == TimelineOutcome::Stopped  ? 'S'
                                                                      : 'X';
            bar[b] = QLatin1Char(end);
        }
        for (const TimelineMark &m : t.marks) {
            if (m.kind == TimelineMark::Kind::Line || m.kind == TimelineMark::Kind::FirstOutput
                || m.kind == TimelineMark::Kind::Signal)
                bar[col(m.atUs)] = m.kind == TimelineMark::Kind::Signal ? QLatin1Char('!')
                                                                         : QLatin1Char('|');
        }
        const qint64 dur = t.endUs(nowUs) - t.startUs();
        out << QStringLiteral("%1 %2 %3 ms")
                   .arg(t.name.left(36), -nameW)
                   .arg(bar)
                   .arg(QString::number(double(dur) / 1000.0, 'f', 0));
    }
    out << QCoreApplication::translate("TimelineText",
                                       "(= running, | output line, ! signal sent; ends: # ok, X failed, "
                                       "T timed out, S stopped, > still running)");
    return out;
}

} // namespace TimelineText
