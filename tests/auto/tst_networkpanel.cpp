#include "BadServer.h"
#include "FetchTimeline.h"
#include "TlsServer.h"
#include "WindowTestUtil.h"
#include "NetworkPanel.h"
#include "net/DemoServer.h"
#include "net/FetchEngine.h"
#include "net/FetchResultsModel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QSettings>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

#include <sys/stat.h>

using WindowTestUtil::child;

class TestNetworkPanel : public QObject
{
    Q_OBJECT
private:
    DemoServer m_demo;

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
        // Clicking a disabled button proves nothing: call the slot the button and the
        // keyboard reach, and check that the engine was never asked to start (start() emits
        // started at once, so no waiting is needed to know).
        QSignalSpy started(panel.engine(), &FetchEngine::started);
        const qint64 served = m_demo.requestsServed();
        panel.startFetch();
        panel.compare();
        QCOMPARE(started.count(), 0);
        QVERIFY(!panel.engine()->isRunning());
        QCOMPARE(m_demo.requestsServed(), served);
        // Once the bad lines are gone the same call does start a batch.
        edit->setPlainText(m_demo.baseUrl().toString() + QStringLiteral("/status/200"));
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        panel.startFetch();
        QCOMPARE(started.count(), 1);
        QVERIFY(finished.wait(20000));
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

    void urlFileMustBeARegularFile()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("urls.txt"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        NetworkPanel panel;
        QSignalSpy loaded(&panel, &NetworkPanel::urlFileLoaded);
        panel.loadUrlFile(fifo); // would block forever on open
        QVERIFY(loaded.wait(20000));
        QVERIFY2(loaded.first().first().toString().contains(QLatin1String("is a FIFO (named pipe), not a regular file")),
                 qPrintable(loaded.first().first().toString()));
        const QString plain = dir.filePath(QStringLiteral("plain.txt"));
        QFile f(plain);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("http://127.0.0.1:1/a\n");
        f.close();
        panel.loadUrlFile(plain);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.last().first().toString(), QString());
        QVERIFY(child<QPlainTextEdit>(&panel, "urlEdit")->toPlainText().contains(QLatin1String("http://127.0.0.1:1/a")));
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
        // Cancelled is not failed, and the bar does not claim the batch was done.
        QTRY_VERIFY(child<QLabel>(&panel, "fetchSummaryLabel")->text().startsWith(QLatin1String("0 succeeded, 0 failed, 50 cancelled")));
        QVERIFY(!child<QLabel>(&panel, "fetchSummaryLabel")->text().contains(QLatin1String("speed-up")));
        auto *bar = child<QProgressBar>(&panel, "fetchProgress");
        QVERIFY(bar->value() < bar->maximum());
        QVERIFY(bar->text().contains(QLatin1String("cancelled")));
    }

    void serverTextEscapedAndCredentialsHidden()
    {
        NetworkPanel panel;
        panel.show();
        BadServer server(QByteArray("HTTP/1.1 503 \x1b]0;pwned\x07\x1b[2J\r\nContent-Length: 0\r\n\r\n"));
        const QString url = server.url().replace(QLatin1String("://"), QLatin1String("://bob:hunter2pw@"));
        panel.setUrlText(url + QStringLiteral("\nhttp://bob:hunter2pw@127.0.0.1:1/"));
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        panel.startFetch();
        QVERIFY(finished.wait(30000));
        QAbstractItemModel *model = child<QTableView>(&panel, "resultsTable")->model();
        QTRY_COMPARE(model->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            for (int column = 0; column < FetchResultsModel::ColumnCount; ++column) {
                const QModelIndex i = model->index(row, column);
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                    const QString text = i.data(role).toString();
                    QVERIFY2(!text.contains(QLatin1String("hunter2pw")), qPrintable(text));
                    for (QChar c : text)
                        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(text));
                }
            }
        }
        QStringList texts;
        for (int row = 0; row < 2; ++row) {
            texts << model->index(row, FetchResultsModel::Url).data().toString();
            texts << model->index(row, FetchResultsModel::Status).data().toString();
            texts << model->index(row, FetchResultsModel::Error).data(Qt::ToolTipRole).toString();
        }
        const QString all = texts.join(QLatin1Char('|'));
        QVERIFY2(all.contains(QLatin1String("503 \\e]0;pwned\\x07\\e[2J")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("bob:***@")), qPrintable(all));
    }

    void insecureShowsWarnings()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        TlsServer server("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        NetworkPanel panel;
        panel.show();
        panel.setUrlText(server.url());
        auto *insecure = child<QCheckBox>(&panel, "insecureCheck");
        QVERIFY(!insecure->isChecked());
        insecure->setChecked(true);
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        QTest::mouseClick(child<QPushButton>(&panel, "startFetchButton"), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QAbstractItemModel *model = child<QTableView>(&panel, "resultsTable")->model();
        QTRY_COMPARE(model->rowCount(), 1);
        const QModelIndex result = model->index(0, FetchResultsModel::Error);
        QVERIFY2(result.data().toString().startsWith(QLatin1String("OK (")), qPrintable(result.data().toString()));
        QVERIFY(result.data().toString().contains(QLatin1String("warning")));
        const QString tip = result.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QLatin1String("Warning: TLS error accepted: ")), qPrintable(tip));
        QVERIFY(tip.contains(QLatin1String("self-signed"), Qt::CaseInsensitive));
    }

    void rowsStaySmall()
    {
        // A row keeps at most about 1 KB whatever the URL's length; the engine keeps none.
        NetworkPanel panel;
        const QString url = m_demo.baseUrl().toString() + QStringLiteral("/status/200?q=") + QString(20000, QLatin1Char('a'));
        panel.setUrlText(url);
        QSignalSpy finished(panel.engine(), &FetchEngine::finished);
        panel.startFetch();
        QVERIFY(finished.wait(30000));
        QAbstractItemModel *model = child<QTableView>(&panel, "resultsTable")->model();
        QTRY_COMPARE(model->rowCount(), 1);
        const QString shown = model->index(0, FetchResultsModel::Url).data().toString();
        QVERIFY2(shown.size() <= 160, qPrintable(QString::number(shown.size())));
        QVERIFY(shown.startsWith(m_demo.baseUrl().toString()));
        QVERIFY(panel.engine()->results().isEmpty());
        FetchResult big;
        big.requested = url;
        big.finalUrl = QUrl(url);
        big.message = QString(5000, QLatin1Char('m'));
        big.reason = QString(5000, QLatin1Char('r'));
        big.warnings = QStringList(10, QString(5000, QLatin1Char('w')));
        QVERIFY(big.approximateBytes() > 50000);
        QVERIFY2(big.compacted().approximateBytes() <= 1024, qPrintable(QString::number(big.compacted().approximateBytes())));
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
