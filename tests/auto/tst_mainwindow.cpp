#include "TestUtil.h"

#include "MainWindow.h"
#include "process/ProcessListModel.h"
#include "process/ProcessSupervisor.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTemporaryDir>

using namespace TestUtil;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openSessionShowsWithoutStarting()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.openSession(QStringLiteral(RB_TEST_DATA "/session-basic.json")), QString());
        auto *table = w.findChild<QTableView *>(QStringLiteral("processTable"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 2);
        QCOMPARE(table->model()->index(0, ProcessListModel::State).data().toString(), QStringLiteral("not started"));
        QCOMPARE(table->model()->index(1, ProcessListModel::Command).data().toString(), QStringLiteral("seq 1 3"));
        QCOMPARE(w.supervisor()->activeCount(), 0);
        auto *status = w.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY(status->text().contains(QLatin1String("2 processes, not started")));

        auto *startAll = w.findChild<QAction *>(QStringLiteral("actionStartAll"));
        QVERIFY(startAll->isEnabled());
        startAll->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(1, ProcessListModel::State).data().toString(), QStringLiteral("finished"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(0, ProcessListModel::State).data().toString(), QStringLiteral("finished"), 20000);

        // Clicking a row shows its output.
        const QRect cell = table->visualRect(table->model()->index(0, 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        auto *output = w.findChild<QPlainTextEdit *>(QStringLiteral("outputView"));
        QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().startsWith(QLatin1String("hello world")), 10000);
        QVERIFY(output->toPlainText().contains(QLatin1String("Exited with code 0")));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(1, 0)).center());
        QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().startsWith(QLatin1String("1\n2\n3")), 10000);
        QVERIFY(!w.findChild<QAction *>(QStringLiteral("actionStop"))->isEnabled());
        QVERIFY(w.findChild<QAction *>(QStringLiteral("actionRemove"))->isEnabled());
        w.findChild<QAction *>(QStringLiteral("actionRemove"))->trigger();
        QCOMPARE(table->model()->rowCount(), 1);
    }

    void badSessionShowsMessage()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        MainWindow w;
        w.show();
        const QString error = w.openSession(f.fileName());
        QVERIFY(error.contains(QLatin1String("not valid JSON at line 1")));
        QCOMPARE(w.findChild<QLabel *>(QStringLiteral("statusLabel"))->text(), error);
        QCOMPARE(w.findChild<QTableView *>(QStringLiteral("processTable"))->model()->rowCount(), 0);
    }

    void stopFromToolbar()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("alive"), QStringLiteral("100000")});
        w.supervisor()->launch(spec);
        auto *table = w.findChild<QTableView *>(QStringLiteral("processTable"));
        table->selectRow(0);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(0, ProcessListModel::State).data().toString(), QStringLiteral("running"), 20000);
        auto *stop = w.findChild<QAction *>(QStringLiteral("actionStop"));
        QTRY_VERIFY(stop->isEnabled());
        stop->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->index(0, ProcessListModel::State).data().toString(), QStringLiteral("killed"), 20000);
        QCOMPARE(table->model()->index(0, ProcessListModel::Result).data().toString(), QStringLiteral("SIGTERM"));
    }

    void quittingStopsEveryChild()
    {
        auto *w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->setConfirmQuit(false);
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
        QVERIFY(!w->close()); // refused for now: the children are being stopped
        QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 20000); // then it closes by itself
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 10000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
