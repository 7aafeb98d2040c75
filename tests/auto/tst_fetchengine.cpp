#include "BadServer.h"

#include "net/DemoServer.h"
#include "net/FetchEngine.h"

#include <QDir>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

namespace {
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

int openFdCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

qint64 rssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    f.open(QIODevice::ReadOnly);
    for (const QByteArray &l : f.readAll().split('\n'))
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}
} // namespace

class TestFetchEngine : public QObject
{
    Q_OBJECT
private:
    DemoServer m_demo;
    QString demo(const QString &path) const { return m_demo.baseUrl().toString() + path; }

    // Runs a batch to the end; generous limits, never a sleep.
    QList<FetchResult> runBatch(FetchEngine &engine, const QStringList &urls, FetchOptions o)
    {
        QSignalSpy finished(&engine, &FetchEngine::finished);
        const QString e = engine.start(urls, o);
        if (!e.isEmpty())
            qWarning("%s", qPrintable(e));
        if (!finished.wait(120000))
            return {};
        QList<FetchResult> byIndex = engine.results();
        std::sort(byIndex.begin(), byIndex.end(),
                  [](const FetchResult &a, const FetchResult &b) { return a.index < b.index; });
        return byIndex;
    }
    FetchResult fetchOne(const QString &url, FetchOptions o = {})
    {
        FetchEngine engine;
        const auto r = runBatch(engine, {url}, o);
        return r.isEmpty() ? FetchResult{} : r.first();
    }

private Q_SLOTS:
    void initTestCase() { QCOMPARE(m_demo.listen(0), QString()); }

