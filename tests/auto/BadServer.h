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
                RedirectLoop, EndlessBody, EndlessChunked, Canned };

    explicit BadServer(Mode mode) : m_mode(mode) { start(); }
    // Answers every request with these bytes; closes the connection after them when asked.
    explicit BadServer(const QByteArray &response, bool close = false)
        : m_mode(Canned), m_response(response), m_closeAfter(close)
    {
        start();
    }
    qint64 bytesWritten() const { return m_written; } // everything sent, headers included
    // The heads of the requests answered so far, in order.
    QList<QByteArray> requests() const { return m_requests; }

    QString url(const QString &path = QStringLiteral("/")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path);
    }

private:
    void start()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                serve(s);
        });
    }

    void serve(QTcpSocket *s)
    {
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QTcpSocket::bytesWritten, this, [this](qint64 n) { m_written += n; });
        connect(s, &QTcpSocket::readyRead, s, [this, s] {
            // A request may come in pieces (a loaded machine): answered once its head is whole.
            const QByteArray in = s->property("request").toByteArray() + s->readAll();
            s->setProperty("request", in);
            if (!in.contains("\r\n\r\n") || s->property("answered").toBool())
                return;
            s->setProperty("answered", true);
            m_requests << in;
            s->setProperty("request", QByteArray());
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
        case EndlessChunked: {
            // As fast as the socket takes it: a chunk of 64 KiB whenever less than 1 MiB waits.
            s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'c') + "\r\n";
            auto refill = [s, chunk] {
                while (s->bytesToWrite() < 1 << 20)
                    s->write(chunk);
            };
            connect(s, &QTcpSocket::bytesWritten, s, refill);
            refill();
            break;
        }
        case Canned:
            s->write(m_response);
            if (m_closeAfter)
                s->disconnectFromHost();
            else
                s->setProperty("answered", false); // answer the next request on it too
            break;
        }
    }

    Mode m_mode;
    QByteArray m_response;
    bool m_closeAfter = false;
    qint64 m_written = 0;
    QList<QByteArray> m_requests;
};
