#include "DemoGallery.h"
#include "LaunchDialog.h"
#include "MainWindow.h"
#include "Translations.h"
#include "process/ProcessSupervisor.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>
#include <QTranslator>

// Issue 11: the German translation leaves no visible string of the main window and the launch
// form in English; the English plural forms come from runboard_en.qm; --lang is checked.
class TestTranslations : public QObject
{
    Q_OBJECT
private:
    // Every text a user can see (or a screen reader can say) in `root` and below: labels,
    // buttons, actions of menus, tool bars and context menus, tabs, headers, placeholders,
    // combo box items, spin box affixes, titles, tool tips and accessible names.
    static void collect(QWidget *root, QSet<QString> &out)
    {
        auto add = [&out](const QString &s) { out.insert(s.trimmed()); };
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        QSet<QAction *> actions;
        for (QWidget *w : widgets) {
            add(w->windowTitle());
            add(w->toolTip());
            add(w->accessibleName());
            add(w->accessibleDescription());
            if (auto *list = qobject_cast<QListWidget *>(w)) {
                for (int i = 0; i < list->count(); ++i)
                    add(list->item(i)->text());
            }
            for (QAction *a : w->actions())
                actions.insert(a);
            if (auto *l = qobject_cast<QLabel *>(w))
                add(l->text());
            if (auto *b = qobject_cast<QAbstractButton *>(w))
                add(b->text());
            if (auto *e = qobject_cast<QLineEdit *>(w))
                add(e->placeholderText());
            if (auto *e = qobject_cast<QPlainTextEdit *>(w))
                add(e->placeholderText());
            if (auto *g = qobject_cast<QGroupBox *>(w))
                add(g->title());
            if (auto *s = qobject_cast<QSpinBox *>(w)) {
                add(s->prefix());
                add(s->suffix());
                add(s->specialValueText());
            }
            if (auto *c = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < c->count(); ++i)
                    add(c->itemText(i));
            }
            if (auto *t = qobject_cast<QTabBar *>(w)) {
                for (int i = 0; i < t->count(); ++i) {
                    add(t->tabText(i));
                    add(t->tabToolTip(i));
                }
            }
            if (auto *h = qobject_cast<QHeaderView *>(w); h && h->model()) {
                for (int i = 0; i < h->count(); ++i) {
                    add(h->model()->headerData(i, h->orientation(), Qt::DisplayRole).toString());
                    add(h->model()->headerData(i, h->orientation(), Qt::ToolTipRole).toString());
                }
            }
            if (auto *m = qobject_cast<QMenu *>(w))
                add(m->title());
        }
        for (QAction *a : root->findChildren<QAction *>())
            actions.insert(a);
        for (QAction *a : std::as_const(actions)) {
            add(a->text());
            add(a->toolTip());
            add(a->iconText());
        }
    }

    // The main window, then the launch form and the demo gallery opened from it, as a user
    // first sees them.
    static QSet<QString> visibleStrings()
    {
        QSet<QString> strings;
        MainWindow w;
        w.show();
        if (!QTest::qWaitForWindowExposed(&w))
            qFatal("the main window never showed");
        collect(&w, strings);
        QAction *newProcess = w.findChild<QAction *>(QStringLiteral("actionNewProcess"));
        if (!newProcess)
            qFatal("no actionNewProcess");
        newProcess->trigger();
        auto *form = w.findChild<LaunchDialog *>();
        if (!form)
            qFatal("the launch form did not open");
        if (!QTest::qWaitForWindowExposed(form))
            qFatal("the launch form never showed");
        collect(form, strings);
        form->reject();
        // The demo gallery (Help ▸ Demos), with the first demo's texts.
        DemoGallery *demos = w.showDemos();
        if (!demos || !QTest::qWaitForWindowExposed(demos->window()))
            qFatal("the demo gallery never showed");
        collect(demos->window(), strings);
        return strings;
    }

    // Strings that are the same in English and German (compared without the accelerator and a
    // label's colon): technical words, numbers, paths, signal names and the argv notation.
    static bool sameInBothLanguages(QString s)
    {
        s.remove(QRegularExpression(QStringLiteral("&(?!&)")));
        if (s.endsWith(QLatin1Char(':')))
            s.chop(1);
        static const QSet<QString> words = {
            QStringLiteral("PID"),    QStringLiteral("CPU"),   QStringLiteral("Stdout"),
            QStringLiteral("Stderr"), QStringLiteral("OK"),    QStringLiteral("Name"),
            QStringLiteral("Status"), QStringLiteral("Text"),  QStringLiteral("URL"),
            QStringLiteral("Bytes"),  QStringLiteral("#"),     QStringLiteral("\u2026"),
            QStringLiteral("s"),      QStringLiteral("MiB"),   QStringLiteral("Hex"),   QStringLiteral("Runboard"),
            QStringLiteral("optional"), QStringLiteral("Python"), QStringLiteral("Qt/C++")};
        static const QRegularExpression numberPathOrSignal(
            QStringLiteral("^([-+0-9.,:%\\s]*|/.*|SIG[A-Z0-9]+|argv = \\[.*)$"));
        return words.contains(s) || numberPathOrSignal.match(s).hasMatch();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("launch/recent")); // no commands of earlier runs
    }

    void germanLeavesNothingUntranslated()
    {
        QCOMPARE(installTranslations(qApp, QStringLiteral("en")), QString());
        const QSet<QString> english = visibleStrings();
        // The walk sees what it should: one string of each kind.
        for (const char *s : {"&New Process…", "S&top", "&Process", "&Network", "&Program:",
                              "&Launch", "Cancel", "Elapsed", "Start from an empty environment",
                              "e.g. python3 or /usr/bin/openssl"})
            QVERIFY2(english.contains(QString::fromUtf8(s)), s);

        QCOMPARE(installTranslations(qApp, QStringLiteral("de")), QString());
        const QSet<QString> german = visibleStrings();
        for (const char *s : {"&Neuer Prozess…", "S&toppen", "&Prozess", "&Programm:", "&Starten",
                              "Abbrechen", "Laufzeit"})
            QVERIFY2(german.contains(QString::fromUtf8(s)), s);

        QStringList untranslated;
        for (const QString &s : german) {
            if (english.contains(s) && !sameInBothLanguages(s))
                untranslated << s;
        }
        untranslated.sort();
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("left in English: \"")
                            + untranslated.join(QStringLiteral("\", \"")) + QLatin1Char('"')));
    }

    void englishPluralForms()
    {
        QCOMPARE(installTranslations(qApp, QStringLiteral("en")), QString());
        QCOMPARE(MainWindow::tr("%n process(es)", nullptr, 1), QStringLiteral("1 process"));
        QCOMPARE(MainWindow::tr("%n process(es)", nullptr, 2), QStringLiteral("2 processes"));
        QCOMPARE(MainWindow::tr("%n process(es)", nullptr, 0), QStringLiteral("0 processes"));

        // And in the window: the status line counts the board.
        MainWindow w;
        auto *status = w.findChild<QLabel *>(QStringLiteral("statusLabel"));
        QVERIFY(status);
        LaunchSpec spec;
        spec.command.program = QStringLiteral("true");
        w.supervisor()->launch(spec, false);
        QTRY_COMPARE(status->text(), QStringLiteral("1 process, 0 running"));
        w.supervisor()->launch(spec, false);
        QTRY_COMPARE(status->text(), QStringLiteral("2 processes, 0 running"));
    }

    void germanPluralForms()
    {
        QCOMPARE(installTranslations(qApp, QStringLiteral("de")), QString());
        QCOMPARE(MainWindow::tr("%n process(es)", nullptr, 1), QStringLiteral("1 Prozess"));
        QCOMPARE(MainWindow::tr("%n process(es)", nullptr, 3), QStringLiteral("3 Prozesse"));
    }

    void languageChoice_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("installed");
        QTest::addColumn<QString>("problem"); // a part of the message, or empty for none
        QTest::addRow("de") << QStringLiteral("de") << QStringLiteral("de") << QString();
        QTest::addRow("de_AT") << QStringLiteral("de_AT") << QStringLiteral("de") << QString();
        QTest::addRow("de-CH") << QStringLiteral("de-CH") << QStringLiteral("de") << QString();
        QTest::addRow("en") << QStringLiteral("en") << QStringLiteral("en") << QString();
        QTest::addRow("en_GB") << QStringLiteral("en_GB") << QStringLiteral("en") << QString();
        QTest::addRow("fr: not shipped") << QStringLiteral("fr") << QStringLiteral("en")
                                         << QStringLiteral("\"fr\"");
        QTest::addRow("xx: no language") << QStringLiteral("xx") << QStringLiteral("en")
                                         << QStringLiteral("\"xx\"");
        QTest::addRow("nonsense") << QStringLiteral("klingon!") << QStringLiteral("en")
                                  << QStringLiteral("\"klingon!\"");
    }

    void languageChoice()
    {
        QFETCH(QString, requested);
        QFETCH(QString, installed);
        QFETCH(QString, problem);
        const QString message = installTranslations(qApp, requested);
        if (problem.isEmpty())
            QCOMPARE(message, QString());
        else
            QVERIFY2(message.contains(problem) && message.contains(QLatin1String("English")),
                     qPrintable(message));
        QCOMPARE(Translations::current(), installed);
        // One translator of ours per language file, never piled up by repeated calls.
        const int expected = installed == QLatin1String("en") ? 1 : 2; // de: qtbase_de too
        QCOMPARE(qApp->findChildren<QTranslator *>(QStringLiteral("runboardTranslator")).size(),
                 expected);
        // Words follow the choice.
        QCOMPARE(MainWindow::tr("&Quit"),
                 installed == QLatin1String("de") ? QStringLiteral("B&eenden")
                                                  : QStringLiteral("&Quit"));
    }

    void systemLocaleChoosesWhenNothingIsAsked()
    {
        // The test runs under LC_ALL=C.UTF-8: no translated language, so English.
        QCOMPARE(Translations::resolve(QString()),
                 QLocale::system().language() == QLocale::German ? QStringLiteral("de")
                                                                 : QStringLiteral("en"));
        QCOMPARE(installTranslations(qApp, QString()), QString());
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
