// What a screen reader gets from the window: every control that can be used (buttons, fields,
// lists, tabs, toolbar buttons) has an accessible name and a description that says more than
// the name, in the main window (both tabs, with a process selected), the launch form, the
// shortcuts dialog and the demo gallery. The names are read through QAccessible, as an
// assistive technology reads them, not from the widget properties.
#include "TestUtil.h"

#include "DemoGallery.h"
#include "HelpDialogs.h"
#include "LaunchDialog.h"
#include "MainWindow.h"
#include "Translations.h"
#include "process/ProcessSupervisor.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabBar>
#include <QTextEdit>
#include <QTreeView>

using namespace TestUtil;

namespace {
bool isControl(const QWidget *w)
{
    if (qobject_cast<const QScrollBar *>(w) || qobject_cast<const QHeaderView *>(w))
        return false; // Qt's own, announced through their view
    const QWidget *parent = w->parentWidget();
    if (qobject_cast<const QLineEdit *>(w)
        && (qobject_cast<const QComboBox *>(parent) || qobject_cast<const QAbstractSpinBox *>(parent)))
        return false; // the editor inside a combo or spin box: the box is the control
    if (qobject_cast<const QTabBar *>(parent))
        return false; // a tab's close or scroll button: the tab bar is checked tab by tab
    if (w->inherits("QTableCornerButton"))
        return false; // the corner of a table (select all): a part of the table
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w)
           || qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
           || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QAbstractSlider *>(w)
           || qobject_cast<const QPlainTextEdit *>(w) || qobject_cast<const QTextEdit *>(w)
           || (w->focusPolicy() & Qt::TabFocus);
}

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 \"%2\"").arg(QLatin1String(w->metaObject()->className()),
                                          w->objectName());
}

// Every visible control under root without a name, or whose description is missing or only
// repeats the name.
QStringList silentControls(QWidget *root)
{
    QStringList bad;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : std::as_const(widgets)) {
        if (!w->isVisibleTo(root))
            continue;
        if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabText(i).isEmpty() || tabs->tabToolTip(i).isEmpty())
                    bad << QStringLiteral("tab %1 of %2 (text \"%3\", tool tip \"%4\")")
                               .arg(i).arg(describe(w), tabs->tabText(i), tabs->tabToolTip(i));
            }
            continue;
        }
        if (!isControl(w))
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        const QString name = a ? a->text(QAccessible::Name).trimmed() : QString();
        const QString description = a ? a->text(QAccessible::Description).trimmed() : QString();
        const QString bare = QString(name).remove(QLatin1Char('&'));
        if (name.isEmpty() || description.isEmpty()
            || description.compare(bare, Qt::CaseInsensitive) == 0)
            bad << QStringLiteral("%1 (name \"%2\", description \"%3\")")
                       .arg(describe(w), name, description);
    }
    return bad;
}
} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCOMPARE(installTranslations(qApp, QStringLiteral("en")), QString());
    }

    void mainWindowProcessesTab()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ProcessJob *job = w.supervisor()->launch(helperSpec({QStringLiteral("print-lines"), QStringLiteral("3")})).first();
        w.selectJob(job);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 20000);
        const QStringList bad = silentControls(&w);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void mainWindowNetworkTab()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showNetworkPanel();
        const QStringList bad = silentControls(&w);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void mainWindowSmall()
    {
        // At 800×500 the toolbar overflows: its extension button is a control too.
        MainWindow w;
        w.resize(800, 500);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QStringList bad = silentControls(&w);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void launchForm()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.findChild<QAction *>(QStringLiteral("actionNewProcess"))->trigger();
        LaunchDialog *d = nullptr;
        for (LaunchDialog *candidate : w.findChildren<LaunchDialog *>()) {
            if (candidate->isVisible())
                d = candidate;
        }
        QVERIFY(d);
        const QStringList bad = silentControls(d);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
        d->reject();
    }

    void shortcutsDialog()
    {
        MainWindow w;
        ShortcutsDialog d(w.findChildren<QAction *>(), &w);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        const QStringList bad = silentControls(&d);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    void demoGallery()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        DemoGallery *g = w.showDemos();
        QVERIFY(g);
        QTRY_VERIFY(g->isVisible());
        const QStringList bad = silentControls(g->window());
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
    }

    // The check itself must be able to fail: a bare button is caught.
    void checkCatchesSilentControls()
    {
        QWidget root;
        auto *named = new QPushButton(QStringLiteral("Go"), &root);
        named->setToolTip(QStringLiteral("Starts it"));
        auto *bare = new QPushButton(QStringLiteral("Stop"), &root);
        bare->setObjectName(QStringLiteral("bare"));
        auto *repeats = new QLineEdit(&root);
        repeats->setObjectName(QStringLiteral("repeats"));
        repeats->setAccessibleName(QStringLiteral("Name"));
        repeats->setAccessibleDescription(QStringLiteral("name"));
        const QStringList bad = silentControls(&root);
        QCOMPARE(bad.size(), 2);
        QVERIFY(bad.at(0).contains(QLatin1String("bare")) || bad.at(1).contains(QLatin1String("bare")));
        QVERIFY(bad.join(QString()).contains(QLatin1String("repeats")));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
