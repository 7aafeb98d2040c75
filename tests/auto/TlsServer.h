#pragma once

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>

// An HTTPS server with a self-signed certificate (tests/data/tls-test.*, made for these tests
// only), answering every request with `response`.
class TlsServer : public QSslServer
{
public:
    explicit TlsServer(const QByteArray &response) : m_response(response)
    {
        QFile certFile(QStringLiteral(RB_TEST_DATA "/tls-test.crt"));
        QFile keyFile(QStringLiteral(RB_TEST_DATA "/tls-test.key"));
        certFile.open(QIODevice::ReadOnly);
        keyFile.open(QIODevice::ReadOnly);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(certFile.readAll()));
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        setSslConfiguration(config);
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    if (s->readAll().contains("\r\n\r\n"))
                        s->write(m_response);
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("https://127.0.0.1:%1/").arg(serverPort()); }

private:
    QByteArray m_response;
};
