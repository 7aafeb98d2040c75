#include "process/ProcessSupervisor.h"

ProcessSupervisor::ProcessSupervisor(QObject *parent) : QObject(parent)
{
    m_startTimer.setSingleShot(true);
    m_startTimer.setInterval(0);
    connect(&m_startTimer, &QTimer::timeout, this, &ProcessSupervisor::startNext);
}

void ProcessSupervisor::startSoon(const QList<ProcessJob *> &jobs)
{
    bool startedOne = false;
    for (ProcessJob *job : jobs) {
        if (!startedOne && m_toStart.isEmpty() && !m_startTimer.isActive()) {
            job->start(); // the first one now: a single launch feels instant
            startedOne = true;
        } else {
            m_toStart.append(job);
        }
    }
    if (!m_toStart.isEmpty() && !m_startTimer.isActive())
        m_startTimer.start();
}

void ProcessSupervisor::dropPendingStarts()
{
    const bool hadPending = !m_toStart.isEmpty();
    m_toStart.clear();
    m_startTimer.stop();
    // Nothing running and nothing left to start: say so, or a waiter would wait forever.
    if (hadPending && activeCount() == 0)
        QMetaObject::invokeMethod(this, &ProcessSupervisor::allStopped, Qt::QueuedConnection);
}

void ProcessSupervisor::startNext()
{
    while (!m_toStart.isEmpty()) {
        QPointer<ProcessJob> job = m_toStart.takeFirst();
        if (job && m_jobs.contains(job.data()) && !job->isActive()) {
            job->start();
            break; // one per turn
        }
    }
    if (!m_toStart.isEmpty())
        m_startTimer.start();
}

ProcessSupervisor::~ProcessSupervisor()
{
    // Each job's destructor kills its process groups.
    const QList<ProcessJob *> jobs = m_jobs;
    m_jobs.clear();
    qDeleteAll(jobs);
}

ProcessJob *ProcessSupervisor::add(const LaunchSpec &spec)
{
    auto *job = new ProcessJob(spec, this);
    job->setId(m_nextId++);
    job->setRawOutputEnabled(m_rawOutput);
    job->setLogEnabled(m_logEnabled);
    job->setInteractiveStdinAllowed(m_interactiveAllowed);
    connect(job, &ProcessJob::stateChanged, this, [this, job] { Q_EMIT jobChanged(job); });
    connect(job, &ProcessJob::done, this, [this, job] {
        Q_EMIT jobDone(job);
        if (activeCount() == 0 && m_toStart.isEmpty())
            Q_EMIT allStopped();
    });
    Q_EMIT jobAboutToBeAdded(int(m_jobs.size()));
    m_jobs.append(job);
    Q_EMIT jobAdded(job);
    return job;
}

QList<ProcessJob *> ProcessSupervisor::launch(const LaunchSpec &spec, bool start)
{
    QList<ProcessJob *> added;
    const int copies = std::clamp(spec.copies, 1, LaunchSpec::MaxCopies);
    for (int i = 0; i < copies; ++i) {
        LaunchSpec one = spec;
        one.copies = 1;
        if (copies > 1)
            one.name = tr("%1 #%2").arg(spec.displayName()).arg(i + 1);
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
    ProcessJob *copy = add(job->spec());
    copy->start();
    return copy;
}

bool ProcessSupervisor::remove(ProcessJob *job)
{
    if (!m_jobs.contains(job) || job->isActive())
        return false;
    Q_EMIT jobAboutToBeRemoved(job);
    m_jobs.removeOne(job);
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

int ProcessSupervisor::activeCount() const
{
    int n = 0;
    for (const ProcessJob *job : m_jobs)
        n += job->isActive() ? 1 : 0;
    return n;
}

void ProcessSupervisor::startAll()
{
    QList<ProcessJob *> idle;
    for (ProcessJob *job : std::as_const(m_jobs)) {
        if (!job->isActive() && !m_toStart.contains(job))
            idle.append(job);
    }
    startSoon(idle);
}

void ProcessSupervisor::stopAll()
{
    dropPendingStarts(); // what has not started yet will not
    const QList<ProcessJob *> jobs = m_jobs;
    for (ProcessJob *job : jobs)
        job->stop();
}

void ProcessSupervisor::killAll()
{
    dropPendingStarts();
    const QList<ProcessJob *> jobs = m_jobs;
    for (ProcessJob *job : jobs)
        job->kill();
}
