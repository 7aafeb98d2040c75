#include "TimelineView.h"

#include "timeline/TimelineModel.h"
#include "timeline/TimelineRecorder.h"
#include "timeline/TraceExport.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace {

QColor colourOf(TimelineOutcome o)
{
    switch (o) {
    case TimelineOutcome::Running: return QColor(59, 130, 246);
    case TimelineOutcome::Ok: return QColor(22, 163, 74);
    case TimelineOutcome::Failed: return QColor(220, 38, 38);
    case TimelineOutcome::TimedOut: return QColor(234, 88, 12);
    case TimelineOutcome::Stopped: return QColor(107, 114, 128);
    }
    return Qt::gray;
}

QList<TimelineTrack> tracksOf(const TimelineModel *model)
{
    return model && model->recorder() ? model->recorder()->tracks() : QList<TimelineTrack>{};
}

} // namespace

TimelineCanvas::TimelineCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineCanvas"));
    setAccessibleName(tr("Timeline"));
    setMouseTracking(true);
    m_liveTimer.setInterval(100);
    connect(&m_liveTimer, &QTimer::timeout, this, &TimelineCanvas::tick);
}

void TimelineCanvas::setModel(TimelineModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &TimelineCanvas::onRowsChanged);
        connect(model, &QAbstractItemModel::modelReset, this, &TimelineCanvas::onRowsChanged);
        connect(model, &QAbstractItemModel::dataChanged, this, [this] { update(); });
    }
    onRowsChanged();
}

void TimelineCanvas::onRowsChanged()
{
    updateGeometry();
    const int rows = m_model ? m_model->rowCount() : 0;
    setMinimumHeight(AxisHeight + rows * RowHeight + 4);
    if (rows > 0 && !m_liveTimer.isActive())
        m_liveTimer.start();
    update();
}

void TimelineCanvas::tick()
{
    // Only while something runs: an idle timeline costs nothing.
    bool running = false;
    if (m_model) {
        for (int i = 0; i < m_model->rowCount() && !running; ++i)
            running = m_model->track(i).running();
    }
    if (running)
        update();
}

QSize TimelineCanvas::sizeHint() const
{
    return {800, AxisHeight + (m_model ? m_model->rowCount() : 0) * RowHeight + 4};
}

void TimelineCanvas::zoomBy(double factor)
{
    if (m_usPerPx <= 0) {
        const auto [lo, hi] = Timeline::span(tracksOf(m_model), Timeline::nowUs());
        m_viewStartUs = lo;
        m_usPerPx = std::max(1.0, double(hi - lo) / std::max(50, width() - LabelWidth - 8));
    }
    m_usPerPx = std::clamp(m_usPerPx * factor, 1.0, 3600e6);
    update();
}

void TimelineCanvas::fit()
{
    m_usPerPx = 0;
    update();
}

void TimelineCanvas::setFollow(bool on)
{
    m_follow = on;
    update();
}

qint64 TimelineCanvas::xToUs(double x) const
{
    return m_viewStartUs + qint64((x - LabelWidth) * m_usPerPx);
}

double TimelineCanvas::usToX(qint64 us) const
{
    return LabelWidth + double(us - m_viewStartUs) / std::max(m_usPerPx, 1e-9);
}

void TimelineCanvas::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    paintRows(p, event->rect(), width());
}

