#include "TestUtil.h"
#include "WindowTestUtil.h"

#include "LaunchDialog.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "OutputView.h"
#include "process/ProcessListModel.h"
#include "process/ProcessSupervisor.h"

#include <QAbstractItemView>
#include <QAction>
#include <QClipboard>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeView>
#include <QWindow>

using namespace TestUtil;
using namespace WindowTestUtil;

// LaunchDialog, the New Process form, as a user reaches it from the main window: typed into
// with the keyboard, clicked through, fed bad input, and what it keeps of what was typed.
class TestLaunchDialog : public QObject
{
    Q_OBJECT
private:
    static LaunchDialog *openLaunchDialog(MainWindow &w)
    {
        // A form closed before is deleted later: take the one just opened.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        child<QAction>(&w, "actionNewProcess")->trigger();
        LaunchDialog *d = nullptr;
        for (LaunchDialog *candidate : w.findChildren<LaunchDialog *>()) {
            if (candidate->isVisible())
                d = candidate;
        }
        if (d) {
            // Focus moves (and editingFinished comes) only in the active window.
            d->activateWindow();
            if (!QTest::qWaitForWindowActive(d))
                qWarning("the launch form did not become the active window");
        }
        return d;
    }

    // Program `true` and one empty environment row: the table, to fill in.
    static QTableWidget *trueWithOneEnvRow(LaunchDialog *d)
    {
        QTest::keyClicks(child<QLineEdit>(d, "programEdit"), QStringLiteral("true"));
        child<QPushButton>(d, "addEnvButton")->click();
        return child<QTableWidget>(d, "envTable");
    }
    // A value typed into row 0 as the form keeps a secret's (the value role holds the text).
    static void setEnvValue(QTableWidget *table, const QString &value)
    {
        table->item(0, 1)->setData(Qt::UserRole + 1, value);
        table->item(0, 1)->setText(value);
    }

