#include "net/FetchTypes.h"

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