void TimelineCanvas::paintRows(QPainter &p, const QRect &area, int width) const
{
    auto *self = const_cast<TimelineCanvas *>(this);
    const QPalette &pal = palette();
    p.fillRect(area, pal.color(QPalette::Base));
    const int rows = m_model ? m_model->rowCount() : 0;
    const qint64 now = Timeline::nowUs();
    const int plotW = std::max(50, width - LabelWidth - 8);
    // The scale: fit everything, or the chosen zoom (with now kept in view when following).
    if (rows > 0) {
        QList<TimelineTrack> all;
        all.reserve(rows);
        for (int i = 0; i < rows; ++i)
            all << m_model->track(i);
        const auto [lo, hi] = Timeline::span(all, now);
        if (m_usPerPx <= 0) {
            self->m_viewStartUs = lo;
            self->m_usPerPx = 0;
        } else if (m_follow && hi > xToUs(LabelWidth + plotW)) {
            self->m_viewStartUs = hi - qint64(plotW * 0.9 * m_usPerPx);
        }
        const double fitScale = std::max(1.0, double(hi - lo) / plotW);
        const double scale = m_usPerPx > 0 ? m_usPerPx : fitScale;
        const double saved = m_usPerPx;
        self->m_usPerPx = scale;
        // Axis: ticks at a round step.
        p.setPen(pal.color(QPalette::PlaceholderText));
        const double spanMs = plotW * scale / 1000.0;
        double step = 1;
        while (spanMs / step > 8)
            step *= (QString::number(step).startsWith(QLatin1Char('2')) ? 2.5 : 2);
        const double firstMs = std::ceil(double(m_viewStartUs - lo) / 1000.0 / step) * step;
        for (double ms = firstMs; ms <= double(m_viewStartUs - lo) / 1000.0 + spanMs; ms += step) {
            const double x = usToX(lo + qint64(ms * 1000));
            p.drawLine(QPointF(x, AxisHeight - 4), QPointF(x, AxisHeight + rows * RowHeight));
            p.drawText(QPointF(x + 2, AxisHeight - 6),
                       ms >= 1000 ? tr("%1 s").arg(ms / 1000.0) : tr("%1 ms").arg(ms));
        }
        const int firstRow = std::max(0, (area.top() - AxisHeight) / RowHeight);
        const int lastRow = std::min(rows - 1, (area.bottom() - AxisHeight) / RowHeight);
        for (int i = firstRow; i <= lastRow; ++i) {
            const TimelineTrack &t = m_model->track(i);
            const int y = AxisHeight + i * RowHeight;
            if (i % 2)
                p.fillRect(QRect(0, y, width, RowHeight), pal.color(QPalette::AlternateBase));
            p.save();
            p.setClipRect(QRect(LabelWidth, y, width - LabelWidth, RowHeight));
            for (const TimelineSegment &s : t.segments) {
                const double x0 = usToX(s.startUs);
                const double x1 = usToX(s.endUs < 0 ? now : s.endUs);
                p.fillRect(QRectF(x0, y + 4, std::max(2.0, x1 - x0), RowHeight - 8), colourOf(s.outcome));
            }
            for (const TimelineMark &m : t.marks) {
                const double x = usToX(m.atUs);
                QColor c = pal.color(QPalette::Text);
                if (m.kind == TimelineMark::Kind::Signal)
                    c = QColor(234, 88, 12);
                else if (m.kind == TimelineMark::Kind::StdinClosed)
                    c = QColor(147, 51, 234);
                p.setPen(QPen(c, m.kind == TimelineMark::Kind::Line ? 1 : 2));
                const int inset = m.kind == TimelineMark::Kind::Line ? 6 : 1;
                p.drawLine(QPointF(x, y + inset), QPointF(x, y + RowHeight - inset));
            }
            p.restore();
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QRect(4, y, LabelWidth - 8, RowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(t.name, Qt::ElideMiddle, LabelWidth - 8));
        }
        self->m_usPerPx = saved;
    } else {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(0, 0, width, std::max(area.bottom(), 60)), Qt::AlignCenter,
                   tr("Nothing has run yet. Start a process, a fetch or a demo: each gets a row."));
    }
}

void TimelineCanvas::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        event->ignore(); // the scroll area scrolls the rows
        return;
    }
    zoomBy(event->angleDelta().y() > 0 ? 0.8 : 1.25);
    event->accept();
}

void TimelineCanvas::mousePressEvent(QMouseEvent *event)
{
    m_dragFrom = event->pos();
    if (m_usPerPx <= 0)
        zoomBy(1.0); // from "fit" to a scale that can be panned
    m_dragStartUs = m_viewStartUs;
}

void TimelineCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    m_follow = false;
    m_viewStartUs = m_dragStartUs - qint64((event->pos().x() - m_dragFrom.x()) * m_usPerPx);
    update();
}

QString TimelineCanvas::toolTipAt(const QPoint &pos) const
{
    if (!m_model || pos.y() < AxisHeight)
        return {};
    const int row = (pos.y() - AxisHeight) / RowHeight;
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const TimelineTrack &t = m_model->track(row);
    QStringList lines{t.name, t.details};
    const qint64 now = Timeline::nowUs();
    lines << tr("%1 ms, %2").arg((t.endUs(now) - t.startUs()) / 1000).arg(Timeline::outcomeName(t.outcome()));
    int shown = 0;
    for (const TimelineMark &m : t.marks) {
        if (shown++ >= 12) {
            lines << tr("… %1 more marks").arg(t.marks.size() - 12);
            break;
        }
        lines << tr("%1 ms: %2 %3").arg((m.atUs - t.startUs()) / 1000).arg(Timeline::markName(m.kind), m.label);
    }
    return lines.join(QLatin1Char('\n'));
}

