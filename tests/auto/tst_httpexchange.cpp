#include "net/HttpExchange.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>

#include <sys/resource.h>
#include <unistd.h>

namespace {
// A server whose every answer the test writes: it is told each request head with the
// number of its connection and the request's number on that connection (both from 0).
class ScriptServer : public QTcpServer
{
public:
    using Answer = std::function<void(QTcpSocket *, int connection, int request, const QByteArray &head)>;
    explicit ScriptServer(Answer answer) : m_answer(std::move(answer))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                const int connection = m_connections++;
                auto *pending = new QByteArray;
                auto *count = new int(0);
                connect(s, &QObject::destroyed, s, [pending, count] { delete pending; delete count; });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, pending, count, connection] {
                    *pending += s->readAll();
                    for (qsizetype end; (end = pending->indexOf("\r\n\r\n")) >= 0;) {
                        const QByteArray head = pending->left(end + 4);
                        pending->remove(0, end + 4);
                        m_requests << head;
                        m_answer(s, connection, (*count)++, head);
                    }
                });
            }
        });
    }
    QString url(const QString &path = QStringLiteral("/")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path);
    }
    int connections() const { return m_connections; }
    QList<QByteArray> requests() const { return m_requests; }

private:
    Answer m_answer;
    int m_connections = 0;
    QList<QByteArray> m_requests;
};

// Writes the bytes one at a time, one per turn of the event loop: the client meets every split.
void dribble(QTcpSocket *s, const QByteArray &bytes, bool closeAfter = false)
{
    auto *timer = new QTimer(s);
    auto *at = new qsizetype(0);
    QObject::connect(timer, &QObject::destroyed, [at] { delete at; });
    QObject::connect(timer, &QTimer::timeout, s, [=] {
        if (*at < bytes.size()) {
            s->write(bytes.mid(*at, 1));
            s->flush();
            ++*at;
        } else {
            timer->stop();
            if (closeAfter)
                s->disconnectFromHost();
        }
    });
    timer->start(0);
}

struct Outcome
{
    int status = 0;
    QString reason;
    QByteArray body;
    FetchResult::Error error = FetchResult::Error::None;
    QString message;
    int finished = 0;
    int metaData = 0;
    FetchExchange::HeaderList headers;
};

QByteArray ok(const QByteArray &body, const QByteArray &extra = {})
{
    return "HTTP/1.1 200 OK\r\n" + extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}
} // namespace

