#include "CliTestUtil.h"
#include "TestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

using namespace CliTestUtil;
using namespace TestUtil;

namespace {
QStringList run(const QStringList &program)
{
    return QStringList{QStringLiteral("run"), QStringLiteral("--")} + program;
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void help()
    {
        const CliResult r = cli({QStringLiteral("--help")});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains("run [OPTIONS] -- PROGRAM"));
        QVERIFY(r.out.contains("start [--json]"));
        QVERIFY(r.out.contains("--stdin-random N"));
        QVERIFY(r.out.contains("fetch [OPTIONS] (URL... | --url-file FILE)"));
        QVERIFY(r.out.contains("serve-demo [--port N]"));
        QCOMPARE(cli({}).status, 125);
    }

    void versionIsTheProjectVersion()
    {
        const CliResult r = cli({QStringLiteral("--version")});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("runboard-cli " RB_VERSION "\n")); // project() in CMakeLists.txt
    }

#ifdef RB_MAN_DIR
    // The manual page (packaging/man/runboard-cli.1.in) names every command and option --help
    // does, and the version: adding an option without documenting it fails here.
    void manPageCoversHelp()
    {
        QFile page(QStringLiteral(RB_MAN_DIR "/runboard-cli.1"));
        QVERIFY2(page.open(QIODevice::ReadOnly), qPrintable(page.fileName()));
        const QString man = QString::fromUtf8(page.readAll()).replace(QLatin1String("\\-"), QLatin1String("-"));
        QVERIFY(man.contains(QLatin1String("\"Runboard " RB_VERSION "\"")));
        const QString help = QString::fromUtf8(cli({QStringLiteral("--help")}).out);
        QSet<QString> options;
        const QRegularExpression option(QStringLiteral("(?<![\\w-])--[a-z][a-z-]*"));
        for (auto it = option.globalMatch(help); it.hasNext();)
            options.insert(it.next().captured());
        QVERIFY(options.size() > 25);
        for (const QString &o : std::as_const(options))
            QVERIFY2(man.contains(o), qPrintable(o + QStringLiteral(" is in --help but not in runboard-cli.1")));
        for (const char *command : {"run", "start", "fetch", "serve-demo", "demo"})
            QVERIFY2(man.contains(QStringLiteral(".SS %1\n").arg(QLatin1String(command))), command);
    }
