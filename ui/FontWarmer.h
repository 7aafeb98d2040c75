#pragma once

#include <QFont>
#include <QList>
#include <QObject>

#include <memory>

class QThread;

// Loads the faces and glyphs the window draws with when it opens, so that their first use in
// the middle of a run neither reads a font file nor shapes cold. The output view draws
// Runboard's own lines ("exited 0 after …") in italic and typed input in bold; the first such
// line of a process loaded the italic face there and then. In the chatty benchmark the GUI
// thread stood still for 380 and 397 ms, both times when the first board run's children ended,
// both times blocked rather than busy (the thread's own account), and the stack caught during
// one of them was HarfBuzz shaping → QFontEngineFT → FT_Load_Glyph under
// OutputView::paintEvent: a fault on the font file's pages, read from disk.
//
// A thread of its own draws the samples first, which brings the font files into the page cache
// without the GUI thread waiting on the disk; the GUI thread then draws them once (a few
// milliseconds, from memory), which loads its own font engines, glyph advances and glyph images.
// The fonts are kept, so that Qt's font cache keeps those engines while the window lives.
class FontWarmer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FontWarmer)
public:
    explicit FontWarmer(QObject *parent = nullptr);
    ~FontWarmer() override;

    // Starts warming `fonts`: in the background, then in this (the GUI) thread. warmed() when
    // both are done.
    void warm(const QList<QFont> &fonts);
    bool isWarm() const { return m_warm; }
    const QList<QFont> &fonts() const { return m_fonts; }

    // Printable ASCII and the symbols Runboard's own texts use (… — ■ ▸ → µ ✔ ✘ •).
    static QString sampleText();
    // Draws sampleText() in each font into small images of the formats a window paints into.
    static void drawSamples(const QList<QFont> &fonts);

Q_SIGNALS:
    void warmed();

private:
    std::unique_ptr<QThread> m_thread;
    QList<QFont> m_fonts;
    bool m_warm = false;
    bool m_started = false;
};
