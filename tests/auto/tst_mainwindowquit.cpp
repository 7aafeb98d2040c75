// Quitting the window with children running: Quit asks, stops every child through its ladder
// and closes once they are done; a second Quit offers Kill Now; a request from outside
// (SIGTERM, SIGINT, SIGHUP: MainWindow::quitFromOutside) does the same without asking.
#include "TestUtil.h"
#include "WindowTestUtil.h"

#include "MainWindow.h"
#include "Translations.h"
#include "process/ProcessSupervisor.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace TestUtil;
using namespace WindowTestUtil;

class TestMainWindowQuit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // English plural forms come from a translation file, as in the program.
        QCOMPARE(installTranslations(qApp, QStringLiteral("en")), QString());
    }

    void quittingStopsEveryChild()
    {
        auto *w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        LaunchSpec spec = helperSpec({QStringLiteral("spawn-tree"), QStringLiteral("2")});
        spec.copies = 2;
        const auto jobs = w->supervisor()->launch(spec);
        QList<qint64> pids;
        for (ProcessJob *j : jobs) {
            QTRY_VERIFY_WITH_TIMEOUT(allText(*j, OutputLog::Stdout).contains("ready"), 20000);
            pids << j->pid();
            for (const QByteArray &l : allText(*j, OutputLog::Stdout).split('\n'))
                if (l.startsWith("child "))
                    pids << l.mid(6).toLongLong();
        }
        QCOMPARE(pids.size(), 6);
        QPointer<MainWindow> guard(w);
        QVERIFY(!w->close()); // asks first
        auto *question = w->findChild<QMessageBox *>(QStringLiteral("quitQuestion"));
        QVERIFY(question);
        QTRY_VERIFY(question->isVisible());
        QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 20000); // closes once every child is stopped
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    void secondQuitOffersKillNow()
    {
        auto *w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
        spec.graceMs = 600000; // ten minutes: Quit must not wait for it
        ProcessJob *job = w->supervisor()->launch(spec).first();
        QTRY_VERIFY_WITH_TIMEOUT(allText(*job, OutputLog::Stdout).contains("ready"), 20000);
        const qint64 pid = job->pid();
        QPointer<MainWindow> guard(w);
        w->setConfirmQuit(false);
        QVERIFY(!w->close()); // stopping: SIGTERM is ignored
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), ProcessJob::State::Stopping, 20000);
        QVERIFY(!w->close()); // the second Quit asks
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = w->findChild<QMessageBox *>(QStringLiteral("killNowQuestion"))));
        QTest::mouseClick(child<QPushButton>(box, "killNowButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }

    // SIGTERM, SIGINT or SIGHUP to Runboard (app/gui/main.cpp connects its SignalWatcher
    // here): the open quit question is answered, each child gets its SIGTERM and its grace
    // period, and the window closes once they are done.
    void quitFromOutsideStopsWithoutAsking()
    {
        QTemporaryDir dir;
        const QString mark = dir.filePath(QStringLiteral("cleaned"));
        auto *w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"),
            QStringLiteral("trap 'echo cleaned > \"%1\"; exit 0' TERM; echo ready; sleep 100 & wait").arg(mark)}};
        spec.stdinSource.mode = StdinMode::Null;
        spec.graceMs = 600000; // the SIGTERM's grace, never a SIGKILL here
        ProcessJob *job = w->supervisor()->launch(spec).first();
        QTRY_VERIFY_WITH_TIMEOUT(allText(*job, OutputLog::Stdout).contains("ready"), 20000);
        QPointer<MainWindow> guard(w);
        QVERIFY(!w->close()); // Quit asks first...
        QPointer<QMessageBox> question = w->findChild<QMessageBox *>(QStringLiteral("quitQuestion"));
        QVERIFY(question);
        w->quitFromOutside(); // ...and a SIGTERM meanwhile does not wait for an answer
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 20000);
        QVERIFY(question.isNull() || !question->isVisible());
        QFile f(mark);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("cleaned\n"));
    }

    void secondQuitFromOutsideKills()
    {
        auto *w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
        spec.graceMs = 600000;
        ProcessJob *job = w->supervisor()->launch(spec).first();
        QTRY_VERIFY_WITH_TIMEOUT(allText(*job, OutputLog::Stdout).contains("ready"), 20000);
        const qint64 pid = job->pid();
        QPointer<MainWindow> guard(w);
        w->quitFromOutside();
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), ProcessJob::State::Stopping, 20000);
        QVERIFY(!guard.isNull()); // it ignores SIGTERM: the window waits for its grace period
        w->quitFromOutside();    // a second request: Kill Now
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }
};

QTEST_MAIN(TestMainWindowQuit)
#include "tst_mainwindowquit.moc"
