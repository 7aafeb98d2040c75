#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

// Light, dark or the system's palette, and the few colours of our own that must stay readable
// on either (errors, success, fields with a problem). Everything else takes the palette's.
namespace Theme {

enum class Mode { System, Light, Dark };

// Applies a palette to the application (Fusion style for Light and Dark, so that the palette
// is honoured everywhere) and remembers the choice in the settings.
void apply(Mode mode);
Mode current();
Mode saved(); // from the settings; System when none
QString name(Mode mode);

bool isDark(const QPalette &palette);
QColor errorText(const QPalette &palette);
QColor errorBackground(const QPalette &palette);
QColor okText(const QPalette &palette);
// A style sheet fragment for a field with a problem, readable in both palettes.
QString problemFieldStyle(const QPalette &palette);
// `colour` made readable on `background` (ANSI black on a dark view, white on a light one).
QColor readableOn(const QColor &colour, const QColor &background);

} // namespace Theme
