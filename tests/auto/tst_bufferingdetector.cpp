#include "process/BufferingDetector.h"

#include <QTest>

class TestBufferingDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void samples_data();
    void samples();
    void resetStartsOver();
    void lineBufferedSpecWrapsEveryStage();
    void lineBufferedSpecWithoutStdbuf();
};

using Samples = QList<QPair<qint64, qint64>>; // (ms, bytes)

void TestBufferingDetector::samples_data()
{
    QTest::addColumn<Samples>("reads");
    QTest::addColumn<bool>("hint");
    QTest::addRow("nothing") << Samples{} << false;
    QTest::addRow("one 4 KiB block") << Samples{{0, 4096}} << false;
    QTest::addRow("4 KiB blocks a second apart") << Samples{{1000, 4096}, {2000, 4096}} << true;
    QTest::addRow("8 KiB blocks") << Samples{{500, 8192}, {1500, 8192}, {2500, 8192}} << true;
    QTest::addRow("one block read in two pieces") << Samples{{1000, 4096}, {1010, 4096}} << false;
    QTest::addRow("line by line") << Samples{{100, 7}, {200, 7}, {300, 7}} << false;
    QTest::addRow("a line before the blocks") << Samples{{0, 12}, {1000, 4096}, {2000, 4096}} << false;
    QTest::addRow("bulk copy at full speed") << Samples{{0, 65536}, {1, 65536}, {2, 65536}} << false;
    QTest::addRow("blocks, then the last partial block at exit")
        << Samples{{1000, 4096}, {2000, 4096}, {2500, 1000}} << false;
}

void TestBufferingDetector::samples()
{
    QFETCH(Samples, reads);
    QFETCH(bool, hint);
    BufferingDetector d;
    for (const auto &r : reads)
        d.addRead(r.first, r.second);
    QCOMPARE(d.blockBuffered(), hint);
}

void TestBufferingDetector::resetStartsOver()
{
    BufferingDetector d;
    d.addRead(0, 5);
    QVERIFY(d.ruledOut());
    d.reset();
    d.addRead(0, 4096);
    d.addRead(500, 4096);
    QVERIFY(d.blockBuffered());
}

void TestBufferingDetector::lineBufferedSpecWrapsEveryStage()
{
    LaunchSpec spec;
    spec.command = {QStringLiteral("python3"), {QStringLiteral("app.py")}};
    spec.pipeline = {{QStringLiteral("grep"), {QStringLiteral("x")}}};
    spec.environment.set = {{QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("0")}};
    spec.environment.unset = {QStringLiteral("PYTHONUNBUFFERED")};
    const LaunchSpec out = lineBufferedSpec(spec, QStringLiteral("/usr/bin/stdbuf"));
    QCOMPARE(out.command.program, QStringLiteral("/usr/bin/stdbuf"));
    QCOMPARE(out.command.arguments, (QStringList{QStringLiteral("-oL"), QStringLiteral("-eL"),
                                                 QStringLiteral("python3"), QStringLiteral("app.py")}));
    QCOMPARE(out.pipeline.first().program, QStringLiteral("/usr/bin/stdbuf"));
    QCOMPARE(out.environment.set.size(), 1);
    QCOMPARE(out.environment.set.first().second, QStringLiteral("1"));
    QVERIFY(out.environment.unset.isEmpty());
    // Twice is the same as once.
    const LaunchSpec again = lineBufferedSpec(out, QStringLiteral("/usr/bin/stdbuf"));
    QCOMPARE(again.command.arguments, out.command.arguments);
    QCOMPARE(again.environment.set.size(), 1);
}

void TestBufferingDetector::lineBufferedSpecWithoutStdbuf()
{
    LaunchSpec spec;
    spec.command = {QStringLiteral("prog"), {}};
    const LaunchSpec out = lineBufferedSpec(spec, QString());
    QCOMPARE(out.command.program, QStringLiteral("prog"));
    QCOMPARE(out.environment.set.size(), 1);
}

QTEST_GUILESS_MAIN(TestBufferingDetector)
#include "tst_bufferingdetector.moc"
