#include "demo/ProcessDemos.h"

#include "process/BinaryDetector.h"
#include "process/LaunchSpec.h"
#include "process/ProcessJob.h"
#include "process/SignalNames.h"

#include <QLocale>
#include <QRandomGenerator>

#include <csignal>

namespace {

QString randomPassword()
{
    QString p;
    for (int i = 0; i < 16; ++i)
        p += QLatin1Char(char('a' + QRandomGenerator::global()->bounded(26)));
    return p;
}

QString count(int n)
{
    static const char *const words[] = {"none", "one", "two", "three", "four", "five"};
    return n >= 0 && n <= 5 ? QCoreApplication::translate("Demo", words[n]) : QString::number(n);
}

// Enc stage for demos 1 and 2: openssl where it exists, otherwise the helper.
bool encryptSpec(LaunchSpec *spec, const QString &openssl, const QString &helper)
{
    spec->environment.set = {{QStringLiteral("password"), randomPassword()}};
    spec->stdinSource.mode = StdinMode::RandomBytes;
    spec->stdinSource.randomBytes = ParallelDemo::InputBytes;
    spec->graceMs = 1000;
    spec->timeoutMs = 60000; // nothing here takes a second: a hung child is a failure
    if (!openssl.isEmpty()) {
        spec->command = {openssl, {QStringLiteral("enc"), QStringLiteral("-des3"),
                                   QStringLiteral("-pbkdf2"), QStringLiteral("-pass"),
                                   QStringLiteral("env:password")}};
        return true;
    }
    if (helper.isEmpty())
        return false;
    spec->command = {helper, {QStringLiteral("enc"), QStringLiteral("--password-env"),
                              QStringLiteral("password")}};
    return true;
}

} // namespace

void ParallelDemo::run()
{
    const QString openssl = tool(QStringLiteral("openssl"));
    const QString helperPath = openssl.isEmpty() ? fallBack(QStringLiteral("openssl")) : QString();
    if (openssl.isEmpty() && helperPath.isEmpty())
        return;
    LaunchSpec spec;
    spec.name = tr("encrypt");
    encryptSpec(&spec, openssl, helperPath);
    spec.copies = Children;
    say(tr("Starting %1 children at once: %2").arg(Children).arg(spec.commandLine()));
    for (const QString &line : spec.describe()) {
        if (line.contains(QLatin1String("password")))
            say(QStringLiteral("  ") + line); // the describe() line masks the value
    }
    launchAll(spec, [this](const QList<ProcessJob *> &jobs) {
        QStringList details;
        int good = 0;
        QString firstProblem;
        for (int i = 0; i < jobs.size(); ++i) {
            ProcessJob *job = jobs.at(i);
            const QByteArray out = stdoutOf(job);
            const bool ok = job->state() == ProcessJob::State::Finished && job->exitCode() == 0
                            && out.size() == CipherBytes;
            good += ok;
            details << tr("child %1 (PID %2): %3 bytes in, %4 bytes out, %5 ms: %6")
                           .arg(i + 1)
                           .arg(job->stages().isEmpty() ? 0 : job->stages().first().pid)
                           .arg(job->bytesStdinWritten())
                           .arg(out.size())
                           .arg(job->elapsedMs())
                           .arg(BinaryDetector::toHex(out));
            if (!ok && firstProblem.isEmpty())
                firstProblem = tr("child %1: %2 bytes, %3").arg(i + 1).arg(out.size())
                                   .arg(firstErrorLine(job));
        }
        if (good == Children)
            finish(true, tr("five %1-byte ciphertexts, as expected").arg(CipherBytes), details);
        else
            finish(false, tr("expected five %1-byte outputs, got %2 (%3)")
                              .arg(CipherBytes).arg(count(good), firstProblem),
                   details);
    });
}

