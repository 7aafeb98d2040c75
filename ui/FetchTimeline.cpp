#include "FetchTimeline.h"

#include "Theme.h"

#include <QPainter>
#include <QTimer>

FetchTimeline::FetchTimeline(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("fetchTimeline"));
    setAccessibleName(tr("Timeline of the fetches, one row per slot (request in flight)"));
    setMinimumHeight(120);
}

void FetchTimeline::setSeries(const QList<Series> &series)
{
    m_series = series;
    update();
}

void FetchTimeline::addResults(const QList<FetchResult> &results, qint64 wallMs)
{
    if (m_series.isEmpty())
        m_series.append(Series{});
    m_series.last().results.append(results);
    m_series.last().wallMs = std::max(m_series.last().wallMs, wallMs);
    scheduleUpdate();
}

void FetchTimeline::scheduleUpdate()
{
    if (m_updatePending)
        return;
    m_updatePending = true;
    QTimer::singleShot(16, this, [this] {
        m_updatePending = false;
        update();
    });
}

void FetchTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    if (m_series.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter,
                   tr("Each fetch appears here as a bar on its slot's row."));
        return;
    }
    qint64 span = 1;
    for (const Series &s : m_series) {
        span = std::max(span, s.wallMs);
        for (const FetchResult &r : s.results)
            span = std::max(span, r.startMs + std::max<qint64>(r.totalMs, 0));
    }
    const int left = 60, right = 10, titleH = fontMetrics().height() + 2;
    const int axisH = fontMetrics().height() + 4;
    const int usableH = height() - axisH;
    const int perSeries = usableH / int(m_series.size());
    const double xScale = double(width() - left - right) / double(span);
    const QColor okColor = Theme::okText(pal);
    const QColor failColor = Theme::errorText(pal);
    for (int si = 0; si < m_series.size(); ++si) {
        const Series &s = m_series.at(si);
        const int top = si * perSeries;
        int workers = 0;
        for (const FetchResult &r : s.results)
            workers = std::max(workers, r.worker + 1);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(4, top, width() - 8, titleH), Qt::AlignLeft | Qt::AlignVCenter,
                   s.title.isEmpty() ? tr("%1 fetches").arg(s.results.size())
                                     : tr("%1 — wall %2 ms").arg(s.title).arg(s.wallMs));
        if (workers == 0)
            continue;
        const double rowH = double(perSeries - titleH - 2) / workers;
        for (int w = 0; w < workers && rowH >= 10; ++w) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(0, int(top + titleH + w * rowH), left - 4, int(rowH)),
                       Qt::AlignRight | Qt::AlignVCenter, tr("thread %1").arg(w + 1));
        }
        for (const FetchResult &r : s.results) {
            if (r.worker < 0 || r.totalMs < 0)
                continue;
            const double x = left + r.startMs * xScale;
            // One pixel of air between bars, so back-to-back fetches stay countable.
            const double w = std::max(1.0, r.totalMs * xScale - (r.totalMs * xScale > 3 ? 1 : 0));
            const double y = top + titleH + r.worker * rowH;
            // Colour and shape: a failed fetch is red and hatched, not only red.
            const QRectF bar(x, y + rowH * 0.1, w, std::max(1.0, rowH * 0.8));
            p.fillRect(bar, r.ok() ? okColor : failColor);
            if (!r.ok() && bar.height() >= 4)
                p.fillRect(bar, QBrush(pal.color(QPalette::Base), Qt::BDiagPattern));
        }
    }
    // Time axis.
    p.setPen(pal.color(QPalette::Text));
    const int axisY = height() - axisH;
    p.drawLine(left, axisY, width() - right, axisY);
    const qint64 step = span <= 200 ? 50 : span <= 1000 ? 200 : span <= 5000 ? 1000 : 5000;
    for (qint64 t = 0; t <= span; t += step) {
        const int x = left + int(t * xScale);
        p.drawLine(x, axisY, x, axisY + 3);
        p.drawText(QRect(x - 40, axisY + 2, 80, axisH), Qt::AlignHCenter | Qt::AlignTop,
                   tr("%1 ms").arg(t));
    }
}
