// Guardian (Linux): the process that ends Runboard's trees when Runboard dies. This test
// program starts one as Runboard's main() does, first thing, and with its stdin closed (as
// Runboard started by a daemon or with `<&-`): the guardian's pipe must not land on fd 0, where
// the guardian's own /dev/null would replace it. Then the guardian dies, and the children
// launched after that must still run (each child tells the guardian its group itself, and
// every signal is blocked in the child at that moment). Real children: rb_helper.
#include "process/ChildProcess.h"
#include "process/Guardian.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <optional>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

const QString Helper = QStringLiteral(RB_HELPER);

// The pipes a process holds ("pipe:[inode]"), from its /proc/PID/fd.
QSet<QString> pipesOf(const QString &pid)
{
    QSet<QString> pipes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    const QStringList entries = fds.entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System);
    for (const QString &fd : entries) {
        const QByteArray link = QFile::encodeName(fds.filePath(fd));
        char buf[64] = {};
        const ssize_t n = ::readlink(link.constData(), buf, sizeof buf - 1);
        if (n > 0 && QByteArray(buf, int(n)).startsWith("pipe:"))
            pipes.insert(QString::fromLatin1(buf, int(n)));
    }
    return pipes;
}

// Runs `Helper exit 0` through a ChildProcess: how it ended.
QString runOne(bool background)
{
    ChildProcess p;
    p.setProgram(Helper);
    p.setArguments({QStringLiteral("exit"), QStringLiteral("0")});
    QSignalSpy finished(&p, &ChildProcess::finished);
    QSignalSpy failed(&p, &ChildProcess::errorOccurred);
    {
        std::optional<ChildProcess::BackgroundLaunches> offThread;
        if (background)
            offThread.emplace();
        p.start();
    }
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 30000))
        return QStringLiteral("no end");
    if (!failed.isEmpty())
        return QStringLiteral("failed: ") + p.errorString();
    const int code = finished.first().at(0).toInt();
    const auto status = finished.first().at(1).value<QProcess::ExitStatus>();
    return status == QProcess::NormalExit ? QStringLiteral("exit %1").arg(code)
                                          : QStringLiteral("crashed, signal %1").arg(code);
}

} // namespace

class TestGuardian : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void guardianHoldsItsPipeWithStdinClosed()
    {
        QVERIFY(Guardian::isRunning());
        const QString guardian = QString::number(Guardian::pid());
        // The guardian reads the other end of a pipe this process writes to.
        const QSet<QString> ours = pipesOf(QStringLiteral("self"));
        QTRY_VERIFY_WITH_TIMEOUT(pipesOf(guardian).intersects(ours), 30000);
        QCOMPARE(runOne(false), QStringLiteral("exit 0"));
        QCOMPARE(runOne(true), QStringLiteral("exit 0"));
        // Still there: it has not read an end from /dev/null.
        QVERIFY(pipesOf(guardian).intersects(ours));
    }

    void childrenRunOnAfterTheGuardianDied()
    {
        // Killed (kill -9, the OOM killer): Runboard has not noticed yet (it notices at its
        // next own write), so the children still tell the guardian themselves, and find its
        // pipe closed. The SIGPIPE of that write killed each of them as soon as it unblocked
        // its signals ("crashed, signal 13").
        const pid_t guardian = pid_t(Guardian::pid());
        QCOMPARE(::kill(guardian, SIGKILL), 0);
        QCOMPARE(::waitpid(guardian, nullptr, 0), guardian);
        QVERIFY(Guardian::isRunning()); // not noticed yet
        QCOMPARE(runOne(false), QStringLiteral("exit 0"));
        QCOMPARE(runOne(true), QStringLiteral("exit 0"));
        QCOMPARE(runOne(false), QStringLiteral("exit 0"));
    }
};

int main(int argc, char *argv[])
{
    std::signal(SIGPIPE, SIG_IGN); // as Runboard's main() does
    ::close(0);
    if (!Guardian::start(argc, argv))
        return 2;
    QCoreApplication app(argc, argv);
    TestGuardian t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_guardian.moc"
