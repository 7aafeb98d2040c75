#include "net/FetchResultsModel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

class TestFetchResultsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendSortClear()
    {
        FetchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FetchResult a;
        a.index = 0;
        a.requested = QStringLiteral("http://a/");
        a.status = 200;
        a.reason = QStringLiteral("OK");
        a.bytes = 1234;
        a.totalMs = 80;
        a.firstByteMs = 30;
        a.worker = 1;
        FetchResult b = a;
        b.index = 1;
        b.requested = QStringLiteral("http://b/");
        b.totalMs = 20;
        b.status = 0;
        b.error = FetchResult::Error::Timeout;
        b.message = QStringLiteral("no complete answer within 20 ms");
        model.append(a);
        model.append(QList<FetchResult>{b});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, FetchResultsModel::Status).data().toString(), QStringLiteral("200 OK"));
        QCOMPARE(model.index(0, FetchResultsModel::Time).data().toString(), QStringLiteral("80 ms"));
        QCOMPARE(model.index(0, FetchResultsModel::Worker).data().toInt(), 2);
        QCOMPARE(model.index(1, FetchResultsModel::Error).data().toString(),
                 QStringLiteral("timed out: no complete answer within 20 ms"));
        QCOMPARE(model.index(1, FetchResultsModel::Error).data(FetchResultsModel::OkRole).toBool(), false);

        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(FetchResultsModel::RawValueRole);
        proxy.sort(FetchResultsModel::Time, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, FetchResultsModel::Url).data().toString(), QStringLiteral("http://b/"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.headerData(FetchResultsModel::Bytes, Qt::Horizontal).toString(), QStringLiteral("Bytes"));
    }
};

QTEST_GUILESS_MAIN(TestFetchResultsModel)
#include "tst_fetchresultsmodel.moc"
