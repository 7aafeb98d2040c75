// CommandLine: splitting never crashes, and join() is the inverse of split() for any words.

#include "FuzzSupport.h"
#include "process/CommandLine.h"

namespace {
QString show(const QStringList &words)
{
    QStringList quoted;
    for (const QString &w : words) {
        QString hex;
        for (const QChar c : w)
            hex += QString::asprintf("%04x ", c.unicode());
        quoted << QLatin1Char('[') + hex.trimmed() + QLatin1Char(']');
    }
    return quoted.join(QLatin1Char(' '));
}

void checkSplit(const QString &text)
{
    QString error;
    const QList<QStringList> stages = CommandLine::splitPipeline(text, &error);
    FUZZ_CHECK(error.isEmpty() == !stages.isEmpty());
    QString splitError;
    const QStringList words = CommandLine::split(text, &splitError);
    if (!error.isEmpty()) {
        FUZZ_CHECK(!splitError.isEmpty() && words.isEmpty());
        return;
    }
    FUZZ_CHECK(splitError.isEmpty() == (stages.size() == 1));
    if (stages.size() == 1)
        FUZZ_CHECK(words == stages.first());
    for (const QStringList &stage : stages)
        FUZZ_CHECK(stages.size() == 1 || !stage.isEmpty()); // no empty stage between '|'s

    // What split() produced, joined and split again, is the same.
    QStringList joined;
    for (const QStringList &stage : stages)
        joined << CommandLine::join(stage);
    QString again;
    const QList<QStringList> back =
        CommandLine::splitPipeline(joined.join(QLatin1String(" | ")), &again);
    FUZZ_CHECK(again.isEmpty(), again);
    FUZZ_CHECK(back == stages, show(back.value(0)) + QLatin1String(" vs ") + show(stages.value(0)));
}

void checkJoin(const QStringList &words)
{
    const QString line = CommandLine::join(words);
    QString error;
    const QStringList back = CommandLine::split(line, &error);
    FUZZ_CHECK(error.isEmpty(), error + QLatin1String(" for ") + show(words));
    FUZZ_CHECK(back == words, show(back) + QLatin1String(" vs ") + show(words));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // The input as typed text, both as UTF-8 and as raw UTF-16 code units.
    const QString utf8 = QString::fromUtf8(bytes);
    const QString utf16 = fuzzUtf16(bytes);
    checkSplit(utf8);
    checkSplit(utf16);
    // The input as a list of words separated by NUL bytes (or NUL code units): join must quote
    // whatever they hold so that split gives them back.
    checkJoin(utf8.split(QChar(0)));
    checkJoin(utf16.split(QChar(0)));
    return 0;
}
