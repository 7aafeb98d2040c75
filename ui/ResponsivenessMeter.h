#pragma once

#include <QElapsedTimer>
#include <QLabel>
#include <QTimer>

// Shows how responsive the window is: the largest event-loop gap of the last second, measured
// by a frame-rate heartbeat. It runs only while there is work (children or fetches running),
// so an idle Runboard has no timer firing at all.
class ResponsivenessMeter final : public QLabel
{
    Q_OBJECT
public:
    explicit ResponsivenessMeter(QWidget *parent = nullptr);
    void setActive(bool active);
    bool isActive() const { return m_beat.isActive(); }
    double lastSecondMaxGapMs() const { return m_shownGapMs; }
    double overallMaxGapMs() const { return m_overallMaxGapMs; }

private:
    void tick();
    QTimer m_beat;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_window;
    qint64 m_maxGapNs = 0;
    double m_shownGapMs = 0;
    double m_overallMaxGapMs = 0;
};
