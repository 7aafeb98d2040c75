// AnsiText: whatever the escape sequences, the runs hold only the plain text, in order, with
// no escape character left, and strip() agrees with parse().

#include "AnsiText.h"
#include "FuzzSupport.h"

namespace {
void checkLine(const QString &line, AnsiStyle *state)
{
    const QList<AnsiRun> runs = AnsiText::parse(line, state);
    const QChar esc(0x1b);
    QString plain;
    for (const AnsiRun &r : runs) {
        FUZZ_CHECK(!r.text.contains(esc));
        FUZZ_CHECK(!r.text.isEmpty() || runs.size() == 1);
        FUZZ_CHECK(!r.style.foreground.isValid() || r.style.foreground.alpha() == 255);
        FUZZ_CHECK(!r.style.background.isValid() || r.style.background.alpha() == 255);
        plain += r.text;
    }
    if (!line.contains(esc)) {
        FUZZ_CHECK(runs.size() == 1 && runs.first().text == line);
    }
    FUZZ_CHECK(AnsiText::strip(line) == plain);
    // The plain text is the line with characters taken out, never added or reordered.
    qsizetype j = 0;
    for (qsizetype i = 0; i < line.size() && j < plain.size(); ++i) {
        if (line.at(i) == plain.at(j))
            ++j;
    }
    FUZZ_CHECK(j == plain.size());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const QString &text : {QString::fromUtf8(bytes), fuzzUtf16(bytes)}) {
        AnsiStyle state; // carried from line to line, as the output view does
        for (const QString &line : text.split(QLatin1Char('\n')))
            checkLine(line, &state);
    }
    return 0;
}
