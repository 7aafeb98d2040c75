#pragma once

#include <QIcon>
#include <QString>

// Runboard's own icons (resources/icons, embedded under :/icons). Actions ask the desktop's
// icon theme first (QIcon::fromTheme) and fall back to ours, so the toolbar looks native where
// a theme has the icon and still has one everywhere else (Windows, macOS, offscreen).
namespace Icons {

enum class Action { New, Start, Stop, Kill, Pause, Restart };

// The application icon, rendered from the SVG master at every size a window or dialog asks for.
QIcon application();

// The freedesktop icon-naming-spec name the theme is asked for ("media-playback-start").
QString themeName(Action action);
// The resource path of our own SVG for the action (":/icons/actions/start.svg").
QString resourcePath(Action action);
// QIcon::fromTheme(themeName(action), our own icon).
QIcon action(Action action);

// An icon drawn from an SVG file or resource at the usual sizes; a null icon when the SVG does
// not exist or cannot be parsed.
QIcon fromSvg(const QString &path);

} // namespace Icons
