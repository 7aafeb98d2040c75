#include "Theme.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>
#include <cmath>

namespace {
Theme::Mode g_mode = Theme::Mode::System;
QPalette g_systemPalette;
QString g_systemStyle;
bool g_captured = false;

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(130, 130, 130);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(40, 40, 43));
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 100, 100));
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::Highlight, QColor(38, 110, 200));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(70, 70, 74));
    p.setColor(QPalette::Midlight, QColor(60, 60, 64));
    p.setColor(QPalette::Mid, QColor(35, 35, 38));
    p.setColor(QPalette::Dark, QColor(25, 25, 27));
    p.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, r, disabled);
    return p;
}

double luminance(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}
} // namespace

namespace Theme {

void apply(Mode mode)
{
    if (!g_captured) {
        g_systemPalette = QApplication::palette();
        g_systemStyle = QApplication::style()->name();
        g_captured = true;
    }
    g_mode = mode;
    QSettings().setValue(QStringLiteral("view/theme"), int(mode));
    switch (mode) {
    case Mode::System:
        QApplication::setStyle(QStyleFactory::create(g_systemStyle));
        QApplication::setPalette(g_systemPalette);
        break;
    case Mode::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Mode::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

Mode current()
{
    return g_mode;
}

Mode saved()
{
    const int v = QSettings().value(QStringLiteral("view/theme"), 0).toInt();
    return v == int(Mode::Light) ? Mode::Light : v == int(Mode::Dark) ? Mode::Dark : Mode::System;
}

QString name(Mode mode)
{
    switch (mode) {
    case Mode::System: return QApplication::translate("Theme", "&System");
    case Mode::Light: return QApplication::translate("Theme", "&Light");
    case Mode::Dark: return QApplication::translate("Theme", "&Dark");
    }
    return {};
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor errorText(const QPalette &palette)
{
    return isDark(palette) ? QColor(255, 130, 120) : QColor(176, 32, 24);
}

QColor errorBackground(const QPalette &palette)
{
    return isDark(palette) ? QColor(90, 30, 30) : QColor(253, 236, 234);
}

QColor okText(const QPalette &palette)
{
    return isDark(palette) ? QColor(110, 220, 140) : QColor(20, 120, 60);
}

QString problemFieldStyle(const QPalette &palette)
{
    return QStringLiteral("border: 1px solid %1; background: %2; color: %3")
        .arg(errorText(palette).name(), errorBackground(palette).name(),
             palette.color(QPalette::Text).name());
}

QColor readableOn(const QColor &colour, const QColor &background)
{
    if (!colour.isValid() || !background.isValid())
        return colour;
    const double l = luminance(colour), b = luminance(background);
    if (std::abs(l - b) >= 0.3)
        return colour;
    // Too close to the background: move its brightness away, keeping its hue.
    const QColor hsv = colour.toHsv();
    const int value = b < 0.5 ? std::max(hsv.value(), 200) : std::min(hsv.value(), 90);
    return QColor::fromHsv(hsv.hsvHue(), hsv.hsvSaturation(), value, colour.alpha());
}

} // namespace Theme
