#include "demo/CpuDemo.h"

#include "process/LaunchSpec.h"
#include "process/ProcessJob.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

QList<int> CpuDemo::processCounts(int cores)
{
    // 1, 2, and as many as there are cores (at least 4: more processes than cores do not help).
    return {1, 2, std::max(4, cores)};
}

void CpuDemo::run()
{
    m_phases.clear();
    m_helper = helper();
    if (m_helper.isEmpty())
        return finish(false, tr("runboard-demo-helper is not installed beside Runboard (%1): it "
                                "does the CPU work of this demo; reinstall Runboard")
                                 .arg(QCoreApplication::applicationDirPath()));
    const int cores = QThread::idealThreadCount();
    m_counts = processCounts(cores);
    say(tr("This machine has %1 cores. The same work (%2 units) runs as 1, 2 and %3 processes.")
            .arg(cores).arg(TotalUnits).arg(m_counts.last()));
    runPhase(0);
}

void CpuDemo::runPhase(int index)
{
    if (index >= m_counts.size())
        return runPython();
    const int k = m_counts.at(index);
    LaunchSpec spec;
    spec.name = tr("cpu ×%1").arg(k);
    spec.stdinSource.mode = StdinMode::Null;
    spec.timeoutMs = 120000;
    spec.command = {m_helper, {QStringLiteral("cpu"), QStringLiteral("--units"),
                               QString::number(TotalUnits / k)}};
    spec.copies = k;
    launchAll(spec, [this, index, k](const QList<ProcessJob *> &jobs) {
        Phase ph;
        ph.processes = k;
        ph.ok = true;
        qint64 startUs = std::numeric_limits<qint64>::max(), endUs = 0;
        qint64 aliveUs = 0;
        static const QRegularExpression cpuRe(QStringLiteral("cpu_ms=(\\d+)"));
        for (ProcessJob *job : jobs) {
            const QRegularExpressionMatch m = cpuRe.match(QString::fromUtf8(stdoutOf(job)));
            ph.ok = ph.ok && job->state() == ProcessJob::State::Finished && job->exitCode() == 0
                    && m.hasMatch();
            ph.cpuMs += m.captured(1).toLongLong();
            const ProcessJob::Timeline &t = job->timeline();
            const qint64 s = t.startedAtMs * 1000, e = t.startedAtMs * 1000 + t.endedNs / 1000;
            startUs = std::min(startUs, s);
            endUs = std::max(endUs, e);
            aliveUs += std::max<qint64>(0, e - s);
        }
        ph.wallMs = (endUs - startUs) / 1000;
        ph.concurrency = endUs > startUs ? double(aliveUs) / double(endUs - startUs) : 0;
        m_phases << ph;
        say(tr("%1 process(es): wall %2 ms, CPU %3 ms, CPU use %4%")
                .arg(k).arg(ph.wallMs).arg(ph.cpuMs).arg(int(ph.usage() * 100)));
        runPhase(index + 1);
    });
}