class TestHttpExchange : public QObject
{
    Q_OBJECT
private:
    // One exchange to its end; the body read in small pieces, as a slow reader would.
    Outcome run(HttpConnectionCache &cache, const QString &url, bool head = false,
                const std::function<void(HttpExchange &)> &during = {})
    {
        Outcome o;
        HttpExchange x(&cache, QUrl(url), head);
        connect(&x, &FetchExchange::metaDataChanged, this, [&] {
            ++o.metaData;
            o.status = x.status();
            o.reason = x.reason();
            o.headers = x.rawHeaderPairs();
        });
        connect(&x, &FetchExchange::readyRead, this, [&] {
            char buffer[7];
            for (qint64 n; (n = x.read(buffer, sizeof buffer)) > 0;)
                o.body.append(buffer, n);
            if (during)
                during(x);
        });
        connect(&x, &FetchExchange::finished, this, [&] { ++o.finished; });
        QSignalSpy done(&x, &FetchExchange::finished);
        x.start();
        if (!done.wait(20000))
            qWarning("the exchange did not end");
        o.error = x.error();
        o.message = x.errorString();
        return o;
    }

private Q_SLOTS:
    void requestHead_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("head");
        QTest::addColumn<QByteArray>("start");
        QTest::addColumn<QByteArray>("host");
        QTest::addRow("plain") << "http://example.com" << false << QByteArray("GET / HTTP/1.1\r\n") << QByteArray("example.com");
        QTest::addRow("path, query, no fragment") << "http://example.com/a%20b/c?x=1&y=%2F#frag" << false
                                                   << QByteArray("GET /a%20b/c?x=1&y=%2F HTTP/1.1\r\n") << QByteArray("example.com");
        QTest::addRow("query only") << "http://example.com?q" << false << QByteArray("GET /?q HTTP/1.1\r\n") << QByteArray("example.com");
        QTest::addRow("port") << "http://127.0.0.1:8123/x" << true << QByteArray("HEAD /x HTTP/1.1\r\n") << QByteArray("127.0.0.1:8123");
        QTest::addRow("default port") << "http://example.com:80/" << false << QByteArray("GET / HTTP/1.1\r\n") << QByteArray("example.com");
        QTest::addRow("ipv6") << "http://[::1]:9/" << false << QByteArray("GET / HTTP/1.1\r\n") << QByteArray("[::1]:9");
        QTest::addRow("idn") << "http://bücher.example/" << false << QByteArray("GET / HTTP/1.1\r\n") << QByteArray("xn--bcher-kva.example");
    }
    void requestHead()
    {
        QFETCH(QString, url);
        QFETCH(bool, head);
        QFETCH(QByteArray, start);
        QFETCH(QByteArray, host);
        const QByteArray r = HttpExchange::requestHead(QUrl(url), head);
        QVERIFY2(r.startsWith(start), r.constData());
        QVERIFY2(r.contains("\r\nHost: " + host + "\r\n"), r.constData());
        QVERIFY(r.contains("\r\nAccept-Encoding: gzip, deflate\r\n"));
        QVERIFY(r.endsWith("\r\n\r\n"));
        QVERIFY(!r.contains("Authorization"));
        QCOMPARE(r.count("\r\n\r\n"), 1);
    }

    void credentialsGoAsBasic()
    {
        // Percent-encoded in the URL, sent decoded: "al ice" and "p@ss:w".
        const QByteArray r = HttpExchange::requestHead(QUrl(QStringLiteral("http://al%20ice:p%40ss%3Aw@example.com/")), false);
        QVERIFY2(r.contains("\r\nAuthorization: Basic " + QByteArray("al ice:p@ss:w").toBase64() + "\r\n"), r.constData());
    }

    void anySplitOfTheResponse_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("length") << ok("hello, world", "X-A: 1\r\n") << QByteArray("hello, world");
        QTest::addRow("chunked, extensions, trailer")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5;name=value\r\nhello\r\n7\r\n, world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n")
            << QByteArray("hello, world0123456789");
        QTest::addRow("leading zeros in chunk sizes")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000000005\r\nhello\r\n000\r\n\r\n")
            << QByteArray("hello");
        QTest::addRow("bare LF line ends") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 3\n\nabc") << QByteArray("abc");
        QTest::addRow("100 Continue first") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n" + ok("ok")) << QByteArray("ok");
        QTest::addRow("103 Early Hints first")
            << QByteArray("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + ok("ok")) << QByteArray("ok");
    }
    void anySplitOfTheResponse()
    {
        QFETCH(QByteArray, response);
        QFETCH(QByteArray, body);
        for (const bool bytewise : {false, true}) {
            ScriptServer server([&](QTcpSocket *s, int, int, const QByteArray &) {
                if (bytewise)
                    dribble(s, response);
                else
                    s->write(response);
            });
            HttpConnectionCache cache;
            const Outcome o = run(cache, server.url());
            QCOMPARE(o.error, FetchResult::Error::None);
            QCOMPARE(o.status, 200);
            QCOMPARE(o.reason, QStringLiteral("OK"));
            QCOMPARE(o.body, body);
            QCOMPARE(o.finished, 1);
            QCOMPARE(o.metaData, 1); // the 1xx heads are not the answer's
            QVERIFY(FetchExchange::headerValue(o.headers, "link").isEmpty());
        }
    }

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<int>("connections"); // for three fetches in a row
        QTest::addRow("HTTP/1.1") << ok("x") << 1;
        QTest::addRow("HTTP/1.1, chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n") << 1;
        QTest::addRow("HTTP/1.1, Connection: close") << ok("x", "Connection: close\r\n") << 3;
        QTest::addRow("HTTP/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx") << 3;
        QTest::addRow("HTTP/1.0, keep-alive") << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx") << 1;
        QTest::addRow("length and chunked") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n") << 3;
    }
    void keepAlive()
    {
        QFETCH(QByteArray, response);
        QFETCH(int, connections);
        ScriptServer server([&](QTcpSocket *s, int, int, const QByteArray &) { s->write(response); });
        HttpConnectionCache cache;
        for (int i = 0; i < 3; ++i) {
            const Outcome o = run(cache, server.url());
            QCOMPARE(o.error, FetchResult::Error::None);
            QCOMPARE(o.body, QByteArray("x"));
        }
        QCOMPARE(server.connections(), connections);
        QCOMPARE(server.requests().size(), 3);
    }

    void keptConnectionClosedIsRetriedOnce()
    {
        // Each connection answers its first request only, and closes on the second: the
        // second fetch goes again, once, on a fresh connection.
        ScriptServer server([](QTcpSocket *s, int, int request, const QByteArray &) {
            if (request == 0)
                s->write(ok("x"));
            else
                s->disconnectFromHost();
        });
        HttpConnectionCache cache;
        QCOMPARE(run(cache, server.url()).error, FetchResult::Error::None);
        const Outcome o = run(cache, server.url());
        QVERIFY2(o.error == FetchResult::Error::None, qPrintable(o.message));
        QCOMPARE(o.body, QByteArray("x"));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.requests().size(), 3);
    }

    void keptConnectionWithStrayBytesIsRetried_data()
    {
        QTest::addColumn<QByteArray>("second"); // what a kept connection holds for the second request
        QTest::addColumn<int>("connections");
        QTest::addRow("a stray line end before the answer") << QByteArray("\r\n" + ok("y")) << 1;
        QTest::addRow("garbage") << QByteArray("garbage\r\n") << 2;
        QTest::addRow("408 Request Timeout") << QByteArray("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n") << 2;
    }
    void keptConnectionWithStrayBytesIsRetried()
    {
        QFETCH(QByteArray, second);
        QFETCH(int, connections);
        ScriptServer server([&](QTcpSocket *s, int, int request, const QByteArray &) {
            s->write(request == 0 ? ok("y") : second);
        });
        HttpConnectionCache cache;
        QCOMPARE(run(cache, server.url()).body, QByteArray("y"));
        const Outcome o = run(cache, server.url());
        QVERIFY2(o.error == FetchResult::Error::None, qPrintable(o.message));
        QCOMPARE(o.status, 200);
        QCOMPARE(o.body, QByteArray("y"));
        QCOMPARE(server.connections(), connections);
    }

    void nothingIsEmittedInsideStart()
    {
        // A connection that fails at once (here: no descriptor left for its socket) ends from
        // the event loop, never from inside start(): a slot that starts its next fetch from
        // finished() must not go one level deeper for each such URL.
        const int lowestFree = ::dup(0); // the descriptor the socket would get
        QVERIFY(lowestFree >= 0);
        ::close(lowestFree);
        rlimit old{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &old), 0);
        HttpConnectionCache cache;
        HttpExchange x(&cache, QUrl(QStringLiteral("http://127.0.0.1:1/")), false);
        QSignalSpy finished(&x, &FetchExchange::finished);
        rlimit low = old;
        low.rlim_cur = rlim_t(lowestFree); // no new descriptor can be had
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
        x.start();
        const int inside = int(finished.count());
        const bool ended = finished.wait(20000);
        ::setrlimit(RLIMIT_NOFILE, &old);
        QCOMPARE(inside, 0);
        QVERIFY(ended);
        QCOMPARE(x.error(), FetchResult::Error::Network);
    }

    void freshConnectionClosedIsNotRetried()
    {
        ScriptServer server([](QTcpSocket *s, int, int, const QByteArray &) { s->disconnectFromHost(); });
        HttpConnectionCache cache;
        const Outcome o = run(cache, server.url());
        QCOMPARE(o.error, FetchResult::Error::Network);
        QCOMPARE(o.message, QStringLiteral("connection closed by the server before any answer"));
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(o.finished, 1);
    }

    void headHasNoBody()
    {
        ScriptServer server([](QTcpSocket *s, int, int, const QByteArray &head) {
            s->write(head.startsWith("HEAD") ? QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n") : ok("y"));
        });
        HttpConnectionCache cache;
        Outcome o = run(cache, server.url(), true);
        QCOMPARE(o.error, FetchResult::Error::None);
        QCOMPARE(FetchExchange::contentLength(o.headers), 1000);
        QVERIFY(o.body.isEmpty());
        o = run(cache, server.url()); // the same connection: the HEAD answer had no body on it
        QCOMPARE(o.body, QByteArray("y"));
        QCOMPARE(server.connections(), 1);
    }

    void noBodyStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addRow("204") << 204;
        QTest::addRow("304") << 304;
    }
    void noBodyStatuses()
    {
        QFETCH(int, status);
        ScriptServer server([status](QTcpSocket *s, int, int, const QByteArray &) {
            s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 50\r\n\r\n");
        });
        HttpConnectionCache cache;
        const Outcome o = run(cache, server.url());
        QCOMPARE(o.error, FetchResult::Error::None);
        QCOMPARE(o.status, status);
        QVERIFY(o.body.isEmpty());
    }

    void bodyUntilClose()
    {
        ScriptServer server([](QTcpSocket *s, int, int, const QByteArray &) {
            dribble(s, "HTTP/1.1 200 OK\r\n\r\nto the end", true);
        });
        HttpConnectionCache cache;
        const Outcome o = run(cache, server.url());
        QCOMPARE(o.error, FetchResult::Error::None);
        QCOMPARE(o.body, QByteArray("to the end"));
    }

    void brokenResponses_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("message");
        QTest::addRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n")
                                  << QStringLiteral("not an HTTP response: \"SSH-2.0-OpenSSH_9.2\"");
        QTest::addRow("control characters") << QByteArray("\x1b]0;owned\x07\r\n")
                                            << QStringLiteral("not an HTTP response: \"\\e]0;owned\\x07\"");
        QTest::addRow("HTTP/1.x") << QByteArray("HTTP/1.x 200 OK\r\n\r\n")
                                  << QStringLiteral("not an HTTP response: \"HTTP/1.x 200 OK\"");
        QTest::addRow("endless 100 Continue") << QByteArray("HTTP/1.1 100 Continue\r\n\r\n").repeated(10000)
                                              << QStringLiteral("response head larger than 100 KiB");
        QTest::addRow("two-digit status") << QByteArray("HTTP/1.1 20 OK\r\n\r\n")
                                          << QStringLiteral("not an HTTP response: \"HTTP/1.1 20 OK\"");
        QTest::addRow("101 not asked for") << QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n")
                                           << QStringLiteral("the server switched protocols (HTTP 101), which was not asked for");
        QTest::addRow("head too large") << QByteArray("HTTP/1.1 200 OK\r\n" + QByteArray(200 * 1024, 'h'))
                                        << QStringLiteral("response head larger than 100 KiB");
        QTest::addRow("header lines too many") << QByteArray("HTTP/1.1 200 OK\r\n" + QByteArray("X-A: 1\r\n").repeated(20000))
                                               << QStringLiteral("response head larger than 100 KiB");
        QTest::addRow("head cut off") << QByteArray("HTTP/1.1 200 OK\r\nContent-")
                                      << QStringLiteral("connection closed by the server inside the response head");
        QTest::addRow("short body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")
                                    << QStringLiteral("body ended after 3 of 10 bytes");
        QTest::addRow("chunked cut off") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel")
                                         << QStringLiteral("connection closed inside the chunked body");
        QTest::addRow("chunked cut in a size line") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1")
                                                    << QStringLiteral("connection closed inside the chunked body");
        QTest::addRow("chunked cut after a CR") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r")
                                                << QStringLiteral("connection closed inside the chunked body");
        QTest::addRow("endless trailer") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
                                                       + QByteArray("X-T: 1\r\n").repeated(20000))
                                         << QStringLiteral("chunked body: trailer larger than 100 KiB");
        QTest::addRow("chunk longer than its size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n")
                                                    << QStringLiteral("chunked body: a chunk longer than its size");
        QTest::addRow("negative chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n")
                                             << QStringLiteral("chunked body: \"-5\" is not a chunk size");
        QTest::addRow("endless chunk-size line") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray(10000, '0'))
                                                 << QStringLiteral("chunked body: a line longer than 4096 bytes");
    }
    void brokenResponses()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, message);
        ScriptServer server([&](QTcpSocket *s, int, int, const QByteArray &) {
            s->write(response);
            s->disconnectFromHost();
        });
        HttpConnectionCache cache;
        const Outcome o = run(cache, server.url());
        QCOMPARE(o.error, FetchResult::Error::Network);
        QCOMPARE(o.message, message);
        QCOMPARE(o.finished, 1);
        QVERIFY(!cache.take(QStringLiteral("127.0.0.1"), server.serverPort())); // never kept
    }

    void refused()
    {
        HttpConnectionCache cache;
        const Outcome o = run(cache, QStringLiteral("http://127.0.0.1:1/"));
        QCOMPARE(o.error, FetchResult::Error::Refused);
        QCOMPARE(o.message, QStringLiteral("connection refused by 127.0.0.1:1"));
    }

    void abortEndsOnceAndDropsTheConnection()
    {
        // Aborted inside its own readyRead handler, mid-body: finished() once, Cancelled, and
        // the half-read connection is not used again.
        ScriptServer server([](QTcpSocket *s, int, int, const QByteArray &) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + QByteArray(1000, 'a'));
        });
        HttpConnectionCache cache;
        const Outcome o = run(cache, server.url(), false, [](HttpExchange &x) { x.abort(); });
        QCOMPARE(o.error, FetchResult::Error::Cancelled);
        QCOMPARE(o.finished, 1);
        QVERIFY(!o.body.isEmpty());
        QVERIFY(!cache.take(QStringLiteral("127.0.0.1"), server.serverPort()));
        // Aborted before any answer: the same.
        HttpExchange x(&cache, QUrl(server.url()), false);
        QSignalSpy finished(&x, &FetchExchange::finished);
        x.start();
        x.abort();
        x.abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(x.error(), FetchResult::Error::Cancelled);
    }

    void anotherServerClosesTheKeptConnection()
    {
        ScriptServer a([](QTcpSocket *s, int, int, const QByteArray &) { s->write(ok("a")); });
        ScriptServer b([](QTcpSocket *s, int, int, const QByteArray &) { s->write(ok("b")); });
        HttpConnectionCache cache;
        QCOMPARE(run(cache, a.url()).body, QByteArray("a"));
        QCOMPARE(run(cache, b.url()).body, QByteArray("b"));
        QCOMPARE(run(cache, a.url()).body, QByteArray("a"));
        QCOMPARE(a.connections(), 2); // one connection kept at a time
        QCOMPARE(b.connections(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHttpExchange)
#include "tst_httpexchange.moc"
