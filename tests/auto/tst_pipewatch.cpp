#include "process/ChildSetup.h"
#include "process/PipeWatch.h"
#include "process/TurnBudget.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTest>
#include <QTimer>
#include <QElapsedTimer>

#include <algorithm>

#include <memory>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

// PipeWatch: the pipes of a thread share one epoll set (Linux), each ready one is called back
// once per turn, and callbacks may remove watches; ChildSetup::adopt() moves QProcess's watch on
// a child's exit into that set, and disown() gives it back.
class TestPipeWatch : public QObject
{
    Q_OBJECT
private:
    struct Pipe
    {
        int fds[2] = {-1, -1};
        int calls = 0;
        std::unique_ptr<PipeWatch> watch;
        Pipe()
        {
            if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
                qFatal("pipe2 failed");
        }
        ~Pipe()
        {
            watch.reset();
            closeWriter();
            ::close(fds[0]);
        }
        void closeWriter()
        {
            if (fds[1] >= 0)
                ::close(fds[1]);
            fds[1] = -1;
        }
        void put(char c) { QCOMPARE(::write(fds[1], &c, 1), ssize_t(1)); }
        // Reads what is there (the callback of a watch that empties its pipe).
        void drain()
        {
            char buf[64];
            while (::read(fds[0], buf, sizeof buf) > 0) {
            }
        }
    };

    // Makes `n` watched pipes whose callbacks count and empty them.
    static std::vector<std::unique_ptr<Pipe>> makePipes(int n)
    {
        std::vector<std::unique_ptr<Pipe>> pipes;
        for (int i = 0; i < n; ++i) {
            pipes.push_back(std::make_unique<Pipe>());
            Pipe *p = pipes.back().get();
            p->watch = std::make_unique<PipeWatch>(p->fds[0], [p] {
                ++p->calls;
                p->drain();
            });
            p->watch->setEnabled(true);
        }
        return pipes;
    }

    // `n` watched pipes with a byte in each, whose callbacks count, take 2 ms, and empty their
    // pipe or (drain false) leave it ready.
    static std::vector<std::unique_ptr<Pipe>> makeSlowPipes(int n, bool drain)
    {
        auto pipes = makePipes(n);
        for (auto &p : pipes) {
            Pipe *raw = p.get();
            p->watch = std::make_unique<PipeWatch>(raw->fds[0], [raw, drain] {
                ++raw->calls;
                if (drain)
                    raw->drain();
                QElapsedTimer busy;
                busy.start();
                while (busy.nsecsElapsed() < 2000000) {
                }
            });
            p->watch->setEnabled(true);
            p->put('x');
        }
        return pipes;
    }

    // Runs the event loop until every pipe has been called and a turn has passed since;
    // returns the most calls one turn made, or -1 if that took over 20 s. A zero-timer fires
    // once per event-loop turn: the calls between two of its ticks are one turn's (two at
    // most, should the loop dispatch the set twice between ticks).
    int mostCallsInATurn(const std::vector<std::unique_ptr<Pipe>> &pipes)
    {
        const auto total = [&pipes] {
            int n = 0;
            for (const auto &p : pipes)
                n += p->calls;
            return n;
        };
        int last = 0, most = 0;
        QTimer tick;
        tick.setInterval(0);
        connect(&tick, &QTimer::timeout, this, [&] {
            most = std::max(most, total() - last);
            last = total();
        });
        tick.start();
        const bool done = QTest::qWaitFor([&] { return last >= int(pipes.size()); }, 20000);
        return done ? most : -1;
    }

    static int enabledReadNotifiers(QProcess *process)
    {
        int n = 0;
        const auto notifiers = process->findChildren<QSocketNotifier *>(Qt::FindDirectChildrenOnly);
        for (QSocketNotifier *notifier : notifiers)
            n += notifier->type() == QSocketNotifier::Read && notifier->isEnabled();
        return n;
    }

private Q_SLOTS:
    void onlyReadyPipesAreCalled()
    {
        auto pipes = makePipes(50);
        for (int i = 0; i < 50; i += 5)
            pipes[size_t(i)]->put('x');
        QTRY_VERIFY([&] {
            for (int i = 0; i < 50; i += 5)
                if (pipes[size_t(i)]->calls == 0)
                    return false;
            return true;
        }());
        // Emptied pipes are not reported again: a pipe written later is called back, and by
        // then any repeat would have come (level-triggered: every turn).
        for (int round = 0; round < 3; ++round) {
            pipes[1]->put('y');
            QTRY_COMPARE(pipes[1]->calls, round + 1);
        }
        for (int i = 0; i < 50; ++i) {
            if (i == 1)
                continue;
            QCOMPARE(pipes[size_t(i)]->calls, i % 5 == 0 ? 1 : 0);
        }
    }

    void unreadDataIsReportedAgain()
    {
        Pipe p;
        int calls = 0;
        p.watch = std::make_unique<PipeWatch>(p.fds[0], [&] {
            ++calls;
            char c;
            QCOMPARE(::read(p.fds[0], &c, 1), ssize_t(1)); // one byte a turn
        });
        p.watch->setEnabled(true);
        for (char c : QByteArrayLiteral("abcde"))
            p.put(c);
        QTRY_COMPARE(calls, 5); // five letters, a turn each
    }