    void successAndFields()
    {
        const FetchResult r = fetchOne(demo(QStringLiteral("/bytes/12345")));
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.reason, QStringLiteral("OK"));
        QCOMPARE(r.bytes, qint64(12345));
        QVERIFY(r.firstByteMs >= 0);
        QVERIFY(r.totalMs >= r.firstByteMs);
        QCOMPARE(r.worker, 0);
        QCOMPARE(r.error, FetchResult::Error::None);
    }

    void head()
    {
        FetchOptions o;
        o.method = FetchOptions::Method::Head;
        const FetchResult r = fetchOne(demo(QStringLiteral("/bytes/5000")), o);
        QVERIFY(r.ok());
        QCOMPARE(r.bytes, qint64(0));
    }

    void httpErrorIsAFailure()
    {
        const FetchResult r = fetchOne(demo(QStringLiteral("/status/503")));
        QCOMPARE(r.error, FetchResult::Error::Http);
        QCOMPARE(r.status, 503);
        QVERIFY(!r.ok());
        QCOMPARE(r.message, QStringLiteral("HTTP 503 Service Unavailable"));
    }

    void redirects()
    {
        FetchResult r = fetchOne(demo(QStringLiteral("/redirect/3")));
        QVERIFY(r.ok());
        QCOMPARE(r.finalUrl.path(), QStringLiteral("/redirect/0"));
        FetchOptions o;
        o.maxRedirects = 2;
        r = fetchOne(demo(QStringLiteral("/redirect/3")), o);
        QCOMPARE(r.error, FetchResult::Error::TooManyRedirects);
    }

    void invalidUrlsNeverTouchTheNetwork()
    {
        FetchEngine engine;
        const QStringList bad{QStringLiteral("http://"), QStringLiteral("hiwpefhipowhefopw"),
                              QStringLiteral("localhost:3128"), QStringLiteral("file:///etc/passwd"),
                              QStringLiteral("http://.example.com")};
        const qint64 served = m_demo.requestsServed();
        const auto results = runBatch(engine, bad, {});
        QCOMPARE(results.size(), bad.size());
        for (const FetchResult &r : results) {
            QCOMPARE(r.error, FetchResult::Error::InvalidUrl);
            QCOMPARE(r.worker, -1); // never reached a worker thread
            QVERIFY(!r.message.isEmpty());
        }
        QCOMPARE(m_demo.requestsServed(), served);
    }

    void tlsErrorsAreReportedNotIgnored()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        TlsServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        FetchResult r = fetchOne(server.url());
        QCOMPARE(r.error, FetchResult::Error::Tls);
        QVERIFY2(r.message.contains(QLatin1String("self-signed"), Qt::CaseInsensitive), qPrintable(r.message));
        FetchOptions insecure;
        insecure.ignoreTlsErrors = true;
        r = fetchOne(server.url(), insecure);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.bytes, qint64(2));
    }

    void httpsToHttpRedirectRefused()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        const QByteArray location = demo(QStringLiteral("/status/200")).toUtf8();
        TlsServer server("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
        FetchOptions insecure;
        insecure.ignoreTlsErrors = true; // the certificate is not what this test is about
        const FetchResult r = fetchOne(server.url(), insecure);
        QCOMPARE(r.error, FetchResult::Error::InsecureRedirect);
    }

    void refused()
    {
        const FetchResult r = fetchOne(QStringLiteral("http://127.0.0.1:1/"));
        QCOMPARE(r.error, FetchResult::Error::Refused);
    }

    void misbehavingServers_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("expected");
        QTest::addColumn<qint64>("maxBytes");
        QTest::addRow("never answers") << int(BadServer::NeverAnswers) << int(FetchResult::Error::Timeout) << qint64(0);
        QTest::addRow("headers then stall") << int(BadServer::HeadersThenStall) << int(FetchResult::Error::Timeout) << qint64(0);
        QTest::addRow("1 byte per second") << int(BadServer::OneBytePerSecond) << int(FetchResult::Error::Timeout) << qint64(0);
        QTest::addRow("broken chunked") << int(BadServer::BrokenChunked) << int(FetchResult::Error::Timeout) << qint64(0);
        QTest::addRow("short body") << int(BadServer::ShortBody) << int(FetchResult::Error::Network) << qint64(0);
        QTest::addRow("redirect loop") << int(BadServer::RedirectLoop) << int(FetchResult::Error::TooManyRedirects) << qint64(0);
        QTest::addRow("endless body, capped") << int(BadServer::EndlessBody) << int(FetchResult::Error::TooLarge) << qint64(1 << 20);
        QTest::addRow("endless body, deadline") << int(BadServer::EndlessBody) << int(FetchResult::Error::Timeout) << qint64(0);
    }
    void misbehavingServers()
    {
        QFETCH(int, mode);
        QFETCH(int, expected);
        QFETCH(qint64, maxBytes);
        BadServer server{BadServer::Mode(mode)};
        FetchOptions o;
        o.timeoutMs = 1500;
        o.maxBytes = maxBytes;
        const FetchResult r = fetchOne(server.url(), o);
        QVERIFY2(int(r.error) == expected,
                 qPrintable(QStringLiteral("got %1: %2").arg(FetchResult::errorKey(r.error), r.message)));
        QVERIFY(!r.ok());
        // Ends within its deadline (plus slack for a loaded machine), never later.
        QVERIFY2(r.totalMs <= o.timeoutMs + 3000, qPrintable(QString::number(r.totalMs)));
    }

    void concurrencyIsReal()
    {
        // 16 requests of 3 s at concurrency 16: all in flight at once (one manager alone
        // would allow 6), so the batch takes about one delay, and 16 workers were used.
        FetchEngine engine;
        QStringList urls;
        for (int i = 0; i < 16; ++i)
            urls << demo(QStringLiteral("/delay/3000"));
        FetchOptions o;
        o.concurrency = 16;
        const auto results = runBatch(engine, urls, o);
        QCOMPARE(results.size(), 16);
        QSet<int> workers;
        qint64 latestStart = 0;
        qint64 earliestEnd = LLONG_MAX;
        for (const FetchResult &r : results) {
            QVERIFY(r.ok());
            workers << r.worker;
            latestStart = std::max(latestStart, r.startMs);
            earliestEnd = std::min(earliestEnd, r.startMs + r.totalMs);
        }
        QCOMPARE(workers.size(), 16);
        QVERIFY2(latestStart < earliestEnd, "not all 16 requests overlapped in time");
    }

    void sequentialIsSequential()
    {
        FetchEngine engine;
        QStringList urls(4, demo(QStringLiteral("/delay/100")));
        FetchOptions o;
        o.concurrency = 1;
        const auto results = runBatch(engine, urls, o);
        QCOMPARE(results.size(), 4);
        for (int i = 1; i < results.size(); ++i)
            QVERIFY(results.at(i).startMs >= results.at(i - 1).startMs + results.at(i - 1).totalMs);
        QVERIFY(engine.summary().wallMs >= 400);
        QVERIFY(engine.summary().speedUp() <= 1.05);
    }

    void cancelMidBatch()
    {
        FetchEngine engine;
        QStringList urls(200, demo(QStringLiteral("/delay/10000")));
        FetchOptions o;
        o.concurrency = 10;
        QSignalSpy results(&engine, &FetchEngine::resultReady);
        QSignalSpy finished(&engine, &FetchEngine::finished);
        QVERIFY(engine.start(urls, o).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_demo.openConnections() >= 10, 20000); // ten are running
        engine.cancel();
        QVERIFY(finished.wait(10000)); // far less than the 10 s the running ones would take
        QCOMPARE(results.count(), 200);
        for (const FetchResult &r : engine.results())
            QCOMPARE(r.error, FetchResult::Error::Cancelled);
        QVERIFY(!engine.isRunning());
        QCOMPARE(engine.summary().succeeded, 0);
    }

    void refusesSecondBatchAndBadOptions()
    {
        FetchEngine engine;
        FetchOptions o;
        QVERIFY(engine.start({demo(QStringLiteral("/delay/300"))}, o).isEmpty());
        QCOMPARE(engine.start({demo(QStringLiteral("/"))}, o), QStringLiteral("a batch is already running"));
        QSignalSpy finished(&engine, &FetchEngine::finished);
        QVERIFY(finished.wait(20000));
        o.concurrency = 0;
        QCOMPARE(engine.start({demo(QStringLiteral("/"))}, o), QStringLiteral("concurrency 0 is out of range (1 to 1024)"));
        o.concurrency = 4;
        o.timeoutMs = 0;
        QVERIFY(engine.start({demo(QStringLiteral("/"))}, o).startsWith(QLatin1String("timeout 0 ms")));
    }

    void tenThousandFetchesLeaveNoTrace()
    {
        const int fdsBefore = openFdCount();
        qint64 rssAfterWarmUp = 0;
        {
            FetchEngine engine;
            FetchOptions o;
            o.concurrency = 32;
            QStringList urls(2000, demo(QStringLiteral("/status/200")));
            QCOMPARE(runBatch(engine, urls, o).size(), 2000); // warm-up: threads, managers
            rssAfterWarmUp = rssKb();
            QStringList many(10000, demo(QStringLiteral("/status/200")));
            const auto results = runBatch(engine, many, o);
            QCOMPARE(results.size(), 10000);
            QCOMPARE(engine.summary().succeeded, 10000);
#if !defined(__SANITIZE_ADDRESS__)
            // (Under AddressSanitizer freed memory sits in its quarantine: RSS says nothing.)
            QVERIFY2(rssKb() - rssAfterWarmUp < 30 * 1024,
                     qPrintable(QStringLiteral("RSS grew by %1 kB").arg(rssKb() - rssAfterWarmUp)));
#endif
        }
        // The engine is gone: its threads, their managers and their connections too.
        QTRY_COMPARE_WITH_TIMEOUT(m_demo.openConnections(), 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(openFdCount() <= fdsBefore, 20000);
    }
};

QTEST_GUILESS_MAIN(TestFetchEngine)
#include "tst_fetchengine.moc"
