// StandardStreams: fds 0-2 closed at start-up are held by /dev/null opened the wrong way round.
// Each case runs in a forked child (this process's own streams stay as they are), which closes
// some of them, calls holdClosedOnes() and reports what it finds in its exit status.
#include "system/StandardStreams.h"

#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// Bits of the forked child's exit status: what went wrong there.
enum Finding {
    NotOpen = 1,        // a closed one is still closed
    Readable = 2,       // a read from fd 0 did not fail with EBADF
    Writable = 4,       // a write to fd 1 or 2 did not fail with EBADF
    NumberTaken = 8,    // the next descriptor opened got a number below 3
    OpenOneChanged = 16 // one that was open is not the same file any more
};

int runClosing(const QList<int> &toClose)
{
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        struct stat before[3] = {};
        for (int fd = 0; fd < 3; ++fd)
            ::fstat(fd, &before[fd]);
        for (int fd : toClose)
            ::close(fd);
        StandardStreams::holdClosedOnes();
        int found = 0;
        char c = 'x';
        for (int fd = 0; fd < 3; ++fd) {
            if (::fcntl(fd, F_GETFD) < 0) {
                found |= NotOpen;
                continue;
            }
            if (!toClose.contains(fd)) {
                struct stat now = {};
                ::fstat(fd, &now);
                if (now.st_ino != before[fd].st_ino || now.st_dev != before[fd].st_dev)
                    found |= OpenOneChanged;
                continue;
            }
            if (fd == 0 && !(::read(0, &c, 1) < 0 && errno == EBADF))
                found |= Readable;
            if (fd > 0 && !(::write(fd, &c, 1) < 0 && errno == EBADF))
                found |= Writable;
        }
        const int next = ::open("/dev/null", O_RDONLY);
        if (next >= 0 && next < 3)
            found |= NumberTaken;
        ::_exit(found);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

} // namespace

class TestStandardStreams : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void closedOnesAreHeld_data()
    {
        QTest::addColumn<QList<int>>("closed");
        QTest::newRow("none") << QList<int>{};
        QTest::newRow("stdin") << QList<int>{0};
        QTest::newRow("stdout") << QList<int>{1};
        QTest::newRow("stderr") << QList<int>{2};
        QTest::newRow("stdin and stderr") << QList<int>{0, 2};
        QTest::newRow("all three") << QList<int>{0, 1, 2};
    }

    void closedOnesAreHeld()
    {
        QFETCH(QList<int>, closed);
        QCOMPARE(runClosing(closed), 0);
    }
};

QTEST_GUILESS_MAIN(TestStandardStreams)
#include "tst_standardstreams.moc"
