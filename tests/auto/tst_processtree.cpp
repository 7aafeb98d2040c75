// ProcessTree's index of a snapshot: children by parent and processes by group, the same as a
// walk of the whole snapshot finds, and kept in step when a reaped child is forgotten.
#include "process/ProcessTree.h"

#include <QProcess>
#include <QTest>

#include <algorithm>

#include <csignal>
#include <unistd.h>

namespace {
QList<qint64> sorted(QList<qint64> l)
{
    std::sort(l.begin(), l.end());
    return l;
}

// The pids the whole snapshot has with this parent, or in this group.
QList<qint64> walk(const ProcessTree::Snapshot &s, qint64 ppid, qint64 pgid)
{
    QList<qint64> out;
    for (const ProcessTree::Info &i : s) {
        if ((ppid && i.ppid == ppid) || (pgid && i.pgid == pgid))
            out.append(i.pid);
    }
    return sorted(out);
}
} // namespace

class TestProcessTree : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void indexMatchesAWalkOfTheSnapshot()
    {
        if (!ProcessTree::isSupported())
            QSKIP("no /proc here");
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("sleep 60 & sleep 60 & echo ready; wait")});
        QVERIFY(sh.waitForReadyRead(10000));
        const qint64 pid = sh.processId();

        ProcessTree::invalidateSnapshot();
        const auto view = ProcessTree::indexedSnapshot();
        const QList<qint64> below = sorted(view->children.value(pid));
        QCOMPARE(below.size(), 2);
        QCOMPARE(below, walk(view->processes, pid, 0));
        const qint64 self = ::getpid();
        QCOMPARE(sorted(view->children.value(self)), walk(view->processes, self, 0));
        const qint64 group = view->processes.value(pid).pgid;
        QCOMPARE(sorted(view->groups.value(group)), walk(view->processes, 0, group));
        QCOMPARE(sorted(ProcessTree::descendants(*view, {pid})),
                 sorted(ProcessTree::descendants(view->processes, {pid})));
        QCOMPARE(sorted(ProcessTree::descendants(*view, {self})),
                 sorted(ProcessTree::descendants(view->processes, {self})));

        for (qint64 c : below)
            ::kill(pid_t(c), SIGKILL);
        sh.kill();
        sh.waitForFinished();
    }

    void aForgottenProcessLeavesTheIndexButNotACopyInUse()
    {
        if (!ProcessTree::isSupported())
            QSKIP("no /proc here");
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), QStringLiteral("sleep 60 & echo ready; wait")});
        QVERIFY(sh.waitForReadyRead(10000));
        const qint64 pid = sh.processId();

        const ProcessTree::SnapshotBatch batch; // the same snapshot throughout
        const auto before = ProcessTree::indexedSnapshot();
        QVERIFY(before->processes.contains(pid));
        const qint64 group = before->processes.value(pid).pgid;
        const qint64 self = ::getpid();
        QVERIFY(before->children.value(self).contains(pid));
        QVERIFY(before->groups.value(group).contains(pid));
        const qint64 grandchild = before->children.value(pid).value(0);
        QVERIFY(grandchild > 0);

        ProcessTree::forgetProcess(pid);
        const auto after = ProcessTree::indexedSnapshot();
        QVERIFY(!after->processes.contains(pid));
        QVERIFY(!after->children.value(self).contains(pid));
        QVERIFY(!after->groups.value(group).contains(pid));
        QVERIFY(!ProcessTree::snapshot().contains(pid));
        QVERIFY(after->processes.contains(grandchild)); // only that one is forgotten
        // What was held before is as it was.
        QVERIFY(before->processes.contains(pid));
        QVERIFY(before->children.value(self).contains(pid));
        QVERIFY(before->groups.value(group).contains(pid));

        // The sleep was its only child: its list goes with it once it is forgotten too.
        ProcessTree::forgetProcess(grandchild);
        QVERIFY(!ProcessTree::indexedSnapshot()->children.contains(pid));

        ::kill(pid_t(grandchild), SIGKILL);
        sh.kill();
        sh.waitForFinished();
    }
};

QTEST_GUILESS_MAIN(TestProcessTree)
#include "tst_processtree.moc"
