// SignalWatcher: stop requests from outside, each once. The same signal from the same process
// within RepeatWindowMs is one request (timeout -s INT signals its command, then its group).
#include "system/SignalWatcher.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

class TestSignalWatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void repeatsCountOnce_data()
    {
        QTest::addColumn<int>("secondSignal");
        QTest::addColumn<qint64>("secondSender");
        QTest::addColumn<qint64>("msLater");
        QTest::addColumn<int>("counted");
        QTest::addRow("same signal, same sender, at once") << int(SIGINT) << qint64(500) << qint64(0) << 1;
        QTest::addRow("same signal, same sender, within the window")
            << int(SIGINT) << qint64(500) << qint64(SignalWatcher::RepeatWindowMs - 1) << 1;
        QTest::addRow("same signal, same sender, after the window")
            << int(SIGINT) << qint64(500) << qint64(SignalWatcher::RepeatWindowMs) << 2;
        QTest::addRow("same signal, another sender") << int(SIGINT) << qint64(501) << qint64(0) << 2;
        QTest::addRow("another signal, same sender") << int(SIGTERM) << qint64(500) << qint64(0) << 2;
    }
    void repeatsCountOnce()
    {
        QFETCH(int, secondSignal);
        QFETCH(qint64, secondSender);
        QFETCH(qint64, msLater);
        QFETCH(int, counted);
        SignalWatcher w;
        QSignalSpy spy(&w, &SignalWatcher::interrupted);
        const qint64 t0 = 5'000'000'000;
        w.arrive(SIGINT, 500, t0);
        w.arrive(secondSignal, secondSender, t0 + msLater * 1'000'000);
        QCOMPARE(spy.count(), counted);
        QCOMPARE(spy.first().first().toInt(), int(SIGINT));
        QCOMPARE(w.lastSignal(), counted == 2 ? secondSignal : int(SIGINT));
    }

    void theTerminalAlwaysCounts()
    {
        // Ctrl-C on a terminal comes from the kernel (no sending process): each is a request.
        SignalWatcher w;
        QSignalSpy spy(&w, &SignalWatcher::interrupted);
        w.arrive(SIGINT, 0, 1000);
        w.arrive(SIGINT, 0, 1001);
        QCOMPARE(spy.count(), 2);
    }

    void realSignalsWithTheirSenders()
    {
        SignalWatcher w;
        QSignalSpy spy(&w, &SignalWatcher::interrupted);
        QVERIFY(::kill(::getpid(), SIGHUP) == 0);
        QVERIFY(spy.wait(20000));
        QCOMPARE(spy.count(), 1);
        // The same again from this process: one request. SIGTERM after it marks the end of
        // what the pipe holds (read in order), so the repeat has surely been read by then.
        QVERIFY(::kill(::getpid(), SIGHUP) == 0);
        QVERIFY(::kill(::getpid(), SIGTERM) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 20000);
        QCOMPARE(spy.at(1).first().toInt(), int(SIGTERM));
        // SIGTERM again, from another process: counted.
        const pid_t self = ::getpid();
        const pid_t child = ::fork();
        if (child == 0) {
            ::kill(self, SIGTERM);
            ::_exit(0);
        }
        QVERIFY(child > 0);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 3, 20000);
        QCOMPARE(spy.at(2).first().toInt(), int(SIGTERM));
    }

    void goneWatcherGivesTheSignalsBack()
    {
        {
            SignalWatcher w;
        }
        struct sigaction sa = {};
        for (int s : {SIGINT, SIGTERM, SIGHUP}) {
            QVERIFY(::sigaction(s, nullptr, &sa) == 0);
            QVERIFY(sa.sa_handler == SIG_DFL);
        }
    }
};

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "tst_signalwatcher.moc"