void PipeDemo::run()
{
    const QString openssl = tool(QStringLiteral("openssl"));
    const QString helperPath = openssl.isEmpty() ? fallBack(QStringLiteral("openssl")) : QString();
    if (openssl.isEmpty() && helperPath.isEmpty())
        return;
    LaunchSpec spec;
    spec.name = tr("encrypt | digest");
    encryptSpec(&spec, openssl, helperPath);
    if (!openssl.isEmpty())
        spec.pipeline = {{openssl, {QStringLiteral("dgst"), QStringLiteral("-md5"),
                                    QStringLiteral("-binary")}}};
    else
        spec.pipeline = {{helperPath, {QStringLiteral("md5")}}};
    spec.copies = Pipelines;
    spec.measurePipes = true; // Runboard relays stage 1 → stage 2, to count the bytes
    say(tr("Starting %1 pipelines: %2").arg(Pipelines).arg(spec.commandLine()));
    launchAll(spec, [this](const QList<ProcessJob *> &jobs) {
        QStringList details;
        int good = 0;
        QString firstProblem;
        for (int i = 0; i < jobs.size(); ++i) {
            ProcessJob *job = jobs.at(i);
            const QByteArray out = stdoutOf(job);
            QStringList stages;
            bool stagesOk = job->stages().size() == 2;
            for (const ProcessJob::Stage &st : job->stages()) {
                const bool ended = st.state == ProcessJob::State::Finished && st.exitCode == 0;
                stagesOk = stagesOk && ended;
                stages << tr("%1 %2").arg(QFileInfo(st.command.program).fileName(),
                                          ended ? tr("exited 0")
                                                : ProcessJob::stateName(st.state));
            }
            const qint64 piped = job->stages().value(0).pipeBytes;
            const bool pipeOk = piped == ParallelDemo::CipherBytes;
            const bool ok = stagesOk && pipeOk && job->exitCode() == 0 && out.size() == DigestBytes;
            good += ok;
            details << tr("pipeline %1: %2; into stage 1: %3 bytes; stage 1 → stage 2: %4 bytes "
                          "through the pipe; out of stage 2: %5 bytes; digest %6")
                           .arg(i + 1)
                           .arg(stages.join(QStringLiteral(", ")))
                           .arg(job->bytesStdinWritten())
                           .arg(piped)
                           .arg(out.size())
                           .arg(BinaryDetector::toHex(out));
            if (!ok && firstProblem.isEmpty()) {
                firstProblem = !pipeOk && stagesOk
                                   ? tr("pipeline %1: %2 bytes through the pipe, expected %3")
                                         .arg(i + 1).arg(piped).arg(ParallelDemo::CipherBytes)
                                   : tr("pipeline %1: %2 bytes, %3").arg(i + 1).arg(out.size())
                                         .arg(firstErrorLine(job));
            }
        }
        if (good == Pipelines)
            finish(true, tr("five %1-byte digests of %2 bytes piped each, every stage exited 0")
                             .arg(DigestBytes).arg(ParallelDemo::CipherBytes),
                   details);
        else
            finish(false, tr("expected five %1-byte digests, got %2 (%3)")
                              .arg(DigestBytes).arg(count(good), firstProblem),
                   details);
    });
}

void TimeoutDemo::run()
{
    LaunchSpec spec;
    spec.name = tr("sleep 10");
    spec.stdinSource.mode = StdinMode::Null;
    spec.timeoutMs = TimeoutMs;
    spec.graceMs = 2000;
    if (const QString sleep = tool(QStringLiteral("sleep")); !sleep.isEmpty()) {
        spec.command = {sleep, {QStringLiteral("10")}};
    } else {
        const QString h = fallBack(QStringLiteral("sleep"));
        if (h.isEmpty())
            return;
        spec.command = {h, {QStringLiteral("sleep"), QStringLiteral("10000")}};
    }
    say(tr("Starting %1 with a timeout of %2 s").arg(spec.commandLine()).arg(TimeoutMs / 1000.0));
    launchAll(spec, [this](const QList<ProcessJob *> &jobs) {
        ProcessJob *job = jobs.first();
        const ProcessJob::Timeline &t = job->timeline();
        const qint64 endedMs = t.endedNs / 1000000;
        const qint64 signalledMs = t.signalledNs >= 0 ? t.signalledNs / 1000000 : -1;
#ifdef SIGTERM
        const int term = SIGTERM;
#else
        const int term = 15;
#endif
        const int signal = job->exitSignal();
        QStringList details;
        details << tr("signal sent after %1 ms, child ended after %2 ms").arg(signalledMs).arg(endedMs);
        if (signal > 0)
            details << tr("In Python's words: exit status -%1 (ended by %2)")
                           .arg(signal).arg(SignalNames::name(signal));
        details << tr("In Runboard's words: %1, %2, shell status %3")
                       .arg(ProcessJob::stateName(job->state()),
                            signal > 0 ? SignalNames::name(signal) : job->resultText())
                       .arg(job->shellExitStatus());
        if (job->state() != ProcessJob::State::TimedOut)
            return finish(false, tr("expected the timeout to stop it, but it %1")
                                     .arg(job->resultText()), details);
        // The helper on Windows ends by TerminateProcess, not a signal: the status says it.
        if (signal != term && signal > 0)
            return finish(false, tr("expected SIGTERM to end it, got %1").arg(SignalNames::name(signal)),
                          details);
        if (job->shellExitStatus() != 124)
            return finish(false, tr("expected shell status 124, got %1").arg(job->shellExitStatus()),
                          details);
        if (endedMs > WithinMs)
            return finish(false, tr("expected it stopped within %1 ms, it took %2 ms")
                                     .arg(WithinMs).arg(endedMs), details);
        finish(true, tr("stopped by SIGTERM after %1 ms: exit status -15 in Python, 124 in a shell")
                         .arg(endedMs), details);
    });
}

