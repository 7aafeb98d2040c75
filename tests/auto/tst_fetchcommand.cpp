#include "BadServer.h"
#include "CliTestUtil.h"
#include "TestUtil.h"
#include "TlsServer.h"
#include "net/DemoServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <csignal>

using namespace CliTestUtil;
using namespace TestUtil;

namespace {
// As cli(), but serving this test's own event loop while the command runs, for servers that
// live in the test process (BadServer, TlsServer, DemoServer).
CliResult cliServed(const QStringList &args, const QString &program = QStringLiteral(RB_CLI))
{
    QProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(program, args);
    p.closeWriteChannel();
    if (!finished.wait(120000)) {
        qWarning("%s %s: no end within 120 s", qPrintable(program), qPrintable(args.join(QLatin1Char(' '))));
        return {};
    }
    CliResult r;
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    if (r.status == -1)
        qWarning("%s crashed: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
    return r;
}

QJsonObject resultAt(const QJsonObject &o, int index) // the JSON lists results as they end
{
    for (const QJsonValue &v : o.value(QLatin1String("results")).toArray())
        if (v.toObject().value(QLatin1String("index")).toInt() == index)
            return v.toObject();
    return {};
}
} // namespace

// runboard-cli fetch (FetchCommand): against the demo server and servers that misbehave, what
// it prints, what it keeps secret, and what it refuses.
class TestFetchCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fetchAgainstServeDemo()
    {
        QProcess server;
        server.start(QStringLiteral(RB_CLI), {QStringLiteral("serve-demo")});
        QVERIFY(server.waitForReadyRead(20000));
        const QString line = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(line.startsWith(QLatin1String("Serving the demo endpoints on http://127.0.0.1:")), qPrintable(line));
        const QString base = line.section(QLatin1Char(' '), 5, 5);

        CliResult r = cli({QStringLiteral("fetch"), QStringLiteral("--concurrency"), QStringLiteral("3"),
                           base + QStringLiteral("/delay/100"), base + QStringLiteral("/bytes/777"), base + QStringLiteral("/redirect/2")});
        QVERIFY2(r.status == 0, (r.out + r.err).constData());
        QVERIFY(r.out.startsWith("STATUS"));
        QCOMPARE(r.out.count("   200 "), 3);
        QVERIFY2(r.out.trimmed().split('\n').last().startsWith("3 fetched, 0 failed; wall "), r.out.constData());
        QVERIFY(r.out.contains("at concurrency 3"));

        r = cli({QStringLiteral("fetch"), QStringLiteral("--json"), base + QStringLiteral("/status/500"), QStringLiteral("localhost:3128"),
                 QStringLiteral("http://127.0.0.1:1/")});
        QCOMPARE(r.status, 1);
        QCOMPARE(r.out.count('\n'), 1); // one JSON object on one line
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonArray results = o.value(QLatin1String("results")).toArray();
        QCOMPARE(results.size(), 3);
        QCOMPARE(resultAt(o, 0).value(QLatin1String("error")).toString(), QStringLiteral("http-error"));
        QCOMPARE(resultAt(o, 0).value(QLatin1String("status")).toInt(), 500);
        QCOMPARE(resultAt(o, 1).value(QLatin1String("error")).toString(), QStringLiteral("invalid-url"));
        QCOMPARE(resultAt(o, 2).value(QLatin1String("error")).toString(), QStringLiteral("refused"));
        QCOMPARE(o.value(QLatin1String("failed")).toInt(), 3);

        QTemporaryDir dir;
        QFile list(dir.filePath(QStringLiteral("urls.txt")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write((QStringLiteral("# two of them\n") + base + QStringLiteral("/status/200\n\n") + base
                    + QStringLiteral("/status/204\n")).toUtf8());
        list.close();
        r = cli({QStringLiteral("fetch"), QStringLiteral("--sequential"), QStringLiteral("--url-file"), list.fileName()});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("2 fetched, 0 failed"));
        QVERIFY(r.out.contains("at concurrency 1"));

        // The port is taken: serve-demo says so.
        const QString port = base.section(QLatin1Char(':'), 2, 2);
        r = cli({QStringLiteral("serve-demo"), QStringLiteral("--port"), port});
        QCOMPARE(r.status, 1);
        QVERIFY(r.err.contains("cannot listen on 127.0.0.1:" + port.toUtf8()));

        ::kill(pid_t(server.processId()), SIGINT);
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 130);
    }

