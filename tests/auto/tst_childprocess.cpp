// ChildProcess: one child, launched by Runboard itself on Linux (clone with CLONE_VFORK) or
// through QProcess elsewhere. Signals in QProcess's order, exit codes and signals, start
// failures reported from the event loop, the stdin pipe, a pipe between two children, a child
// still running handed to the reaper. Real children: rb_helper and /bin/sh.
#include "process/ChildProcess.h"
#include "process/ChildSetup.h"
#include "process/ProcessReaper.h"

#include "TestUtil.h"

#include <QDir>
#include <QFile>
#include <QMutexLocker>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <optional>
#include <vector>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {
const QString Helper = QStringLiteral(RB_HELPER);

// A pipe whose write end a child gets; read to EOF once the child is gone.
struct Capture
{
    int fds[2] = {-1, -1};
    Capture() { QVERIFY(::pipe2(fds, O_CLOEXEC) == 0); }
    ~Capture()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    int writeFd() const { return fds[1]; }
    void closeWriteEnd()
    {
        ::close(fds[1]);
        fds[1] = -1;
    }
    QByteArray readAll()
    {
        QByteArray all;
        char buf[4096];
        for (;;) {
            const ssize_t n = ::read(fds[0], buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return all;
            all.append(buf, n);
        }
    }
};

struct Run
{
    QList<QString> events; // "started", "finished", "error"
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::NormalExit;
    QProcess::ProcessError error = QProcess::UnknownError;

    void watch(ChildProcess *p)
    {
        QObject::connect(p, &ChildProcess::started, p, [this] { events << QStringLiteral("started"); });
        QObject::connect(p, &ChildProcess::finished, p, [this](int code, QProcess::ExitStatus s) {
            events << QStringLiteral("finished");
            exitCode = code;
            status = s;
        });
        QObject::connect(p, &ChildProcess::errorOccurred, p, [this](QProcess::ProcessError e) {
            if (e == QProcess::FailedToStart)
                events << QStringLiteral("error");
            error = e;
        });
    }
};

// `p` set up to run `program`, its stdout and stderr into `out` and `err`, watched by `run`.
void prepare(ChildProcess &p, Run &run, const QString &program, const QStringList &args, Capture &out,
             Capture &err, ChildProcess::Input input = ChildProcess::Input::Null)
{
    run.watch(&p);
    p.setProgram(program);
    p.setArguments(args);
    ChildProcess::Channels c;
    c.input = input;
    c.stdoutFd = out.writeFd();
    c.stderrFd = err.writeFd();
    p.setChannels(c);
}

qsizetype openDescriptors()
{
    return QDir(QStringLiteral("/proc/self/fd")).count();
}

// Our open descriptors, counted after one launch on the launcher thread (so that the thread
// and what it keeps exist before the count); -1 when that launch did not end.
qsizetype openDescriptorsOnceTheLauncherRuns()
{
    {
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, Helper, {QStringLiteral("exit"), QStringLiteral("0")}, out, err);
        {
            const ChildProcess::BackgroundLaunches offThread;
            p.start();
        }
        if (!QTest::qWaitFor([&run] { return run.events.size() == 2; }, 30000))
            return -1;
    }
    return openDescriptors();
}

bool alive(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0;
}
} // namespace

