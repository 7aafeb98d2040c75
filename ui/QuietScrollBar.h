#pragma once

#include <QRect>
#include <QScrollBar>

// A scroll bar that repaints when what it shows changes, not whenever its range or value does.
// A log growing by thousands of lines a second changed the output view's range every frame,
// and each change repainted the scroll bar, although its handle had long reached its smallest
// size at the bottom. Under load that paint was the window's costliest: Qt 6.4's raster engine
// splits each of Fusion's gradient fills and lines over a scroll bar's height across the global
// thread pool and waits for it; a `perf` trace of the GUI thread's switches at the start of a
// chatty board run caught about 40 such waits in one scroll bar paint.
class QuietScrollBar final : public QScrollBar
{
    Q_OBJECT
public:
    explicit QuietScrollBar(Qt::Orientation orientation, QWidget *parent = nullptr);

protected:
    void sliderChange(SliderChange change) override;
    void paintEvent(QPaintEvent *event) override;

private:
    // What a range or value change can alter in the drawing.
    struct Look
    {
        QRect handle;
        bool scrollable = false;
        bool atStart = false;
        bool atEnd = false;
        bool operator==(const Look &o) const
        {
            return handle == o.handle && scrollable == o.scrollable && atStart == o.atStart && atEnd == o.atEnd;
        }
        bool operator!=(const Look &o) const { return !(*this == o); }
    };
    Look look() const;
    void repaintIfChanged();

    Look m_painted;
    bool m_hasPainted = false;
    bool m_checkQueued = false;
};
