#include "CpuDelegate.h"

#include "process/ProcessListModel.h"

#include <QPainter>

void CpuDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                        const QModelIndex &index) const
{
    CachedTextDelegate::paint(painter, option, index);
    const QVariantList history = index.data(ProcessListModel::HistoryRole).toList();
    if (history.size() < 2)
        return;
    double top = 100;
    for (const QVariant &v : history)
        top = std::max(top, v.toDouble());
    const QRect r = option.rect.adjusted(option.rect.width() / 2, 3, -3, -3);
    QPolygonF line;
    for (int i = 0; i < history.size(); ++i) {
        const double x = r.left() + r.width() * double(i) / (history.size() - 1);
        const double y = r.bottom() - r.height() * history.at(i).toDouble() / top;
        line << QPointF(x, y);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? option.palette.highlightedText().color()
                                  : option.palette.color(QPalette::Link), 1.2));
    painter->drawPolyline(line);
    painter->restore();
}
