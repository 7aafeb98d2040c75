#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QScrollArea;
class QToolButton;
class TimelineCanvas;
class TimelineModel;

// The timeline of everything that runs: one row per child, pipeline stage and fetch worker
// thread; bars from start to end coloured by outcome; marks for first output, stdin closed,
// each signal, exit (and, where recorded, each line's arrival). Live while things run; Ctrl+
// wheel or the buttons zoom, dragging pans, "Follow" keeps now in view; hovering shows
// details. Exports PNG, SVG and Trace Event Format JSON (Perfetto, chrome://tracing).
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setModel(TimelineModel *model);
    TimelineModel *model() const;
    TimelineCanvas *canvas() const { return m_canvas; }
    // The rows drawn into an image of the given width (tests, PNG export).
    QImage renderImage(int width) const;
    // Each returns an error message, or an empty string.
    QString exportPng(const QString &path) const;
    QString exportSvg(const QString &path) const;
    QString exportTrace(const QString &path) const;

private:
    void chooseExport();

    TimelineCanvas *m_canvas;
    QScrollArea *m_scroll;
    QCheckBox *m_follow;
};

// The drawing itself (inside the view's scroll area).
class TimelineCanvas final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineCanvas)
public:
    static constexpr int RowHeight = 22;
    static constexpr int LabelWidth = 220;
    static constexpr int AxisHeight = 20;

    explicit TimelineCanvas(QWidget *parent = nullptr);
    void setModel(TimelineModel *model);
    TimelineModel *model() const { return m_model; }

    // Microseconds per pixel; the view fits everything when nothing was chosen.
    void zoomBy(double factor);
    void fit();
    void setFollow(bool on);
    bool follow() const { return m_follow; }
    double usPerPixel() const { return m_usPerPx; }
    void paintRows(QPainter &p, const QRect &area, int width) const;
    QSize sizeHint() const override;
    QString toolTipAt(const QPoint &pos) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void onRowsChanged();
    void tick();
    qint64 xToUs(double x) const;
    double usToX(qint64 us) const;

    QPointer<TimelineModel> m_model;
    QTimer m_liveTimer; // repaints running bars a few times a second
    qint64 m_viewStartUs = 0;
    double m_usPerPx = 0; // 0: fit
    bool m_follow = true;
    QPoint m_dragFrom;
    qint64 m_dragStartUs = 0;
};
