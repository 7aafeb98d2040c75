#pragma once

#include <QRect>
#include <QScrollBar>

// A scroll bar that repaints when what it shows changes, not whenever its range or value does.
// A log growing by thousands of lines a second changed the output view's range every frame,
// and each change repainted the scroll bar, although its handle had long reached its smallest
// size at the bottom. Under load that paint was the window's costliest: Qt 6.4's raster engine
// splits each of Fusion's gradient fills and lines over a scroll bar's height across the global
// thread pool and waits for it; a `perf` trace of the GUI thread's switches at the start of a
// chatty board run caught about 40 such waits in one scroll bar paint. So a paint, when it
// comes, draws a tall vertical scroll bar in bands of BandLines: every fill stays on this
// thread. (Not a horizontal one: drawn in columns, three antialiased pixels of the handle's
// corners came out a few grey levels off.)
class QuietScrollBar final : public QScrollBar
{
    Q_OBJECT
public:
    explicit QuietScrollBar(Qt::Orientation orientation, QWidget *parent = nullptr);

    // Below this many scan lines a fill stays on the painting thread (Qt 6.4's raster engine
    // hands taller ones to its thread pool and waits); a tall scroll bar is drawn in bands.
    static constexpr int BandLines = 64;

protected:
    void sliderChange(SliderChange change) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

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

    bool paintInBands() const;

    Look m_painted;
    bool m_hasPainted = false;
    bool m_checkQueued = false;
    bool m_mousePressed = false;
};
