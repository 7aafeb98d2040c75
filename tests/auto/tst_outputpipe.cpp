#include "process/OutputPipe.h"
#include "process/TurnBudget.h"

#include <QAbstractEventDispatcher>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

// OutputPipe: every byte arrives, from a fast writer and a slow one, and the budget of a read
// notification shrinks as more pipes are open.
class TestOutputPipe : public QObject
{
    Q_OBJECT
private:
    struct Received
    {
        qint64 bytes = 0;
        quint64 sum = 0; // of all bytes, so that lost or repeated pieces show
    };

    // Writes `total` bytes (i % 251) into the pipe from another thread, `piece` at a time,
    // waiting `pauseMs` between pieces; returns once the pipe is closed.
    static Received pump(qint64 total, qint64 piece, int pauseMs)
    {
        Received got;
        OutputPipe pipe([&got](const char *d, qint64 n) {
            got.bytes += n;
            for (qint64 i = 0; i < n; ++i)
                got.sum += quint8(d[i]);
        });
        if (!pipe.open())
            qFatal("pipe: %s", qPrintable(pipe.errorString()));
        const int fd = ::fcntl(pipe.writeFd(), F_DUPFD_CLOEXEC, 3);
        pipe.closeWriteEnd();
        QSignalSpy closed(&pipe, &OutputPipe::closed);
        // A big writer fills the pipe before the first read.
        qint64 prefill = total >= OutputPipe::ReadChunk && piece >= OutputPipe::ReadChunk ? OutputPipe::ReadChunk : 0;
        {
            std::vector<char> first(static_cast<size_t>(prefill));
            for (qint64 i = 0; i < prefill; ++i)
                first[size_t(i)] = char(i % 251);
            if (prefill > 0 && ::write(fd, first.data(), size_t(prefill)) != prefill)
                qFatal("could not fill the pipe");
        }
        std::thread writer([fd, total, piece, pauseMs, prefill] {
            std::vector<char> buf(static_cast<size_t>(piece));
            qint64 sent = prefill;
            while (sent < total) {
                const qint64 n = std::min(piece, total - sent);
                for (qint64 i = 0; i < n; ++i)
                    buf[size_t(i)] = char((sent + i) % 251);
                qint64 done = 0;
                while (done < n) {
                    const ssize_t w = ::write(fd, buf.data() + done, size_t(n - done));
                    if (w > 0)
                        done += w;
                }
                sent += n;
                if (pauseMs > 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
            }
            ::close(fd);
        });
        const bool ended = closed.wait(60000);
        writer.join();
        if (!ended)
            qWarning("the pipe did not close");
        return got;
    }

    static quint64 expectedSum(qint64 total)
    {
        quint64 s = 0;
        for (qint64 i = 0; i < total; ++i)
            s += quint64(i % 251);
        return s;
    }

private Q_SLOTS:
    void fastWriterLosesNothing()
    {
        // More than a turn's budget waits in the pipe from the start.
        constexpr qint64 Total = 16LL * 1024 * 1024;
        const Received got = pump(Total, 256 * 1024, 0);
        QCOMPARE(got.bytes, Total);
        QCOMPARE(got.sum, expectedSum(Total));
    }

    void slowWriterLosesNothing()
    {
        const Received got = pump(20 * 100, 100, 5);
        QCOMPARE(got.bytes, qint64(2000));
        QCOMPARE(got.sum, expectedSum(2000));
    }

    void readFromInsideASinkKeepsBothPieces()
    {
        // The pipes of a thread share one read buffer; a pipe read from inside another's sink
        // (a slot that drains another job) must not write over the bytes being handed out.
        QByteArray seenA, seenB;
        OutputPipe b([&seenB](const char *d, qint64 n) { seenB.append(d, n); });
        QVERIFY(b.open());
        OutputPipe a([&](const char *d, qint64 n) {
            const QByteArray before(d, n);
            b.drainAndClose(); // reads "bbbb…" while `d` is still being handed out
            seenA.append(d, n);
            QCOMPARE(QByteArray(d, n), before);
        });
        QVERIFY(a.open());
        const QByteArray textA(1000, 'a'), textB(1000, 'b');
        QCOMPARE(::write(a.writeFd(), textA.constData(), size_t(textA.size())), ssize_t(textA.size()));
        QCOMPARE(::write(b.writeFd(), textB.constData(), size_t(textB.size())), ssize_t(textB.size()));
        a.closeWriteEnd();
        b.closeWriteEnd();
        QSignalSpy closed(&a, &OutputPipe::closed);
        QVERIFY(closed.wait(10000));
        QCOMPARE(seenA, textA);
        QCOMPARE(seenB, textB);
    }

    void aSlowSinkGetsOneReadATurn()
    {
        // Bytes do not bound a notification alone: a sink that takes longer than the turn's
        // time budget (a log filling memory it has not touched yet) gets one read a turn, so
        // that one child's 1 MiB cannot hold the thread. Four 64 KiB reads wait in a widened
        // pipe; each call of the sink spins past the budget.
        int turn = 0, lastTurn = -1, calls = 0, sameTurn = 0;
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        QVERIFY(dispatcher);
        QObject scope; // the connection goes with this function's locals
        connect(dispatcher, &QAbstractEventDispatcher::awake, &scope, [&turn] { ++turn; });
        OutputPipe slow([&](const char *, qint64) {
            ++calls;
            if (turn == lastTurn)
                ++sameTurn;
            lastTurn = turn;
            QElapsedTimer spin;
            spin.start();
            while (spin.nsecsElapsed() < TurnBudget::BudgetNs + 1000000) {
            }
        });
        QVERIFY(slow.open());
        constexpr qint64 Total = 4 * OutputPipe::ReadChunk;
        QVERIFY(::fcntl(slow.writeFd(), F_SETPIPE_SZ, int(Total)) >= Total);
        const QByteArray bytes(Total, 'x');
        QCOMPARE(::write(slow.writeFd(), bytes.constData(), size_t(Total)), ssize_t(Total));
        slow.closeWriteEnd();
        QCOMPARE(OutputPipe::bytesPerNotification(), OutputPipe::MaxBytesPerTurn); // room for all
        QSignalSpy closed(&slow, &OutputPipe::closed);
        QVERIFY(closed.wait(10000));
        QCOMPARE(calls, 4);
        QCOMPARE(sameTurn, 0);
    }

    void aPipeReadAloneGivesWayAfterEmptyingIt_data()
    {
        QTest::addColumn<int>("othersOpen");
        QTest::addColumn<bool>("givingWay");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("the only pipe") << 0 << true << qint64(2);
        QTest::newRow("one child: stdout and stderr") << 1 << true << qint64(2);
        QTest::newRow("another child open as well") << 2 << true << qint64(0);
        QTest::newRow("switched off (the window)") << 0 << false << qint64(0);
    }

    void aPipeReadAloneGivesWayAfterEmptyingIt()
    {
        // A short read empties the pipe; a pipe read alone then gives way to its writer before
        // reading on (fewer wake-ups for a fast writer), and with other children's pipes open
        // it does not (the window must not wait for their time slices), nor where it is switched
        // off (the window's thread paints). The sink writes a
        // second piece at its first call: two short reads, then EAGAIN.
        QFETCH(int, othersOpen);
        QFETCH(bool, givingWay);
        QFETCH(qint64, expected);
        QVERIFY(OutputPipe::givesWay()); // the engine's default
        OutputPipe::setGivingWay(givingWay);
        const auto restore = qScopeGuard([] { OutputPipe::setGivingWay(true); });
        std::vector<std::unique_ptr<OutputPipe>> others;
        for (int i = 0; i < othersOpen; ++i) {
            others.push_back(std::make_unique<OutputPipe>([](const char *, qint64) {}));
            QVERIFY(others.back()->open());
        }
        QByteArray got;
        bool wroteSecond = true;
        int writeFd = -1;
        OutputPipe pipe([&](const char *data, qint64 size) {
            if (got.isEmpty())
                wroteSecond = ::write(writeFd, "second", 6) == 6;
            got.append(data, size);
        });
        QVERIFY(pipe.open());
        writeFd = pipe.writeFd();
        const qint64 before = OutputPipe::timesGivenWay();
        QCOMPARE(::write(writeFd, "first-", 6), ssize_t(6));
        QTRY_COMPARE_WITH_TIMEOUT(got, QByteArray("first-second"), 10000);
        QVERIFY(wroteSecond);
        QCOMPARE(OutputPipe::timesGivenWay() - before, expected);
    }

    void budgetIsSharedOut()
    {
        // Pipes already open elsewhere in this thread are none here.
        std::vector<std::unique_ptr<OutputPipe>> pipes;
        const auto openOne = [&] {
            pipes.push_back(std::make_unique<OutputPipe>([](const char *, qint64) {}));
            QVERIFY(pipes.back()->open());
        };
        openOne();
        openOne();
        QCOMPARE(OutputPipe::bytesPerNotification(), OutputPipe::MaxBytesPerTurn); // one child
        openOne();
        QCOMPARE(OutputPipe::bytesPerNotification(), OutputPipe::TurnBudget / 3);
        while (pipes.size() < 40)
            openOne();
        QCOMPARE(OutputPipe::bytesPerNotification(), OutputPipe::TurnBudget / 40);
        while (pipes.size() < 200)
            openOne();
        QCOMPARE(OutputPipe::bytesPerNotification(), qint64(1024)); // never less
    }
};

QTEST_GUILESS_MAIN(TestOutputPipe)
#include "tst_outputpipe.moc"
