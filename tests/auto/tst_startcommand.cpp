#include "CliTestUtil.h"
#include "TestUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>

using namespace CliTestUtil;
using namespace TestUtil;

// runboard-cli start (StartCommand): every process of a session at once, each line prefixed by
// its name, a summary line each, and the exit status that says whether all succeeded.
class TestStartCommand : public QObject
{
    Q_OBJECT
    // The session `json` written into `dir` as s.json: its path, or empty if it could not be.
    static QString writeSession(const QTemporaryDir &dir, const QByteArray &json)
    {
        const QString path = dir.filePath(QStringLiteral("s.json"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
            return {};
        return path;
    }

private Q_SLOTS:
    void startSession()
    {
        QTemporaryDir dir;
        const QString path = writeSession(dir, QStringLiteral(R"({"version": 1, "processes": [
            {"name": "alpha", "program": "%1", "arguments": ["print-lines", "3"]},
            {"name": "b", "program": "%1", "arguments": ["stderr", "warned"]}]})").arg(helper()).toUtf8());
        QVERIFY(!path.isEmpty());
        CliResult r = cli({QStringLiteral("start"), path});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("alpha | line 1\nalpha | line 2\nalpha | line 3\n"), r.out.constData());
        QVERIFY2(r.err.contains("b     | warned\n"), r.err.constData());
        QVERIFY(r.err.contains("alpha | exit code 0"));

        r = cli({QStringLiteral("start"), QStringLiteral("--json"), path});
        QCOMPARE(r.status, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed().split('\n').last()).object();
        QCOMPARE(o.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("processes")).toArray().size(), 2);
    }

    void startShowsBinaryOutputAsHex()
    {
        QTemporaryDir dir;
        // 20 bytes: a NUL, newlines in the middle of the data, bytes that are not UTF-8.
        const QString path = writeSession(dir, QStringLiteral(R"({"version": 1, "processes": [
            {"name": "bin", "program": "%1", "arguments": ["raw", "000a0102ff0a41424344454647480affee0b0c0d"]},
            {"name": "txt", "program": "%1", "arguments": ["print-lines", "1"]}]})").arg(helper()).toUtf8());
        QVERIFY(!path.isEmpty());
        const CliResult r = cli({QStringLiteral("start"), QStringLiteral("--no-color"), path});
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("bin | 00000000  00 0a 01 02 ff 0a 41 42"), r.out.constData());
        QVERIFY2(r.out.contains("bin | 00000010  ee 0b 0c 0d"), r.out.constData());
        QVERIFY(!r.out.contains('\0')); // no raw byte reached the terminal
        QVERIFY(r.out.contains("txt | line 1\n")); // text stays text
    }

    void startPrintsNoControlCharacterOfAName()
    {
        // A row named after its program: the program's file name may hold an escape and a tab,
        // the prefix before every line shows them written out. A name given in the session
        // with a line break is refused, before anything starts.
        QTemporaryDir dir;
        const QString program = dir.filePath(QStringLiteral("pr\x1b[2Jint\tme"));
        QVERIFY(QFile::copy(helper(), program));
        QVERIFY(QFile::setPermissions(program, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QByteArray session = QJsonDocument(QJsonObject{
            {QStringLiteral("version"), 1},
            {QStringLiteral("processes"), QJsonArray{QJsonObject{
                {QStringLiteral("program"), program},
                {QStringLiteral("arguments"), QJsonArray{QStringLiteral("print-lines"), QStringLiteral("1")}}}}}}).toJson();
        QString path = writeSession(dir, session);
        QVERIFY(!path.isEmpty());
        CliResult r = cli({QStringLiteral("start"), QStringLiteral("--no-color"), path});
        QCOMPARE(r.status, 0);
        const QByteArray shown = QFile::encodeName(dir.path()) + "/pr\\e[2Jint\\tme | ";
        QVERIFY2(r.out.contains(shown + "line 1\n"), r.out.constData());
        QVERIFY2(r.err.contains(shown + "exit code 0"), r.err.constData());
        QVERIFY(!r.out.contains('\x1b') && !r.err.contains('\x1b') && !r.out.contains('\t'));

        path = writeSession(dir, QStringLiteral(R"({"version": 1, "processes": [
            {"name": "ok", "program": "%1", "arguments": ["print-lines", "1"]},
            {"name": "a\nok | exit code 0", "program": "%1", "arguments": ["print-lines", "1"]}]})")
                                     .arg(helper()).toUtf8());
        r = cli({QStringLiteral("start"), path});
        QCOMPARE(r.status, 125);
        QCOMPARE(r.out, QByteArray()); // nothing started
        QVERIFY2(r.err.contains("processes[1]: name \"a\\nok | exit code 0\" has a control character in it "
                                "(U+000A, character 2)"), r.err.constData());

        // A message quoting the session's program or folder does not send their escapes either.
        session = QJsonDocument(QJsonObject{
            {QStringLiteral("version"), 1},
            {QStringLiteral("processes"), QJsonArray{
                QJsonObject{{QStringLiteral("name"), QStringLiteral("title")},
                            {QStringLiteral("program"), QStringLiteral("\x1b]0;owned\x07x")}},
                QJsonObject{{QStringLiteral("name"), QStringLiteral("clear")},
                            {QStringLiteral("program"), QStringLiteral("true")},
                            {QStringLiteral("workingDirectory"), QStringLiteral("/no\x1b[2J")}}}}}).toJson();
        path = writeSession(dir, session);
        r = cli({QStringLiteral("start"), QStringLiteral("--no-color"), path});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("title | failed to start: program \"\\e]0;owned\\x07x\" not found in PATH\n"),
                 r.err.constData());
        QVERIFY2(r.err.contains("clear | failed to start: working directory \"/no\\e[2J\" does not exist\n"),
                 r.err.constData());
        QVERIFY(!r.err.contains('\x1b') && !r.out.contains('\x1b'));
    }

    void startReadsASessionFromAPipe()
    {
        // `runboard-cli start <(make-session)`: a pipe is a fine session file for the CLI (only
        // the window refuses anything but a regular file).
        const QByteArray session = QStringLiteral(R"({"version": 1, "processes": [
            {"name": "p", "program": "%1", "arguments": ["print-lines", "2"]}]})").arg(helper()).toUtf8();
        const CliResult r = cli({QStringLiteral("start"), QStringLiteral("--no-color"), QStringLiteral("/dev/stdin")}, session);
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains("p | line 1\np | line 2\n"), r.out.constData());
    }

    void startFailsWhenOneFails()
    {
        QTemporaryDir dir;
        const QString path = writeSession(dir, QStringLiteral(R"({"version": 1, "processes": [
            {"name": "ok", "program": "%1", "arguments": ["print-lines", "1000"]},
            {"name": "bad", "program": "%1", "arguments": ["exit", "3"]},
            {"name": "missing", "program": "no-such-program-rb"}]})").arg(helper()).toUtf8());
        QVERIFY(!path.isEmpty());
        const CliResult r = cli({QStringLiteral("start"), QStringLiteral("--no-color"), path});
        QCOMPARE(r.status, 1);
        QCOMPARE(r.out.count("ok      | line "), 1000); // nothing of the others is lost
        QVERIFY(r.err.contains("missing | failed to start: program \"no-such-program-rb\" not found in PATH"));
        QVERIFY(r.err.contains("bad     | exit code 3"));
    }

    void startWaitsForEveryQueuedStart()
    {
        // Start All starts a few per event-loop turn: the first copies end long before the
        // last ones have started, and the session is not over until those have run too.
        QTemporaryDir dir;
        const QString path = writeSession(dir, QByteArrayLiteral(R"({"version": 1, "processes": [
            {"name": "t", "program": "true", "copies": 150},
            {"name": "u", "program": "true", "copies": 150}]})"));
        QVERIFY(!path.isEmpty());
        const CliResult r = cli({QStringLiteral("start"), QStringLiteral("--no-color"), path});
        QVERIFY2(r.status == 0, r.err.constData());
        QCOMPARE(r.err.count("| exit code 0"), 300);
    }

    void interruptedStartAllNamesEveryProcess()
    {
        // Ctrl-C while Start All is still going: every process of the session gets its summary
        // line, the ones never started too (they had none, while the JSON listed them).
        QTemporaryDir dir;
        const QString path = writeSession(dir, QStringLiteral(R"({"version": 1, "processes": [
            {"name": "first", "program": "%1", "arguments": ["print-then-sleep", "ready", "100000"]},
            {"name": "s", "program": "sleep", "arguments": ["100"], "copies": 250},
            {"name": "t", "program": "sleep", "arguments": ["100"], "copies": 250},
            {"name": "u", "program": "sleep", "arguments": ["100"], "copies": 100}]})").arg(helper()).toUtf8());
        QVERIFY(!path.isEmpty());
        QProcess p;
        p.start(QStringLiteral(RB_CLI), {QStringLiteral("start"), QStringLiteral("--no-color"), path});
        QVERIFY(p.waitForStarted(20000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("| ready"), 20000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 130);
        const QList<QByteArray> lines = p.readAllStandardError().split('\n');
        int summaries = 0, notStarted = 0;
        for (const QByteArray &l : lines) {
            if (l.contains(" | "))
                ++summaries;
            if (l.endsWith("| not started"))
                ++notStarted;
        }
        QCOMPARE(summaries, 601);
        qDebug("%d of 601 never started", notStarted); // how many depends on the machine's speed
    }

    void startBadSession()
    {
        QTemporaryDir dir;
        const QString path = writeSession(dir, "{\"version\": 1, \"processes\": [{\"program\": 5}]}");
        QVERIFY(!path.isEmpty());
        CliResult r = cli({QStringLiteral("start"), path});
        QCOMPARE(r.status, 125);
        QVERIFY2(r.err.contains("processes[0].program: expected a string"), r.err.constData());
        r = cli({QStringLiteral("start"), QStringLiteral("/nonexistent/s.json")});
        QCOMPARE(r.status, 125);
        QVERIFY(r.err.contains("does not exist"));
    }
};

QTEST_GUILESS_MAIN(TestStartCommand)
#include "tst_startcommand.moc"