#endif

    void runPassesOutputThrough()
    {
        const CliResult r = cli(run({helper(), QStringLiteral("stdout-stderr"), QStringLiteral("3")}));
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("out 0\nout 1\nout 2\n"));
        QVERIFY(r.err.startsWith("err 0\nerr 1\nerr 2\n"));
        QVERIFY2(r.lastErrLine().startsWith("runboard-cli: exit code 0, "), r.err.constData());
        QVERIFY(r.lastErrLine().contains("stdout 18 bytes, stderr 18 bytes"));
    }

    void binarySafe()
    {
        const CliResult r = cli(run({helper(), QStringLiteral("raw"), QStringLiteral("00ff0a0d80")}));
        QCOMPARE(r.out, QByteArray("\x00\xff\x0a\x0d\x80", 5));
    }

    void exitStatuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("message");
        QTest::addRow("code 7") << run({helper(), QStringLiteral("exit"), QStringLiteral("7")}) << 7 << QByteArray("exit code 7");
        QTest::addRow("code 255") << run({helper(), QStringLiteral("exit"), QStringLiteral("255")}) << 255 << QByteArray("exit code 255");
        QTest::addRow("segv") << run({helper(), QStringLiteral("crash"), QString::number(SIGSEGV)}) << 128 + SIGSEGV << QByteArray("crashed (SIGSEGV)");
        QTest::addRow("timeout") << (QStringList{QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("0.2"), QStringLiteral("--")} + QStringList{helper(), QStringLiteral("sleep"), QStringLiteral("100000")})
                                 << 124 << QByteArray("timed out (SIGTERM)");
        QTest::addRow("not found") << run({QStringLiteral("no-such-program-rb")}) << 127 << QByteArray("program \"no-such-program-rb\" not found in PATH");
        QTest::addRow("directory") << run({QStringLiteral("/tmp")}) << 126 << QByteArray("program \"/tmp\" is a directory");
        QTest::addRow("not executable") << run({QStringLiteral(RB_TEST_DATA "/session-basic.json")}) << 126 << QByteArray("is not executable");
        QTest::addRow("missing cwd") << QStringList{QStringLiteral("run"), QStringLiteral("--cwd"), QStringLiteral("/nonexistent/rb"), QStringLiteral("--"), QStringLiteral("true")}
                                     << 127 << QByteArray("working directory \"/nonexistent/rb\" does not exist");
    }
    void exitStatuses()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QByteArray, message);
        const CliResult r = cli(args);
        QCOMPARE(r.status, status);
        QVERIFY2(r.lastErrLine().contains(message), r.err.constData());
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QString t = QStringLiteral("true");
        const QString dd = QStringLiteral("--");
        const QString r = QStringLiteral("run");
        QTest::addRow("timeout word") << QStringList{r, QStringLiteral("--timeout"), QStringLiteral("abc"), dd, t} << QByteArray("--timeout: \"abc\" is not a number of seconds");
        QTest::addRow("timeout negative") << QStringList{r, QStringLiteral("--timeout"), QStringLiteral("-1"), dd, t} << QByteArray("--timeout: -1 is negative");
        QTest::addRow("timeout nan") << QStringList{r, QStringLiteral("--timeout"), QStringLiteral("nan"), dd, t} << QByteArray("is not a number of seconds");
        QTest::addRow("grace word") << QStringList{r, QStringLiteral("--grace"), QStringLiteral("x"), dd, t} << QByteArray("--grace: \"x\" is not a number of seconds");
        QTest::addRow("env no equals") << QStringList{r, QStringLiteral("--env"), QStringLiteral("FOO"), dd, t} << QByteArray("--env: environment entry \"FOO\" has no '='");
        QTest::addRow("env empty name") << QStringList{r, QStringLiteral("--env"), QStringLiteral("=x"), dd, t} << QByteArray("--env: environment variable name is empty");
        QTest::addRow("unset with equals") << QStringList{r, QStringLiteral("--unset-env"), QStringLiteral("A=B"), dd, t} << QByteArray("contains '='");
        QTest::addRow("random negative") << QStringList{r, QStringLiteral("--stdin-random"), QStringLiteral("-3"), dd, t} << QByteArray("--stdin-random: -3 is out of range");
        QTest::addRow("random word") << QStringList{r, QStringLiteral("--stdin-random"), QStringLiteral("many"), dd, t} << QByteArray("is not a whole number");
        QTest::addRow("two stdins") << QStringList{r, QStringLiteral("--stdin-text"), QStringLiteral("a"), QStringLiteral("--stdin-random"), QStringLiteral("3"), dd, t} << QByteArray("give only one of");
        QTest::addRow("no program") << QStringList{r} << QByteArray("no program given");
        QTest::addRow("pipe at end") << QStringList{r, dd, t, QStringLiteral("|")} << QByteArray("empty pipeline stage");
        QTest::addRow("pipe twice") << QStringList{r, dd, t, QStringLiteral("|"), QStringLiteral("|"), t} << QByteArray("empty pipeline stage");
        QTest::addRow("unknown option") << QStringList{r, QStringLiteral("--frobnicate"), dd, t} << QByteArray("Unknown option 'frobnicate'");
        QTest::addRow("missing value") << QStringList{r, QStringLiteral("--timeout")} << QByteArray("Missing value after '--timeout'");
        QTest::addRow("unknown command") << QStringList{QStringLiteral("jump")} << QByteArray("unknown command \"jump\"");
        QTest::addRow("stdin file missing") << QStringList{r, QStringLiteral("--stdin-file"), QStringLiteral("/nonexistent/in"), dd, t} << QByteArray("stdin file \"/nonexistent/in\" does not exist");
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const CliResult r = cli(args);
        QVERIFY(r.status != 0);
        QVERIFY(r.status == 125 || r.status == 127);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // one line
    }

    void messagesSendNoTerminalSequence()
    {
        // What runboard-cli says quotes what it was given; an escape in it is written out.
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--"), QStringLiteral("\x1b[2Jno-such-rb")});
        QCOMPARE(r.status, 127);
        QCOMPARE(r.err, QByteArray("runboard-cli: program \"\\e[2Jno-such-rb\" not found in PATH\n"));
        // A name is checked before anything starts.
        const CliResult named = cli({QStringLiteral("run"), QStringLiteral("--name"), QStringLiteral("a\nb"),
                                     QStringLiteral("--"), QStringLiteral("true")});
        QCOMPARE(named.status, 125);
        QCOMPARE(named.err, QByteArray("runboard-cli: --name: name \"a\\nb\" has a control character in it "
                                       "(U+000A, character 2)\n"));
    }

    void ownStdinFlowsToFirstStage()
    {
        const CliResult r = cli(run({QStringLiteral("cat")}), "hi\n");
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("hi\n"));
    }

    void stdinOptions()
    {
        CliResult r = cli({QStringLiteral("run"), QStringLiteral("--stdin-text"), QStringLiteral("abc"), QStringLiteral("--"), helper(), QStringLiteral("count-stdin")});
        QCOMPARE(r.out, QByteArray("3\n"));
        r = cli({QStringLiteral("run"), QStringLiteral("--stdin-random"), QStringLiteral("100"), QStringLiteral("--"), helper(), QStringLiteral("count-stdin")});
        QCOMPARE(r.out, QByteArray("100\n"));
        r = cli({QStringLiteral("run"), QStringLiteral("--stdin-file"), QStringLiteral(RB_TEST_DATA "/session-basic.json"), QStringLiteral("--"), QStringLiteral("cat")});
        QVERIFY(r.out.contains("\"version\": 1"));
    }

    void stdinFifoWithoutWriter()
    {
        // `--stdin-file FIFO` with nobody writing: runboard-cli waits, as `cmd < FIFO` would, and
        // a SIGTERM still ends it at once (a blocking open() once stood its event loop still).
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("in.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QProcess p;
        p.start(QStringLiteral(RB_CLI), {QStringLiteral("run"), QStringLiteral("--stdin-file"), fifo,
                                        QStringLiteral("--"), helper(), QStringLiteral("count-stdin")});
        QVERIFY(p.waitForStarted(20000));
        // Its read end is open once a non-blocking writer can open the FIFO.
        int w = -1;
        QTRY_VERIFY_WITH_TIMEOUT(w >= 0 || (w = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC)) >= 0, 20000);
        ::close(w); // a writer that came and went without a byte: the child reads EOF
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("0\n"));

        p.start(QStringLiteral(RB_CLI), {QStringLiteral("run"), QStringLiteral("--stdin-file"), fifo,
                                        QStringLiteral("--"), helper(), QStringLiteral("count-stdin")});
        QVERIFY(p.waitForStarted(20000));
        QTRY_VERIFY_WITH_TIMEOUT(hasOpen(p.processId(), fifo), 20000);
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 143);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("stopped before it started"), err.constData());
    }

    void environmentAndCwd()
    {
        QTemporaryDir dir;
        CliResult r = cli({QStringLiteral("run"), QStringLiteral("--env"), QStringLiteral("RB_X=42"), QStringLiteral("--"), helper(), QStringLiteral("env"), QStringLiteral("RB_X")});
        QCOMPARE(r.out, QByteArray("42\n"));
        r = cli({QStringLiteral("run"), QStringLiteral("--clean-env"), QStringLiteral("--"), helper(), QStringLiteral("env-count")});
        QCOMPARE(r.out, QByteArray("0\n"));
        r = cli({QStringLiteral("run"), QStringLiteral("--cwd"), dir.path(), QStringLiteral("--"), helper(), QStringLiteral("cwd")});
        QCOMPARE(r.out.trimmed(), QFileInfo(dir.path()).canonicalFilePath().toUtf8());
    }

    void pipeline()
    {
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--"), helper(), QStringLiteral("print-bytes"), QStringLiteral("123457"),
                                 QStringLiteral("|"), helper(), QStringLiteral("echo"),
                                 QStringLiteral("|"), helper(), QStringLiteral("count-stdin")});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("123457\n"));
        const CliResult yes = cli({QStringLiteral("run"), QStringLiteral("--"), QStringLiteral("yes"), QStringLiteral("|"), QStringLiteral("head"), QStringLiteral("-n1")});
        QCOMPARE(yes.status, 0);
        QCOMPARE(yes.out, QByteArray("y\n"));
    }

    void json()
    {
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("0.2"), QStringLiteral("--"),
                                 helper(), QStringLiteral("print-then-sleep"), QStringLiteral("partial-no-newline"), QStringLiteral("100000")});
        QCOMPARE(r.status, 124);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("partial-no-newline"));
        const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("timed-out"));
        QCOMPARE(o.value(QLatin1String("timedOut")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("exitStatus")).toInt(), 124);
        QCOMPARE(o.value(QLatin1String("bytesStdout")).toInteger(), qint64(19));
        QVERIFY(o.value(QLatin1String("durationMs")).toDouble() >= 200);
    }

    void interruptStopsEverything_data()
    {
        QTest::addColumn<int>("signal");
        QTest::addColumn<int>("status");
        QTest::addRow("SIGINT") << int(SIGINT) << 130;
        QTest::addRow("SIGTERM") << int(SIGTERM) << 143;
    }
    void interruptStopsEverything()
    {
        QFETCH(int, signal);
        QFETCH(int, status);
        QProcess p;
        p.start(QStringLiteral(RB_CLI), run({helper(), QStringLiteral("spawn-tree"), QStringLiteral("2")}));
        QVERIFY(p.waitForStarted(20000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("ready"), 20000);
        QList<qint64> pids;
        for (const QByteArray &l : out.split('\n'))
            if (l.startsWith("child "))
                pids << l.mid(6).toLongLong();
        QCOMPARE(pids.size(), 2);
        ::kill(pid_t(p.processId()), signal);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), status);
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    // timeout -s INT signals its command and then its own process group: runboard-cli gets
    // SIGINT twice from one process at once. That is one request (the children get their
    // grace period); a second SIGINT from anyone else is a second Ctrl-C (kill at once).
    void repeatedSignalFromOneSenderCountsOnce_data()
    {
        QTest::addColumn<bool>("sameSender");
        QTest::addRow("the same process again at once: one stop") << true;
        QTest::addRow("another process: kill at once") << false;
    }
    void repeatedSignalFromOneSenderCountsOnce()
    {
        QFETCH(bool, sameSender);
        QProcess p;
        p.start(QStringLiteral(RB_CLI), {QStringLiteral("run"), QStringLiteral("--grace"), QStringLiteral("60"),
                                        QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("trap 'echo got TERM; sleep 1; echo cleaned up; exit 3' TERM; "
                                                       "echo ready; sleep 100 & wait")});
        QVERIFY(p.waitForStarted(20000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("ready"), 20000);
        QElapsedTimer sinceFirst;
        sinceFirst.start();
        ::kill(pid_t(p.processId()), SIGINT);
        // The first one has been taken (the child's trap runs) before the second is sent: two
        // pending SIGINTs would merge into one in the kernel and prove nothing.
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("got TERM"), 20000);
        if (sameSender) {
            constexpr qint64 RepeatWindowMs = 1000; // Cli::SignalWatcher::RepeatWindowMs
            if (sinceFirst.elapsed() > RepeatWindowMs * 8 / 10)
                QSKIP("the first SIGINT took too long to reach the child to send the second in time");
            ::kill(pid_t(p.processId()), SIGINT);
        } else {
            QCOMPARE(QProcess::execute(QStringLiteral("kill"), {QStringLiteral("-INT"), QString::number(p.processId())}), 0);
        }
        QVERIFY(p.waitForFinished(30000));
        out += p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 130);
        if (sameSender) {
            QVERIFY2(out.contains("cleaned up"), out + err);
            QVERIFY2(err.contains("exit code 3"), err.constData());
        } else {
            QVERIFY2(!out.contains("cleaned up"), out.constData());
            QVERIFY2(err.contains("SIGKILL"), err.constData());
        }
    }

    void childDiesWithKilledCli()
    {
        QProcess q;
        q.start(QStringLiteral(RB_CLI), run({helper(), QStringLiteral("print-then-sleep"), QStringLiteral("up"), QStringLiteral("100000")}));
        QVERIFY(q.waitForStarted(20000));
        // Find the child: the process whose parent is runboard-cli.
        qint64 child = 0;
        QTRY_VERIFY_WITH_TIMEOUT(child > 0 || (child = childOf(q.processId(), "print-then-sleep")) > 0, 10000);
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += q.readAllStandardOutput()).contains("up"), 20000); // it has exec'd
        ::kill(pid_t(q.processId()), SIGKILL); // no chance to clean up: PR_SET_PDEATHSIG must
        QVERIFY(q.waitForFinished(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(child), 10000);
    }

    void stdoutThatCannotBeWrittenIsSaid_data()
    {
        QTest::addColumn<QString>("redirect");
        QTest::addColumn<QString>("reason");
        QTest::newRow("full disk") << QStringLiteral(">/dev/full") << qt_error_string(ENOSPC);
        // Closed: before, the number went to Qt's eventfd, which took the output for a number
        // ("Invalid argument").
        QTest::newRow("closed") << QStringLiteral(">&-") << qt_error_string(EBADF);
    }

    void stdoutThatCannotBeWrittenIsSaid()
    {
        // Not a reader that went away (141, silently, as a shell): runboard-cli says why the
        // command's output could not go on, stops the command and fails.
        QFETCH(QString, redirect);
        QFETCH(QString, reason);
        QProcess q;
        q.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("exec \"$0\" run -- echo hi ") + redirect,
                                       QStringLiteral(RB_CLI)});
        QVERIFY(q.waitForFinished(60000));
        const QByteArray err = q.readAllStandardError();
        QCOMPARE(q.exitStatus(), QProcess::NormalExit);
        QVERIFY2(q.exitCode() == 1, err.constData());
        QVERIFY2(err.contains("cannot write the command's output to stdout: " + reason.toLocal8Bit()),
                 err.constData());
    }

    void startWhoseStdoutCannotBeWritten_data()
    {
        QTest::addColumn<QString>("redirect");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("said");
        QTest::newRow("full disk") << QStringLiteral(">/dev/full") << 1
                                   << QStringLiteral("cannot write the processes' output to stdout: ") + qt_error_string(ENOSPC);
        QTest::newRow("closed") << QStringLiteral(">&-") << 1
                                << QStringLiteral("cannot write the processes' output to stdout: ") + qt_error_string(EBADF);
        // The reader went away: 141, silently. Before, `yes` wrote on into the closed pipe and
        // runboard-cli never ended.
        QTest::newRow("reader gone") << QStringLiteral("| head -n2 >/dev/null; exit ${PIPESTATUS:-$?}") << 141 << QString();
    }

    void startWhoseStdoutCannotBeWritten()
    {
        // As `run` does: everything is stopped, a reason other than a reader that went away is
        // said, and runboard-cli fails.
        QFETCH(QString, redirect);
        QFETCH(int, status);
        QFETCH(QString, said);
        QTemporaryDir dir;
        QFile session(dir.filePath(QStringLiteral("s.json")));
        QVERIFY(session.open(QIODevice::WriteOnly));
        session.write(R"({"version":1,"processes":[{"name":"y","program":"yes"},)"
                      R"({"name":"s","program":"sleep","arguments":["100000"]}]})");
        session.close();
        QProcess q;
        q.start(QStringLiteral("bash"), {QStringLiteral("-c"), QStringLiteral("\"$0\" start \"$1\" ") + redirect,
                                         QStringLiteral(RB_CLI), session.fileName()});
        QVERIFY(q.waitForFinished(60000));
        const QByteArray err = q.readAllStandardError();
        QCOMPARE(q.exitStatus(), QProcess::NormalExit);
        QVERIFY2(q.exitCode() == status, err.constData());
        if (said.isEmpty())
            QVERIFY2(!err.contains("cannot write"), err.constData());
        else
            QVERIFY2(err.contains(said.toLocal8Bit()), err.constData());
        // The sleep too: stopped, or its start called off when it had not come yet.
        QVERIFY2(err.contains("s | stopped (SIGTERM)") || err.contains("s | not started"), err.constData());
    }

    void killNineTakesWholeTreesAlong_data()
    {
        QTest::addColumn<bool>("stdinClosed");
        QTest::newRow("stdin open") << false;
        // Started with `<&-` (a daemon, a cron job): the guardian's pipe landed on fd 0 and the
        // guardian replaced it with /dev/null, read EOF and left; the child then died of the
        // SIGPIPE of telling it its group.
        QTest::newRow("stdin closed") << true;
    }

    void killNineTakesWholeTreesAlong()
    {
        // kill -9 of runboard-cli: no chance to clean up. Grandchildren in the child's group and
        // one that left it (setsid) must all go: the guardian sees the CLI die.
        QFETCH(bool, stdinClosed);
        const QByteArray tag = QByteArray::number(1000 + ::getpid() % 100000) + (stdinClosed ? "7" : "");
        const QByteArray a = tag + ".1", b = tag + ".2", c = tag + ".3";
        const QStringList args = run({QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("sleep %1 & setsid sleep %2 & sleep %3").arg(QString::fromLatin1(a), QString::fromLatin1(b), QString::fromLatin1(c))});
        QProcess q;
        if (stdinClosed) // the shell execs runboard-cli: the same process
            q.start(QStringLiteral("sh"), QStringList{QStringLiteral("-c"), QStringLiteral("exec \"$0\" \"$@\" <&-"),
                                                      QStringLiteral(RB_CLI)} + args);
        else
            q.start(QStringLiteral(RB_CLI), args);
        QVERIFY(q.waitForStarted(20000));
        QList<qint64> pids;
        QTRY_VERIFY_WITH_TIMEOUT((pids = processesRunning({"sleep", a}) + processesRunning({"sleep", b})
                                         + processesRunning({"sleep", c})).size() == 3, 20000);
        ::kill(pid_t(q.processId()), SIGKILL);
        QVERIFY(q.waitForFinished(20000));
        for (qint64 pid : std::as_const(pids))
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    void childrenKeepTheSoftFileLimit()
    {
        // runboard-cli raises its own open-file limit for sockets; a child gets the soft limit
        // it would have had (a program that close()s every descriptor up to the limit, or still
        // uses select(), must not see a million).
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
        QProcess p;
        p.start(QStringLiteral("prlimit"), {QStringLiteral("--nofile=512:4096"), QStringLiteral(RB_CLI),
                QStringLiteral("run"), QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("ulimit -Sn; ulimit -Hn")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("512\n4096\n"));
    }

    void backgroundOutputIsWaitedFor()
    {
        // As `sh -c '...' | cat` would: "late" is shown, and the background process is not
        // killed by SIGPIPE at its next write (the marker appears).
        QTemporaryDir dir;
        const QString marker = dir.filePath(QStringLiteral("marker"));
        const CliResult r = cli(run({QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("(sleep 0.3; echo late; sleep 0.3; touch '%1') &").arg(marker)}));
        QCOMPARE(r.status, 0);
        QCOMPARE(r.out, QByteArray("late\n"));
        QVERIFY(QFile::exists(marker));
    }

    void backgroundOutputHonoursTimeout()
    {
        const CliResult r = cli({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("0.5"),
                                 QStringLiteral("--grace"), QStringLiteral("0.2"), QStringLiteral("--"),
                                 QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("(sleep 100; echo never) &")});
        QCOMPARE(r.status, 124);
        QVERIFY(!r.out.contains("never"));
    }

private:
    // The child runboard-cli started, told by its command line: the guardian, just forked,
    // can still be called runboard-cli, and a child not yet exec'd too.
    // The child of `parent` (started by any of its threads) whose first argument after the
    // program is `argument`. Not just "its command line contains it": the guardian is a fork of
    // runboard-cli without exec and so carries runboard-cli's whole command line.
    static qint64 childOf(qint64 parent, const QByteArray &argument)
    {
        const QDir tasks(QStringLiteral("/proc/%1/task").arg(parent));
        for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile f(tasks.filePath(tid + QStringLiteral("/children")));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray &pid : f.readAll().simplified().split(' ')) {
                QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(QString::fromLatin1(pid)));
                if (!cmdline.open(QIODevice::ReadOnly))
                    continue;
                const QList<QByteArray> args = cmdline.readAll().split('\0');
                if (args.size() > 1 && args.at(1) == argument)
                    return pid.toLongLong();
            }
        }
        return 0;
    }

    // Whether process `pid` has `path` open (without opening it: a writer that came and went
    // would end the wait being tested).
    static bool hasOpen(qint64 pid, const QString &path)
    {
        const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
        for (const QString &fd : fds.entryList(QDir::System | QDir::NoDotAndDotDot)) {
            if (QFile::symLinkTarget(fds.filePath(fd)) == path)
                return true;
        }
        return false;
    }

    // Live processes whose command line is exactly `args`.
    static QList<qint64> processesRunning(const QList<QByteArray> &args)
    {
        QList<qint64> out;
        const QByteArray wanted = args.join('\0') + '\0';
        const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &pid : pids) {
            QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (pid.toLongLong() > 0 && f.open(QIODevice::ReadOnly) && f.readAll() == wanted
                && processAlive(pid.toLongLong()))
                out << pid.toLongLong();
        }
        return out;
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
