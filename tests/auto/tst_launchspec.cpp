#include "process/LaunchSpec.h"

#include <QTest>

class TestLaunchSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validSpec()
    {
        LaunchSpec s;
        s.command = {QStringLiteral("echo"), {QStringLiteral("hi")}};
        QCOMPARE(s.validate(), QString());
        QCOMPARE(s.displayName(), QStringLiteral("echo"));
        s.name = QStringLiteral("greeter");
        QCOMPARE(s.displayName(), QStringLiteral("greeter"));
    }

    void invalid_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        QTest::addRow("empty program") << 0 << QStringLiteral("program name is empty");
        QTest::addRow("negative timeout") << 1 << QStringLiteral("timeout -5 ms is negative");
        QTest::addRow("negative grace") << 2 << QStringLiteral("grace period -1 ms is negative");
        QTest::addRow("zero copies") << 3 << QStringLiteral("copies 0 is out of range (1 to 256)");
        QTest::addRow("env name with =") << 4
                                         << QStringLiteral("environment variable name \"A=B\" contains '='");
        QTest::addRow("env value NUL") << 5
                                       << QStringLiteral("value of environment variable \"A\" contains a NUL byte");
        QTest::addRow("empty stage") << 6 << QStringLiteral("stage 2: program name is empty");
        QTest::addRow("NUL argument") << 7 << QStringLiteral("argument \"a\\0b\" contains a NUL byte");
        QTest::addRow("empty stdin file") << 8 << QStringLiteral("stdin file path is empty");
        QTest::addRow("empty env name") << 9 << QStringLiteral("environment variable name is empty");
    }

    void invalid()
    {
        QFETCH(int, which);
        QFETCH(QString, expected);
        LaunchSpec s;
        s.command = {QStringLiteral("true"), {}};
        switch (which) {
        case 0: s.command.program = QStringLiteral("  "); break;
        case 1: s.timeoutMs = -5; break;
        case 2: s.graceMs = -1; break;
        case 3: s.copies = 0; break;
        case 4: s.environment.set.append({QStringLiteral("A=B"), QStringLiteral("x")}); break;
        case 5: s.environment.set.append({QStringLiteral("A"), QStringLiteral("x") + QChar(0)}); break;
        case 6: s.pipeline.append(CommandStage{}); break;
        case 7: s.command.arguments << (QStringLiteral("a") + QChar(0) + QStringLiteral("b")); break;
        case 8: s.stdinSource.mode = StdinMode::File; break;
        case 9: s.environment.unset << QString(); break;
        }
        QCOMPARE(s.validate(), expected);
    }

    void environmentEntry()
    {
        QPair<QString, QString> kv;
        QString error;
        QVERIFY(LaunchSpec::parseEnvironmentEntry(QStringLiteral("A=b=c"), &kv, &error));
        QCOMPARE(kv.first, QStringLiteral("A"));
        QCOMPARE(kv.second, QStringLiteral("b=c"));
        QVERIFY(LaunchSpec::parseEnvironmentEntry(QStringLiteral("EMPTY="), &kv, &error));
        QCOMPARE(kv.second, QString());
        QVERIFY(!LaunchSpec::parseEnvironmentEntry(QStringLiteral("NOEQUALS"), &kv, &error));
        QCOMPARE(error, QStringLiteral("environment entry \"NOEQUALS\" has no '=' (expected NAME=VALUE)"));
        QVERIFY(!LaunchSpec::parseEnvironmentEntry(QStringLiteral("=x"), &kv, &error));
        QCOMPARE(error, QStringLiteral("environment variable name is empty"));
    }

    void commandLineQuotes()
    {
        LaunchSpec s;
        s.command = {QStringLiteral("echo"), {QStringLiteral("a b"), QStringLiteral("it's"), QString()}};
        s.pipeline.append({QStringLiteral("wc"), {QStringLiteral("-l")}});
        QCOMPARE(s.commandLine(), QStringLiteral("echo 'a b' 'it'\\''s' '' | wc -l"));
        QCOMPARE(s.stages().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLaunchSpec)
#include "tst_launchspec.moc"