    QTemporaryDir m_binDir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void recentCommandsNeverStoreSecrets()
    {
        QSettings().remove(QStringLiteral("launch/recent"));
        {
            MainWindow w;
            w.show();
            LaunchDialog *d = openLaunchDialog(w);
            QTableWidget *table = trueWithOneEnvRow(d);
            table->item(0, 0)->setText(QStringLiteral("API_TOKEN"));
            setEnvValue(table, QStringLiteral("hunter2"));
            QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
            QTRY_COMPARE(w.supervisor()->jobs().size(), 1);
        }
        const QString stored = QSettings().value(QStringLiteral("launch/recent")).toStringList().join(QLatin1Char('\n'));
        QVERIFY(stored.contains(QLatin1String("API_TOKEN")));
        QVERIFY2(!stored.contains(QLatin1String("hunter2")), qPrintable(stored));
        // Filled from the recent list, the secret is asked for again.
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        auto *recent = child<QComboBox>(d, "recentCombo");
        QVERIFY(recent->count() >= 2);
        recent->setCurrentIndex(1);
        Q_EMIT recent->activated(1);
        auto *table = child<QTableWidget>(d, "envTable");
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("API_TOKEN"));
        LaunchSpec spec;
        QVERIFY(!d->buildSpec(&spec));
        QVERIFY(child<QLabel>(d, "formErrors")->text().contains(QLatin1String("type its value again")));
        table->item(0, 1)->setData(Qt::UserRole + 1, QStringLiteral("hunter3"));
        QVERIFY(d->buildSpec(&spec));
        QCOMPARE(spec.environment.set.first().second, QStringLiteral("hunter3"));
    }

    void launchFormFollowsTheKeyboard()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(d, "programEdit")); // focus starts in Program
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("true"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // Enter launches
        // (it once added an environment row: "Add variable" had become the default button)
        QCOMPARE(child<QTableWidget>(d, "envTable")->rowCount(), 0);
        QTRY_COMPARE(w.supervisor()->jobs().size(), 1);
        QTRY_VERIFY(!d->isVisible());
        LaunchDialog *again = openLaunchDialog(w);
        QTest::keyClick(again, Qt::Key_Escape); // Escape cancels
        QTRY_VERIFY(!again->isVisible());
        QCOMPARE(w.supervisor()->jobs().size(), 1);
    }

    // The completion list of Program, driven through the window system (QWindow events), so
    // that Qt's popup routing runs as it does for a real mouse: a click into Arguments while
    // the list is open lands there once, and the pointer passing over the list picks nothing.
    void launchFormCompletionLetsClicksThrough()
    {
        const QString dir = m_binDir.path();
        for (const char *name : {"rbtool", "rbtool-extra", "rbtool-more"}) {
            QFile f(dir + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\n");
            f.close();
            QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", QFile::encodeName(dir));
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        qputenv("PATH", oldPath);
        auto *program = child<QLineEdit>(d, "programEdit");
        auto *arguments = child<QLineEdit>(d, "argumentsEdit");
        QTRY_VERIFY(program->completer() && program->completer()->model()->rowCount() == 3);
        QTRY_COMPARE(QApplication::focusWidget(), program);
        QTest::keyClicks(program, QStringLiteral("rbtool"));
        QAbstractItemView *popup = program->completer()->popup();
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(popup->model()->rowCount(), 3);

        // The pointer passes over the second entry: nothing is chosen.
        QWindow *popupWindow = popup->window()->windowHandle();
        QVERIFY(popupWindow);
        const QPoint second = popup->visualRect(popup->model()->index(1, 0)).center();
        QTest::mouseMove(popupWindow, popup->viewport()->mapTo(popup->window(), second));
        QCoreApplication::processEvents();
        QVERIFY(!popup->selectionModel()->hasSelection());
        QCOMPARE(program->text(), QStringLiteral("rbtool"));

        // A click into another field (outside the list, which may cover the field right below
        // Program) closes the list and puts the focus there: typing goes on in that field.
        auto *name = child<QLineEdit>(d, "nameEdit");
        const QRect list(popup->window()->mapToGlobal(QPoint(0, 0)), popup->window()->size());
        const QPoint inName = name->mapToGlobal(name->rect().center());
        QVERIFY(!list.contains(inName));
        QTest::mouseClick(d->windowHandle(), Qt::LeftButton, {}, d->mapFromGlobal(inName));
        QTRY_VERIFY(!popup->isVisible());
        QTRY_COMPARE(QApplication::focusWidget(), name);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("10"));
        QCOMPARE(program->text(), QStringLiteral("rbtool"));
        QCOMPARE(name->text(), QStringLiteral("10"));
        QCOMPARE(arguments->text(), QString());
        d->reject();
    }

    void launchFormTabOrderFollowsTheForm()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        child<QComboBox>(d, "stdinModeCombo")->setCurrentIndex(2); // the value field in use
        QTRY_COMPARE(QApplication::focusWidget(), child<QWidget>(d, "programEdit"));
        QStringList walked;
        for (int i = 0; i < 16; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            walked << QApplication::focusWidget()->objectName();
        }
        const QStringList expected{"browseProgramButton", "argumentsEdit", "cwdEdit", "browseDirectoryButton",
                                   "envModeCombo", "addEnvButton", "envTable", "stdinModeCombo", "stdinValueEdit",
                                   "timeoutEdit", "graceEdit", "copiesSpin", "launchButton"};
        QCOMPARE(walked.mid(0, expected.size()), expected);
        // Every control reached has a name a screen reader can say.
        for (QWidget *wdg : d->findChildren<QWidget *>()) {
            // (Qt's own inner parts, such as a spin box's line edit, speak through their owner.)
            if (wdg->isVisible() && (wdg->focusPolicy() & Qt::TabFocus) && qobject_cast<QLineEdit *>(wdg)
                && !wdg->objectName().startsWith(QLatin1String("qt_")))
                QVERIFY2(!wdg->accessibleName().isEmpty(), qPrintable(wdg->objectName()));
        }
    }

    void wholeCommandTypedIntoProgramIsSplit()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        auto *program = child<QLineEdit>(d, "programEdit");
        QTest::keyClicks(program, QStringLiteral("ls -la /tmp | wc -l"));
        const QString preview = child<QLabel>(d, "argvPreview")->text();
        QVERIFY2(preview.contains(QLatin1String("argv = [\"ls\", \"-la\", \"/tmp\"]")), qPrintable(preview));
        QVERIFY2(preview.contains(QLatin1String("argv = [\"wc\", \"-l\"]")), qPrintable(preview));
        QTest::keyClick(program, Qt::Key_Tab); // leaving the field splits it for all to see
        QCOMPARE(program->text(), QStringLiteral("ls"));
        QCOMPARE(child<QLineEdit>(d, "argumentsEdit")->text(), QStringLiteral("-la /tmp | wc -l"));
        LaunchSpec spec;
        QVERIFY(d->buildSpec(&spec));
        QCOMPARE(spec.command.arguments, (QStringList{"-la", "/tmp"}));
        QCOMPARE(spec.pipeline.size(), 1);
        QCOMPARE(spec.pipeline.first().program, QStringLiteral("wc"));
    }

    void inlineErrorGoesWhenItsFieldIsEdited()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        auto *program = child<QLineEdit>(d, "programEdit");
        QTest::keyClicks(program, QStringLiteral("no-such-program-rb"));
        QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
        auto *errors = child<QLabel>(d, "formErrors");
        QVERIFY(errors->text().contains(QLatin1String("no-such-program-rb")));
        QVERIFY(!program->styleSheet().isEmpty());
        QTest::keyClick(program, Qt::Key_Backspace);
        QCOMPARE(errors->text(), QString());
        QCOMPARE(program->styleSheet(), QString());
    }

    void launchThroughTheForm()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        QVERIFY(d);
        QTest::keyClicks(child<QLineEdit>(d, "nameEdit"), QStringLiteral("greeter"));
        QTest::keyClicks(child<QLineEdit>(d, "programEdit"), helper());
        QTest::keyClicks(child<QLineEdit>(d, "argumentsEdit"), QStringLiteral("print-lines 3"));
        QVERIFY(child<QLabel>(d, "argvPreview")->text().contains(QLatin1String("\"print-lines\", \"3\"]")));
        QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
        auto *table = child<QTreeView>(&w, "processTable");
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(cell(table, 0, ProcessListModel::Name), QStringLiteral("greeter"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(table, 0, ProcessListModel::State), QStringLiteral("finished"), 20000);
        auto *view = child<OutputView>(w.outputPane(), "outputView");
        QTRY_COMPARE(view->rowText(2), QStringLiteral("line 3"));
    }

    void formRejectsBadInput_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("cwd");
        QTest::addColumn<QString>("timeout");
        QTest::addColumn<QString>("message");
        QTest::addRow("missing program") << "no-such-program-rb" << "" << "" << "" << "Program: program \"no-such-program-rb\" not found in PATH";
        QTest::addRow("missing cwd") << "true" << "" << "/nonexistent/rb" << "" << "Working directory: working directory \"/nonexistent/rb\" does not exist";
        QTest::addRow("unbalanced quote") << "echo" << "'abc" << "" << "" << "Arguments: unbalanced single quote (opened at column 1)";
        QTest::addRow("timeout word") << "true" << "" << "" << "soon" << "Timeout: \"soon\" is not a number of seconds";
        QTest::addRow("timeout negative") << "true" << "" << "" << "-4" << "Timeout: -4 is negative";
    }

    void formRejectsBadInput()
    {
        QFETCH(QString, program);
        QFETCH(QString, arguments);
        QFETCH(QString, cwd);
        QFETCH(QString, timeout);
        QFETCH(QString, message);
        MainWindow w;
        w.show();
        w.supervisor()->launch(helperSpec({QStringLiteral("print-then-sleep"), QStringLiteral("bystander"), QStringLiteral("100000")}));
        LaunchDialog *d = openLaunchDialog(w);
        QTest::keyClicks(child<QLineEdit>(d, "programEdit"), program);
        QTest::keyClicks(child<QLineEdit>(d, "argumentsEdit"), arguments);
        QTest::keyClicks(child<QLineEdit>(d, "cwdEdit"), cwd);
        QTest::keyClicks(child<QLineEdit>(d, "timeoutEdit"), timeout);
        QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
        QVERIFY2(child<QLabel>(d, "formErrors")->text().contains(message), qPrintable(child<QLabel>(d, "formErrors")->text()));
        QVERIFY(d->isVisible()); // nothing launched, the form stays
        QCOMPARE(w.supervisor()->jobs().size(), 1); // the board is undisturbed
        QTRY_VERIFY_WITH_TIMEOUT(w.supervisor()->jobs().first()->state() == ProcessJob::State::Running, 20000);
        w.supervisor()->killAll();
    }

    void pastedNameWithAControlCharacterIsRefused()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        auto *name = child<QLineEdit>(d, "nameEdit");
        name->setFocus();
        QGuiApplication::clipboard()->setText(QStringLiteral("web\x1b[2J"));
        QTest::keySequence(name, QKeySequence::Paste);
        QCOMPARE(name->text(), QStringLiteral("web\x1b[2J"));
        QTest::keyClicks(child<QLineEdit>(d, "programEdit"), QStringLiteral("true"));
        QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
        const QString errors = child<QLabel>(d, "formErrors")->text();
        QVERIFY2(errors.contains(QLatin1String("Name: name \"web\\e[2J\" has a control character in it (U+001B, character 4)")),
                 qPrintable(errors));
        QVERIFY(d->isVisible());
        QCOMPARE(w.supervisor()->jobs().size(), 0);
        // Edited away, the form launches.
        name->clear();
        QTest::keyClicks(name, QStringLiteral("web"));
        QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
        QTRY_COMPARE(w.supervisor()->jobs().size(), 1);
        QCOMPARE(w.supervisor()->jobs().first()->name(), QStringLiteral("web"));
        w.supervisor()->killAll();
    }

    void recentCommandThatNoLongerLoadsIsLeftOut()
    {
        // An older Runboard took a name with a line break; this one's recent list leaves that
        // entry out rather than show an empty line that fills nothing.
        QSettings().setValue(QStringLiteral("launch/recent"), QStringList{
            QStringLiteral(R"({"version":1,"processes":[{"name":"a\nb","program":"true"}]})"),
            QStringLiteral(R"({"version":1,"processes":[{"program":"echo","arguments":["kept"]}]})")});
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        auto *recent = child<QComboBox>(d, "recentCombo");
        QCOMPARE(recent->count(), 2); // the placeholder and the one that loads
        QCOMPARE(recent->itemText(1), QStringLiteral("echo kept"));
        QVERIFY(recent->isEnabled());
        d->close();
        QSettings().setValue(QStringLiteral("launch/recent"),
                             QStringList{QStringLiteral(R"({"version":1,"processes":[{"name":"a\tb","program":"true"}]})")});
        d = openLaunchDialog(w);
        QVERIFY(d);
        QCOMPARE(child<QComboBox>(d, "recentCombo")->count(), 1);
        QVERIFY(!child<QComboBox>(d, "recentCombo")->isEnabled()); // nothing to choose
        QSettings().remove(QStringLiteral("launch/recent"));
    }

    void environmentRowWithoutName()
    {
        MainWindow w;
        w.show();
        LaunchDialog *d = openLaunchDialog(w);
        QTableWidget *table = trueWithOneEnvRow(d);
        table->item(0, 0)->setText(QStringLiteral("A=B"));
        QTest::mouseClick(child<QPushButton>(d, "launchButton"), Qt::LeftButton);
        QVERIFY(child<QLabel>(d, "formErrors")->text().contains(QLatin1String("Environment row 1:")));
        table->item(0, 0)->setText(QStringLiteral("API_TOKEN"));
        setEnvValue(table, QStringLiteral("s3cret"));
        LaunchSpec spec;
        QVERIFY(d->buildSpec(&spec));
        QCOMPARE(spec.environment.set.first().second, QStringLiteral("s3cret"));
    }
};

QTEST_MAIN(TestLaunchDialog)
#include "tst_launchdialog.moc"
