#include "TestUtil.h"
#include "WindowTestUtil.h"

#include "FontWarmer.h"
#include "HelpDialogs.h"
#include "NetworkPanel.h"
#include "Theme.h"
#include "Translations.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "OutputView.h"
#include "ResponsivenessMeter.h"
#include "process/ChildProcess.h"
#include "process/OutputPipe.h"
#include "process/ProcessListModel.h"
#include "process/ProcessReaper.h"
#include "process/ProcessSupervisor.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTextBrowser>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeView>
#include <QTemporaryDir>
#include <QFileDialog>
#include <QFile>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace TestUtil;
using namespace WindowTestUtil;

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    // Opens a session (read off the GUI thread) and waits for the outcome.
    static QString openSessionAndWait(MainWindow &w, const QString &path)
    {
        QSignalSpy opened(&w, &MainWindow::sessionOpened);
        w.openSession(path);
        if (!opened.wait(20000))
            return QStringLiteral("sessionOpened() never came");
        return opened.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // English plural forms come from a translation file, as in the program.
        QCOMPARE(installTranslations(qApp, QStringLiteral("en")), QString());
    }

    void openSessionShowsWithoutStarting()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(openSessionAndWait(w, QStringLiteral(RB_TEST_DATA "/session-basic.json")), QString());
        auto *table = child<QTreeView>(&w, "processTable");
        QCOMPARE(table->model()->rowCount(), 2);
        QCOMPARE(cell(table, 0, ProcessListModel::State), QStringLiteral("not started"));
        QCOMPARE(cell(table, 1, ProcessListModel::Command), QStringLiteral("seq 1 3"));
        QCOMPARE(w.supervisor()->activeCount(), 0);
        QVERIFY(!OutputPipe::givesWay()); // its thread paints: no giving way to writers
        QVERIFY(child<QLabel>(&w, "statusLabel")->text().contains(QLatin1String("2 processes, not started")));
        // The faces of Runboard's own lines are loaded before the first run ends.
        QTRY_VERIFY_WITH_TIMEOUT(w.fontWarmer()->isWarm(), 30000);
        QVERIFY(w.fontWarmer()->fonts().contains(w.outputPane()->view()->face(OutputView::Italic)));

        child<QAction>(&w, "actionStartAll")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 1, ProcessListModel::State), QStringLiteral("finished"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, ProcessListModel::State), QStringLiteral("finished"), 20000);

        // Clicking a row shows its output.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(0, 0)).center());
        auto *view = child<OutputView>(w.outputPane(), "outputView");
        QTRY_COMPARE(view->rowText(0), QStringLiteral("hello world"));
        QVERIFY(view->rowText(1).startsWith(QLatin1String("Exited with code 0")));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(1, 0)).center());
        QTRY_COMPARE(view->visibleTexts().mid(0, 3), (QStringList{"1", "2", "3"}));
        QVERIFY(!child<QAction>(&w, "actionStop")->isEnabled());
        QVERIFY(child<QAction>(&w, "actionRemove")->isEnabled());
        child<QAction>(&w, "actionRemove")->trigger();
        QCOMPARE(table->model()->rowCount(), 1);
    }

    void pipelineStagesShownUnderTheirPipeline()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("print-bytes"), QStringLiteral("1000")});
        spec.pipeline.append({helper(), {QStringLiteral("count-stdin")}});
        auto jobs = w.supervisor()->launch(spec);
        auto *tree = child<QTreeView>(&w, "processTable");
        const QModelIndex pipe = tree->model()->index(0, 0);
        QCOMPARE(tree->model()->rowCount(pipe), 2);
        QVERIFY(tree->isExpanded(pipe));
        QTRY_COMPARE_WITH_TIMEOUT(jobs.first()->state(), ProcessJob::State::Finished, 20000);
        // Clicking a stage row selects its pipeline's output.
        const QModelIndex stage = tree->model()->index(1, 0, pipe);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(stage).center());
        QCOMPARE(w.selectedJobs(), jobs);
        QTRY_COMPARE(child<OutputView>(w.outputPane(), "outputView")->rowText(0), QStringLiteral("1000"));
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
        const QString error = openSessionAndWait(w, f.fileName());
        QVERIFY(error.contains(QLatin1String("not valid JSON at line 1")));
        QCOMPARE(child<QLabel>(&w, "statusLabel")->text(), error);
        QCOMPARE(child<QTreeView>(&w, "processTable")->model()->rowCount(), 0);
    }

    // `runboard bad.runboard.json` (a double-click in the file manager) calls previewSession,
    // as File ▸ Open Session does with the file picked: the same message box, the same words.
    void badSessionFileFromCommandLineGivesTheOpenError()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.runboard.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"processes\": [{\"name\": \"x\", \"program\": 7}]}");
        f.close();
        MainWindow w;
        w.show();

        child<QAction>(&w, "actionOpenSession")->trigger();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<QFileDialog *>()) != nullptr);
        Q_EMIT dialog->fileSelected(f.fileName());
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = w.findChild<QMessageBox *>(QStringLiteral("sessionError"))), 20000);
        const QString viaMenu = box->text();
        QVERIFY2(viaMenu.contains(f.fileName()), qPrintable(viaMenu));
        QVERIFY2(viaMenu.contains(QLatin1String("program")), qPrintable(viaMenu));
        box->close();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(!w.findChild<QMessageBox *>(QStringLiteral("sessionError")));

        w.previewSession(f.fileName()); // what app/gui/main.cpp does with its argument
        QTRY_VERIFY_WITH_TIMEOUT((box = w.findChild<QMessageBox *>(QStringLiteral("sessionError"))), 20000);
        QCOMPARE(box->text(), viaMenu);
        QCOMPARE(box->icon(), QMessageBox::Warning);
        QCOMPARE(child<QLabel>(&w, "statusLabel")->text(), viaMenu);
        QCOMPARE(w.supervisor()->jobs().size(), 0);
    }

    void fifoSessionIsRefused()
    {
        // Opening a FIFO blocks until someone writes to it: refused, never opened.
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("session.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        MainWindow w;
        w.show();
        const QString error = openSessionAndWait(w, fifo);
        QVERIFY2(error.contains(QLatin1String("is a FIFO (named pipe), not a regular file")), qPrintable(error));
        QCOMPARE(child<QLabel>(&w, "statusLabel")->text(), error);
        QCOMPARE(w.supervisor()->jobs().size(), 0);
    }

    void sessionPreviewShowsEverythingThatWillRun()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("shared.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"version": 1, "processes": [
            {"name": "innocent", "program": "true", "arguments": [], "workingDirectory": "/tmp",
             "environment": {"set": {"LD_PRELOAD": "/tmp/evil.so", "API_TOKEN": "hunter2"}, "unset": ["HOME"]},
             "stdin": {"text": "yes"}, "timeoutMs": 5000}]})");
        f.close();
        MainWindow w;
        w.show();
        w.previewSession(f.fileName());
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = w.findChild<QMessageBox *>(QStringLiteral("sessionPreview"))), 20000);
        const QString details = box->detailedText();
        for (const char *expected : {"Environment: LD_PRELOAD=/tmp/evil.so", "Environment: unset HOME",
                                     "Working directory: /tmp", "Stdin: the text \"yes\"", "Timeout: 5 s",
                                     "Command: true"})
            QVERIFY2(details.contains(QLatin1String(expected)), expected);
        QVERIFY(!details.contains(QLatin1String("hunter2"))); // masked, but named
        QVERIFY(details.contains(QLatin1String("Environment: API_TOKEN=")));
        QCOMPARE(w.supervisor()->jobs().size(), 0); // nothing added before the user agrees
        box->accept();
        QTRY_COMPARE(w.supervisor()->jobs().size(), 1);
        QCOMPARE(w.supervisor()->jobs().first()->spec().environment.set.size(), 2);
        QCOMPARE(w.supervisor()->activeCount(), 0);
    }

    void backgroundProcessesShownAndStoppable()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec;
        spec.command = {QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("sleep 100 & echo $!")}};
        spec.stdinSource.mode = StdinMode::Null;
        ProcessJob *job = w.supervisor()->launch(spec).first();
        QSignalSpy closed(job, &ProcessJob::outputClosed);
        auto *table = child<QTreeView>(&w, "processTable");
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, ProcessListModel::State),
                                  QStringLiteral("exited 0 \u00b7 1 background process still running"), 20000);
        const qint64 background = job->log()->line(0).text.toLongLong();
        w.selectJob(job);
        QAction *stop = child<QAction>(&w, "actionStop");
        QTRY_VERIFY(stop->isEnabled()); // the run has ended, but what it left can be stopped
        QVERIFY(child<QAction>(&w, "actionStopAll")->isEnabled());
        stop->trigger();
        QVERIFY(closed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(background), 10000);
        QTRY_COMPARE(cell(table, 0, ProcessListModel::State), QStringLiteral("finished"));
        QTRY_VERIFY(!stop->isEnabled());
    }

    void waitingForStdinFifo()
    {
        // A row whose stdin FIFO has no writer yet: starting, stoppable, nothing to pause or signal.
        QTemporaryDir dir;
        const QByteArray fifo = QFile::encodeName(dir.filePath(QStringLiteral("in.fifo")));
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("count-stdin")});
        spec.stdinSource.mode = StdinMode::File;
        spec.stdinSource.filePath = QFile::decodeName(fifo);
        ProcessJob *job = w.supervisor()->launch(spec).first();
        w.selectJob(job);
        QAction *stop = child<QAction>(&w, "actionStop");
        QAction *pause = child<QAction>(&w, "actionPause");
        QTRY_VERIFY(stop->isEnabled());
        QVERIFY(!pause->isEnabled());
        const int writer = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        QVERIFY(writer >= 0);
        QCOMPARE(::write(writer, "abc", 3), ssize_t(3));
        QTRY_VERIFY_WITH_TIMEOUT(pause->isEnabled(), 20000); // running now: a process to pause
        ::close(writer);
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), ProcessJob::State::Finished, 20000);
        QCOMPARE(job->log()->line(1).text, QStringLiteral("3"));
    }

    // --- issue 11: the window as a newcomer meets it ---

    // Keyboard only: Tab walks the main window's controls top to bottom — the tabs, the
    // process filter, the board, the output pane's tools, the output, the stdin line — and
    // reaches every control that takes the focus; the menus and toolbar have shortcuts.
    void mainWindowTabOrderFollowsTheWindow()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.stdinSource.mode = StdinMode::Interactive; // the stdin line is in use
        ProcessJob *job = w.supervisor()->launch(spec).first();
        w.selectJob(job);
        QTRY_VERIFY(job->state() == ProcessJob::State::Running);
        QTRY_VERIFY(child<QLineEdit>(w.outputPane(), "stdinEdit")->isEnabled());
        auto *filter = child<QLineEdit>(&w, "processFilter");
        filter->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), filter);
        QStringList walked{filter->objectName()};
        QSet<QWidget *> reached{filter};
        for (int i = 0; i < 40; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *f = QApplication::focusWidget();
            if (f == filter)
                break; // round trip
            reached.insert(f);
            walked << (f->objectName().isEmpty() ? QString::fromLatin1(f->metaObject()->className())
                                                 : f->objectName());
        }
        // Top to bottom (the tab bar closes the round, before the filter again).
        const QStringList order{"processFilter", "processTable", "outputFilter", "outputView", "stdinEdit",
                                "closeStdinButton", "qt_tabwidget_tabbar"};
        int at = -1;
        for (const QString &name : order) {
            const int i = walked.indexOf(name);
            QVERIFY2(i > at, qPrintable(name + QStringLiteral(" out of order in ") + walked.join(QLatin1Char(' '))));
            at = i;
        }
        // Every visible control that takes the focus by Tab is on the way.
        for (QWidget *wdg : w.findChildren<QWidget *>()) {
            if (wdg->isVisibleTo(&w) && wdg->isEnabled() && (wdg->focusPolicy() & Qt::TabFocus)
                && !wdg->focusProxy() && wdg->window() == &w)
                QVERIFY2(reached.contains(wdg), qPrintable(QStringLiteral("not reached by Tab: ")
                                                           + wdg->metaObject()->className()
                                                           + QLatin1Char(' ') + wdg->objectName()));
        }
        w.supervisor()->killAll();
    }

    void stateWordsTellTheTruth()
    {
        MainWindow w;
        w.show();
        auto *table = child<QTreeView>(&w, "processTable");
        ProcessJob *failing = w.supervisor()->launch(helperSpec({QStringLiteral("exit"), QStringLiteral("1")})).first();
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, ProcessListModel::State), QStringLiteral("failed (exit 1)"), 20000);
        QCOMPARE(failing->stateWord(), QStringLiteral("failed (exit 1)"));
        ProcessJob *sleeper = w.supervisor()->launch(helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")})).first();
        QTRY_COMPARE_WITH_TIMEOUT(sleeper->state(), ProcessJob::State::Running, 20000);
        sleeper->stop(); // ends by our SIGTERM
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 1, ProcessListModel::State), QStringLiteral("stopped"), 20000);
        ProcessJob *signalled = w.supervisor()->launch(helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")})).first();
        QTRY_COMPARE_WITH_TIMEOUT(signalled->state(), ProcessJob::State::Running, 20000);
        signalled->sendSignal(SIGINT); // sent by the user: not a crash
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 2, ProcessListModel::State), QStringLiteral("stopped"), 20000);
        ProcessJob *crash = w.supervisor()->launch(helperSpec({QStringLiteral("crash"), QString::number(SIGSEGV)})).first();
        QTRY_COMPARE_WITH_TIMEOUT(crash->state(), ProcessJob::State::Crashed, 20000);
        QCOMPARE(cell(table, 3, ProcessListModel::State), QStringLiteral("crashed (SIGSEGV)"));
    }

    void startAllStartsOnlyWhatHasNotRun()
    {
        MainWindow w;
        w.show();
        ProcessJob *done = w.supervisor()->launch(helperSpec({QStringLiteral("exit"), QStringLiteral("0")})).first();
        QTRY_COMPARE_WITH_TIMEOUT(done->state(), ProcessJob::State::Finished, 20000);
        ProcessJob *fresh = w.supervisor()->launch(helperSpec({QStringLiteral("exit"), QStringLiteral("0")}), false).first();
        QAction *startAll = child<QAction>(&w, "actionStartAll");
        QTRY_VERIFY(startAll->isEnabled());
        startAll->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(fresh->state(), ProcessJob::State::Finished, 20000);
        QCOMPARE(done->runCount(), 1); // not run again
        QTRY_VERIFY(!startAll->isEnabled());
        QAction *rerun = child<QAction>(&w, "actionRerunFinished");
        QVERIFY(rerun->isEnabled());
        rerun->trigger(); // the explicit way
        QTRY_VERIFY_WITH_TIMEOUT(done->runCount() == 2 && fresh->runCount() == 2 && !done->isActive() && !fresh->isActive(), 20000);
    }

    void rowsWithTheSameNameAreToldApart()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("exit"), QStringLiteral("0")});
        spec.name = QStringLiteral("python3");
        w.supervisor()->launch(spec, false);
        w.supervisor()->launch(spec, false);
        ProcessJob *third = w.supervisor()->launch(spec, false).first();
        auto *table = child<QTreeView>(&w, "processTable");
        QCOMPARE(cell(table, 0, ProcessListModel::Name), QStringLiteral("python3"));
        QCOMPARE(cell(table, 1, ProcessListModel::Name), QStringLiteral("python3 #2"));
        QCOMPARE(cell(table, 2, ProcessListModel::Name), QStringLiteral("python3 #3"));
        QCOMPARE(w.supervisor()->duplicate(third)->name(), QStringLiteral("python3 #4"));
        QTRY_VERIFY(child<QLabel>(&w, "statusLabel")->text().contains(QLatin1String("4 processes")));
    }

    void helpMenu()
    {
        MainWindow w;
        w.show();
        child<QAction>(&w, "actionShortcuts")->trigger();
        auto *shortcuts = w.findChild<ShortcutsDialog *>();
        QVERIFY(shortcuts);
        const int all = shortcuts->visibleRows();
        QVERIFY(all >= 15);
        QTest::keyClicks(child<QLineEdit>(shortcuts, "shortcutFilter"), QStringLiteral("Ctrl+K"));
        QCOMPARE(shortcuts->visibleRows(), 1); // Kill
        shortcuts->close();
        child<QAction>(&w, "actionAbout")->trigger();
        QMessageBox *about = nullptr;
        QTRY_VERIFY((about = w.findChild<QMessageBox *>(QStringLiteral("aboutDialog"))));
        QVERIFY(about->text().contains(QStringLiteral("Runboard " RB_VERSION "<"))); // project()'s
        QVERIFY(about->informativeText().contains(QString::fromLatin1(qVersion())));
        for (const char *licence : {"MIT licence", "GNU Lesser General Public License version 3", "zlib licence"})
            QVERIFY2(about->informativeText().contains(QLatin1String(licence)), licence);
        QVERIFY(!about->iconPixmap().isNull());
        about->close();
        child<QAction>(&w, "actionQuickTour")->trigger();
        QDialog *tour = nullptr;
        QTRY_VERIFY((tour = w.findChild<QDialog *>(QStringLiteral("quickTour"))));
        const QString text = child<QTextBrowser>(tour, "quickTourText")->toPlainText();
        QVERIFY(text.contains(QLatin1String("Processes tab")));
        QVERIFY(text.contains(QLatin1String("How stops and quits work")));
    }

    void networkTabSpeaksOfTheNetwork()
    {
        MainWindow w;
        w.show();
        auto *tabs = child<QTabWidget>(&w, "mainTabs");
        QVERIFY(child<QAction>(&w, "actionStart")->isVisible());
        QVERIFY(!child<QAction>(&w, "actionFetch")->isVisible());
        tabs->setCurrentWidget(w.networkPanel());
        QVERIFY(!child<QAction>(&w, "actionStart")->isVisible());
        QVERIFY(child<QAction>(&w, "actionFetch")->isVisible());
        QCOMPARE(child<QLabel>(&w, "statusLabel")->text(), w.networkPanel()->statusText());
        QVERIFY(!child<QLabel>(&w, "statusLabel")->text().contains(QLatin1String("processes")));
    }

    void longStatusIsElided()
    {
        MainWindow w;
        w.resize(800, 500);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString error = openSessionAndWait(w, QStringLiteral("/nonexistent/") + QString(300, QLatin1Char('x')) + QStringLiteral(".json"));
        auto *status = child<QLabel>(&w, "statusLabel");
        QCOMPARE(status->text(), error); // the whole text is kept ...
        QVERIFY(w.width() <= 800);        // ... but does not widen the window
        status->repaint();
        QCOMPARE(status->toolTip(), error); // and is one hover away
    }

    void darkThemeKeepsColoursReadable()
    {
        MainWindow w;
        w.show();
        child<QAction>(&w, "actionTheme2")->trigger(); // Dark
        QVERIFY(Theme::isDark(QApplication::palette()));
        QTRY_VERIFY(Theme::isDark(w.palette())); // reaches the widgets through an event
        const QColor base = QApplication::palette().color(QPalette::Base);
        // ANSI black on a dark view is lifted; errors are light on dark.
        QVERIFY(Theme::readableOn(QColor(0, 0, 0), base).lightness() > 100);
        QVERIFY(Theme::errorText(QApplication::palette()).lightness() > 128);
        child<QAction>(&w, "actionTheme1")->trigger(); // Light
        QVERIFY(!Theme::isDark(QApplication::palette()));
        QVERIFY(Theme::readableOn(QColor(255, 255, 255), QApplication::palette().color(QPalette::Base)).lightness() < 200);
        child<QAction>(&w, "actionTheme0")->trigger(); // back to the system's
    }

    void timeoutShownAndReached()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.timeoutMs = 1500;
        auto jobs = w.supervisor()->launch(spec);
        w.selectJob(jobs.first());
        auto *table = child<QTreeView>(&w, "processTable");
        QTRY_VERIFY_WITH_TIMEOUT(cell(table, 0, ProcessListModel::Timeout).endsWith(QLatin1String("left")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, ProcessListModel::State), QStringLiteral("timed out"), 20000);
        QVERIFY(child<QLabel>(w.outputPane(), "outputTitle")->text().contains(QLatin1String("timed out")));
    }

    void stopKillAndSignals()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("ignore-term")});
        spec.graceMs = 600000;
        auto jobs = w.supervisor()->launch(spec);
        w.selectJob(jobs.first());
        auto *table = child<QTreeView>(&w, "processTable");
        QTRY_VERIFY_WITH_TIMEOUT(jobs.first()->log()->endLine() >= 1, 20000);
        child<QAction>(&w, "actionStop")->trigger();
        QTRY_COMPARE(cell(table, 0, ProcessListModel::State), QStringLiteral("stopping"));
        QVERIFY(cell(table, 0, ProcessListModel::Timeout).startsWith(QLatin1String("SIGKILL in "))); // the ladder, visible
        child<QAction>(&w, "actionKill")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, ProcessListModel::State), QStringLiteral("killed"), 20000);
        QCOMPARE(cell(table, 0, ProcessListModel::Result), QStringLiteral("SIGKILL"));

        // Pause, resume and a signal from the menu, on a fresh copy (Duplicate).
        child<QAction>(&w, "actionDuplicate")->trigger();
        QTRY_COMPARE(table->model()->rowCount(), 2);
        ProcessJob *copy = w.supervisor()->jobs().at(1);
        w.selectJob(copy);
        QTRY_VERIFY_WITH_TIMEOUT(copy->state() == ProcessJob::State::Running, 20000);
        child<QAction>(&w, "actionPause")->trigger();
        QTRY_VERIFY(copy->isPaused());
        QCOMPARE(child<QAction>(&w, "actionPause")->text(), QStringLiteral("Res&ume"));
        child<QAction>(&w, "actionPause")->trigger();
        QTRY_VERIFY(!copy->isPaused());
        child<QAction>(&w, "actionSignal_SIGUSR1")->trigger();
        // Sent by the user: the child was stopped, it did not crash.
        QTRY_COMPARE_WITH_TIMEOUT(copy->state(), ProcessJob::State::Killed, 20000);
        QCOMPARE(copy->exitSignal(), int(SIGUSR1));
        QCOMPARE(copy->stateWord(), QStringLiteral("stopped"));
    }

    // Stop on a job still waiting for its turn in Start All takes it out of the queue: it
    // never starts, and Start All would start it later. Stop All takes the rest out, and Stop
    // is no longer offered for them.
    void stopTakesAWaitingJobOutOfStartAll()
    {
#ifdef RB_QPROCESS_LAUNCHER
        QSKIP("QProcess launches in the calling thread: Start All's queue cannot be held up");
#endif
        MainWindow w;
        w.show();
        ProcessReaper::launchMutex().lock(); // the launcher thread waits: 16 on their way
        auto letGo = qScopeGuard([] { ProcessReaper::launchMutex().unlock(); });
        LaunchSpec spec = helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")});
        spec.copies = 19;
        const auto jobs = w.supervisor()->launch(spec);
        QVERIFY(QTest::qWaitFor([] { return ChildProcess::launchesInFlight() == 16; }, 30000));
        ProcessJob *waiting = jobs.at(17);
        QVERIFY(w.supervisor()->isStartPending(waiting));
        QVERIFY(w.supervisor()->isStartPending(jobs.at(18)));
        // The board and the output pane's title say it waits for its turn.
        auto *table = child<QTreeView>(&w, "processTable");
        QCOMPARE(cell(table, 17, ProcessListModel::State), QStringLiteral("queued"));
        QCOMPARE(cell(table, 16, ProcessListModel::State), QStringLiteral("starting"));
        w.selectJob(waiting);
        auto *title = child<QLabel>(w.outputPane(), "outputTitle");
        QVERIFY(title->text().endsWith(QStringLiteral("queued")));
        auto *status = child<QLabel>(&w, "statusLabel");
        QTRY_VERIFY(status->text().endsWith(QStringLiteral(", 17 running, 2 queued")));
        auto *stop = child<QAction>(&w, "actionStop");
        QTRY_VERIFY(stop->isEnabled());
        QVERIFY(child<QAction>(&w, "actionKill")->isEnabled());
        auto *toolbar = w.findChild<QToolBar *>();
        QVERIFY(toolbar);
        auto click = [toolbar](const char *action) {
            QWidget *button = toolbar->widgetForAction(child<QAction>(toolbar->window(), action));
            if (button)
                QTest::mouseClick(button, Qt::LeftButton);
            return button != nullptr;
        };
        QVERIFY(click("actionStop"));
        QVERIFY(!w.supervisor()->isStartPending(waiting));
        QVERIFY(!stop->isEnabled()); // nothing left to stop in the selection
        QVERIFY(w.supervisor()->isStartPending(jobs.at(18)));
        QCOMPARE(cell(table, 17, ProcessListModel::State), QStringLiteral("not started"));
        QVERIFY(title->text().endsWith(QStringLiteral("not started")));
        QCOMPARE(cell(table, 18, ProcessListModel::State), QStringLiteral("queued"));
        QTRY_VERIFY(status->text().endsWith(QStringLiteral(", 17 running, 1 queued")));

        w.selectJob(jobs.at(18));
        QTRY_VERIFY(stop->isEnabled());
        QSignalSpy all(w.supervisor(), &ProcessSupervisor::allStopped);
        QVERIFY(click("actionStopAll"));
        QVERIFY(!w.supervisor()->isStartPending(jobs.at(18)));
        QVERIFY(!stop->isEnabled());
        QCOMPARE(cell(table, 18, ProcessListModel::State), QStringLiteral("not started"));
        QTRY_VERIFY(!status->text().contains(QStringLiteral("queued")));
        letGo.dismiss();
        ProcessReaper::launchMutex().unlock(); // the 16 on their way are stopped as they come
        QVERIFY(all.wait(30000));
        QCOMPARE(w.supervisor()->pendingStartCount(), 0);
        QCOMPARE(waiting->state(), ProcessJob::State::NotStarted);
        QCOMPARE(waiting->runCount(), 0);
        QCOMPARE(jobs.at(18)->runCount(), 0);
        QVERIFY(child<QAction>(&w, "actionStartAll")->isEnabled());
    }

    void stdinRoundTrip()
    {
        MainWindow w;
        w.show();
        LaunchSpec spec = helperSpec({QStringLiteral("echo")});
        spec.stdinSource.mode = StdinMode::Interactive;
        auto jobs = w.supervisor()->launch(spec);
        w.selectJob(jobs.first());
        auto *input = child<QLineEdit>(w.outputPane(), "stdinEdit");
        QTRY_VERIFY_WITH_TIMEOUT(input->isEnabled(), 20000);
        QTest::keyClicks(input, QStringLiteral("hello there"));
        QTest::keyClick(input, Qt::Key_Return);
        auto *view = child<OutputView>(w.outputPane(), "outputView");
        // What was typed, echoed in the transcript, then the child's own echo of it; only then
        // the end of its input (else its stdout and stderr race to the view).
        QTRY_COMPARE_WITH_TIMEOUT(view->rowText(0), QStringLiteral("hello there"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(view->rowText(1), QStringLiteral("hello there"), 20000);
        QVERIFY(input->text().isEmpty());
        QTest::mouseClick(child<QPushButton>(w.outputPane(), "closeStdinButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(jobs.first()->state(), ProcessJob::State::Finished, 20000);
        QTRY_COMPARE(view->rowText(2), QStringLiteral("EOF after 12 bytes"));
        QVERIFY(!input->isEnabled());
    }

    void searchFindsAndHighlights()
    {
        MainWindow w;
        w.show();
        auto jobs = w.supervisor()->launch(helperSpec({QStringLiteral("print-lines"), QStringLiteral("5000")}));
        w.selectJob(jobs.first());
        QTRY_COMPARE_WITH_TIMEOUT(jobs.first()->state(), ProcessJob::State::Finished, 20000);
        auto *view = child<OutputView>(w.outputPane(), "outputView");
        QTRY_VERIFY(view->isFollowingTail());
        child<QAction>(&w, "actionFind")->trigger();
        auto *search = child<QLineEdit>(w.outputPane(), "searchEdit");
        QTRY_VERIFY(search->isVisible());
        QTest::keyClicks(search, QStringLiteral("line 1234"));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(view->currentMatchRow(), qint64(1233));
        QVERIFY(!view->isFollowingTail());
        QVERIFY(view->firstVisibleRow() <= 1233 && view->firstVisibleRow() + 60 > 1233);
        QTRY_COMPARE(child<QLabel>(w.outputPane(), "searchStatus")->text(), QStringLiteral("match 1 of 1"));
        // Next wraps to the following match, Shift+Enter goes back.
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(view->currentMatchRow(), qint64(1233)); // the only match ("line 1234" once)
        search->clear();
        QTest::keyClicks(search, QStringLiteral("line 49[0-9]{2}$"));
        child<QCheckBox>(w.outputPane(), "searchRegex")->setChecked(true);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(view->currentMatchRow() >= 4899);
        QTRY_VERIFY(child<QLabel>(w.outputPane(), "searchStatus")->text().contains(
            QRegularExpression(QStringLiteral("^match \\d+ of 100$"))));
        const QString before = child<QLabel>(w.outputPane(), "searchStatus")->text();
        QTest::keyClick(search, Qt::Key_Return); // the next one: its number is one more
        QTRY_VERIFY(child<QLabel>(w.outputPane(), "searchStatus")->text() != before
                    && child<QLabel>(w.outputPane(), "searchStatus")->text().endsWith(QLatin1String(" of 100")));
        // Another child selected: the search status does not speak of the last one.
        auto other = w.supervisor()->launch(helperSpec({QStringLiteral("print-lines"), QStringLiteral("3")}));
        w.selectJob(other.first());
        QTRY_COMPARE(child<QLabel>(w.outputPane(), "searchStatus")->text(), QString());
        w.selectJob(jobs.first());
        QTest::keyClicks(search, QStringLiteral("("));
        QTRY_VERIFY(child<QLabel>(w.outputPane(), "searchStatus")->text().startsWith(QLatin1String("invalid regular expression")));
        // Filter
        auto *filter = child<QLineEdit>(w.outputPane(), "outputFilter");
        QTest::keyClicks(filter, QStringLiteral("line 777"));
        QTRY_COMPARE(view->rowCount(), qint64(1));
        QCOMPARE(view->rowText(0), QStringLiteral("line 777"));
    }

    void saveOutputToFile()
    {
        MainWindow w;
        w.show();
        auto jobs = w.supervisor()->launch(helperSpec({QStringLiteral("print-lines"), QStringLiteral("3")}));
        w.selectJob(jobs.first());
        QTRY_COMPARE_WITH_TIMEOUT(jobs.first()->state(), ProcessJob::State::Finished, 20000);
        QTest::mouseClick(child<QToolButton>(w.outputPane(), "saveButton"), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w.outputPane()->findChild<QFileDialog *>()) != nullptr);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.log"));
        Q_EMIT dialog->fileSelected(path);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(w.outputPane(), "paneMessage")->text().startsWith(QLatin1String("Saved to")), 20000);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("line 1\nline 2\nline 3\nExited with code 0"));
    }

    void processTreeShowsDescendants()
    {
        MainWindow w;
        w.show();
        auto jobs = w.supervisor()->launch(helperSpec({QStringLiteral("spawn-tree"), QStringLiteral("2")}));
        w.selectJob(jobs.first());
        QTRY_VERIFY_WITH_TIMEOUT(allText(*jobs.first(), OutputLog::Stdout).contains("ready"), 20000);
        auto *action = child<QAction>(&w, "actionProcessTree");
        QTRY_VERIFY(action->isEnabled());
        action->trigger();
        auto *tree = w.findChild<QTreeWidget *>(QStringLiteral("processTree"));
        QVERIFY(tree);
        QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() == 1 && tree->topLevelItem(0)->childCount() == 2, 20000);
        QCOMPARE(tree->topLevelItem(0)->text(1), QString::number(jobs.first()->pid()));
        w.supervisor()->killAll();
    }

    void secondPaneSideBySide()
    {
        MainWindow w;
        w.show();
        auto a = w.supervisor()->launch(helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("from A"), QStringLiteral("100000")}));
        auto b = w.supervisor()->launch(helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("from B"), QStringLiteral("100000")}));
        w.selectJob(a.first());
        child<QAction>(&w, "actionSplitOutput")->trigger();
        w.selectJob(b.first());
        QVERIFY(w.secondOutputPane()->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(child<OutputView>(w.secondOutputPane(), "outputView")->rowText(0), QStringLiteral("from A"), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(child<OutputView>(w.outputPane(), "outputView")->rowText(0), QStringLiteral("from B"), 20000);
        w.supervisor()->killAll();
    }

    void meterRunsOnlyWhileBusy()
    {
        MainWindow w;
        w.show();
        QVERIFY(!w.meter()->isActive());
        auto jobs = w.supervisor()->launch(helperSpec({QStringLiteral("sleep"), QStringLiteral("100000")}));
        QTRY_VERIFY(w.meter()->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(w.meter()->text().startsWith(QLatin1String("Window: max gap")), 20000);
        jobs.first()->kill();
        QTRY_VERIFY_WITH_TIMEOUT(!w.meter()->isActive(), 20000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