class TestChildProcess : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exitCodeAndSignalOrder()
    {
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, Helper, {QStringLiteral("exit"), QStringLiteral("3")}, out, err);
        p.start();
        out.closeWriteEnd();
        err.closeWriteEnd();
        QVERIFY(run.events.isEmpty()); // never from inside start()
        QCOMPARE(p.state(), QProcess::Starting);
        QVERIFY(p.processId() > 0);
        connect(&p, &ChildProcess::started, this, [&p] { QCOMPARE(p.state(), QProcess::Running); });
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        QCOMPARE(run.events, (QList<QString>{QStringLiteral("started"), QStringLiteral("finished")}));
        QCOMPARE(run.exitCode, 3);
        QCOMPARE(run.status, QProcess::NormalExit);
        QCOMPARE(p.state(), QProcess::NotRunning);
        QCOMPARE(p.processId(), 0);
    }

    void signalIsACrashExit()
    {
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, Helper, {QStringLiteral("crash"), QString::number(SIGABRT)}, out, err);
        p.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        QCOMPARE(run.status, QProcess::CrashExit);
        QCOMPARE(run.exitCode, SIGABRT);
    }

    void execFailureComesFromTheEventLoop_data()
    {
        QTest::addColumn<bool>("background");
        QTest::newRow("in this thread") << false;
        QTest::newRow("on the launcher thread") << true;
    }

    void execFailureComesFromTheEventLoop()
    {
        // Executable, but neither a binary nor a script: execve() itself fails in the child.
        QFETCH(bool, background);
        QTemporaryDir dir;
        const QString path = TestUtil::writeBadExecutable(dir.path());
        QVERIFY(!path.isEmpty());
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, path, {}, out, err);
        {
            std::optional<ChildProcess::BackgroundLaunches> offThread;
            if (background)
                offThread.emplace();
            p.start();
        }
        QVERIFY(run.events.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(run.events, QList<QString>{QStringLiteral("error")}, 30000);
        QCOMPARE(run.error, QProcess::FailedToStart);
#ifndef RB_QPROCESS_LAUNCHER
        QVERIFY(p.errorString().startsWith(QLatin1String("execve: ")));
#endif
        QVERIFY(!p.errorString().isEmpty());
        QCOMPARE(p.state(), QProcess::NotRunning);
        QTest::qWait(50);
        QCOMPARE(run.events.size(), 1); // no started(), no finished()
    }

    void missingWorkingDirectoryFailsToStart()
    {
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, Helper, {QStringLiteral("cwd")}, out, err);
        p.setWorkingDirectory(QStringLiteral("/nonexistent-rb-dir"));
        p.start();
        QTRY_COMPARE_WITH_TIMEOUT(run.events, QList<QString>{QStringLiteral("error")}, 30000);
        QVERIFY(!p.errorString().isEmpty());
    }

    void workingDirectoryAndEnvironment()
    {
        QTemporaryDir dir;
        for (const QString &mode : {QStringLiteral("cwd"), QStringLiteral("env")}) {
            Capture out, err;
            ChildProcess p;
            Run run;
            prepare(p, run, Helper, {mode, QStringLiteral("RB_CHILD_TEST")}, out, err);
            p.setWorkingDirectory(dir.path());
            QProcessEnvironment env;
            env.insert(QStringLiteral("RB_CHILD_TEST"), QStringLiteral("value with spaces"));
            p.setProcessEnvironment(env);
            p.start();
            out.closeWriteEnd();
            QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
            const QByteArray got = out.readAll().trimmed();
            if (mode == QLatin1String("cwd"))
                QCOMPARE(QString::fromLocal8Bit(got), QFileInfo(dir.path()).canonicalFilePath());
            else
                QCOMPARE(got, QByteArray("value with spaces"));
        }
    }

    void stdinPipe()
    {
        Capture out, err;
        ChildProcess p;
        Run run;
        run.watch(&p);
        qint64 written = 0;
        connect(&p, &ChildProcess::bytesWritten, this, [&written](qint64 n) { written += n; });
        p.setProgram(Helper);
        p.setArguments({QStringLiteral("echo")});
        ChildProcess::Channels c;
        c.input = ChildProcess::Input::Pipe;
        c.stdoutFd = out.writeFd();
        c.stderrFd = err.writeFd();
        p.setChannels(c);
        p.start();
        out.closeWriteEnd();
        err.closeWriteEnd();
        // More than a pipe holds: the rest is written as the child reads.
        QByteArray big(1 << 20, 'x');
        for (int i = 0; i < big.size(); i += 4096)
            big[i] = char('a' + (i / 4096) % 26);
        QCOMPARE(p.write("first\n", 6), qint64(6));
        QCOMPARE(p.write(big), qint64(big.size()));
        QVERIFY(p.bytesToWrite() > 0);
        p.closeWriteChannel();
        QVERIFY(p.write("late", 4) <= 0); // closed for writing (QProcess says 0, we say -1)
        QByteArray got;
        // Read while it runs: the child blocks on a full stdout otherwise.
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            char buf[65536];
            ssize_t n;
            ::fcntl(out.fds[0], F_SETFL, O_NONBLOCK);
            while ((n = ::read(out.fds[0], buf, sizeof buf)) > 0)
                got.append(buf, n);
            return n == 0;
        }(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(got.size(), big.size() + 6);
        QVERIFY(got == QByteArray("first\n") + big);
        QCOMPARE(written, qint64(big.size() + 6));
        QCOMPARE(p.bytesToWrite(), qint64(0));
        QVERIFY(err.readAll().contains("EOF after 1048582 bytes"));
    }

    void writeToAClosedStdinIsAWriteError()
    {
        // The child closes its stdin and stays: writing gives EPIPE (never SIGPIPE to us).
        Capture out, err;
        auto *p = new ChildProcess;
        Run run;
        run.watch(p);
        p->setProgram(QStringLiteral("/bin/sh"));
        p->setArguments({QStringLiteral("-c"), QStringLiteral("exec 0<&-; echo closed; exec sleep 100")});
        ChildProcess::Channels c;
        c.input = ChildProcess::Input::Pipe;
        c.stdoutFd = out.writeFd();
        c.stderrFd = err.writeFd();
        p->setChannels(c);
        p->start();
        out.closeWriteEnd();
        const qint64 pid = p->processId();
        QVERIFY(pid > 0);
        QTRY_VERIFY_WITH_TIMEOUT(run.events.contains(QStringLiteral("started")), 30000);
        QByteArray chunk(256 * 1024, 'z');
        QCOMPARE(p->write(chunk), qint64(chunk.size()));
        QTRY_COMPARE_WITH_TIMEOUT(run.error, QProcess::WriteError, 30000);
        QVERIFY(alive(pid)); // still running: only its stdin is gone
        // Deleted while running: killed, and waited for on the reaper's thread.
        delete p;
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(ProcessReaper::instance()->pendingCount(), 0, 30000);
    }

    void pipeBetweenTwoChildren_data()
    {
        QTest::addColumn<bool>("background");
        QTest::newRow("in this thread") << false;
        QTest::newRow("on the launcher thread") << true;
    }

    void pipeBetweenTwoChildren()
    {
        QFETCH(bool, background);
        Capture out, err;
        ChildProcess a, b;
        Run ra, rb;
        ra.watch(&a);
        rb.watch(&b);
        a.setProgram(QStringLiteral("/bin/sh"));
        a.setArguments({QStringLiteral("-c"), QStringLiteral("echo one; echo two")});
        b.setProgram(Helper);
        b.setArguments({QStringLiteral("echo")});
        ChildProcess::Channels ca;
        ca.stderrFd = err.writeFd();
        a.setChannels(ca);
        a.setStandardOutputProcess(&b);
        ChildProcess::Channels cb;
        cb.input = ChildProcess::Input::Previous;
        cb.stdoutFd = out.writeFd();
        cb.stderrFd = err.writeFd();
        b.setChannels(cb);
        {
            std::optional<ChildProcess::BackgroundLaunches> offThread;
            if (background)
                offThread.emplace();
            a.start();
            b.start();
        }
        out.closeWriteEnd();
        err.closeWriteEnd();
        QTRY_COMPARE_WITH_TIMEOUT(ra.events.size() + rb.events.size(), 4, 30000);
        QCOMPARE(out.readAll(), QByteArray("one\ntwo\n"));
        QVERIFY(err.readAll().contains("EOF after 8 bytes"));
    }

    void previousStageThatNeverStartedGivesEof()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess gives such a stage a pipe of its own, open for writing");
