#pragma once

#include <QStyledItemDelegate>

// The CPU column: the last figure, and a sparkline of the last minute behind it.
class CpuDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};
