#include "ResponsivenessMeter.h"

#include "Theme.h"

namespace {
constexpr int BeatMs = 16;
}

ResponsivenessMeter::ResponsivenessMeter(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("responsivenessMeter"));
    setAccessibleName(tr("Window responsiveness"));
    setToolTip(tr("The longest the window went without reacting during the last second. "
                  "Under 16 ms is smooth."));
    m_beat.setTimerType(Qt::PreciseTimer);
    m_beat.setInterval(BeatMs);
    connect(&m_beat, &QTimer::timeout, this, &ResponsivenessMeter::tick);
    setText(tr("Window: idle"));
}

void ResponsivenessMeter::setActive(bool active)
{
    if (active == m_beat.isActive())
        return;
    if (active) {
        m_sinceTick.start();
        m_window.start();
        m_maxGapNs = 0;
        m_beat.start();
        setText(tr("Window: measuring…"));
    } else {
        m_beat.stop();
        setText(tr("Window: idle (last gap %1 ms)").arg(m_shownGapMs, 0, 'f', 0));
    }
}

void ResponsivenessMeter::tick()
{
    // How much later than due this tick came is how long the event loop was busy.
    const qint64 gap = std::max<qint64>(0, m_sinceTick.nsecsElapsed() - qint64(BeatMs) * 1000000);
    m_sinceTick.restart();
    m_maxGapNs = std::max(m_maxGapNs, gap);
    if (m_window.elapsed() >= 1000) {
        m_shownGapMs = m_maxGapNs / 1e6;
        m_overallMaxGapMs = std::max(m_overallMaxGapMs, m_shownGapMs);
        m_maxGapNs = 0;
        m_window.restart();
        setText(tr("Window: max gap %1 ms").arg(m_shownGapMs, 0, 'f', 0));
        setStyleSheet(m_shownGapMs > 16 ? QStringLiteral("color: %1").arg(Theme::errorText(palette()).name())
                                        : QString());
    }
}
