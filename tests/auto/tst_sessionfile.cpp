#include "session/SessionFile.h"

#include <QTemporaryDir>
#include <QTest>

class TestSessionFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsExample()
    {
        const SessionLoadResult r = SessionFile::load(QStringLiteral(RB_TEST_DATA "/session-basic.json"));
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.processes.size(), 2);
        QCOMPARE(r.processes.at(0).name, QStringLiteral("hello"));
        QCOMPARE(r.processes.at(0).command.arguments, (QStringList{QStringLiteral("hello"), QStringLiteral("world")}));
        QCOMPARE(r.processes.at(1).timeoutMs, qint64(5000));
        QVERIFY(r.warnings.isEmpty());
    }

    void fullRoundTrip()
    {
        LaunchSpec s;
        s.name = QStringLiteral("full");
        s.command = {QStringLiteral("openssl"), {QStringLiteral("enc"), QStringLiteral("-aes-256-cbc")}};
        s.pipeline = {{QStringLiteral("wc"), {QStringLiteral("-c")}}, {QStringLiteral("cat"), {}}};
        s.workingDirectory = QStringLiteral("/tmp");
        s.environment.set = {{QStringLiteral("A"), QStringLiteral("1")}};
        s.environment.unset = {QStringLiteral("HOME")};
        s.environment.clean = true;
        s.stdinSource.mode = StdinMode::RandomBytes;
        s.stdinSource.randomBytes = 100;
        s.timeoutMs = 1500;
        s.graceMs = 250;
        s.copies = 4;
        LaunchSpec t;
        t.command = {QStringLiteral("cat"), {}};
        t.stdinSource.mode = StdinMode::Text;
        t.stdinSource.text = "héllo\n";
        t.shell = true;

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.json"));
        QCOMPARE(SessionFile::save(path, {s, t}), QString());
        const SessionLoadResult r = SessionFile::load(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.processes.size(), 2);
        const LaunchSpec &a = r.processes.at(0);
        QCOMPARE(a.name, s.name);
        QCOMPARE(a.command, s.command);
        QCOMPARE(a.pipeline, s.pipeline);
        QCOMPARE(a.workingDirectory, s.workingDirectory);
        QCOMPARE(a.environment.set, s.environment.set);
        QCOMPARE(a.environment.unset, s.environment.unset);
        QCOMPARE(a.environment.clean, true);
        QCOMPARE(a.stdinSource.mode, StdinMode::RandomBytes);
        QCOMPARE(a.stdinSource.randomBytes, qint64(100));
        QCOMPARE(a.timeoutMs, qint64(1500));
        QCOMPARE(a.graceMs, 250);
        QCOMPARE(a.copies, 4);
        const LaunchSpec &b = r.processes.at(1);
        QCOMPARE(b.stdinSource.mode, StdinMode::Text);
        QCOMPARE(b.stdinSource.text, QByteArray("héllo\n"));
        QVERIFY(b.shell);
        QCOMPARE(SessionFile::serialize(r.processes), SessionFile::serialize({s, t}));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not json") << QByteArray("{\"version\": 1,\n \"processes\": [}")
                                  << QStringLiteral("not valid JSON at line 2, column");
        QTest::addRow("array top") << QByteArray("[]") << QStringLiteral("the top level must be an object");
        QTest::addRow("no version") << QByteArray("{\"processes\": []}") << QStringLiteral("version: is missing");
        QTest::addRow("string version") << QByteArray("{\"version\": \"1\", \"processes\": []}")
                                        << QStringLiteral("version: expected a number");
        QTest::addRow("future version") << QByteArray("{\"version\": 7, \"processes\": []}")
                                        << QStringLiteral("version: 7 is not supported");
        QTest::addRow("no processes") << QByteArray("{\"version\": 1}") << QStringLiteral("processes: is missing");
        QTest::addRow("processes object") << QByteArray("{\"version\": 1, \"processes\": {}}")
                                          << QStringLiteral("processes: expected an array");
        QTest::addRow("entry not object") << QByteArray("{\"version\": 1, \"processes\": [3]}")
                                          << QStringLiteral("processes[0]: expected an object");
        QTest::addRow("missing program") << QByteArray("{\"version\": 1, \"processes\": [{\"name\": \"x\"}]}")
                                         << QStringLiteral("processes[0].program: is missing");
        QTest::addRow("arguments string") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"arguments\":\"-l\"}]}")
                                          << QStringLiteral("processes[0].arguments: expected an array of strings");
        QTest::addRow("argument number") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"arguments\":[\"x\", 2]}]}")
                                         << QStringLiteral("processes[0].arguments[1]: expected a string");
        QTest::addRow("timeout string") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"timeoutMs\":\"5\"}]}")
                                        << QStringLiteral("processes[0].timeoutMs: expected a number");
        QTest::addRow("timeout negative") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"timeoutMs\":-1}]}")
                                          << QStringLiteral("processes[0].timeoutMs: -1 is out of range");
        QTest::addRow("copies fraction") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"copies\":1.5}]}")
                                         << QStringLiteral("processes[0].copies: expected a whole number");
        QTest::addRow("env set not object") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"environment\":{\"set\":[]}}]}")
                                            << QStringLiteral("processes[0].environment.set: expected an object");
        QTest::addRow("env value number") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"environment\":{\"set\":{\"A\":1}}}]}")
                                          << QStringLiteral("processes[0].environment.set.A: expected a string value");
        QTest::addRow("env name with =") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"environment\":{\"set\":{\"A=B\":\"1\"}}}]}")
                                         << QStringLiteral("contains '='");
        QTest::addRow("stdin two kinds") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"stdin\":{\"text\":\"x\",\"file\":\"y\"}}]}")
                                         << QStringLiteral("processes[0].stdin: give only one of");
        QTest::addRow("pipeline stage") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\",\"pipeline\":[{\"arguments\":[]}]}]}")
                                        << QStringLiteral("processes[0].pipeline[0].program: is missing");
        QTest::addRow("empty program") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"\"}]}")
                                       << QStringLiteral("processes[0]: program name is empty");
        // A name is printed before every output line: a line break or an escape in it would
        // let a session file write "web | exited 0" lines or colours of its own.
        QTest::addRow("name with line break") << QByteArray("{\"version\":1,\"processes\":[{\"name\":\"a\\nweb | exited 0\",\"program\":\"a\"}]}")
                                              << QStringLiteral("processes[0]: name \"a\\nweb | exited 0\" has a control character in it (U+000A, character 2)");
        QTest::addRow("name with escape") << QByteArray("{\"version\":1,\"processes\":[{\"name\":\"web\\u001b[2J\",\"program\":\"a\"}]}")
                                          << QStringLiteral("(U+001B, character 4)");
        QTest::addRow("name reversed") << QByteArray("{\"version\":1,\"processes\":[{\"name\":\"\\u202ebew\",\"program\":\"a\"}]}")
                                       << QStringLiteral("name \"\\u{202e}bew\" has a control character in it (U+202E, character 1)");
        QTest::addRow("name too long") << (QByteArray("{\"version\":1,\"processes\":[{\"name\":\"") + QByteArray(100000, 'n')
                                           + "\",\"program\":\"a\"}]}")
                                       << QStringLiteral("processes[0]: name is 100000 characters long (at most 200)");
        // The first process is fine: the result still holds none (found by fuzz_sessionfile).
        QTest::addRow("second process") << QByteArray("{\"version\":1,\"processes\":[{\"program\":\"a\"},{\"program\":\"b\",\"copies\":0}]}")
                                        << QStringLiteral("processes[1].copies: 0 is out of range");
    }

    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const SessionLoadResult r = SessionFile::parse(json);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
        QVERIFY(r.processes.isEmpty());
    }

    void unknownKeysWarn()
    {
        const SessionLoadResult r = SessionFile::parse(
            "{\"version\":1,\"extra\":true,\"processes\":[{\"program\":\"a\",\"colour\":\"red\"}]}");
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), 2);
        QVERIFY(r.warnings.contains(QStringLiteral("processes[0].colour: unknown key, ignored")));
        QVERIFY(r.warnings.contains(QStringLiteral("session.extra: unknown key, ignored")));
    }

    void relativePathsFromSessionFolder()
    {
        const SessionLoadResult r = SessionFile::parse(
            "{\"version\":1,\"processes\":[{\"program\":\"a\",\"workingDirectory\":\"sub\",\"stdin\":{\"file\":\"in.txt\"}}]}",
            QStringLiteral("/srv/project"));
        QVERIFY(r.ok());
        QCOMPARE(r.processes.first().workingDirectory, QStringLiteral("/srv/project/sub"));
        QCOMPARE(r.processes.first().stdinSource.filePath, QStringLiteral("/srv/project/in.txt"));
    }

    void fileProblems()
    {
        SessionLoadResult r = SessionFile::load(QStringLiteral("/nonexistent/s.json"));
        QCOMPARE(r.error, QStringLiteral("session file \"/nonexistent/s.json\" does not exist"));
        r = SessionFile::load(QStringLiteral("/tmp"));
        QCOMPARE(r.error, QStringLiteral("session file \"/tmp\" is a directory"));
        QTemporaryDir dir;
        QCOMPARE(SessionFile::save(dir.filePath(QStringLiteral("no/such/dir/s.json")), {}).isEmpty(), false);
    }
};

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