    void aTurnStopsAtItsBudget()
    {
#ifndef Q_OS_LINUX
        QSKIP("one epoll set per thread is Linux only");
#endif
        // Ten ready pipes whose callbacks take 2 ms each: one turn calls no more than its
        // budget allows (3 of them), and every pipe is called in the turns that follow.
        auto pipes = makeSlowPipes(10, true);
        const int mostInATurn = mostCallsInATurn(pipes);
        QVERIFY(mostInATurn >= 0);
        const int perTurn = int((PipeWatch::TurnBudgetNs + 1999999) / 2000000);
        QVERIFY2(mostInATurn <= 2 * perTurn && mostInATurn < 10, qPrintable(QString::number(mostInATurn)));
        for (const auto &p : pipes)
            QCOMPARE(p->calls, 1);
    }

    void otherBudgetedWorkShortensTheTurn()
    {
#ifndef Q_OS_LINUX
        QSKIP("one epoll set per thread is Linux only");
#endif
        // Ten ready pipes with instant callbacks, each of which spends the turn's whole
        // budget elsewhere (as a batch of starts would): one turn calls one of them, and
        // every one is called in the turns that follow. Alone they would all go in one turn.
        auto pipes = makePipes(10);
        for (auto &p : pipes) {
            Pipe *raw = p.get();
            p->watch = std::make_unique<PipeWatch>(raw->fds[0], [raw] {
                ++raw->calls;
                raw->drain();
                TurnBudget::add(TurnBudget::BudgetNs);
            });
            p->watch->setEnabled(true);
            p->put('x');
        }
        const int mostInATurn = mostCallsInATurn(pipes);
        QVERIFY(mostInATurn >= 0);
        QVERIFY2(mostInATurn <= 2, qPrintable(QString::number(mostInATurn)));
        for (const auto &p : pipes)
            QCOMPARE(p->calls, 1);
    }

    void aCutTurnStarvesNobody()
    {
#ifndef Q_OS_LINUX
        QSKIP("one epoll set per thread is Linux only");
#endif
        // Ten pipes that stay ready (their callbacks never read) and take 2 ms a call: every
        // one of them is called, although a turn has room for three.
        auto pipes = makeSlowPipes(10, false);
        QTRY_VERIFY([&pipes] {
            for (const auto &p : pipes)
                if (p->calls == 0)
                    return false;
            return true;
        }());
        for (auto &p : pipes)
            p->watch.reset();
    }

    void callbackMayRemoveAnyWatch()
    {
        auto pipes = makePipes(2);
        int calls = 0;
        for (auto &p : pipes) {
            Pipe *raw = p.get();
            p->watch = std::make_unique<PipeWatch>(raw->fds[0], [&calls, &pipes] {
                ++calls;
                for (auto &q : pipes)
                    q->watch.reset(); // the other one, reported in the same turn, and itself
            });
            p->watch->setEnabled(true);
            p->put('x');
        }
        QTRY_COMPARE(calls, 1);
        // Nothing is left in the set; a new watch works (the set was made anew).
        auto more = makePipes(1);
        more[0]->put('z');
        QTRY_COMPARE(more[0]->calls, 1);
        QCOMPARE(calls, 1);
    }

    void disabledWatchOfEndedPipeStaysQuiet()
    {
        auto pipes = makePipes(2);
        pipes[0]->watch->setEnabled(false);
        pipes[0]->closeWriter(); // an ended writer: reported (EPOLLHUP) whatever is asked
        pipes[1]->put('x');
        QTRY_COMPARE(pipes[1]->calls, 1);
        pipes[1]->put('y');
        QTRY_COMPARE(pipes[1]->calls, 2);
        QCOMPARE(pipes[0]->calls, 0);
        pipes[0]->watch->setEnabled(true);
        QTRY_VERIFY(pipes[0]->calls >= 1); // now it is: the reader sees the end
        pipes[0]->watch.reset();
    }

    void childExitIsSeenThroughTheSet()
    {
        QProcess p;
        p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("read x")});
        QVERIFY(p.waitForStarted(20000));
        const int before = enabledReadNotifiers(&p);
        ChildSetup::adopt(&p);
#ifdef Q_OS_LINUX
        QCOMPARE(enabledReadNotifiers(&p), before - 1); // QProcess's exit watch waits in the set
#else
        QCOMPARE(enabledReadNotifiers(&p), before);
#endif
        QSignalSpy finished(&p, &QProcess::finished);
        p.closeWriteChannel();
        QVERIFY(finished.wait(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1); // read at end of input
    }

    void disownGivesTheWatchBack()
    {
        QProcess p;
        p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("read x; exit 3")});
        QVERIFY(p.waitForStarted(20000));
        const int before = enabledReadNotifiers(&p);
        ChildSetup::adopt(&p);
        ChildSetup::disown(&p);
        QCOMPARE(enabledReadNotifiers(&p), before);
        ChildSetup::disown(&p); // twice changes nothing
        QCOMPARE(enabledReadNotifiers(&p), before);
        QSignalSpy finished(&p, &QProcess::finished);
        p.write("line\n");
        QVERIFY(finished.wait(20000));
        QCOMPARE(p.exitCode(), 3);
    }
};

QTEST_GUILESS_MAIN(TestPipeWatch)
#include "tst_pipewatch.moc"
