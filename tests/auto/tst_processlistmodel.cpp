#include "process/ProcessListModel.h"
#include "process/ProcessSupervisor.h"
#include "process/ResourceSampler.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QSignalSpy>
#include <QTest>

class TestProcessListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rowsFollowSupervisor()
    {
        ProcessSupervisor sup;
        ProcessListModel model(&sup);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ProcessListModel::ColumnCount));

        LaunchSpec spec;
        spec.name = QStringLiteral("sleeper");
        spec.command = {QStringLiteral(RB_HELPER), {QStringLiteral("sleep"), QStringLiteral("100000")}};
        spec.timeoutMs = 60000;
        spec.copies = 2;
        sup.launch(spec);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, ProcessListModel::Name).data().toString(), QStringLiteral("sleeper #1"));
        QTRY_COMPARE_WITH_TIMEOUT(model.index(0, ProcessListModel::State).data().toString(), QStringLiteral("running"), 10000);
        QVERIFY(model.index(0, ProcessListModel::Pid).data(ProcessListModel::RawValueRole).toLongLong() > 0);
        QVERIFY(model.index(0, ProcessListModel::Timeout).data().toString().endsWith(QLatin1String("left")));

        // Numbers are refreshed by the model's timer while something runs.
        model.setRefreshInterval(50);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.wait(5000));

        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.stopAll();
        QVERIFY(all.wait(20000));
        // Ended by our SIGTERM: stopped (killed is for SIGKILL).
        QCOMPARE(model.index(0, ProcessListModel::State).data().toString(), QStringLiteral("stopped"));
        QCOMPARE(model.index(0, ProcessListModel::Result).data().toString(), QStringLiteral("SIGTERM"));
        QCOMPARE(model.index(1, ProcessListModel::Result).data(ProcessListModel::RawValueRole).toInt(), 143);

        sup.remove(sup.jobs().first());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ProcessListModel::Name).data().toString(), QStringLiteral("sleeper #2"));
        QCOMPARE(model.headerData(ProcessListModel::Pid, Qt::Horizontal).toString(), QStringLiteral("PID"));
    }

    void pipelineStagesAreChildren()
    {
        ProcessSupervisor sup;
        ProcessListModel model(&sup);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LaunchSpec spec;
        spec.name = QStringLiteral("pipe");
        spec.command = {QStringLiteral(RB_HELPER), {QStringLiteral("exit"), QStringLiteral("3")}};
        spec.pipeline.append({QStringLiteral(RB_HELPER), {QStringLiteral("count-stdin")}});
        spec.stdinSource.mode = StdinMode::Null;
        LaunchSpec single;
        single.command = {QStringLiteral(RB_HELPER), {QStringLiteral("exit"), QStringLiteral("0")}};
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.launch(single);
        sup.launch(spec);
        QVERIFY(all.wait(20000));
        QTRY_COMPARE(sup.activeCount(), 0);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0); // a single command has no stage rows
        const QModelIndex pipe = model.index(1, 0);
        QCOMPARE(model.rowCount(pipe), 2);
        const QModelIndex first = model.index(0, ProcessListModel::Result, pipe);
        QCOMPARE(first.parent(), pipe);
        QCOMPARE(model.jobFor(first), sup.jobs().at(1));
        QVERIFY(ProcessListModel::isStageRow(first));
        QCOMPARE(first.data().toInt(), 3);
        QCOMPARE(model.index(1, ProcessListModel::Result, pipe).data().toInt(), 0);
        QCOMPARE(model.index(1, ProcessListModel::Name, pipe).data().toString(),
                 QStringLiteral("stage 2: " RB_HELPER));
        QVERIFY(model.index(0, ProcessListModel::Pid, pipe).data(ProcessListModel::RawValueRole).toLongLong() > 0);
        QCOMPARE(model.index(1, ProcessListModel::Result).data().toInt(), 3); // the pipeline: pipefail
        sup.remove(sup.jobs().at(0));
        QCOMPARE(model.rowCount(model.index(0, 0)), 2); // stage rows follow their job
    }

    void filterTextNamesWhatPeopleFilterBy()
    {
        ProcessSupervisor sup;
        ProcessListModel model(&sup);
        LaunchSpec sleeper;
        sleeper.name = QStringLiteral("alpha");
        sleeper.command = {QStringLiteral(RB_HELPER), {QStringLiteral("sleep"), QStringLiteral("100000")}};
        sleeper.stdinSource.mode = StdinMode::Null;
        LaunchSpec quitter = sleeper;
        quitter.name = QStringLiteral("beta");
        quitter.command = {QStringLiteral(RB_HELPER), {QStringLiteral("exit"), QStringLiteral("7")}};
        LaunchSpec pipe = quitter;
        pipe.name = QStringLiteral("gamma");
        pipe.pipeline.append({QStringLiteral("/bin/cat"), {}});
        ProcessJob *a = sup.launch(sleeper).first();
        ProcessJob *b = sup.launch(quitter).first();
        sup.launch(pipe);
        QTRY_COMPARE_WITH_TIMEOUT(a->state(), ProcessJob::State::Running, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(b->state(), ProcessJob::State::Finished, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(sup.activeCount(), 1, 20000);

        // As the window sets it up.
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setRecursiveFilteringEnabled(true);
        proxy.setFilterRole(ProcessListModel::FilterTextRole);
        proxy.setFilterKeyColumn(ProcessListModel::Name);
        const auto shown = [&](const QString &text) {
            proxy.setFilterFixedString(text);
            QStringList names;
            for (int r = 0; r < proxy.rowCount(); ++r)
                names << proxy.index(r, ProcessListModel::Name).data().toString();
            return names.join(QLatin1Char(','));
        };
        QCOMPARE(shown(QStringLiteral("ALPHA")), QStringLiteral("alpha"));             // name
        QCOMPARE(shown(QString::number(a->pid())), QStringLiteral("alpha"));          // PID
        QCOMPARE(shown(QStringLiteral("running")), QStringLiteral("alpha"));          // state
        QCOMPARE(shown(QStringLiteral("100000")), QStringLiteral("alpha"));           // command
        QCOMPARE(shown(QStringLiteral("exit 7")), QStringLiteral("beta,gamma"));      // command
        QCOMPARE(shown(QStringLiteral("/bin/cat")), QStringLiteral("gamma"));         // a stage
        QCOMPARE(shown(QString()), QStringLiteral("alpha,beta,gamma"));
        // No match across two columns, nor in the numbers that change every tick.
        const QString name = model.index(0, ProcessListModel::Name).data().toString();
        const QString pid = model.index(0, ProcessListModel::Pid).data().toString();
        QCOMPARE(shown(name.right(2) + pid.left(2)), QString());
        const QString bytes = model.index(0, ProcessListModel::Stdout).data().toString(); // "0 B"
        QVERIFY(!bytes.isEmpty());
        QCOMPARE(shown(bytes), QString());
        // The text is kept between changes of the job, and follows each change: a stopped
        // job no longer matches "running", and matches its new state.
        proxy.setDynamicSortFilter(true);
        proxy.setFilterFixedString(QStringLiteral("running"));
        QCOMPARE(proxy.rowCount(), 1);
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.killAll();
        QVERIFY(all.wait(20000));
        QCOMPARE(proxy.rowCount(), 0);
        QCOMPARE(shown(a->statusText()), QStringLiteral("alpha"));
    }

    void idleModelHasNoTimer()
    {
        ProcessSupervisor sup;
        ProcessListModel model(&sup);
        LaunchSpec spec;
        spec.command = {QStringLiteral(RB_HELPER), {QStringLiteral("exit"), QStringLiteral("4")}};
        QSignalSpy all(&sup, &ProcessSupervisor::allStopped);
        sup.launch(spec);
        QVERIFY(all.wait(20000));
        QCOMPARE(model.index(0, ProcessListModel::Result).data().toInt(), 4);
        model.setRefreshInterval(20);
        QTRY_VERIFY(!model.sampler()->isSampling()); // a resource sample may be under way
        QCoreApplication::processEvents();
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(!changed.wait(300)); // nothing runs: nothing ticks
    }
};

QTEST_GUILESS_MAIN(TestProcessListModel)
#include "tst_processlistmodel.moc"
