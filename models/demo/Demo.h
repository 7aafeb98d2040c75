#pragma once

#include "demo/DemoTexts.h"
#include "timeline/TimelineRecorder.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>

class ProcessJob;
class ProcessSupervisor;
struct LaunchSpec;

// The outcome check of one demo run: passed or not, the reason in one line ("expected five
// 120-byte outputs, got four"), and what was measured, one fact a line.
struct DemoOutcome
{
    bool passed = false;
    QString reason;
    QStringList details;
};

// One teaching demo: runs its lesson with the engine (QtCore only, so the window and
// runboard-cli share it) and checks the outcome. A demo's children live in a supervisor of its
// own: nothing else on the board is touched, and cancel() or destroying the demo stops them.
// finished() comes exactly once per start(), whatever the ending (cancel included).
class Demo : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Demo)
public:
    ~Demo() override;

    static QStringList names() { return DemoTexts::names(); }
    // nullptr for an unknown name.
    static std::unique_ptr<Demo> create(const QString &name, QObject *parent = nullptr);

    const DemoInfo &info() const { return m_info; }
    bool isRunning() const { return m_running; }
    // Starts a run; false (and nothing happens) while one runs.
    bool start();
    void cancel();
    const DemoOutcome &outcome() const { return m_outcome; }
    QStringList messages() const { return m_messages; }
    // The rows of the current (or last) run; a new recorder for each start().
    TimelineRecorder *recorder() const { return m_recorder; }
    ProcessSupervisor *supervisor() const { return m_supervisor; }

    // Use Runboard's own helper program even where openssl, sleep or python3 exist.
    void setForceHelper(bool on) { m_forceHelper = on; }
    // Demo 4: try the nine big sites of the lesson first (the local server when unreachable).
    void setPreferInternet(bool on) { m_preferInternet = on; }

Q_SIGNALS:
    void started();
    void message(const QString &line);
    void finished(const DemoOutcome &outcome);

protected:
    Demo(const DemoInfo &info, QObject *parent);
    virtual void run() = 0;
    virtual void stopWork() {}

    void say(const QString &line);
    void finish(bool passed, const QString &reason, const QStringList &details = {});
    // A continuation that runs only if this run is still going (not cancelled, not finished).
    std::function<void()> guarded(std::function<void()> f);
    // Launches the spec on the demo's supervisor; `then` gets the jobs once all are done.
    void launchAll(const LaunchSpec &spec, std::function<void(const QList<ProcessJob *> &)> then);
    QByteArray stdoutOf(ProcessJob *job) const { return m_stdout.value(job); }
    QString firstErrorLine(ProcessJob *job) const;

    // The path of a tool on the PATH, or empty (also when the helper is forced).
    QString tool(const QString &name) const;
    // runboard-demo-helper beside the program (or $RUNBOARD_DEMO_HELPER), or empty.
    static QString helper();
    // Says that the demo falls back to the helper, or fails with a clear message when the
    // helper is missing too. Returns the helper's path or empty (the demo has finished).
    QString fallBack(const QString &missingTool);
    bool forceHelper() const { return m_forceHelper; }
    bool preferInternet() const { return m_preferInternet; }
    int runId() const { return m_runId; }

private:
    DemoInfo m_info;
    DemoOutcome m_outcome;
    QStringList m_messages;
    ProcessSupervisor *m_supervisor;
    QPointer<TimelineRecorder> m_recorder;
    QHash<ProcessJob *, QByteArray> m_stdout;
    int m_runId = 0;
    bool m_running = false;
    bool m_forceHelper = false;
    bool m_preferInternet = false;
};
