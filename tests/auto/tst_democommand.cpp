#include "TestUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace TestUtil;

// runboard-cli demo, and --trace on run, start and fetch, end to end.
class TestDemoCommand : public QObject
{
    Q_OBJECT
private:
    struct Result
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    static Result cli(const QStringList &args, int limitMs = 180000)
    {
        QProcess p;
        p.start(QStringLiteral(RB_CLI), args);
        Result r;
        if (!p.waitForFinished(limitMs)) {
            p.kill();
            p.waitForFinished();
            r.err = "timed out";
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
    static QJsonArray traceEvents(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("traceEvents")).toArray();
    }
    static int count(const QJsonArray &events, const char *ph)
    {
        int n = 0;
        for (const QJsonValue &v : events)
            n += v.toObject().value(QLatin1String("ph")).toString() == QLatin1String(ph);
        return n;
    }

private Q_SLOTS:
    void lists();
    void runsEachDemo_data();
    void runsEachDemo();
    void helperAndJson();
    void badInput_data();
    void badInput();
    void traceOnRunStartFetch();
};

void TestDemoCommand::lists()
{
    const Result r = cli({QStringLiteral("demo")});
    QCOMPARE(r.code, 0);
    for (const char *name : {"parallel", "pipe", "timeout", "threads", "processes", "buffering"})
        QVERIFY2(r.out.contains(name), name);
    const Result help = cli({QStringLiteral("--help")});
    QVERIFY(help.out.contains("demo [NAME]"));
    QVERIFY(help.out.contains("--trace FILE"));
}

void TestDemoCommand::runsEachDemo_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("parallel") << QStringLiteral("parallel") << QByteArray("five 120-byte ciphertexts");
    QTest::addRow("pipe") << QStringLiteral("pipe") << QByteArray("five 16-byte digests");
    QTest::addRow("timeout") << QStringLiteral("timeout") << QByteArray("exit status -15");
    QTest::addRow("threads") << QStringLiteral("threads") << QByteArray("faster than one after another");
    QTest::addRow("processes") << QStringLiteral("processes") << QByteArray("2 processes");
    QTest::addRow("buffering") << QStringLiteral("buffering") << QByteArray("line-buffered");
}

void TestDemoCommand::runsEachDemo()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("trace.json"));
    const Result r = cli({QStringLiteral("demo"), name, QStringLiteral("--trace"), trace});
    QVERIFY2(r.code == 0, r.out + r.err);
    QVERIFY(r.out.contains("What to watch:"));
    QVERIFY(r.out.contains("Timeline:"));
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QVERIFY2(lines.last().startsWith("PASS: ") && lines.last().contains(expected), lines.last());
    const QJsonArray events = traceEvents(trace);
    QVERIFY(count(events, "X") > 0);
    QVERIFY(count(events, "M") > 0);
}

void TestDemoCommand::helperAndJson()
{
    const Result r = cli({QStringLiteral("demo"), QStringLiteral("pipe"), QStringLiteral("--helper"),
                          QStringLiteral("--json")});
    QVERIFY2(r.code == 0, r.out + r.err);
    const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed()).object();
    QCOMPARE(o.value(QLatin1String("demo")).toString(), QStringLiteral("pipe"));
    QVERIFY(o.value(QLatin1String("passed")).toBool());
    QCOMPARE(o.value(QLatin1String("details")).toArray().size(), 5);
    QVERIFY(o.value(QLatin1String("messages")).toArray().first().toString().contains(QLatin1String("helper")));
}

void TestDemoCommand::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("unknown demo") << QStringList{QStringLiteral("demo"), QStringLiteral("nosuch")}
                                  << QByteArray("no demo called \"nosuch\"");
    QTest::addRow("two names") << QStringList{QStringLiteral("demo"), QStringLiteral("pipe"), QStringLiteral("timeout")}
                               << QByteArray("give one demo name");
    QTest::addRow("empty trace") << QStringList{QStringLiteral("demo"), QStringLiteral("timeout"), QStringLiteral("--trace="), }
                                 << QByteArray("--trace: the file name is empty");
    QTest::addRow("unknown option") << QStringList{QStringLiteral("demo"), QStringLiteral("--nope")}
                                    << QByteArray("nope");
}

void TestDemoCommand::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const Result r = cli(args);
    QCOMPARE(r.code, 125);
    QVERIFY2(r.err.contains(message), r.err);
}

void TestDemoCommand::traceOnRunStartFetch()
{
    QTemporaryDir dir;
    const QString runTrace = dir.filePath(QStringLiteral("run.json"));
    Result r = cli({QStringLiteral("run"), QStringLiteral("--trace"), runTrace, QStringLiteral("--stdin-text"),
                    QStringLiteral("hi\n"), QStringLiteral("--"), helper(), QStringLiteral("echo"),
                    QStringLiteral("|"), helper(), QStringLiteral("echo")});
    QVERIFY2(r.code == 0, r.err);
    QJsonArray events = traceEvents(runTrace);
    QCOMPARE(count(events, "X"), 2); // one bar per stage
    QVERIFY(count(events, "i") >= 3);  // stdin closed, first output, exits

    const QString session = dir.filePath(QStringLiteral("s.json"));
    QFile f(session);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"version":1,"processes":[{"name":"a","program":"%1","arguments":["exit","0"],"copies":3}]})")
                .arg(helper()).toUtf8());
    f.close();
    const QString startTrace = dir.filePath(QStringLiteral("start.json"));
    r = cli({QStringLiteral("start"), QStringLiteral("--trace"), startTrace, session});
    QVERIFY2(r.code == 0, r.err);
    QCOMPARE(count(traceEvents(startTrace), "X"), 3);

    const QString fetchTrace = dir.filePath(QStringLiteral("fetch.json"));
    r = cli({QStringLiteral("fetch"), QStringLiteral("--trace"), fetchTrace, QStringLiteral("http://[::1")});
    // A malformed URL fails the fetch, but the trace is still written.
    QCOMPARE(r.code, 1);
    QVERIFY(QFile::exists(fetchTrace));

    r = cli({QStringLiteral("run"), QStringLiteral("--trace"), dir.filePath(QStringLiteral("no/dir/t.json")),
             QStringLiteral("--"), helper(), QStringLiteral("exit"), QStringLiteral("0")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("cannot write"));
}

QTEST_GUILESS_MAIN(TestDemoCommand)
#include "tst_democommand.moc"
