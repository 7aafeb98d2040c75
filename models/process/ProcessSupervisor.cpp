#include "process/ProcessSupervisor.h"

#include "process/ChildProcess.h"
#include "process/ProcessTree.h"
#include "process/TurnBudget.h"
#include "system/BackgroundPool.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QScopedValueRollback>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

ProcessSupervisor::ProcessSupervisor(QObject *parent) : QObject(parent)
{
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(0);
    connect(&m_startTimer, &QTimer::timeout, this, &ProcessSupervisor::startNext);
    m_stopTimer.setSingleShot(true);
    m_stopTimer.setInterval(0);
    connect(&m_stopTimer, &QTimer::timeout, this, &ProcessSupervisor::stopNext);
}

void ProcessSupervisor::startSoon(const QList<ProcessJob *> &jobs)
{
    bool startedOne = false;
    bool queued = false;
    for (ProcessJob *job : jobs) {
        if (!startedOne && m_toStart.isEmpty() && !m_startTimer.isActive()) {
            job->start(); // the first one now: a single launch feels instant
            startedOne = true;
        } else {
            m_toStart.append({job, job->runCount()});
            job->setStartQueued(true);
            queued = true;
        }
    }
    if (!m_toStart.isEmpty() && !m_startTimer.isActive())
        m_startTimer.start(0);
    if (queued)
        Q_EMIT pendingStartsChanged();
}

bool ProcessSupervisor::isStartPending(const ProcessJob *job) const
{
    // Set when queued; cleared by the job's start() (from the queue or by other means), and
    // when its turn is taken back.
    return job->isStartQueued();
}

void ProcessSupervisor::dropStaleStarts(ProcessJob *job)
{
    const int run = job->runCount();
    if (m_toStart.removeIf([job, run](const PendingStart &p) { return p.job == job && p.runCount != run; }) > 0
        && m_toStart.isEmpty())
        m_startTimer.stop();
}

bool ProcessSupervisor::cancelPendingStart(ProcessJob *job)
{
    const bool was = isStartPending(job);
    m_toStart.removeIf([job](const PendingStart &p) { return p.job == job; });
    job->setStartQueued(false);
    if (m_toStart.isEmpty()) {
        m_startTimer.stop();
        // The last thing waiting is gone, and nothing runs: as dropPendingStarts() says.
        if (was && activeCount() == 0)
            QMetaObject::invokeMethod(this, &ProcessSupervisor::allStopped, Qt::QueuedConnection);
    }
    if (was)
        Q_EMIT pendingStartsChanged();
    return was;
}

void ProcessSupervisor::dropPendingStarts()
{
    const bool hadPending = !m_toStart.isEmpty();
    for (const PendingStart &p : std::as_const(m_toStart)) {
        if (p.job)
            p.job->setStartQueued(false);
    }
    m_toStart.clear();
    m_startTimer.stop();
    if (hadPending)
        Q_EMIT pendingStartsChanged();
    // Nothing running and nothing left to start: say so, or a waiter would wait forever.
    if (hadPending && activeCount() == 0)
        QMetaObject::invokeMethod(this, &ProcessSupervisor::allStopped, Qt::QueuedConnection);
}

void ProcessSupervisor::startNext()
{
    // As many as fit in a quarter of a frame, then back to the event loop. One per turn made
    // every start pay a whole turn, and a turn costs more the more children there are (the
    // loop polls every child's pipes and process handle): 1,000 children took minutes.
    // The next start is not begun when one more of this turn's average would overrun the
    // budget: on a busy machine a launch holds the thread until the child has reached exec,
    // 0.8 ms as a rule (board1000), and the turn's gap is the budget plus the last start.
    // The budget is shared with the turn's other budgeted work (TurnBudget): reading output
    // in the same turn leaves less for starts, but never less than StartFloorNs, and one
    // start always goes out. (With no floor, Start All of board1000 took up to 1.8 s: 100
    // writers' output took most turns.)
    // The launches themselves go to the launcher thread: what is left here is preparing them
    // (resolving the program, making the pipes), a tenth of a launch.
    QElapsedTimer budget;
    budget.start();
    const qint64 allowed = std::min(StartBudgetNs, TurnBudget::leftNs(StartFloorNs));
    const ChildProcess::BackgroundLaunches offThread;
    const QScopedValueRollback<bool> starting(m_startingQueued, true);
    int next = 0;
    bool full = false;
    while (next < m_toStart.size()) {
        const qint64 spent = budget.nsecsElapsed();
        if (next > 0 && (spent >= allowed || spent + spent / next > allowed))
            break;
        if (ChildProcess::launchesInFlight() >= MaxLaunchesInFlight) {
            full = true;
            break;
        }
        const PendingStart &pending = m_toStart.at(next++);
        ProcessJob *job = pending.job.data();
        if (job && job->runCount() == pending.runCount && !job->isActive() && m_jobs.contains(job))
            job->start(); // no longer queued from here on
        else if (job && job->runCount() == pending.runCount)
            job->setStartQueued(false); // not ours to start (any more): no signal, nothing shows it
    }
    TurnBudget::add(budget.nsecsElapsed());
    m_toStart.remove(0, next);
    if (!m_toStart.isEmpty())
        m_startTimer.start(full ? 1 : 0);
}

