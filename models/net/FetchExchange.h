#pragma once

#include "net/FetchTypes.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QUrl>

// One request and its response, whichever client carries it: what FetchSlot needs of a
// QNetworkReply. Plain http:// goes over our own HTTP/1.1 client (HttpExchange), https:// over
// Qt's (QnamExchange). It behaves as a QNetworkReply does: metaDataChanged() once the head is
// in, readyRead() as body bytes wait to be read, finished() exactly once — from inside abort()
// too.
class FetchExchange : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchExchange)
public:
    using HeaderList = QList<QPair<QByteArray, QByteArray>>;

    explicit FetchExchange(QObject *parent = nullptr) : QObject(parent) {}

    virtual QUrl url() const = 0;
    virtual int status() const = 0; // 0 until a response head arrived
    virtual QString reason() const = 0;
    virtual HeaderList rawHeaderPairs() const = 0;
    virtual qint64 read(char *data, qint64 maxSize) = 0;
    virtual void abort() = 0;
    virtual bool isFinished() const = 0;
    virtual FetchResult::Error error() const = 0; // None when the transport had no problem
    virtual QString errorString() const = 0;
    virtual QStringList tlsErrors() const { return {}; }

    // The values of every header of that name, joined by ", " (as Qt does); empty when none.
    QByteArray rawHeader(const QByteArray &name) const { return headerValue(rawHeaderPairs(), name); }
    static QByteArray headerValue(const HeaderList &headers, const QByteArray &name);
    // Framing problems in the Content-Length headers: values that disagree, or that are not a
    // non-negative number. Empty when there are none, or when a Transfer-Encoding frames the
    // body (it overrides Content-Length: RFC 9112, 6.3).
    static QString contentLengthProblem(const HeaderList &headers);
    // The body length the headers announce; -1 when none is (or the headers are unusable, or a
    // Transfer-Encoding frames the body).
    static qint64 contentLength(const HeaderList &headers);

Q_SIGNALS:
    void metaDataChanged();
    void readyRead();
    void finished();
};
