#include "Icons.h"

#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace Icons {

QIcon fromSvg(const QString &path)
{
    QSvgRenderer renderer(path);
    if (!renderer.isValid())
        return {};
    QIcon icon;
    // Rendered here rather than left to Qt's SVG icon-engine plugin: one dependency
    // (libQt6Svg) the package manager can see, and no plugin to deploy.
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(QPixmap::fromImage(image));
    }
    return icon;
}

QIcon application()
{
    static const QIcon icon = fromSvg(QStringLiteral(":/icons/io.github.runboard.Runboard.svg"));
    return icon;
}

QString themeName(Action action)
{
    switch (action) {
    case Action::New: return QStringLiteral("document-new");
    case Action::Start: return QStringLiteral("media-playback-start");
    case Action::Stop: return QStringLiteral("media-playback-stop");
    case Action::Kill: return QStringLiteral("process-stop");
    case Action::Pause: return QStringLiteral("media-playback-pause");
    case Action::Restart: return QStringLiteral("view-refresh");
    }
    return {};
}

QString resourcePath(Action action)
{
    const char *file = "";
    switch (action) {
    case Action::New: file = "new"; break;
    case Action::Start: file = "start"; break;
    case Action::Stop: file = "stop"; break;
    case Action::Kill: file = "kill"; break;
    case Action::Pause: file = "pause"; break;
    case Action::Restart: file = "restart"; break;
    }
    return QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1String(file));
}

QIcon action(Action action)
{
    return QIcon::fromTheme(themeName(action), fromSvg(resourcePath(action)));
}

} // namespace Icons