ProcessSupervisor::~ProcessSupervisor()
{
    endStopRound();
    // Each job's destructor kills its process groups.
    const ProcessTree::SnapshotBatch once;
    const QList<ProcessJob *> jobs = m_jobs;
    m_jobs.clear();
    m_kinds.clear();
    qDeleteAll(jobs);
}

ProcessJob *ProcessSupervisor::add(const LaunchSpec &spec)
{
    auto *job = new ProcessJob(spec, this);
    job->setId(m_nextId++);
    job->setRawOutputEnabled(m_rawOutput);
    job->setLogEnabled(m_logEnabled);
    job->setInteractiveStdinAllowed(m_interactiveAllowed);
    connect(job, &ProcessJob::stateChanged, this, [this, job] {
        recount(job); // first: whoever hears of the change may ask for the counts
        // Started while it waited for its turn (the window's Start): its turn is gone.
        if (!m_startingQueued && job->isActive())
            dropStaleStarts(job);
        Q_EMIT jobChanged(job);
    });
    connect(job, &ProcessJob::pidKnown, this, [this, job] { Q_EMIT jobChanged(job); });
    connect(job, &ProcessJob::done, this, [this, job] {
        Q_EMIT jobDone(job);
        if (activeCount() == 0 && m_toStart.isEmpty())
            Q_EMIT allStopped();
    });
    Q_EMIT jobAboutToBeAdded(int(m_jobs.size()));
    m_jobs.append(job);
    const Kind kind = kindOf(job);
    m_kinds.insert(job, kind);
    ++m_counts[kind];
    Q_EMIT jobAdded(job);
    return job;
}

QString ProcessSupervisor::uniqueName(const QString &base, int firstNumber) const
{
    QSet<QString> taken = namesInUse();
    int next = 0;
    return uniqueName(base, firstNumber, taken, next);
}

QSet<QString> ProcessSupervisor::namesInUse() const
{
    QSet<QString> names;
    names.reserve(m_jobs.size());
    for (const ProcessJob *job : m_jobs)
        names.insert(job->name());
    return names;
}

QString ProcessSupervisor::uniqueName(const QString &base, int firstNumber, QSet<QString> &taken, int &next)
{
    QString name = base;
    if (firstNumber <= 1 || taken.contains(base)) {
        for (int n = std::max({1, firstNumber, next});; ++n) {
            name = tr("%1 #%2").arg(base).arg(n);
            if (!taken.contains(name)) {
                next = n + 1;
                break;
            }
        }
    }
    taken.insert(name);
    return name;
}

QList<ProcessJob *> ProcessSupervisor::launch(const LaunchSpec &spec, bool start)
{
    QList<ProcessJob *> added;
    const int copies = std::clamp(spec.copies, 1, LaunchSpec::MaxCopies);
    // The names in use, looked up once for all the copies (1,000 copies asked each row
    // before: a cubic cost).
    QSet<QString> taken = namesInUse();
    int next = 0;
    const QString base = spec.displayName();
    for (int i = 0; i < copies; ++i) {
        LaunchSpec one = spec;
        one.copies = 1;
        // Two rows never share a name: python3, python3 #2 (copies: name #1, name #2, ...).
        one.name = uniqueName(base, copies > 1 ? 1 : 2, taken, next);
        added.append(add(one));
    }
    if (start)
        startSoon(added);
    return added;
}

ProcessJob *ProcessSupervisor::duplicate(ProcessJob *job)
{
    if (!m_jobs.contains(job))
        return nullptr;
    LaunchSpec spec = job->spec();
    QString base = spec.displayName();
    // "web #2" duplicated is "web #3", not "web #2 #2".
    if (const int hash = base.lastIndexOf(QLatin1String(" #")); hash > 0) {
        bool numeric = false;
        base.mid(hash + 2).toInt(&numeric);
        if (numeric)
            base.truncate(hash);
    }
    spec.name = uniqueName(base);
    ProcessJob *copy = add(spec);
    copy->start();
    return copy;
}

bool ProcessSupervisor::remove(ProcessJob *job)
{
    if (!m_jobs.contains(job) || job->isActive())
        return false;
    Q_EMIT jobAboutToBeRemoved(job);
    m_jobs.removeOne(job);
    --m_counts[m_kinds.take(job)];
    Q_EMIT jobRemoved(job);
    job->disconnect(this);
    job->deleteLater();
    return true;
}

void ProcessSupervisor::removeFinished()
{
    const QList<ProcessJob *> jobs = m_jobs;
    for (ProcessJob *job : jobs) {
        if (!job->isActive())
            remove(job);
    }
}

ProcessJob *ProcessSupervisor::jobById(int id) const
{
    for (ProcessJob *job : m_jobs) {
        if (job->id() == id)
            return job;
    }
    return nullptr;
}

