#include "net/DemoServer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

namespace {
// Sends raw requests and collects the raw answer until `done` says it is complete.
QByteArray exchange(quint16 port, const QByteArray &request, int expectBytes, int timeoutMs = 10000)
{
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!s.waitForConnected(timeoutMs))
        return {};
    s.write(request);
    QByteArray in;
    QElapsedTimer t;
    t.start();
    while (in.size() < expectBytes && t.elapsed() < timeoutMs) {
        if (s.waitForReadyRead(100))
            in += s.readAll();
        if (s.state() != QAbstractSocket::ConnectedState)
            break;
    }
    in += s.readAll();
    return in;
}
} // namespace

class TestDemoServer : public QObject
{
    Q_OBJECT
private:
    // The server runs in its own thread, as in the window, so these tests can block on the
    // client side.
    QThread m_thread;
    DemoServer *m_server = nullptr;
    quint16 m_port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        m_thread.start();
        m_server = new DemoServer;
        m_server->moveToThread(&m_thread);
        QString error;
        QMetaObject::invokeMethod(m_server, [&] { error = m_server->listen(0); m_port = m_server->port(); },
                                  Qt::BlockingQueuedConnection);
        QCOMPARE(error, QString());
        QVERIFY(m_port > 0);
    }
    void cleanupTestCase()
    {
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    void index()
    {
        const QByteArray r = exchange(m_port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY2(r.startsWith("HTTP/1.1 200 OK\r\n"), r.constData());
        QVERIFY(r.contains("/delay/<ms>"));
        QVERIFY(r.contains("Connection: close"));
    }

    void status()
    {
        const QByteArray r = exchange(m_port, "GET /status/418 HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY2(r.startsWith("HTTP/1.1 418 I'm a teapot\r\n"), r.constData());
        const QByteArray bad = exchange(m_port, "GET /status/999 HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY(bad.startsWith("HTTP/1.1 400 "));
    }

    void bytesStreamed()
    {
        const QByteArray r = exchange(m_port, "GET /bytes/300000 HTTP/1.1\r\nConnection: close\r\n\r\n", 300000 + 100);
        const qsizetype body = r.indexOf("\r\n\r\n") + 4;
        QCOMPARE(r.size() - body, qsizetype(300000));
        QVERIFY(r.contains("Content-Length: 300000\r\n"));
    }

    void headHasNoBody()
    {
        const QByteArray r = exchange(m_port, "HEAD /bytes/5000 HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY(r.contains("Content-Length: 5000\r\n"));
        QVERIFY(r.endsWith("\r\n\r\n"));
    }

    void redirectChain()
    {
        const QByteArray r = exchange(m_port, "GET /redirect/3 HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY(r.startsWith("HTTP/1.1 302 Found\r\n"));
        QVERIFY(r.contains("Location: /redirect/2\r\n"));
    }

    void delayAndKeepAlive()
    {
        // Two requests on one connection: the second is answered after the first.
        QElapsedTimer t;
        t.start();
        const QByteArray r = exchange(m_port,
                                      "GET /delay/200 HTTP/1.1\r\n\r\nGET /status/204 HTTP/1.1\r\nConnection: close\r\n\r\n",
                                      1 << 20);
        QVERIFY(t.elapsed() >= 200);
        QCOMPARE(r.count("HTTP/1.1 "), 2);
        QVERIFY(r.indexOf("delayed 200 ms") < r.indexOf("HTTP/1.1 204"));
    }

    void drip()
    {
        QElapsedTimer t;
        t.start();
        const QByteArray r = exchange(m_port, "GET /drip/5/50 HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY(r.endsWith("xxxxx"));
        QVERIFY(t.elapsed() >= 200);
    }

    void garbageGetsAnAnswer()
    {
        const QByteArray r = exchange(m_port, QByteArray("\x16\x03\x01\x00\xa5garbage", 12), 1 << 20);
        QVERIFY2(r.startsWith("HTTP/1.1 400 "), r.constData());
        const QByteArray badLine = exchange(m_port, "NONSENSE\r\n\r\n", 1 << 20);
        QVERIFY(badLine.startsWith("HTTP/1.1 400 "));
        const QByteArray post = exchange(m_port, "POST / HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY(post.startsWith("HTTP/1.1 405 "));
        const QByteArray unknown = exchange(m_port, "GET /nope HTTP/1.1\r\nConnection: close\r\n\r\n", 1 << 20);
        QVERIFY(unknown.startsWith("HTTP/1.1 404 "));
    }

    void clientWritingDuringAnAnswerIsHeldBack()
    {
        // A client that writes on while its answer is delayed: the server reads none of it
        // until the answer is out (it kept all of it in memory before). 64 MiB is more than the
        // kernel's buffers on both ends, so most of it is still on this side when the answer
        // comes; then the server reads it, finds no request in it, and says so.
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(s.waitForConnected(10000));
        constexpr qint64 Junk = 64 * 1024 * 1024;
        s.write("GET /delay/1000 HTTP/1.1\r\n\r\n" + QByteArray(Junk, 'j'));
        QByteArray in;
        while (!in.contains("delayed 1000 ms\n")) {
            QVERIFY2(s.waitForReadyRead(20000), in.constData()); // writes go on meanwhile
            in += s.readAll();
        }
        QVERIFY2(s.bytesToWrite() > Junk / 2, QByteArray::number(s.bytesToWrite()).constData());
        QVERIFY(in.startsWith("HTTP/1.1 200 OK\r\n"));
        // Then it reads on: no request line in 'jjj...' but an answer all the same.
        while (!in.contains("HTTP/1.1 431 ") && !in.contains("HTTP/1.1 400 ")) {
            QVERIFY2(s.waitForReadyRead(20000) || s.state() != QAbstractSocket::ConnectedState, in.constData());
            in += s.readAll();
            if (s.state() != QAbstractSocket::ConnectedState)
                break;
        }
        QVERIFY2(in.contains("HTTP/1.1 431 ") || in.contains("HTTP/1.1 400 "), in.right(200).constData());
    }

    void manyClientsAtOnce()
    {
        // 300 connections in one go, all answered after one delay: no thread per request.
        QList<QTcpSocket *> sockets;
        for (int i = 0; i < 300; ++i) {
            auto *s = new QTcpSocket(this);
            s->connectToHost(QStringLiteral("127.0.0.1"), m_port);
            s->write("GET /delay/300 HTTP/1.1\r\nConnection: close\r\n\r\n");
            sockets << s;
        }
        QElapsedTimer t;
        t.start();
        int answered = 0;
        QObject scope; // the connections go with this function's locals, even on a failure
        for (QTcpSocket *s : sockets)
            connect(s, &QTcpSocket::readyRead, &scope, [&answered, s] {
                if (!s->property("got").toBool()) {
                    s->setProperty("got", true);
                    ++answered;
                }
            });
        QTRY_COMPARE_WITH_TIMEOUT(answered, 300, 30000);
        QVERIFY(t.elapsed() >= 300);
        qDeleteAll(sockets);
    }

    void portInUse()
    {
        DemoServer other;
        const QString e = other.listen(m_port);
        QVERIFY(e.startsWith(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(m_port)));
    }
};

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
