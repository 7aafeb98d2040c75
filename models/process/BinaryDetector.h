#pragma once

#include <QByteArray>
#include <QString>

// Tells text from binary output, and shows binary as a hex dump. Output that contains a NUL
// byte, or whose bytes are mostly not UTF-8 (or are control characters other than tab, CR,
// LF, ESC, form feed and backspace), is binary: decoding it as text would show replacement
// characters, cut into lines at whatever bytes happen to be 0x0A.
namespace BinaryDetector {

// Looks at the first `limit` bytes. Empty data is text.
bool isBinary(const QByteArray &data, qsizetype limit = 4096);

// `hexdump -C` style: "00000000  de ad be ef ...  |....|", 16 bytes a line, offsets counted
// from `baseOffset`.
QString hexDump(const QByteArray &data, qint64 baseOffset = 0);
QString hexDumpLine(const char *data, qsizetype size, qint64 offset);

// Lowercase hex without separators, as `xxd -p` on one line.
QString toHex(const QByteArray &data);

} // namespace BinaryDetector
