// InlineFills: on Linux the program answers QThreadPool::contains() itself, so that Qt's raster
// engine never hands a fill to its thread pool and waits for it (a busy machine's pool threads
// wait for a core, and the GUI thread waited for them).
#include "InlineFills.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QScrollBar>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <cstdio>
#include <thread>

class TestInlineFills : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void qtGuiGetsOurAnswer()
    {
#if defined(Q_OS_LINUX)
        QVERIFY(InlineFills::active());
#else
        QVERIFY(!InlineFills::active());
        QSKIP("the answer is given on Linux only");
#endif
    }

    // RUNBOARD_FILL_THREADS=1 gives Qt's own answer: false for a thread not in the pool.
    void switchGivesQtsOwnAnswer_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("not set") << QByteArray() << QByteArrayLiteral("1");
        QTest::newRow("0") << QByteArrayLiteral("0") << QByteArrayLiteral("1");
        QTest::newRow("1") << QByteArrayLiteral("1") << QByteArrayLiteral("0");
    }
    void switchGivesQtsOwnAnswer()
    {
#if !defined(Q_OS_LINUX)
        QSKIP("the answer is given on Linux only");
#endif
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, answer);
        QProcess self;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("RUNBOARD_FILL_THREADS"));
        if (!value.isEmpty())
            env.insert(QStringLiteral("RUNBOARD_FILL_THREADS"), QString::fromLatin1(value));
        self.setProcessEnvironment(env);
        self.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--print-answer")});
        QVERIFY(self.waitForFinished(60000));
        QCOMPARE(self.exitCode(), 0);
        QCOMPARE(self.readAllStandardOutput().trimmed(), answer);
    }

    // Every thread of Qt's global pool is kept busy. Qt 6.4 hands parts of a Fusion scroll
    // bar's 600-line fills, and of a smooth scaling, to that pool and waits for them, so a
    // hand-off could not end until the pool is let go. Here the work ends with the pool still
    // held: it ran in this thread. Without InlineFills both rows fail (tried). The pool is let
    // go by a watchdog after 60 s at the latest, so that a failure ends instead of hanging.
    void parallelWorkStaysInTheCallingThread_data()
    {
        QTest::addColumn<bool>("widget");
        QTest::newRow("an image scaled smoothly") << false;
        QTest::newRow("a tall scroll bar grabbed") << true;
    }
    void parallelWorkStaysInTheCallingThread()
    {
#if !defined(Q_OS_LINUX)
        QSKIP("the answer is given on Linux only");
#endif
        QFETCH(bool, widget);
        QThreadPool *pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        QSemaphore running, gate;
        for (int i = 0; i < threads; ++i) {
            pool->start([&] {
                running.release();
                gate.acquire();
            });
        }
        QVERIFY(running.tryAcquire(threads, 60000)); // every pool thread is held now
        std::atomic<bool> done{false}, byWatchdog{false};
        std::thread watchdog([&] {
            for (int i = 0; i < 600 && !done; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!done) {
                byWatchdog = true;
                gate.release(threads);
            }
        });

        QImage image;
        if (widget) {
            QScrollBar bar(Qt::Vertical);
            bar.setRange(0, 1000);
            bar.resize(16, 600);
            image = bar.grab().toImage();
        } else {
            // Smooth scaling, one of QtGui's other parallel paths: a black top, a white bottom.
            QImage big(800, 800, QImage::Format_ARGB32_Premultiplied);
            big.fill(Qt::white);
            QPainter(&big).fillRect(0, 0, 800, 400, Qt::black);
            image = big.scaled(200, 200, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        }
        done = true;
        watchdog.join();
        const bool heldThroughout = !byWatchdog;
        if (heldThroughout)
            gate.release(threads);
        QVERIFY(pool->waitForDone(60000));
        QVERIFY2(heldThroughout, "the fill waited for Qt's thread pool");
        // And the fill itself was done.
        QVERIFY(!image.isNull());
        if (!widget) {
            QCOMPARE(image.size(), QSize(200, 200));
            QCOMPARE(qGray(image.pixel(100, 10)), 0);
            QCOMPARE(qGray(image.pixel(100, 190)), 255);
        }
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc == 2 && qstrcmp(argv[1], "--print-answer") == 0) {
        // For switchGivesQtsOwnAnswer: what QtGui hears for this (the main) thread.
        std::printf("%d\n", int(QThreadPool::globalInstance()->contains(QThread::currentThread())));
        return 0;
    }
    TestInlineFills test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_inlinefills.moc"
