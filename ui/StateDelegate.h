#pragma once

#include "CachedTextDelegate.h"

// Draws a process's state with a symbol and a colour, so that state never rests on colour
// alone: ▶ running, ✔ exited 0, ✖ failed, ◔ timed out, ■ stopped, ⚠ failed to start, ‖ paused.
class StateDelegate final : public CachedTextDelegate
{
public:
    using CachedTextDelegate::CachedTextDelegate;
    static QString symbol(int state, bool paused, int exitStatus);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
