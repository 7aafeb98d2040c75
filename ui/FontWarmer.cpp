#include "FontWarmer.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QThread>

FontWarmer::FontWarmer(QObject *parent) : QObject(parent) {}

FontWarmer::~FontWarmer()
{
    if (m_thread)
        m_thread->wait(); // a window closed at once: the drawing is short
}

QString FontWarmer::sampleText()
{
    QString text;
    for (char16_t c = 0x20; c < 0x7f; ++c)
        text += QChar(c);
    text += QStringLiteral("\u2026\u2014\u00b7\u00d7\u25a0\u25b8\u2192\u00b5\u2714\u2718\u2022");
    return text;
}

void FontWarmer::drawSamples(const QList<QFont> &fonts)
{
    const QString text = sampleText();
    // Opaque (a window's backing store) and with alpha: Qt keeps glyph images per format.
    for (const QImage::Format format : {QImage::Format_RGB32, QImage::Format_ARGB32_Premultiplied}) {
        for (const QFont &font : fonts) {
            const QFontMetrics fm(font);
            QImage image(fm.horizontalAdvance(text) + 8, fm.height() + 4, format);
            image.fill(Qt::white);
            QPainter p(&image);
            p.setFont(font);
            p.setPen(Qt::black);
            p.drawText(4, 2 + fm.ascent(), text);
        }
    }
}

void FontWarmer::warm(const QList<QFont> &fonts)
{
    if (m_started)
        return;
    m_started = true;
    m_fonts = fonts;
    // Described, not copied: copies of a QFont share data that each thread fills in with its
    // own engines.
    QStringList described;
    for (const QFont &font : fonts)
        described << font.toString();
    // A thread of its own, which ends when done: a pool thread would keep its font engines (and
    // Qt's per-thread font cache) until after QApplication is gone.
    m_thread.reset(QThread::create([described] {
        QList<QFont> own;
        for (const QString &d : described) {
            QFont font;
            if (font.fromString(d))
                own << font;
        }
        drawSamples(own);
    }));
    m_thread->setObjectName(QStringLiteral("FontWarmer"));
    connect(m_thread.get(), &QThread::finished, this, [this] {
        m_thread->wait(); // finished() comes just before the thread's very end
        m_thread.reset();
        // From memory now. Through the kept fonts themselves (QFontMetrics shares their
        // data), so that each holds the engine it loaded.
        for (const QFont &font : std::as_const(m_fonts))
            QFontMetrics(font).horizontalAdvance(sampleText());
        drawSamples(m_fonts);
        m_warm = true;
        Q_EMIT warmed();
    });
    m_thread->start();
}
