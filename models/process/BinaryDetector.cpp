#include "process/BinaryDetector.h"

#include <QStringDecoder>
#include <QStringList>

namespace BinaryDetector {

bool isBinary(const QByteArray &data, qsizetype limit)
{
    const QByteArray head = data.left(limit);
    if (head.isEmpty())
        return false;
    if (head.contains('\0'))
        return true;
    qsizetype odd = 0; // control characters a text program does not write
    for (const char c : head) {
        const uchar u = uchar(c);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != 0x1b && u != '\f' && u != '\b')
            ++odd;
    }
    // Invalid UTF-8: count replacement characters. A character cut at the end of the sample
    // is not held against it (the decoder keeps it as state without emitting U+FFFD).
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(head);
    const qsizetype bad = text.count(QChar::ReplacementCharacter);
    // More than one byte in ten is not text: binary. A few stray bytes (Latin-1 in a log) are
    // still text.
    return (bad + odd) * 10 > head.size();
}

QString hexDumpLine(const char *data, qsizetype size, qint64 offset)
{
    QString line = QStringLiteral("%1 ").arg(offset, 8, 16, QLatin1Char('0'));
    QString ascii;
    for (qsizetype i = 0; i < 16; ++i) {
        if (i == 8)
            line += QLatin1Char(' ');
        if (i < size) {
            const uchar u = uchar(data[i]);
            line += QStringLiteral(" %1").arg(u, 2, 16, QLatin1Char('0'));
            ascii += (u >= 0x20 && u < 0x7f) ? QChar(QLatin1Char(char(u))) : QChar(QLatin1Char('.'));
        } else {
            line += QLatin1String("   ");
        }
    }
    return line + QLatin1String("  |") + ascii + QLatin1Char('|');
}

QString hexDump(const QByteArray &data, qint64 baseOffset)
{
    QStringList lines;
    for (qsizetype at = 0; at < data.size(); at += 16)
        lines << hexDumpLine(data.constData() + at, std::min<qsizetype>(16, data.size() - at),
                             baseOffset + at);
    return lines.join(QLatin1Char('\n'));
}

QString toHex(const QByteArray &data)
{
    return QString::fromLatin1(data.toHex());
}

} // namespace BinaryDetector
