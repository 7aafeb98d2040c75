#pragma once

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

// A QStyledItemDelegate that keeps each cell's laid-out text (QStaticText) for the next paint.
// The style's own item drawing lays out and shapes a cell's text three times on every paint;
// a board of 1,000 running children repaints its visible rows twice a second, and that text
// layout was most of a 4-5 ms paint. The style still draws the background, selection and
// focus; plain one-line text comes from the cache, whole or elided to its cell's width, under
// the Fusion style (tst_cachedtextdelegate compares the pixels with QStyledItemDelegate's).
// Anything else (another style, an icon, a check box, a line break, right-to-left text) is
// drawn by QStyledItemDelegate as before.
class CachedTextDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // Laid-out texts kept, whole and elided (tests).
    qsizetype cachedTexts() const { return m_texts.size() + m_elided.size(); }
    static constexpr qsizetype MaxCachedTexts = 4096;

private:
    // The option's text laid out whole, or elided to width when it does not fit; null when
    // it does not fit and must not be elided.
    const QStaticText *laidOut(const QStyleOptionViewItem &opt, int width) const;

    mutable QHash<QString, QStaticText> m_texts;
    mutable QHash<std::pair<QString, int>, QStaticText> m_elided; // (text, width and mode)
    mutable QFont m_font;
};
