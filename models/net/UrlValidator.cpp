#include "net/UrlValidator.h"

#include <QRegularExpression>

QUrl UrlValidator::parse(const QString &input, QString *error)
{
    const QString text = input.trimmed();
    error->clear();
    if (text.isEmpty()) {
        *error = tr("empty URL");
        return {};
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        // QUrl's message runs on ("...; source was ..."): keep its first clause.
        QString why = url.errorString().section(QLatin1Char(';'), 0, 0).trimmed();
        if (why.startsWith(QLatin1String("Invalid hostname")))
            why = tr("invalid host name");
        *error = tr("\"%1\" is not a valid URL: %2").arg(text, why);
        return {};
    }
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty()) {
        *error = tr("\"%1\" has no scheme (write http:// or https:// before it)").arg(text);
        return {};
    }
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        // "localhost:3128" and "example.com:8080/x" parse as schemes "localhost" and
        // "example.com": say what most likely happened. "data:", "qrc:" and "mailto:" are
        // schemes all the same.
        static const QRegularExpression portAfterColon(QStringLiteral("^[^:]+:[0-9]+(/.*)?$"));
        if (!text.contains(QLatin1String("://"))
            && (scheme.contains(QLatin1Char('.')) || portAfterColon.match(text).hasMatch()))
            *error = tr("\"%1\" has no scheme (write http:// or https:// before it)").arg(text);
        else
            *error = tr("\"%1\": only http and https URLs are fetched, not %2").arg(text, scheme);
        return {};
    }
    const QString host = url.host();
    if (host.isEmpty()) {
        *error = tr("\"%1\" has no host name").arg(text);
        return {};
    }
    // Each label of a name must be non-empty: ".example.com" and "a..b" are not host names.
    if (!host.startsWith(QLatin1Char('['))) {
        const QStringList labels = host.split(QLatin1Char('.'));
        for (int i = 0; i < labels.size(); ++i) {
            const bool trailingDot = i == labels.size() - 1 && labels.size() > 1;
            if (labels.at(i).isEmpty() && !trailingDot) {
                *error = tr("\"%1\": host name \"%2\" has an empty part").arg(text, host);
                return {};
            }
            if (labels.at(i).size() > 63) {
                *error = tr("\"%1\": host name part is longer than 63 characters").arg(text);
                return {};
            }
        }
    }
    return url;
}

QList<UrlValidator::Line> UrlValidator::parseList(const QString &text)
{
    QList<Line> lines;
    const QStringList raw = text.split(QLatin1Char('\n'));
    for (int i = 0; i < raw.size(); ++i) {
        const QString t = raw.at(i).trimmed();
        if (t.isEmpty() || t.startsWith(QLatin1Char('#')))
            continue;
        Line l;
        l.lineNumber = i + 1;
        l.text = t;
        l.url = parse(t, &l.error);
        lines.append(l);
    }
    return lines;
}
