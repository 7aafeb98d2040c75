#pragma once

// Shared by the fuzz targets, in both builds: with libFuzzer (the `fuzz` preset) and with the
// corpus replayer (replay_main.cpp) that the normal test suite runs.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

[[noreturn]] inline void fuzzFail(const char *file, int line, const char *what,
                                  const QString &detail)
{
    std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    if (!detail.isEmpty())
        std::fprintf(stderr, "  %s\n", detail.toUtf8().constData());
    std::abort(); // libFuzzer saves the input as a crash; the replayer's test fails
}

// Aborts with the condition's text (and an optional QString explaining the values).
#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzzFail(__FILE__, __LINE__, #cond, QString(__VA_ARGS__));                             \
    } while (0)

// Reads a fuzz input front to back: control bytes and byte strings. Past the end it yields
// zeros and empty strings, so every input is a valid program of operations.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(data)
        , m_size(size)
    {
    }

    bool atEnd() const { return m_pos >= m_size; }
    uint8_t byte() { return atEnd() ? 0 : m_data[m_pos++]; }
    QByteArray bytes(size_t n)
    {
        n = std::min(n, m_size - m_pos);
        const QByteArray out(reinterpret_cast<const char *>(m_data + m_pos), qsizetype(n));
        m_pos += n;
        return out;
    }
    QByteArray rest() { return bytes(m_size - m_pos); }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

// The raw bytes as UTF-16 code units: reaches lone surrogates, NULs and private-use
// characters that valid UTF-8 typed by a person rarely contains.
inline QString fuzzUtf16(const QByteArray &bytes)
{
    QString s(bytes.size() / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < s.size(); ++i)
        s[i] = QChar(char16_t(uchar(bytes[2 * i]) | (uchar(bytes[2 * i + 1]) << 8)));
    return s;
}
