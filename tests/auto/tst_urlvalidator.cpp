#include "net/UrlValidator.h"

#include <QTest>

class TestUrlValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addRow("no host") << "http://" << "has no host name";
        QTest::addRow("no scheme") << "hiwpefhipowhefopw" << "has no scheme";
        QTest::addRow("host:port without scheme") << "localhost:3128" << "has no scheme";
        QTest::addRow("file") << "file:///etc/passwd" << "only http and https URLs are fetched, not file";
        QTest::addRow("ftp") << "ftp://example.com/x" << "not ftp";
        QTest::addRow("leading dot") << "http://.example.com" << "invalid host name";
        QTest::addRow("empty label") << "http://a..b/" << "";
        QTest::addRow("empty") << "  " << "empty URL";
        QTest::addRow("spaces") << "http://exa mple.com/" << "";
        // Schemes without "//" are schemes all the same: only host:port lacks one.
        QTest::addRow("qrc") << "qrc:/icons/app.svg" << "only http and https URLs are fetched, not qrc";
        QTest::addRow("data") << "data:text/plain,hello" << "only http and https URLs are fetched, not data";
        QTest::addRow("mailto") << "mailto:someone@example.com" << "not mailto";
        QTest::addRow("host, port and path") << "example.com:8080/x" << "has no scheme";
        QTest::addRow("dotted host") << "www.example.com:abc" << "has no scheme";
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QString error;
        const QUrl url = UrlValidator::parse(text, &error);
        QVERIFY2(!error.isEmpty(), qPrintable(text));
        QVERIFY(url.isEmpty());
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("source was")));
    }

    void accepts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addRow("https") << "https://www.google.com/";
        QTest::addRow("port and path") << "http://127.0.0.1:8080/delay/50?x=1";
        QTest::addRow("ipv6") << "http://[::1]:80/";
        QTest::addRow("upper scheme") << "HTTP://example.com";
        QTest::addRow("trailing dot") << "http://example.com./";
    }
    void accepts()
    {
        QFETCH(QString, text);
        QString error;
        const QUrl url = UrlValidator::parse(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(url.isValid());
    }

    void lists()
    {
        const auto lines = UrlValidator::parseList(QStringLiteral(
            "# comment\nhttp://a.example/\n\n  https://b.example/  \nnot a url\n"));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).lineNumber, 2);
        QCOMPARE(lines.at(1).text, QStringLiteral("https://b.example/"));
        QVERIFY(lines.at(1).error.isEmpty());
        QCOMPARE(lines.at(2).lineNumber, 5);
        QVERIFY(!lines.at(2).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestUrlValidator)
#include "tst_urlvalidator.moc"
