#include "demo/Demo.h"

#include "demo/CpuDemo.h"
#include "demo/ProcessDemos.h"
#include "demo/ThreadsDemo.h"
#include "process/ProcessSupervisor.h"
#include "timeline/TimelineRecorder.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {
constexpr qint64 MaxKeptStdout = 1024 * 1024; // per child: the outcomes are a few bytes
}

Demo::Demo(const DemoInfo &info, QObject *parent)
    : QObject(parent), m_info(info), m_supervisor(new ProcessSupervisor(this))
{
    m_supervisor->setRawOutputEnabled(true);
    m_supervisor->setInteractiveStdinAllowed(false);
    m_recorder = new TimelineRecorder(this);
}

// The supervisor, a child, kills every tree it started when it goes.
Demo::~Demo() = default;

std::unique_ptr<Demo> Demo::create(const QString &name, QObject *parent)
{
    const DemoInfo info = DemoTexts::info(name);
    if (name == QLatin1String("parallel"))
        return std::make_unique<ParallelDemo>(info, parent);
    if (name == QLatin1String("pipe"))
        return std::make_unique<PipeDemo>(info, parent);
    if (name == QLatin1String("timeout"))
        return std::make_unique<TimeoutDemo>(info, parent);
    if (name == QLatin1String("buffering"))
        return std::make_unique<BufferingDemo>(info, parent);
    if (name == QLatin1String("threads"))
        return std::make_unique<ThreadsDemo>(info, parent);
    if (name == QLatin1String("processes"))
        return std::make_unique<CpuDemo>(info, parent);
    return nullptr;
}

bool Demo::start()
{
    if (m_running)
        return false;
    ++m_runId;
    m_running = true;
    m_outcome = DemoOutcome{};
    m_messages.clear();
    m_stdout.clear();
    m_supervisor->removeFinished();
    // A fresh recorder per run: the timeline shows this run only.
    if (m_recorder)
        m_recorder->deleteLater();
    m_recorder = new TimelineRecorder(this);
    m_recorder->watch(m_supervisor, m_info.title);
    Q_EMIT started();
    // From the event loop, so that finished() always comes after start() returned, even for a
    // demo that fails at once (a missing helper).
    QMetaObject::invokeMethod(this, guarded([this] { run(); }), Qt::QueuedConnection);
    return true;
}

void Demo::cancel()
{
    if (!m_running)
        return;
    stopWork();
    m_supervisor->stopAll(); // the stop ladder: SIGTERM, SIGKILL after the grace period
    finish(false, tr("cancelled before the outcome could be checked"));
}

void Demo::say(const QString &line)
{
    m_messages << line;
    Q_EMIT message(line);
}

void Demo::finish(bool passed, const QString &reason, const QStringList &details)
{
    if (!m_running)
        return;
    m_running = false;
    m_outcome = DemoOutcome{passed, reason, details};
    if (m_recorder)
        m_recorder->refresh();
    Q_EMIT finished(m_outcome);
}

std::function<void()> Demo::guarded(std::function<void()> f)
{
    const int run = m_runId;
    QPointer<Demo> self(this);
    return [self, run, f] {
        if (self && self->m_running && self->m_runId == run)
            f();
    };
}

void Demo::launchAll(const LaunchSpec &spec,
                     std::function<void(const QList<ProcessJob *> &)> then)
{
    const QList<ProcessJob *> jobs = m_supervisor->launch(spec, false);
    auto left = std::make_shared<int>(int(jobs.size()));
    const auto done = guarded([jobs, then] { then(jobs); });
    for (ProcessJob *job : jobs) {
        connect(job, &ProcessJob::rawOutput, this,
                [this, job](OutputLog::Stream stream, const QByteArray &data) {
                    QByteArray &kept = m_stdout[job];
                    if (stream == OutputLog::Stdout && kept.size() < MaxKeptStdout)
                        kept.append(data.left(MaxKeptStdout - kept.size()));
                });
        connect(job, &ProcessJob::done, this, [left, done] {
            if (--*left == 0)
                done();
        });
    }
    // Started together: every child is on its way before the first one is watched.
    for (ProcessJob *job : jobs)
        job->start();
}

QString Demo::firstErrorLine(ProcessJob *job) const
{
    if (!job->errorString().isEmpty())
        return job->errorString();
    const OutputLog *log = job->log();
    for (qint64 i = log->firstLine(); i < log->endLine(); ++i) {
        const OutputLog::Line l = log->line(i);
        if (l.stream == OutputLog::Stderr && !l.text.trimmed().isEmpty())
            return l.text.trimmed().left(200);
    }
    return job->resultText();
}

QString Demo::tool(const QString &name) const
{
    if (m_forceHelper)
        return {};
    return QStandardPaths::findExecutable(name);
}

QString Demo::helper()
{
    const QString fromEnv = qEnvironmentVariable("RUNBOARD_DEMO_HELPER");
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv).isExecutable() ? fromEnv : QString();
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("runboard-demo-helper.exe");
#else
    const QString name = QStringLiteral("runboard-demo-helper");
#endif
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    return QFileInfo(path).isExecutable() ? path : QString();
}

QString Demo::fallBack(const QString &missingTool)
{
    const QString h = helper();
    if (h.isEmpty()) {
        finish(false, tr("%1 is not on the PATH and runboard-demo-helper is not installed beside "
                         "Runboard (%2): reinstall Runboard or install %1")
                          .arg(missingTool, QCoreApplication::applicationDirPath()));
        return {};
    }
    if (m_forceHelper)
        say(tr("Using Runboard's own helper program instead of %1 (as asked).").arg(missingTool));
    else
        say(tr("%1 is not on the PATH: using Runboard's own helper program instead (same "
               "work, same output sizes).").arg(missingTool));
    return h;
}
