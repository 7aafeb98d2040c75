#include "FetchTimeline.h"
#include "NetworkPanel.h"
#include "net/DemoServer.h"
#include "net/FetchEngine.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

class TestNetworkPanel : public QObject
{
    Q_OBJECT
private:
    DemoServer m_demo;
    template<typename T>
    static T *child(QWidget *w, const char *name)
    {
        T *c = w->findChild<T *>(QLatin1String(name));
        if (!c)
            qFatal("no child %s", name);
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QCOMPARE(m_demo.listen(0), QString());
    }

    void optionsRemembered()
    {
        {
            NetworkPanel panel;
            panel.setUrlText(m_demo.baseUrl().toString() + QStringLiteral("/status/200"));
            child<QSpinBox>(&panel, "concurrencySpin")->setValue(33);
            QSignalSpy finished(panel.engine(), &FetchEngine::finished);
            QTest::mouseClick(child<QPushButton>(&panel, "startFetchButton"), Qt::LeftButton);
            QVERIFY(finished.wait(20000));
        }
        NetworkPanel again;
        QCOMPARE(child<QSpinBox>(&again, "concurrencySpin")->value(), 33);
    }

    void invalidLinesFlaggedBeforeAnythingRuns()
    {
        NetworkPanel panel;
        panel.show();
        auto *edit = child<QPlainTextEdit>(&panel, "urlEdit");
        auto *start = child<QPushButton>(&panel, "startFetchButton");
        edit->setFocus();
        QTest::keyClicks(edit, m_demo.baseUrl().toString() + QStringLiteral("/status/200"));
        QTRY_VERIFY(start->isEnabled());
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, QStringLiteral("localhost:3128"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, QStringLiteral("file:///etc/passwd"));
        auto *errors = child<QLabel>(&panel, "urlErrorsLabel");
        QTRY_VERIFY(errors->text().contains(QLatin1String("line 2: \"localhost:3128\" has no scheme")));
        QVERIFY(errors->text().contains(QLatin1String("line 3:")));
        QVERIFY(errors->text().startsWith(QLatin1String("2 of 3 lines")));
        QVERIFY(!start->isEnabled());
        QCOMPARE(edit->extraSelections().size(), 2);
        const qint64 served = m_demo.requestsServed();
        QTest::mouseClick(start, Qt::LeftButton);
        QTest::qWait(50);
        QCOMPARE(m_demo.requestsServed(), served); // nothing ran
    }

    void fetchShowsResults()
    {
        NetworkPanel panel;
        panel.show();
        QStringList urls;
        for (int i = 0; i < 20; ++i)
            urls << m_demo.baseUrl().toString() + QStringLiteral("/delay/%1").arg(50 + i);
        urls << m_demo.baseUrl().toString() + QStringLiteral("/status/404");
        panel.setUrlText(urls.join(QLatin1Char('\n')));
        child<QSpinBox>(&panel, "concurrencySpin")->setValue(5);
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        QTest::mouseClick(child<QPushButton>(&panel, "startFetchButton"), Qt::LeftButton);
        QVERIFY(child<QPushButton>(&panel, "cancelFetchButton")->isEnabled());
        QVERIFY(finished.wait(60000));
        auto *table = child<QTableView>(&panel, "resultsTable");
        QTRY_COMPARE(table->model()->rowCount(), 21);
        const QString summary = child<QLabel>(&panel, "fetchSummaryLabel")->text();
        QVERIFY2(summary.startsWith(QLatin1String("20 succeeded, 1 failed")), qPrintable(summary));
        auto *timeline = child<FetchTimeline>(&panel, "fetchTimeline");
        QCOMPARE(timeline->series().size(), 1);
        QCOMPARE(timeline->series().first().results.size(), 21);
        QVERIFY(child<QPushButton>(&panel, "startFetchButton")->isEnabled());
    }

    void localDemoPresetAndCompare()
    {
        NetworkPanel panel;
        panel.show();
        QSignalSpy ready(&panel, &NetworkPanel::demoServerReady);
        auto *preset = child<QComboBox>(&panel, "presetCombo");
        preset->setCurrentIndex(2);
        Q_EMIT preset->activated(2);
        QVERIFY(ready.wait(20000));
        auto *edit = child<QPlainTextEdit>(&panel, "urlEdit");
        QTRY_COMPARE(edit->toPlainText().count(QLatin1String("/delay/")), 48);
        child<QSpinBox>(&panel, "concurrencySpin")->setValue(16);
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        QTest::mouseClick(child<QPushButton>(&panel, "compareButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        auto *timeline = child<FetchTimeline>(&panel, "fetchTimeline");
        QTRY_COMPARE(timeline->series().size(), 2);
        QCOMPARE(timeline->series().at(0).title, QStringLiteral("sequential"));
        QCOMPARE(timeline->series().at(1).title, QStringLiteral("concurrency 16"));
        QVERIFY(timeline->series().at(0).wallMs > timeline->series().at(1).wallMs);
        const QString summary = child<QLabel>(&panel, "fetchSummaryLabel")->text();
        QVERIFY2(summary.contains(QLatin1String("faster")), qPrintable(summary));
    }

    void cancelStopsTheBatch()
    {
        NetworkPanel panel;
        panel.show();
        panel.setUrlText(QStringList(50, m_demo.baseUrl().toString() + QStringLiteral("/delay/20000")).join(QLatin1Char('\n')));
        child<QSpinBox>(&panel, "concurrencySpin")->setValue(5);
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        QTest::mouseClick(child<QPushButton>(&panel, "startFetchButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_demo.openConnections() >= 5, 20000);
        QTest::mouseClick(child<QPushButton>(&panel, "cancelFetchButton"), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QTRY_VERIFY(child<QLabel>(&panel, "fetchSummaryLabel")->text().startsWith(QLatin1String("0 succeeded, 50 failed")));
    }

    void ninePresetFillsList()
    {
        NetworkPanel panel;
        auto *preset = child<QComboBox>(&panel, "presetCombo");
        Q_EMIT preset->activated(1);
        const QString text = child<QPlainTextEdit>(&panel, "urlEdit")->toPlainText();
        QCOMPARE(text.count(QLatin1String("https://www.")), 9);
        QVERIFY(text.contains(QLatin1String("https://www.lyft.com/")));
        QVERIFY(child<QPushButton>(&panel, "startFetchButton")->isEnabled());
    }
};

QTEST_MAIN(TestNetworkPanel)
#include "tst_networkpanel.moc"