    void fetchEscapesServerText()
    {
        // A reason phrase that would set the terminal's title and clear the screen.
        BadServer server(QByteArray("HTTP/1.1 500 \x1b]0;pwned\x07\x1b[2J\x9b\r\nContent-Length: 0\r\n\r\n"));
        CliResult r = cliServed({QStringLiteral("fetch"), server.url()});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.out.contains("HTTP 500 \\e]0;pwned\\x07\\e[2J"), r.out.constData());
        for (char c = 0; c < 0x20; ++c)
            QVERIFY2(c == '\n' || !r.out.contains(c), qPrintable(QStringLiteral("control 0x%1 in the table").arg(int(c), 2, 16, QLatin1Char('0'))));
        QVERIFY(!r.out.contains('\x7f'));
        // The JSON keeps the text as it came (JSON escapes it by itself).
        r = cliServed({QStringLiteral("fetch"), QStringLiteral("--json"), server.url()});
        QVERIFY(!r.out.contains('\x1b'));
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(resultAt(o, 0).value(QLatin1String("reason")).toString().startsWith(QStringLiteral("\x1b]0;pwned")));
    }

    void fetchRedactsCredentials()
    {
        DemoServer demo;
        QCOMPARE(demo.listen(0), QString());
        const QString secret = QStringLiteral("hunter2pw");
        QString url = demo.baseUrl().toString() + QStringLiteral("/redirect/1");
        url.replace(QLatin1String("://"), QLatin1String("://bob:") + secret + QLatin1Char('@'));
        const QStringList urls{url, QStringLiteral("http://bob:%1@127.0.0.1:1/").arg(secret),
                               QStringLiteral("http://bob:%1@/").arg(secret)};
        CliResult r = cliServed(QStringList{QStringLiteral("fetch")} + urls);
        QCOMPARE(r.status, 1);
        QVERIFY2(!r.out.contains(secret.toUtf8()) && !r.err.contains(secret.toUtf8()), r.out.constData());
        QVERIFY(r.out.count("bob:***@") >= 3); // in each URL, and in the message naming one
        r = cliServed(QStringList{QStringLiteral("fetch"), QStringLiteral("--json")} + urls);
        QVERIFY2(!r.out.contains(secret.toUtf8()), r.out.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(resultAt(o, 0).value(QLatin1String("url")).toString().contains(QLatin1String("bob:***@")));
        QVERIFY(resultAt(o, 0).value(QLatin1String("ok")).toBool());
    }

    void fetchInsecureReportsWarnings()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        TlsServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        CliResult r = cliServed({QStringLiteral("fetch"), server.url()});
        QCOMPARE(r.status, 1); // refused without --insecure
        r = cliServed({QStringLiteral("fetch"), QStringLiteral("--insecure"), server.url()});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(" ok; warning: TLS error accepted: "), r.out.constData());
        QVERIFY(r.out.contains("self-signed"));
        r = cliServed({QStringLiteral("fetch"), QStringLiteral("--insecure"), QStringLiteral("--json"), server.url()});
        QCOMPARE(r.status, 0);
        const QJsonArray warnings = resultAt(QJsonDocument::fromJson(r.out).object(), 0)
                                        .value(QLatin1String("warnings")).toArray();
        QVERIFY(!warnings.isEmpty());
        QVERIFY(warnings.first().toString().startsWith(QLatin1String("TLS error accepted: ")));
    }

    void fetchOpenFileLimit()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
        rlimit l{};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &l) == 0);
        // A hard limit too low for the concurrency: refused with a message naming it.
        CliResult r = cliServed({QStringLiteral("--nofile=256:256"), QStringLiteral(RB_CLI), QStringLiteral("fetch"),
                                 QStringLiteral("--concurrency"), QStringLiteral("400"), QStringLiteral("http://127.0.0.1:1/")},
                                QStringLiteral("prlimit"));
        QCOMPARE(r.status, 125);
        QVERIFY2(r.err.contains("concurrency 400 needs about 1,664 open files; the limit here is 256 (ulimit -n)"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        // A low soft limit under a high enough hard one is raised: 100 fetches in flight at
        // once (each held open 1.5 s), where the soft limit of 128 alone would not do.
        if (l.rlim_max != RLIM_INFINITY && l.rlim_max < 1024)
            QSKIP("the hard open-file limit here is below 1,024");
        DemoServer demo;
        QCOMPARE(demo.listen(0), QString());
        QStringList args{QStringLiteral("--nofile=128:1024"), QStringLiteral(RB_CLI), QStringLiteral("fetch"),
                         QStringLiteral("--concurrency"), QStringLiteral("100")};
        for (int i = 0; i < 100; ++i)
            args << demo.baseUrl().toString() + QStringLiteral("/delay/1500");
        r = cliServed(args, QStringLiteral("prlimit"));
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY(r.out.contains("100 fetched, 0 failed"));
    }

    void fetchBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QString f = QStringLiteral("fetch");
        const QString u = QStringLiteral("http://127.0.0.1:1/");
        QTest::addRow("no urls") << QStringList{f} << QByteArray("fetch: no URLs given");
        QTest::addRow("concurrency zero") << QStringList{f, QStringLiteral("--concurrency"), QStringLiteral("0"), u} << QByteArray("--concurrency: 0 is out of range (1 to 1024)");
        QTest::addRow("concurrency word") << QStringList{f, QStringLiteral("--concurrency"), QStringLiteral("lots"), u} << QByteArray("--concurrency: \"lots\" is not a whole number");
        QTest::addRow("concurrency huge") << QStringList{f, QStringLiteral("--concurrency"), QStringLiteral("100000"), u} << QByteArray("--concurrency: 100000 is out of range (1 to 1024)");
        QTest::addRow("contradiction") << QStringList{f, QStringLiteral("--sequential"), QStringLiteral("--concurrency"), QStringLiteral("4"), u} << QByteArray("contradict");
        QTest::addRow("timeout negative") << QStringList{f, QStringLiteral("--timeout"), QStringLiteral("-2"), u} << QByteArray("--timeout: -2 is negative");
        QTest::addRow("timeout zero") << QStringList{f, QStringLiteral("--timeout"), QStringLiteral("0"), u} << QByteArray("--timeout: must be more than 0");
        QTest::addRow("redirects word") << QStringList{f, QStringLiteral("--max-redirects"), QStringLiteral("x"), u} << QByteArray("--max-redirects");
        QTest::addRow("max bytes negative") << QStringList{f, QStringLiteral("--max-bytes"), QStringLiteral("-1"), u} << QByteArray("--max-bytes: -1 is out of range");
        QTest::addRow("url file missing") << QStringList{f, QStringLiteral("--url-file"), QStringLiteral("/nonexistent/urls")} << QByteArray("--url-file: cannot read \"/nonexistent/urls\"");
        // No size to check first: read up to the limit, not on until memory runs out.
        QTest::addRow("url file endless") << QStringList{f, QStringLiteral("--url-file"), QStringLiteral("/dev/zero")} << QByteArray("--url-file: \"/dev/zero\" is larger than 64 MiB");
        QTest::addRow("serve-demo port word") << QStringList{QStringLiteral("serve-demo"), QStringLiteral("--port"), QStringLiteral("http")} << QByteArray("--port: \"http\" is not a whole number");
        QTest::addRow("serve-demo port big") << QStringList{QStringLiteral("serve-demo"), QStringLiteral("--port"), QStringLiteral("70000")} << QByteArray("--port: 70000 is out of range");
    }
    void fetchBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const CliResult r = cli(args);
        QCOMPARE(r.status, 125);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestFetchCommand)
#include "tst_fetchcommand.moc"