ProcessSupervisor::Kind ProcessSupervisor::kindOf(const ProcessJob *job)
{
    if (job->isActive())
        return ActiveKind;
    return job->state() == ProcessJob::State::NotStarted ? NotStartedKind : EndedKind;
}

void ProcessSupervisor::recount(ProcessJob *job)
{
    const auto it = m_kinds.find(job);
    if (it == m_kinds.end())
        return;
    const Kind now = kindOf(job);
    if (it.value() != now) {
        --m_counts[it.value()];
        ++m_counts[now];
        it.value() = now;
    }
}

int ProcessSupervisor::activeCount() const
{
    return m_counts[ActiveKind];
}

void ProcessSupervisor::startAll()
{
    QList<ProcessJob *> idle;
    for (ProcessJob *job : std::as_const(m_jobs)) {
        if (job->state() == ProcessJob::State::NotStarted && !isStartPending(job))
            idle.append(job);
    }
    startSoon(idle);
}

void ProcessSupervisor::rerunEnded()
{
    QList<ProcessJob *> ended;
    for (ProcessJob *job : std::as_const(m_jobs)) {
        if (!job->isActive() && job->state() != ProcessJob::State::NotStarted
            && !isStartPending(job))
            ended.append(job);
    }
    startSoon(ended);
}

int ProcessSupervisor::notStartedCount() const
{
    return m_counts[NotStartedKind];
}

int ProcessSupervisor::endedCount() const
{
    return m_counts[EndedKind];
}

void ProcessSupervisor::stopAll()
{
    dropPendingStarts(); // what has not started yet will not
    if (m_stopBatch) {
        // Stop All again while the first one goes round: the rest are stopped now, and what it
        // reached already is stopped a second time, which does not wait for the grace period.
        const QList<QPointer<ProcessJob>> rest = m_toStop.mid(m_stopNext);
        endStopRound();
        const ProcessTree::SnapshotBatch once;
        const QList<ProcessJob *> jobs = m_jobs;
        for (ProcessJob *job : jobs) {
            if (!rest.contains(job))
                job->stop();
        }
        for (const QPointer<ProcessJob> &job : rest) {
            if (job)
                job->stop();
        }
        return;
    }
    if (m_jobs.size() <= StopAllAtOnce) {
        const ProcessTree::SnapshotBatch once; // one read of /proc for all of them
        const QList<ProcessJob *> jobs = m_jobs;
        for (ProcessJob *job : jobs)
            job->stop();
        return;
    }
    // Many children: /proc is read once, on a worker thread (~100 ms with a thousand
    // processes), then the stops go out a few milliseconds' worth per event-loop turn, all on
    // that one reading. The window keeps its frames; the whole round takes a little longer.
    m_toStop.clear();
    for (ProcessJob *job : std::as_const(m_jobs))
        m_toStop.append(job);
    m_stopNext = 0;
    m_stopBatch = std::make_unique<ProcessTree::SnapshotBatch>();
    auto *watcher = new QFutureWatcher<ProcessTree::Snapshot>(this);
    m_stopWatcher = watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (m_stopWatcher != watcher)
            return; // that round has ended (Kill All, a second Stop All)
        m_stopWatcher = nullptr;
        ProcessTree::primeSnapshot(watcher->result());
        stopNext();
    });
    watcher->setFuture(QtConcurrent::run(BackgroundPool::instance(), &ProcessTree::readSnapshot));
}

void ProcessSupervisor::stopNext()
{
    if (!m_stopBatch)
        return;
    QElapsedTimer spent;
    spent.start();
    const qint64 allowed = std::min(StopBudgetNs, TurnBudget::leftNs(0)); // shared, as in startNext
    int stopped = 0;
    while (m_stopNext < m_toStop.size()) {
        const QPointer<ProcessJob> job = m_toStop.at(m_stopNext++);
        if (job) {
            job->stop();
            ++stopped;
        }
        if (spent.nsecsElapsed() >= allowed || stopped >= MaxStopsPerTurn)
            break;
    }
    m_largestStopRound = std::max(m_largestStopRound, stopped);
    TurnBudget::add(spent.nsecsElapsed());
    if (m_stopNext < m_toStop.size())
        m_stopTimer.start();
    else
        endStopRound();
}

void ProcessSupervisor::endStopRound()
{
    m_stopTimer.stop();
    m_toStop.clear();
    m_stopNext = 0;
    m_stopWatcher = nullptr;
    m_stopBatch.reset();
}

bool ProcessSupervisor::isStoppingAll() const
{
    return m_stopBatch != nullptr;
}

void ProcessSupervisor::killAll()
{
    endStopRound(); // a kill of everything needs no round
    dropPendingStarts();
    const ProcessTree::SnapshotBatch once; // one read of /proc for all of them
    const QList<ProcessJob *> jobs = m_jobs;
    for (ProcessJob *job : jobs)
        job->kill();
}