bool TimelineCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent), m_canvas(new TimelineCanvas), m_scroll(new QScrollArea),
      m_follow(new QCheckBox(tr("&Follow now")))
{
    setObjectName(QStringLiteral("timelineView"));
    auto *zoomIn = new QToolButton;
    zoomIn->setObjectName(QStringLiteral("timelineZoomIn"));
    zoomIn->setText(tr("Zoom In"));
    zoomIn->setToolTip(tr("Zoom in (Ctrl+wheel)"));
    auto *zoomOut = new QToolButton;
    zoomOut->setObjectName(QStringLiteral("timelineZoomOut"));
    zoomOut->setText(tr("Zoom Out"));
    zoomOut->setToolTip(tr("Zoom out (Ctrl+wheel)"));
    auto *fit = new QToolButton;
    fit->setObjectName(QStringLiteral("timelineFit"));
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show everything"));
    m_follow->setObjectName(QStringLiteral("timelineFollow"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the present moment in view while things run"));
    auto *exportButton = new QToolButton;
    exportButton->setObjectName(QStringLiteral("timelineExport"));
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save as PNG, SVG or Trace Event JSON (Perfetto, chrome://tracing)"));
    auto *legend = new QLabel(tr("<span style='color:#16a34a'>■</span> ok "
                                 "<span style='color:#dc2626'>■</span> failed "
                                 "<span style='color:#ea580c'>■</span> timed out "
                                 "<span style='color:#6b7280'>■</span> stopped "
                                 "<span style='color:#3b82f6'>■</span> running"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(zoomIn);
    bar->addWidget(zoomOut);
    bar->addWidget(fit);
    bar->addWidget(m_follow);
    bar->addStretch(1);
    bar->addWidget(legend);
    bar->addWidget(exportButton);
    m_scroll->setWidget(m_canvas);
    m_scroll->setAccessibleName(tr("Timeline rows"));
    m_scroll->setAccessibleDescription(tr("One row per process, stage or fetch slot, bars from "
                                          "start to end; hover for details"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_scroll, 1);
    connect(zoomIn, &QToolButton::clicked, m_canvas, [this] { m_canvas->zoomBy(0.5); });
    connect(zoomOut, &QToolButton::clicked, m_canvas, [this] { m_canvas->zoomBy(2.0); });
    connect(fit, &QToolButton::clicked, m_canvas, &TimelineCanvas::fit);
    connect(m_follow, &QCheckBox::toggled, m_canvas, &TimelineCanvas::setFollow);
    connect(exportButton, &QToolButton::clicked, this, &TimelineView::chooseExport);
}

void TimelineView::setModel(TimelineModel *model)
{
    m_canvas->setModel(model);
}

TimelineModel *TimelineView::model() const
{
    return m_canvas->model();
}

QImage TimelineView::renderImage(int width) const
{
    const int rows = model() ? model()->rowCount() : 0;
    const int height = std::max(60, TimelineCanvas::AxisHeight + rows * TimelineCanvas::RowHeight + 4);
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    m_canvas->paintRows(p, QRect(0, 0, width, height), width);
    return image;
}

QString TimelineView::exportPng(const QString &path) const
{
    if (!renderImage(std::max(800, m_canvas->width())).save(path, "PNG"))
        return tr("cannot write \"%1\"").arg(path);
    return {};
}

QString TimelineView::exportSvg(const QString &path) const
{
    return TimelineSvg::writeFile(path, tracksOf(model()), Timeline::nowUs());
}

QString TimelineView::exportTrace(const QString &path) const
{
    return TraceExport::writeFile(path, tracksOf(model()), Timeline::nowUs());
}

void TimelineView::chooseExport()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Timeline"), QStringLiteral("timeline.json"),
        tr("Trace Event JSON (*.json);;PNG image (*.png);;SVG drawing (*.svg)"), &selected);
    if (path.isEmpty())
        return;
    QString error;
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        error = exportPng(path);
    else if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        error = exportSvg(path);
    else
        error = exportTrace(path);
    if (!error.isEmpty())
        QToolTip::showText(mapToGlobal(QPoint(0, 0)), error, this);
}
