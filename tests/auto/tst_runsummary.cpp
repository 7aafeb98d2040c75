#include "TestUtil.h"

#include "process/RunSummary.h"

#include <QJsonArray>

using namespace TestUtil;

class TestRunSummary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void finishedJob()
    {
        ProcessJob job(helperSpec({QStringLiteral("stdout-stderr"), QStringLiteral("2")}));
        QVERIFY(runToDone(job));
        const QJsonObject o = RunSummary::toJson(job);
        QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(o.value(QLatin1String("exitCode")).toInt(), 0);
        QVERIFY(o.value(QLatin1String("signal")).isNull());
        QCOMPARE(o.value(QLatin1String("timedOut")).toBool(), false);
        QCOMPARE(o.value(QLatin1String("bytesStdout")).toInteger(), qint64(12));
        QCOMPARE(o.value(QLatin1String("bytesStderr")).toInteger(), qint64(12));
        QCOMPARE(o.value(QLatin1String("stages")).toArray().size(), 1);
        QVERIFY(o.value(QLatin1String("timeline")).toObject().value(QLatin1String("firstOutputMs")).toDouble() >= 0);
        const QString line = RunSummary::toLine(job);
        QVERIFY2(line.startsWith(QLatin1String("exit code 0, ")), qPrintable(line));
        QVERIFY(line.contains(QLatin1String("stdout 12 bytes, stderr 12 bytes, exit status 0")));
    }

    void timedOutJob()
    {
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.timeoutMs = 100;
        ProcessJob job(spec);
        QVERIFY(runToDone(job));
        const QJsonObject o = RunSummary::toJson(job);
        QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("timed-out"));
        QCOMPARE(o.value(QLatin1String("timedOut")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("exitStatus")).toInt(), 124);
        QCOMPARE(o.value(QLatin1String("signalName")).toString(), QStringLiteral("SIGTERM"));
        QVERIFY(o.value(QLatin1String("timeline")).toObject().value(QLatin1String("signalledMs")).toDouble() >= 100);
        QVERIFY(RunSummary::toLine(job).startsWith(QLatin1String("timed out (SIGTERM)")));
    }

    void formatBytes()
    {
        QCOMPARE(RunSummary::formatBytes(0), QStringLiteral("0 bytes"));
        QCOMPARE(RunSummary::formatBytes(2048), QStringLiteral("2.0 kB"));
    }
};

QTEST_GUILESS_MAIN(TestRunSummary)
#include "tst_runsummary.moc"