void CpuDemo::runPython()
{
    const QString python = tool(QStringLiteral("python3"));
    if (python.isEmpty()) {
        say(tr("python3 is not on the PATH: the Python part is skipped. In Python, threads run "
               "Python code one at a time (the GIL), so CPU work on threads is no faster; "
               "processes each have their own interpreter, as the helper processes above show."));
        return conclude({}, {});
    }
    m_dir = std::make_unique<QTemporaryDir>();
    const QString script = m_dir->filePath(QStringLiteral("cpu_lesson.py"));
    QFile f(script);
    if (!m_dir->isValid() || !f.open(QIODevice::WriteOnly)
        || f.write(DemoTexts::cpuPythonProgram().toUtf8()) < 0) {
        return conclude({}, tr("cannot write the Python program to %1: %2").arg(script, f.errorString()));
    }
    f.close();
    LaunchSpec spec;
    spec.name = tr("python: threads vs processes");
    spec.stdinSource.mode = StdinMode::Null;
    spec.timeoutMs = 120000;
    spec.command = {python, {script, QStringLiteral("2"), QStringLiteral("1500000")}};
    say(tr("Running our Python program: the same work serially, on 2 threads, on 2 processes ..."));
    launchAll(spec, [this](const QList<ProcessJob *> &jobs) {
        ProcessJob *job = jobs.first();
        const QByteArray out = stdoutOf(job).trimmed();
        const QJsonObject o = QJsonDocument::fromJson(out.mid(out.lastIndexOf('\n') + 1)).object();
        if (job->exitCode() != 0 || !o.contains(QLatin1String("threads_s")))
            return conclude({}, tr("the Python program failed: %1").arg(firstErrorLine(job)));
        const double serial = o.value(QLatin1String("serial_s")).toDouble();
        const double threads = o.value(QLatin1String("threads_s")).toDouble();
        const double procs = o.value(QLatin1String("processes_s")).toDouble();
        QStringList lines{tr("Python, the same work: serial %1 s, on 2 threads %2 s, on 2 processes %3 s")
                              .arg(serial, 0, 'f', 2).arg(threads, 0, 'f', 2).arg(procs, 0, 'f', 2)};
        lines << (threads > serial * 0.8
                      ? tr("Threads were no faster than serial: the GIL runs one thread at a time.")
                      : tr("Threads were faster than serial here, which the GIL normally prevents "
                           "(a free-threaded Python?)."));
        lines << (procs < threads ? tr("Processes were faster: each has its own interpreter and core.")
                                  : tr("Processes were not faster this time (a busy machine, or one core)."));
        for (const QString &l : lines)
            say(l);
        conclude(lines, {});
    });
}

void CpuDemo::conclude(const QStringList &pythonLines, const QString &pythonProblem)
{
    QStringList details;
    for (const Phase &ph : std::as_const(m_phases))
        details << tr("%1 process(es): wall %2 ms, CPU %3 ms, CPU use %4%")
                       .arg(ph.processes).arg(ph.wallMs).arg(ph.cpuMs).arg(int(ph.usage() * 100));
    details << pythonLines;
    for (const Phase &ph : std::as_const(m_phases)) {
        if (!ph.ok)
            return finish(false, tr("the %1-process run did not finish its work").arg(ph.processes),
                          details);
    }
    if (!pythonProblem.isEmpty())
        return finish(false, pythonProblem, details);
    if (m_phases.size() < 2)
        return finish(false, tr("the runs did not all take place"), details);
    const Phase &one = m_phases.at(0), &two = m_phases.at(1);
    // What the demo itself does is run the work as processes side by side: check that. How
    // much faster that is depends on free cores, which a busy machine may not have, so the
    // gain is reported (and explained) rather than required.
    for (const Phase &ph : std::as_const(m_phases)) {
        if (ph.processes > 1 && ph.concurrency < 1 + (ph.processes - 1) * MinConcurrencyShare)
            return finish(false, tr("expected the %1 processes to run side by side, but on average "
                                    "only %2 of them were running at once over %3 ms")
                                     .arg(ph.processes).arg(ph.concurrency, 0, 'f', 1).arg(ph.wallMs),
                          details);
    }
    if (QThread::idealThreadCount() >= 2) {
        if (two.usage() >= one.usage() * MinParallelGain)
            return finish(true, tr("2 processes used %1% CPU against %2% for 1; wall time %3 ms "
                                   "against %4 ms")
                                    .arg(int(two.usage() * 100)).arg(int(one.usage() * 100))
                                    .arg(two.wallMs).arg(one.wallMs),
                          details);
        return finish(true, tr("2 processes ran side by side but used %1% CPU against %2% for 1: "
                               "the other cores were busy with other programs, so they took "
                               "turns (run it again on a quieter machine to see the gain)")
                                .arg(int(two.usage() * 100)).arg(int(one.usage() * 100)),
                      details);
    }
    finish(true, tr("one core: the processes take turns, so the wall time stays the same "
                    "(%1 ms against %2 ms)").arg(two.wallMs).arg(one.wallMs), details);
}