#endif
        // The stage before never started, so no pipe came from it: this one reads EOF, not
        // the launcher's own stdin (made a pipe with data in it here, to tell them apart).
        int ours[2];
        QVERIFY(::pipe2(ours, O_CLOEXEC) == 0);
        QCOMPARE(::write(ours[1], "ours\n", 5), ssize_t(5));
        ::close(ours[1]);
        const int savedIn = ::dup(STDIN_FILENO);
        QVERIFY(::dup2(ours[0], STDIN_FILENO) == STDIN_FILENO);
        ::close(ours[0]);
        Capture out, err;
        ChildProcess a, b;
        Run run;
        a.setStandardOutputProcess(&b); // a is never started
        prepare(b, run, Helper, {QStringLiteral("echo")}, out, err, ChildProcess::Input::Previous);
        b.start();
        ::dup2(savedIn, STDIN_FILENO);
        ::close(savedIn);
        out.closeWriteEnd();
        err.closeWriteEnd();
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        QCOMPARE(out.readAll(), QByteArray());
        QVERIFY(err.readAll().contains("EOF after 0 bytes"));
    }

    void nullAndInheritedStdin()
    {
        // Null reads EOF at once; no descriptor of the launcher leaks into the child.
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, QStringLiteral("/bin/sh"), {}, out, err);
        p.setArguments({QStringLiteral("-c"), QStringLiteral("cat; ls /proc/self/fd | wc -l")});
        p.start();
        out.closeWriteEnd();
        err.closeWriteEnd();
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        QCOMPARE(run.exitCode, 0);
        // 0, 1, 2 and the directory `ls` reads.
        QCOMPARE(out.readAll().trimmed(), QByteArray("4"));
    }

    void sourceDescriptorAmongZeroToTwo()
    {
        // Runboard started with fd 1 closed: a pipe of ours may then be fd 1 itself, and be
        // what the child must get as its fd 2. No dup2() may overwrite a source before it
        // was copied.
        Capture err;
        const int savedOut = ::dup(STDOUT_FILENO);
        QVERIFY(savedOut >= 0);
        QVERIFY(::dup2(err.writeFd(), STDOUT_FILENO) == STDOUT_FILENO); // our fd 1 is the pipe now
        Capture out;
        ChildProcess p;
        Run run;
        run.watch(&p);
        p.setProgram(QStringLiteral("/bin/sh"));
        p.setArguments({QStringLiteral("-c"), QStringLiteral("echo to-out; echo to-err >&2")});
        ChildProcess::Channels c;
        c.stdoutFd = out.writeFd();
        c.stderrFd = STDOUT_FILENO; // the child's 2 is our 1, and its 1 must not become it
        p.setChannels(c);
        p.start();
        ::dup2(savedOut, STDOUT_FILENO);
        ::close(savedOut);
        out.closeWriteEnd();
        err.closeWriteEnd();
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        QCOMPARE(out.readAll(), QByteArray("to-out\n"));
        QCOMPARE(err.readAll(), QByteArray("to-err\n"));
    }

    void childGetsDefaultSignals()
    {
        // Whatever the launcher ignores or blocks, the child starts with the defaults.
        struct sigaction ignore = {}, oldTerm = {}, oldUsr2 = {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGTERM, &ignore, &oldTerm);
        ::sigaction(SIGUSR2, &ignore, &oldUsr2);
        sigset_t block, oldMask;
        sigemptyset(&block);
        sigaddset(&block, SIGTERM);
        ::pthread_sigmask(SIG_BLOCK, &block, &oldMask);
        Capture out, err;
        ChildProcess p;
        Run run;
        prepare(p, run, Helper, {QStringLiteral("sigmask")}, out, err);
        p.start();
        ::sigaction(SIGTERM, &oldTerm, nullptr);
        ::sigaction(SIGUSR2, &oldUsr2, nullptr);
        ::pthread_sigmask(SIG_SETMASK, &oldMask, nullptr);
        out.closeWriteEnd();
        QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
        const QByteArray got = out.readAll();
        QCOMPARE(got, QByteArray("blocked=0 ignored=0 usr2=0\n"));
    }

    void backgroundLaunchComesBackThroughTheEventLoop()
    {
        // Handed to the launcher thread: start() returns at once, the pid comes with started(),
        // and the descriptors passed in may be closed as soon as start() returns.
        QTemporaryDir dir;
        const qsizetype before = openDescriptorsOnceTheLauncherRuns();
        QVERIFY(before > 0);
        {
            Capture out, err;
            ChildProcess p;
            Run run;
            prepare(p, run, Helper, {QStringLiteral("cwd")}, out, err);
            p.setWorkingDirectory(dir.path());
            qint64 pidAtStarted = -1;
            connect(&p, &ChildProcess::started, this, [&] { pidAtStarted = p.processId(); });
            {
                const ChildProcess::BackgroundLaunches offThread;
                p.start();
            }
            out.closeWriteEnd(); // ours: the launch has a copy of its own
            err.closeWriteEnd();
            QVERIFY(run.events.isEmpty());
            QCOMPARE(p.state(), QProcess::Starting);
#ifndef RB_QPROCESS_LAUNCHER
            QCOMPARE(p.processId(), 0); // not known before started()
#endif
            QTRY_COMPARE_WITH_TIMEOUT(run.events.size(), 2, 30000);
            QCOMPARE(run.events, (QList<QString>{QStringLiteral("started"), QStringLiteral("finished")}));
            QVERIFY(pidAtStarted > 0);
            QCOMPARE(run.exitCode, 0);
            QCOMPARE(QString::fromLocal8Bit(out.readAll().trimmed()), QFileInfo(dir.path()).canonicalFilePath());
        }
        QCOMPARE(ChildProcess::launchesInFlight(), 0);
        QCOMPARE(openDescriptors(), before); // the copies are closed too
    }

    void launchesOnTheLauncherThreadComeBackEachToItsOwn()
    {
        // The launcher thread has several children on their way to exec at once, and their
        // launches come back as each child gets there: each ChildProcess must get its own
        // child, or its own failure, whatever the order. A third print their own working
        // directory, a third fail in chdir(), a third in execve().
        QTemporaryDir dir;
        const QString bad = TestUtil::writeBadExecutable(dir.path());
        QVERIFY(!bad.isEmpty());
        const qsizetype before = openDescriptorsOnceTheLauncherRuns();
        QVERIFY(before > 0);
        constexpr int N = 60;
        {
            std::vector<std::unique_ptr<Capture>> outs, errs;
            std::vector<std::unique_ptr<ChildProcess>> children;
            std::vector<Run> runs(N);
            for (int i = 0; i < N; ++i) {
                outs.push_back(std::make_unique<Capture>());
                errs.push_back(std::make_unique<Capture>());
                children.push_back(std::make_unique<ChildProcess>());
                ChildProcess &p = *children.back();
                switch (i % 3) {
                case 0:
                    QVERIFY(QDir(dir.path()).mkdir(QString::number(i)));
                    prepare(p, runs[size_t(i)], Helper, {QStringLiteral("cwd")}, *outs.back(), *errs.back());
                    p.setWorkingDirectory(dir.filePath(QString::number(i)));
                    break;
                case 1:
                    prepare(p, runs[size_t(i)], Helper, {QStringLiteral("cwd")}, *outs.back(), *errs.back());
                    p.setWorkingDirectory(dir.filePath(QStringLiteral("missing-%1").arg(i)));
                    break;
                default:
                    prepare(p, runs[size_t(i)], bad, {}, *outs.back(), *errs.back());
                    break;
                }
            }
            {
                const ChildProcess::BackgroundLaunches offThread;
                for (auto &p : children)
                    p->start();
            }
            for (int i = 0; i < N; ++i) {
                outs[size_t(i)]->closeWriteEnd(); // the launches have copies of their own
                errs[size_t(i)]->closeWriteEnd();
            }
            const auto allBack = [&runs] {
                return std::all_of(runs.begin(), runs.end(), [](const Run &r) {
                    return r.events.contains(QStringLiteral("error")) || r.events.contains(QStringLiteral("finished"));
                });
            };
            QTRY_VERIFY_WITH_TIMEOUT(allBack(), 60000);
            for (int i = 0; i < N; ++i) {
                const Run &r = runs[size_t(i)];
                const ChildProcess &p = *children[size_t(i)];
                const QString where = QStringLiteral("child %1: %2").arg(i).arg(r.events.join(QLatin1Char(' ')));
                if (i % 3 == 0) {
                    QVERIFY2(r.events == (QList<QString>{QStringLiteral("started"), QStringLiteral("finished")}),
                             qPrintable(where));
                    QCOMPARE(r.exitCode, 0);
                    QCOMPARE(QString::fromLocal8Bit(outs[size_t(i)]->readAll().trimmed()),
                             QFileInfo(dir.filePath(QString::number(i))).canonicalFilePath());
                } else {
                    QVERIFY2(r.events == QList<QString>{QStringLiteral("error")}, qPrintable(where));
                    QCOMPARE(r.error, QProcess::FailedToStart);
#ifndef RB_QPROCESS_LAUNCHER
                    QVERIFY2(p.errorString().startsWith(QLatin1String(i % 3 == 1 ? "chdir: " : "execve: ")),
                             qPrintable(where + QStringLiteral(": ") + p.errorString()));
#endif
                    QVERIFY(!p.errorString().isEmpty());
                    QVERIFY(outs[size_t(i)]->readAll().isEmpty());
                }
            }
        }
        QCOMPARE(ChildProcess::launchesInFlight(), 0);
#ifndef RB_QPROCESS_LAUNCHER
        QCOMPARE(openDescriptors(), before); // the exec pipes and the copies are closed too
#else
        // Not with QProcess: Qt 6.4.2's QProcess keeps one pipe's write end open for every start
        // that fails (a loop of plain QProcess starts in a missing directory, or of a file that
        // is not executable: 10 more open descriptors after 10 of them).
        Q_UNUSED(before);
#endif
        QTRY_VERIFY_WITH_TIMEOUT(::waitpid(-1, nullptr, WNOHANG) <= 0, 30000); // nothing to reap
    }

    void deletedWhileLaunchingLeavesNothing()
    {
        // Gone before the launch came back (or even began): whatever was launched is killed
        // and waited for, as a child still running at a teardown.
        const QByteArray marker = QByteArray::number(600000 + (::getpid() % 1000) * 7);
        const auto ours = [&marker] {
            int n = 0;
            const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
            for (const QString &pid : pids) {
                QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
                if (f.open(QIODevice::ReadOnly) && f.readAll().endsWith("sleep\0" + marker + '\0'))
                    ++n;
            }
            return n;
        };
        {
            const ChildProcess::BackgroundLaunches offThread;
            for (int i = 0; i < 20; ++i) {
                auto *p = new ChildProcess;
                p->setProgram(Helper);
                p->setArguments({QStringLiteral("sleep"), QString::fromLatin1(marker)});
                p->start();
                if (i % 2)
                    QTRY_COMPARE_WITH_TIMEOUT(ChildProcess::launchesInFlight(), 0, 30000);
                delete p;
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(ChildProcess::launchesInFlight(), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(ours(), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(ProcessReaper::instance()->pendingCount(), 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(::waitpid(-1, nullptr, WNOHANG) <= 0, 30000); // nothing to reap
    }

    void orphanScanLeavesALaunchInFlightAlone()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread");
#endif
        // A child in a session of its own that has ended, unknown to the reaper: an orphan to
        // the scan, unless its launch has not reached its ChildProcess yet.
        Capture out, err;
        auto *p = new ChildProcess;
        Run run;
        prepare(*p, run, Helper, {QStringLiteral("exit"), QStringLiteral("0")}, out, err);
        p->start();
        const qint64 pid = p->processId();
        QVERIFY(pid > 0);
        siginfo_t info = {};
        QCOMPARE(::waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT), 0); // a zombie, not reaped

        ProcessReaper *reaper = ProcessReaper::instance();
        ProcessReaper::launchedChild(pid);
        QCOMPARE(reaper->reapOrphans(), 0);
        QVERIFY(ProcessReaper::isLaunchedChild(pid));
        ProcessReaper::childDelivered(pid);
        QVERIFY(!ProcessReaper::isLaunchedChild(pid));
        {
            // While a launch is in clone() the scan waits for the next round.
            const QMutexLocker launching(&ProcessReaper::launchMutex());
            QCOMPARE(reaper->reapOrphans(), 0);
        }
        QCOMPARE(reaper->reapOrphans(), 1); // now it is taken for an orphan, and reaped
        delete p;
    }

    void inheritedDescriptorsGoBeforeExec_data()
    {
        QTest::addColumn<bool>("closeInherited");
        QTest::addColumn<bool>("keepOne");
        QTest::newRow("closed (ChildProcess on Linux)") << true << false;
        QTest::newRow("closed, the exec pipe kept (the launcher thread)") << true << true;
        QTest::newRow("close-on-exec (QProcess)") << false << false;
    }

    void inheritedDescriptorsGoBeforeExec()
    {
        // A vfork launcher goes on once exec has replaced the child's memory, before the kernel
        // closes the child's close-on-exec descriptors: a child held there kept the pipes made
        // for later launches, and a later child that ended at once looked as if something in
        // the background held its output. Our launcher's children close them before exec; a
        // QProcess child only marks them (Qt's own pipe must stay open until exec). The forked
        // child reports how many descriptors above 2 it still has (and how many of them would
        // survive exec) in its exit status.
        QFETCH(bool, closeInherited);
        QFETCH(bool, keepOne);
        int extra[2] = {-1, -1};
        QVERIFY(::pipe(extra) == 0); // not close-on-exec: the child must not keep it either way
        int execPipe[2] = {-1, -1};
        QVERIFY(::pipe2(execPipe, O_CLOEXEC) == 0); // above `extra`: a range on either side
        ChildSetup::ChildParams params = ChildSetup::paramsFor(-1, -1, -1);
        params.followLauncher = false;
        params.softFileLimit = 0;
        params.closeInherited = closeInherited;
        if (keepOne)
            params.keepUntilExec = execPipe[1];
        const pid_t pid = ::fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            ChildSetup::inChild(params);
            int open = 0, surviving = 0;
            for (int fd = 3; fd < 4096; ++fd) {
                const int flags = ::fcntl(fd, F_GETFD);
                if (flags < 0)
                    continue;
                ++open;
                if (!(flags & FD_CLOEXEC))
                    ++surviving;
            }
            const bool kept = ::fcntl(execPipe[1], F_GETFD) == FD_CLOEXEC;
            ::_exit(std::min(open, 49) + (kept ? 50 : 0) + (surviving > 0 ? 100 : 0));
        }
        ::close(extra[0]);
        ::close(extra[1]);
        ::close(execPipe[0]);
        ::close(execPipe[1]);
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY(WIFEXITED(status));
        const int open = WEXITSTATUS(status) % 50;
        const bool kept = WEXITSTATUS(status) % 100 >= 50;
        QCOMPARE(WEXITSTATUS(status) / 100, 0); // nothing would outlive exec in any case
        QCOMPARE(kept, keepOne || !closeInherited);
        if (closeInherited)
            QCOMPARE(open, keepOne ? 1 : 0); // the exec pipe's write end alone, close-on-exec
        else
            QVERIFY2(open >= 4, qPrintable(QString::number(open))); // the pipes, marked only
    }

    void manyInARowLeaveNothingBehind()
    {
        // Descriptors and zombies: 200 launches leave the launcher as it was.
        qsizetype before = 0;
        for (int i = 0; i < 201; ++i) {
            if (i == 1)
                before = openDescriptors(); // after the first: /dev/null and the epoll set stay open
            ChildProcess p;
            Run run;
            run.watch(&p);
            QSignalSpy finished(&p, &ChildProcess::finished);
            p.setProgram(QStringLiteral("/bin/true"));
            p.start();
            QVERIFY(finished.wait(30000));
            QCOMPARE(run.events.size(), 2);
        }
        QCOMPARE(openDescriptors(), before);
        QVERIFY(::waitpid(-1, nullptr, WNOHANG) <= 0); // no child left to reap
    }
};

QTEST_GUILESS_MAIN(TestChildProcess)
#include "tst_childprocess.moc"
