// runboard-iconrender: draws the application icon's files from its SVG master at build time,
// with the same Qt on every system (no rsvg-convert on Windows or macOS):
//   runboard-iconrender SVG [--png SIZE FILE]... [--ico FILE] [--icns FILE]
// --ico writes a Windows icon (16, 24, 32, 48, 64, 128, 256 px, PNG-compressed entries);
// --icns a macOS icon (icp4 16 to ic10 1024 px, PNG entries). Exit 1 naming the file and the
// reason when the SVG cannot be read or a file cannot be written; 2 for a wrong command line.
#include <QBuffer>
#include <QByteArray>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QStringList>
#include <QSvgRenderer>
#include <QtEndian>

#include <cstdio>
#include <utility>
#include <vector>

namespace {
QByteArray png(QSvgRenderer &renderer, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

template<typename T>
void appendLittle(QByteArray &out, T value)
{
    char b[sizeof(T)];
    qToLittleEndian(value, b);
    out.append(b, sizeof(T));
}

void appendBig(QByteArray &out, quint32 value)
{
    char b[4];
    qToBigEndian(value, b);
    out.append(b, 4);
}

// ICONDIR, one ICONDIRENTRY per size, then the PNGs (Windows Vista and later read PNG entries).
QByteArray ico(QSvgRenderer &renderer)
{
    const int sizes[] = {16, 24, 32, 48, 64, 128, 256};
    std::vector<QByteArray> images;
    for (int s : sizes)
        images.push_back(png(renderer, s));
    QByteArray out;
    appendLittle<quint16>(out, 0); // reserved
    appendLittle<quint16>(out, 1); // type: icon
    appendLittle<quint16>(out, quint16(images.size()));
    quint32 offset = 6 + 16 * quint32(images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        const quint8 dim = sizes[i] >= 256 ? 0 : quint8(sizes[i]); // 0 means 256
        out.append(char(dim)).append(char(dim)).append(char(0)).append(char(0));
        appendLittle<quint16>(out, 1);  // colour planes
        appendLittle<quint16>(out, 32); // bits per pixel
        appendLittle<quint32>(out, quint32(images[i].size()));
        appendLittle<quint32>(out, offset);
        offset += quint32(images[i].size());
    }
    for (const QByteArray &image : images)
        out += image;
    return out;
}

// 'icns', the file's length, then (type, length, PNG) per size.
QByteArray icns(QSvgRenderer &renderer)
{
    const std::pair<const char *, int> types[] = {{"icp4", 16},  {"icp5", 32},  {"icp6", 64},
                                                  {"ic07", 128}, {"ic08", 256}, {"ic09", 512},
                                                  {"ic10", 1024}};
    QByteArray body;
    for (const auto &[type, size] : types) {
        const QByteArray image = png(renderer, size);
        body.append(type, 4);
        appendBig(body, quint32(8 + image.size()));
        body += image;
    }
    QByteArray out("icns");
    appendBig(out, quint32(8 + body.size()));
    return out + body;
}

bool write(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        std::fprintf(stderr, "runboard-iconrender: cannot write %s: %s\n", qPrintable(path),
                     qPrintable(f.errorString()));
        return false;
    }
    return true;
}

int usage()
{
    std::fputs("usage: runboard-iconrender SVG [--png SIZE FILE]... [--ico FILE] [--icns FILE]\n", stderr);
    return 2;
}
} // namespace

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.isEmpty())
        return usage();
    const QString svg = args.takeFirst();
    if (!QFile::exists(svg)) {
        std::fprintf(stderr, "runboard-iconrender: %s does not exist\n", qPrintable(svg));
        return 1;
    }
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) {
        std::fprintf(stderr, "runboard-iconrender: %s is not an SVG image Qt can draw\n", qPrintable(svg));
        return 1;
    }
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--png") && args.size() >= 2) {
            bool ok = false;
            const int size = args.takeFirst().toInt(&ok);
            if (!ok || size < 1 || size > 4096) {
                std::fprintf(stderr, "runboard-iconrender: --png: the size must be 1 to 4096\n");
                return 2;
            }
            if (!write(args.takeFirst(), png(renderer, size)))
                return 1;
        } else if (option == QLatin1String("--ico") && !args.isEmpty()) {
            if (!write(args.takeFirst(), ico(renderer)))
                return 1;
        } else if (option == QLatin1String("--icns") && !args.isEmpty()) {
            if (!write(args.takeFirst(), icns(renderer)))
                return 1;
        } else {
            return usage();
        }
    }
    return 0;
}
