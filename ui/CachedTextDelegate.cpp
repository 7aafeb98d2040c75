#include "CachedTextDelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

namespace {
QStaticText prepared(const QString &text, const QFont &font)
{
    QStaticText st(text);
    st.setTextFormat(Qt::PlainText);
    st.prepare(QTransform(), font);
    return st;
}
} // namespace

const QStaticText *CachedTextDelegate::laidOut(const QStyleOptionViewItem &opt, int width) const
{
    if (opt.font != m_font || opt.font.resolveMask() != m_font.resolveMask()) {
        m_texts.clear();
        m_elided.clear();
        m_font = opt.font;
    }
    if (m_texts.size() + m_elided.size() >= MaxCachedTexts) {
        m_texts.clear(); // elapsed times and byte counts keep changing: start over
        m_elided.clear();
    }
    auto it = m_texts.find(opt.text);
    if (it == m_texts.end())
        it = m_texts.insert(opt.text, prepared(opt.text, opt.font));
    if (it->size().width() <= width)
        return &*it;
    // Too wide: elided as the style elides one line, and kept for this width.
    if (opt.textElideMode == Qt::ElideNone)
        return nullptr;
    const std::pair<QString, int> key{opt.text, width * 4 + int(opt.textElideMode)};
    auto e = m_elided.find(key);
    if (e == m_elided.end()) {
        const QString elided = QFontMetrics(opt.font).elidedText(opt.text, opt.textElideMode, width);
        e = m_elided.insert(key, prepared(elided, opt.font));
    }
    return &*e;
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QString text = opt.text;
    // Only under Fusion (Qt's own style, the default on Linux), whose drawing the tests compare
    // pixel for pixel; another style may place or colour item text its own way.
    const bool plain = style->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) == 0
                       && !(opt.features & (QStyleOptionViewItem::HasDecoration
                                         | QStyleOptionViewItem::HasCheckIndicator
                                         | QStyleOptionViewItem::WrapText))
                       && opt.direction == Qt::LeftToRight
                       && !(opt.state & QStyle::State_Editing)
                       && !text.contains(QLatin1Char('\n')) && !text.contains(QChar::LineSeparator);
    // The text's room, as QCommonStyle gives it: the cell less the focus frame's margin.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect room = opt.rect.adjusted(margin, 0, -margin, 0);
    const QStaticText *st = plain && !text.isEmpty() ? laidOut(opt, room.width()) : nullptr;
    if (!plain || (!st && !text.isEmpty())) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    // Background and selection by the style, with no text to lay out; then the text; then the
    // focus frame, in the style's own order (Fusion's frame is translucent over the text).
    QStyleOptionViewItem bare = opt;
    bare.text.clear();
    bare.features &= ~QStyleOptionViewItem::HasDisplay;
    bare.state &= ~QStyle::State_HasFocus;
    style->drawControl(QStyle::CE_ItemViewItem, &bare, painter, widget);
    if (st) {
        QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        if (group == QPalette::Normal && !(opt.state & QStyle::State_Active))
            group = QPalette::Inactive;
        // Placed as QTextLayout places one line: across by the alignment within the room, and
        // down by the line's height rounded, as the style does.
        const QSizeF size = st->size();
        const Qt::Alignment align = QStyle::visualAlignment(opt.direction, opt.displayAlignment);
        qreal x = room.x();
        if (align & Qt::AlignRight)
            x += room.width() - size.width();
        else if (align & Qt::AlignHCenter)
            x += (room.width() - size.width()) / 2;
        const QRect down = QStyle::alignedRect(opt.direction, align & Qt::AlignVertical_Mask,
                                               size.toSize(), room);
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                      : QPalette::Text));
        painter->drawStaticText(QPointF(x, down.top()), *st);
        painter->restore();
    }
    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.rect = style->subElementRect(QStyle::SE_ItemViewItemFocusRect, &opt, widget);
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        focus.backgroundColor = opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::Highlight
                                                                                              : QPalette::Window);
        painter->save();
        painter->setClipRect(opt.rect);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
        painter->restore();
    }
}
