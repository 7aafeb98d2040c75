// UrlValidator: a URL list is split into numbered lines; every kept line is accepted as an
// http(s) URL with a host, or rejected with a message; nothing crashes.

#include "FuzzSupport.h"
#include "net/UrlValidator.h"

namespace {
void checkList(const QString &text)
{
    const QList<UrlValidator::Line> lines = UrlValidator::parseList(text);
    const QStringList raw = text.split(QLatin1Char('\n'));
    int expected = 0;
    for (const QString &r : raw) {
        const QString t = r.trimmed();
        expected += !t.isEmpty() && !t.startsWith(QLatin1Char('#'));
    }
    FUZZ_CHECK(lines.size() == expected);
    int previous = 0;
    for (const UrlValidator::Line &l : lines) {
        FUZZ_CHECK(l.lineNumber > previous && l.lineNumber <= raw.size());
        previous = l.lineNumber;
        FUZZ_CHECK(l.text == raw.at(l.lineNumber - 1).trimmed());
        FUZZ_CHECK(l.error.isEmpty() == l.url.isValid(), l.text + QLatin1String(": ") + l.error);
        if (!l.error.isEmpty())
            continue;
        const QString scheme = l.url.scheme();
        FUZZ_CHECK(scheme == QLatin1String("http") || scheme == QLatin1String("https"), l.text);
        FUZZ_CHECK(!l.url.host().isEmpty(), l.text);
        // An accepted URL written out (as the results and the JSON output do) is accepted
        // again as the same URL.
        const QString written = l.url.toString(QUrl::FullyEncoded);
        QString error;
        const QUrl again = UrlValidator::parse(written, &error);
        FUZZ_CHECK(error.isEmpty(),
                   l.text + QLatin1String(" -> ") + written + QLatin1String(": ") + error);
        // (Compared as written: QUrl keeps a '#' inside a fragment as typed, and "%23" once
        // written, which are the same URL.)
        FUZZ_CHECK(again.toString(QUrl::FullyEncoded) == written,
                   l.text + QLatin1String(" -> ") + written + QLatin1String(" -> ") +
                       again.toString(QUrl::FullyEncoded));
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkList(QString::fromUtf8(bytes)); // as the CLI reads --url-file and the panel a file
    checkList(fuzzUtf16(bytes));         // as typed into the panel, any code unit
    QString error;
    UrlValidator::parse(QString::fromUtf8(bytes), &error); // one "line" with newlines in it
    return 0;
}
