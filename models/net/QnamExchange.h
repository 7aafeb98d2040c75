#pragma once

#include "net/FetchExchange.h"

class QNetworkAccessManager;
class QNetworkReply;

// A fetch over Qt's HTTP client: https:// (TLS, HTTP/2). One QNetworkReply, owned.
class QnamExchange final : public FetchExchange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QnamExchange)
public:
    QnamExchange(QNetworkAccessManager *manager, const QUrl &url, bool head, bool ignoreTlsErrors,
                 QObject *parent = nullptr);
    ~QnamExchange() override;

    QUrl url() const override;
    int status() const override;
    QString reason() const override;
    HeaderList rawHeaderPairs() const override;
    qint64 read(char *data, qint64 maxSize) override;
    void abort() override;
    bool isFinished() const override;
    FetchResult::Error error() const override;
    QString errorString() const override;
    QStringList tlsErrors() const override { return m_tlsErrors; }

private:
    QNetworkReply *m_reply;
    QStringList m_tlsErrors;
};
