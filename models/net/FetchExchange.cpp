#include "net/FetchExchange.h"

QByteArray FetchExchange::headerValue(const HeaderList &headers, const QByteArray &name)
{
    QByteArray joined;
    bool found = false;
    for (const auto &[n, value] : headers) {
        if (n.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (found)
            joined += ", ";
        joined += value;
        found = true;
    }
    return joined;
}

QString FetchExchange::contentLengthProblem(const HeaderList &headers)
{
    if (!headerValue(headers, "transfer-encoding").isEmpty())
        return {}; // the body is framed by its transfer coding: Content-Length does not count
    QList<QByteArray> values;
    for (const auto &[name, value] : headers) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            values << value.split(',');
    }
    QByteArray first;
    for (const QByteArray &raw : std::as_const(values)) {
        const QByteArray v = raw.trimmed();
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok || n < 0 || v.startsWith('+'))
            return FetchResult::tr("Content-Length \"%1\" is not a byte count")
                .arg(QString::fromLatin1(v.left(40)));
        if (first.isEmpty())
            first = v;
        else if (v != first)
            return FetchResult::tr("conflicting Content-Length headers (%1 and %2)")
                .arg(QString::fromLatin1(first), QString::fromLatin1(v));
    }
    return {};
}

qint64 FetchExchange::contentLength(const HeaderList &headers)
{
    if (!headerValue(headers, "transfer-encoding").isEmpty() || !contentLengthProblem(headers).isEmpty())
        return -1;
    const QByteArray v = headerValue(headers, "content-length");
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const qint64 n = v.split(',').first().trimmed().toLongLong(&ok);
    return ok ? n : -1;
}
