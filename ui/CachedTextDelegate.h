#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

// A QStyledItemDelegate that keeps each cell's laid-out text (QStaticText) for the next paint.
// The style's own item drawing lays out and shapes a cell's text three times on every paint;
// a board of 1,000 running children repaints its visible rows twice a second, and that text
// layout was most of a 4-5 ms paint. The style still draws the background, selection and
// focus; only plain one-line text that fits its cell comes from the cache, under the Fusion
// style (tst_cachedtextdelegate compares the pixels with QStyledItemDelegate's). Anything else
// (another style, an icon, a check box, a line break, right-to-left text, text that must be
// elided) is drawn by QStyledItemDelegate as before.
class CachedTextDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // Laid-out texts kept (tests).
    qsizetype cachedTexts() const { return m_texts.size(); }
    static constexpr qsizetype MaxCachedTexts = 4096;

private:
    const QStaticText &laidOut(const QString &text, const QFont &font) const;

    mutable QHash<QString, QStaticText> m_texts;
    mutable QFont m_font;
};
