#pragma once

#include "CachedTextDelegate.h"

// The CPU column: the last figure, and a sparkline of the last minute behind it.
class CpuDelegate final : public CachedTextDelegate
{
public:
    using CachedTextDelegate::CachedTextDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};
