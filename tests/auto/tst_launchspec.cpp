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

    void namesWithoutControlCharacters_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error");
        QTest::addRow("plain") << QStringLiteral("web #2") << QString();
        QTest::addRow("emoji with joiner") << QStringLiteral("dev \U0001F469\u200D\U0001F4BB") << QString();
        QTest::addRow("accents and CJK") << QStringLiteral("café 服务") << QString();
        QTest::addRow("line break") << QStringLiteral("a\nb")
                                    << QStringLiteral("name \"a\\nb\" has a control character in it (U+000A, character 2)");
        QTest::addRow("tab") << QStringLiteral("a\tb") << QStringLiteral("name \"a\\tb\" has a control character in it (U+0009, character 2)");
        QTest::addRow("escape") << QStringLiteral("\x1b[31mred")
                                << QStringLiteral("name \"\\e[31mred\" has a control character in it (U+001B, character 1)");
        QTest::addRow("DEL") << QStringLiteral("x\x7f") << QStringLiteral("name \"x\\x7f\" has a control character in it (U+007F, character 2)");
        QTest::addRow("C1 CSI") << QStringLiteral("x\u009b2J") << QStringLiteral("name \"x\\u{9b}2J\" has a control character in it (U+009B, character 2)");
        QTest::addRow("right-to-left override") << QStringLiteral("\u202Etxt.exe")
                                                << QStringLiteral("name \"\\u{202e}txt.exe\" has a control character in it (U+202E, character 1)");
        QTest::addRow("isolate after emoji") << QStringLiteral("\U0001F600\u2066x")
                                             << QStringLiteral("name \"\U0001F600\\u{2066}x\" has a control character in it (U+2066, character 2)");
        QTest::addRow("200 characters") << QString(200, QLatin1Char('n')) << QString();
        QTest::addRow("201 characters") << QString(201, QLatin1Char('n'))
                                        << QStringLiteral("name is 201 characters long (at most 200)");
        QTest::addRow("line separator") << QStringLiteral("a\u2028b")
                                        << QStringLiteral("name \"a\\u{2028}b\" has a control character in it (U+2028, character 2)");
    }

    void namesWithoutControlCharacters()
    {
        QFETCH(QString, name);
        QFETCH(QString, error);
        QCOMPARE(LaunchSpec::validateName(name), error);
        LaunchSpec s;
        s.command = {QStringLiteral("true"), {}};
        s.name = name;
        // Every launch checks the characters; the length only where a name is given: a row is
        // named after its program's path, however long, and "name #2" is a copy's.
        QCOMPARE(s.validate(), error.startsWith(QLatin1String("name is ")) ? QString() : error);
    }

    void aProgramsNameIsShownWithItsControlCharactersEscaped()
    {
        // A file may be called anything but '/' and NUL; the row named after it may not.
        LaunchSpec s;
        s.command = {QStringLiteral("/tmp/tr\tue\x1b[31m"), {}};
        QCOMPARE(s.displayName(), QStringLiteral("/tmp/tr\\tue\\e[31m"));
        QCOMPARE(s.validate(), QString());
        s.name = s.displayName(); // as ProcessSupervisor names a row
        QCOMPARE(s.validate(), QString());
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
