#pragma once

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

// Small misbehaving HTTP servers for the fetch tests, one behaviour each. Runs on the test's
// thread; the fetches run on worker threads, so waiting on a QSignalSpy serves them.
class BadServer : public QTcpServer
{
public:
    enum Mode { NeverAnswers, HeadersThenStall, OneBytePerSecond, BrokenChunked, ShortBody,
                RedirectLoop, EndlessBody };

    explicit BadServer(Mode mode) : m_mode(mode)
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                serve(s);
        });
    }
    QString url(const QString &path = QStringLiteral("/")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path);
    }

private:
    void serve(QTcpSocket *s)
    {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QTcpSocket::readyRead, s, [this, s] {
            const QByteArray in = s->readAll();
            if (!in.contains("\r\n\r\n") || s->property("answered").toBool())
                return;
            s->setProperty("answered", true);
            answer(s);
        });
    }

    void answer(QTcpSocket *s)
    {
        switch (m_mode) {
        case NeverAnswers:
            break;
        case HeadersThenStall:
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            break;
        case OneBytePerSecond: {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
            auto *t = new QTimer(s);
            connect(t, &QTimer::timeout, s, [s] { s->write("x"); });
            t->start(1000);
            break;
        }
        case BrokenChunked:
            // A chunk announced as 0x400 bytes, then garbage where the next chunk should be,
            // and no end. (Closing here would race with Qt's retry of the request.)
            s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n400\r\nshort\r\n@@@@\r\n");
            break;
        case ShortBody:
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b");
            s->disconnectFromHost();
            break;
        case RedirectLoop:
            s->write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
            s->setProperty("answered", false); // answer the next request on this connection too
            break;
        case EndlessBody: {
            s->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
            auto *t = new QTimer(s);
            connect(t, &QTimer::timeout, s, [s] {
                if (s->bytesToWrite() < 1 << 20)
                    s->write(QByteArray(64 * 1024, 'e'));
            });
            t->start(1);
            break;
        }
        }
    }

    Mode m_mode;
};
