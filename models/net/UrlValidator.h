#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

// Decides, before any network use, whether a line is a URL Runboard will fetch: http or
// https, with a usable host name.
class UrlValidator
{
    Q_DECLARE_TR_FUNCTIONS(UrlValidator)
public:
    // On success returns the URL and leaves *error empty.
    static QUrl parse(const QString &text, QString *error);

    struct Line
    {
        int lineNumber = 0; // 1-based
        QString text;
        QUrl url;
        QString error;
    };
    // One URL per line; blank lines and lines starting with '#' are skipped.
    static QList<Line> parseList(const QString &text);
};
