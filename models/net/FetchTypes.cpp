#include "net/FetchTypes.h"

#include <QLocale>

#include <algorithm>

QString FetchOptions::validate() const
{
    if (concurrency < 1 || concurrency > MaxConcurrency)
        return QCoreApplication::translate("FetchOptions", "concurrency %1 is out of range (1 to %2)")
            .arg(concurrency).arg(MaxConcurrency);
    if (timeoutMs <= 0 || timeoutMs > 3600 * 1000)
        return QCoreApplication::translate("FetchOptions", "timeout %1 ms is out of range (1 ms to 1 hour)")
            .arg(timeoutMs);
    if (maxRedirects < 0 || maxRedirects > 100)
        return QCoreApplication::translate("FetchOptions", "redirect cap %1 is out of range (0 to 100)")
            .arg(maxRedirects);
    if (maxBytes < 0)
        return QCoreApplication::translate("FetchOptions", "size cap %1 is negative").arg(maxBytes);
    return {};
}

QString FetchOptions::checkOpenFileLimit(qint64 limit) const
{
    const qint64 needed = filesNeeded(concurrency);
    if (needed <= limit)
        return {};
    const QLocale c(QLocale::English); // "1,664": grouped, the same for every user
    return QCoreApplication::translate("FetchOptions",
                                       "concurrency %1 needs about %2 open files; the limit here "
                                       "is %3 (ulimit -n): choose a concurrency of at most %4")
        .arg(concurrency).arg(c.toString(needed)).arg(c.toString(limit))
        .arg(std::max<qint64>(1, (limit - FilesReserved) / FilesPerWorker));
}

namespace {
// Keeps the start and the end of a long text, which is where URLs and messages differ.
QString cut(const QString &text, int max)
{
    if (text.size() <= max)
        return text;
    const int head = max * 2 / 3;
    return text.left(head) + QChar(0x2026) + text.right(max - head - 1);
}
} // namespace

FetchResult FetchResult::compacted() const
{
    // Views show the message, or the final URL when there is none: one of the two is kept.
    FetchResult r = *this;
    r.requested = cut(requested, 88);
    r.reason = cut(reason, 24);
    r.message = cut(message, 88);
    if (!r.message.isEmpty() || finalUrl.toString() == requested)
        r.finalUrl = QUrl();
    else if (finalUrl.toString().size() > 88)
        r.finalUrl = QUrl(cut(finalUrl.toString(), 88));
    r.warnings.clear();
    if (!warnings.isEmpty()) // one line for all of them
        r.warnings << cut(warnings.join(QStringLiteral("; ")), 160);
    return r;
}

qint64 FetchResult::approximateBytes() const
{
    // Each string: its UTF-16 characters plus a header of about 32 bytes.
    auto str = [](const QString &s) { return s.isEmpty() ? 0 : 32 + 2 * qint64(s.size()); };
    qint64 n = qint64(sizeof(FetchResult)) + str(requested) + str(reason) + str(message);
    if (!finalUrl.isEmpty())
        n += 96 + 2 * qint64(finalUrl.toString().size()); // QUrlPrivate and its parts
    for (const QString &w : warnings)
        n += str(w) + 8;
    return n;
}

QString FetchResult::errorKey(Error e)
{
    switch (e) {
    case Error::None: return QStringLiteral("ok");
    case Error::InvalidUrl: return QStringLiteral("invalid-url");
    case Error::Dns: return QStringLiteral("dns");
    case Error::Refused: return QStringLiteral("refused");
    case Error::Timeout: return QStringLiteral("timeout");
    case Error::Tls: return QStringLiteral("tls");
    case Error::TooManyRedirects: return QStringLiteral("too-many-redirects");
    case Error::InsecureRedirect: return QStringLiteral("insecure-redirect");
    case Error::TooLarge: return QStringLiteral("too-large");
    case Error::Http: return QStringLiteral("http-error");
    case Error::Network: return QStringLiteral("network");
    case Error::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

QString FetchResult::errorName(Error e)
{
    switch (e) {
    case Error::None: return tr("OK");
    case Error::InvalidUrl: return tr("invalid URL");
    case Error::Dns: return tr("DNS lookup failed");
    case Error::Refused: return tr("connection refused");
    case Error::Timeout: return tr("timed out");
    case Error::Tls: return tr("TLS error");
    case Error::TooManyRedirects: return tr("too many redirects");
    case Error::InsecureRedirect: return tr("redirect from HTTPS to HTTP refused");
    case Error::TooLarge: return tr("too large");
    case Error::Http: return tr("HTTP error");
    case Error::Network: return tr("network error");
    case Error::Cancelled: return tr("cancelled");
    }
    return {};
}
