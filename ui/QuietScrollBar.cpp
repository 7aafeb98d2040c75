#include "QuietScrollBar.h"

#include <QStyle>
#include <QStyleOptionSlider>

QuietScrollBar::QuietScrollBar(Qt::Orientation orientation, QWidget *parent) : QScrollBar(orientation, parent) {}

QuietScrollBar::Look QuietScrollBar::look() const
{
    QStyleOptionSlider opt;
    initStyleOption(&opt);
    Look l;
    l.handle = style()->subControlRect(QStyle::CC_ScrollBar, &opt, QStyle::SC_ScrollBarSlider, this);
    l.scrollable = minimum() < maximum();
    l.atStart = value() <= minimum();
    l.atEnd = value() >= maximum();
    return l;
}

void QuietScrollBar::sliderChange(SliderChange change)
{
    if (change == SliderOrientationChange || !m_hasPainted || !isVisible()) {
        QScrollBar::sliderChange(change);
        return;
    }
    // Looked at once the changes of this turn are made: a view following its end sets the
    // range, then the value, and the state in between (not at the end) is never drawn.
    if (!m_checkQueued) {
        m_checkQueued = true;
        QMetaObject::invokeMethod(this, &QuietScrollBar::repaintIfChanged, Qt::QueuedConnection);
    }
}

void QuietScrollBar::repaintIfChanged()
{
    m_checkQueued = false;
    if (look() != m_painted)
        update();
}

void QuietScrollBar::paintEvent(QPaintEvent *event)
{
    m_painted = look();
    m_hasPainted = true;
    QScrollBar::paintEvent(event);
}