void BufferingDemo::run()
{
    m_unbuffered = m_buffered = -1;
    LaunchSpec unbuffered;
    unbuffered.stdinSource.mode = StdinMode::Null;
    unbuffered.timeoutMs = 60000;
    LaunchSpec buffered = unbuffered;
    unbuffered.name = tr("block-buffered (a pipe, no flush)");
    buffered.name = tr("line-buffered");
    // Whatever the user's environment says, the first child must buffer as Python does.
    unbuffered.environment.unset = {QStringLiteral("PYTHONUNBUFFERED")};
    if (const QString python = tool(QStringLiteral("python3")); !python.isEmpty()) {
        unbuffered.command = {python, {QStringLiteral("-c"), DemoTexts::tickerPythonProgram()}};
        buffered.command = unbuffered.command;
        buffered.environment.set = {{QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1")}};
        say(tr("Two Python children print a line every %1 ms; the second runs with "
               "PYTHONUNBUFFERED=1.").arg(IntervalMs));
    } else {
        const QString h = fallBack(QStringLiteral("python3"));
        if (h.isEmpty())
            return;
        const QStringList args{QStringLiteral("ticker"), QStringLiteral("--lines"),
                               QString::number(Lines), QStringLiteral("--interval-ms"),
                               QString::number(IntervalMs)};
        unbuffered.command = {h, args};
        if (const QString stdbuf = tool(QStringLiteral("stdbuf")); !stdbuf.isEmpty()) {
            buffered.command = {stdbuf, QStringList{QStringLiteral("-oL"), QStringLiteral("-eL"), h} + args};
            say(tr("The second child runs under stdbuf -oL -eL."));
        } else {
            buffered.command = {h, args + QStringList{QStringLiteral("--line-buffered")}};
            say(tr("The second child asks for line buffering itself (setvbuf)."));
        }
    }
    auto results = std::make_shared<QList<ProcessJob *>>();
    auto check = [this, results] {
        if (results->size() < 2)
            return;
        // How long before the child's own end its first line arrived. The child prints for
        // (Lines - 1) * IntervalMs: a live first line comes about that long before the end, a
        // buffered one in the burst at the end. Half of it separates the two, whatever the load.
        auto leadMs = [](ProcessJob *job) {
            const ProcessJob::Timeline &t = job->timeline();
            if (t.firstOutputNs < 0 || t.endedNs <= 0)
                return qint64(-1);
            return (t.endedNs - t.firstOutputNs) / 1000000;
        };
        auto fraction = [](ProcessJob *job) {
            const ProcessJob::Timeline &t = job->timeline();
            return t.firstOutputNs < 0 || t.endedNs <= 0 ? -1.0
                                                         : double(t.firstOutputNs) / double(t.endedNs);
        };
        ProcessJob *u = results->at(0), *b = results->at(1);
        m_unbuffered = fraction(u);
        m_buffered = fraction(b);
        const qint64 threshold = (Lines - 1) * IntervalMs / 2;
        QStringList details;
        for (ProcessJob *job : {u, b}) {
            details << tr("%1: first line after %2 ms, %3 ms before the child ended (after %4 ms), %5 lines")
                           .arg(job->name())
                           .arg(job->timeline().firstOutputNs / 1000000)
                           .arg(leadMs(job))
                           .arg(job->timeline().endedNs / 1000000)
                           .arg(QString::fromUtf8(stdoutOf(job)).count(QLatin1Char('\n')));
        }
        for (ProcessJob *job : {u, b}) {
            if (job->state() != ProcessJob::State::Finished || job->exitCode() != 0)
                return finish(false, tr("%1 did not end well: %2").arg(job->name(), firstErrorLine(job)),
                              details);
            if (QString::fromUtf8(stdoutOf(job)).count(QLatin1Char('\n')) != Lines)
                return finish(false, tr("%1: expected %2 lines").arg(job->name()).arg(Lines), details);
        }
        if (leadMs(u) >= threshold)
            return finish(false, tr("expected the block-buffered child's first line in the burst "
                                    "at its end, it came %1 ms before the end").arg(leadMs(u)),
                          details);
        if (leadMs(b) < threshold)
            return finish(false, tr("expected the line-buffered child's first line to arrive live, "
                                    "it came only %1 ms before the end").arg(leadMs(b)),
                          details);
        finish(true, tr("block-buffered: first line %1 ms before the end (one burst); "
                        "line-buffered: %2 ms before the end (live)")
                         .arg(leadMs(u)).arg(leadMs(b)), details);
    };
    recorder()->setLineMarks(true);
    launchAll(unbuffered, [results, check](const QList<ProcessJob *> &jobs) {
        results->prepend(jobs.first());
        check();
    });
    launchAll(buffered, [results, check](const QList<ProcessJob *> &jobs) {
        results->append(jobs.first());
        check();
    });
}
