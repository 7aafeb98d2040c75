// bench_window — the real main window, offscreen, under load. Prints one line per figure and,
// last, one JSON object:
//
//   view_vs_naive        bytes/s of `seq 1 20000000` shown live in the output view / bytes/s of
//                        a naive QPlainTextEdit::appendPlainText reader, same run
//   view_max_gap_ms      largest event-loop gap while the view showed it
//   window_lines_vs_cat  bytes/s of that view / bytes/s of `seq 1 20000000 | cat > /dev/null`
//                        (best of 3 each, interleaved)
//   chatty_max_gap_ms    largest gap while 20 children write at full speed for 10 s (last run)
//   chatty_p99_vs_bare   p99 gap with the board / p99 gap of a bare reader (20 QProcess, no window)
//   chatty_max_gap_ms_worst, chatty_p99_vs_bare_worst   the worst of 5 such runs (each with its
//                        own bare-reader run just before)
//   chatty_peak_rss_mb   peak RSS of this process during the chatty run
//   bytes_lost           bytes the 20 children wrote minus the bytes counted (must be 0)
//   idle_cpu_percent     CPU used over 10 s with 20 finished children on the board
//   startup_ms           spawn of `runboard` to its first painted window (median of 5)
//   idle_rss_mb          RSS of `runboard` idle after start
//   board1000_start_ms   1,000 children on the board (900 sleeping, 100 printing 1,000 lines/s
//                        each, CPU and memory sampling on): Start All to all 1,000 running
//   board1000_max_gap_ms largest event-loop gap while starting, running, sorting by CPU,
//                        filtering and Stop All
//   board1000_max_gap_on_cpu_ms, _waiting_ms, _other_ms   where that gap went, from the GUI
//                        thread's own account: on a CPU, waiting for one, neither (asleep past
//                        the deadline, or the host's steal); _run_host_steal_ms: all the host
//                        took from this machine's CPUs during the run (chatty_max_gap_worst_*:
//                        the same for the worst chatty run's gap)
//   board1000_rss_mb     peak RSS of this process (whole) during it
//   board1000_stop_ms    Stop All to all ended, no process of theirs left (grace is 3,000 ms)
//   cli1000_start_ms, cli1000_stop_ms   the same 1,000 through `runboard-cli start SESSION`:
//                        its start to 1,000 children, and Ctrl-C (SIGINT) to its exit, nothing left
//
// A run in which anything timed failed (a child that did not end well or did not report its
// count, a byte lost, a start-up that did not report) prints why and exits 1 without the JSON.
#include "BenchUtil.h"
#include "MainWindow.h"
#include "OutputPane.h"
#include "OutputView.h"
#include "process/ProcessSupervisor.h"
#include "process/ProcessListModel.h"
#include "system/OpenFileLimit.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTreeView>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <signal.h>
#include <sys/resource.h>
#include <vector>

namespace {
constexpr int Chatty = 20;
bool g_failed = false;

void fail(const QString &why)
{
    g_failed = true;
    std::fprintf(stderr, "bench_window: FAILED: %s\n", qPrintable(why));
}
constexpr int ChattyMs = 10000;

using BenchUtil::Heartbeat;

// The account of a heartbeat's largest gap, as <prefix>_on_cpu_ms, _waiting_ms, _other_ms
// (neither: asleep past the deadline, or the host's steal), and the host's steal meanwhile.
void addAccount(QJsonObject &out, const QString &prefix, const Heartbeat &heart)
{
    out[prefix + QLatin1String("_on_cpu_ms")] = heart.largest().onCpuMs;
    out[prefix + QLatin1String("_waiting_ms")] = heart.largest().waitingMs;
    out[prefix + QLatin1String("_other_ms")] = heart.largest().otherMs();
    if (heart.hostStealMs() >= 0)
        out[prefix + QLatin1String("_run_host_steal_ms")] = heart.hostStealMs();
}

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double cpuSeconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

qint64 monotonicNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

double naiveBytesPerSecond()
{
    QPlainTextEdit edit;
    edit.resize(800, 600);
    edit.show();
    QProcess p;
    qint64 bytes = 0;
    QObject::connect(&p, &QProcess::readyReadStandardOutput, [&] {
        const QByteArray d = p.readAllStandardOutput();
        bytes += d.size();
        edit.appendPlainText(QString::fromUtf8(d));
    });
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("seq"), {QStringLiteral("1"), QStringLiteral("20000000")});
    runFor(3000);
    const double secs = t.nsecsElapsed() / 1e9;
    p.kill();
    p.waitForFinished();
    return bytes / secs;
}

// Runs the loop until done() holds (checked every 10 ms) or timeoutMs passes; false on timeout.
template <typename Done>
bool runUntil(Done done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start(10);
    if (!done())
        loop.exec();
    return done();
}

int countInState(const QList<ProcessJob *> &jobs, ProcessJob::State state)
{
    return int(std::count_if(jobs.begin(), jobs.end(), [state](ProcessJob *j) { return j->state() == state; }));
}

// A thousand children on the real window: 900 asleep, 100 writing 1,000 lines a second.
constexpr int Sleepers = 900, Writers = 100; // the board of a thousand, and the CLI's

void board1000(QJsonObject &out)
{
    constexpr int RunMs = 4000;
    MainWindow w;
    w.setConfirmQuit(false);
    w.show();
    runFor(300);
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5"); // VmHWM from here
    clear.close();
    LaunchSpec sleeper;
    sleeper.name = QStringLiteral("sleeper");
    sleeper.command = {QStringLiteral(RB_HELPER), {QStringLiteral("sleep"), QStringLiteral("600000")}};
    sleeper.stdinSource.mode = StdinMode::Null;
    sleeper.copies = Sleepers / 4; // a spec has at most LaunchSpec::MaxCopies (256) copies
    LaunchSpec writer = sleeper;
    writer.name = QStringLiteral("writer");
    writer.command = {QStringLiteral(RB_HELPER),
                      {QStringLiteral("lines-per-second"), QStringLiteral("1000"), QStringLiteral("600000")}};
    writer.copies = Writers;
    ProcessSupervisor *supervisor = w.supervisor();
    QList<ProcessJob *> jobs;
    for (int i = 0; i < 4; ++i)
        jobs += supervisor->launch(sleeper, false);
    jobs += supervisor->launch(writer, false);
    if (jobs.size() != Sleepers + Writers) {
        fail(QStringLiteral("board1000: %1 jobs on the board, not %2").arg(jobs.size()).arg(Sleepers + Writers));
        return;
    }
    runFor(300);
    Heartbeat heart;
    QStringList phases;
    // With RB_BENCH_DEBUG set, how long each of these calls holds the thread by itself.
    const auto timed = [&](const char *what, const std::function<void()> &act) {
        phases << QStringLiteral("%1 %2 s").arg(QLatin1String(what)).arg(heart.secondsSinceStart(), 0, 'f', 2);
        QElapsedTimer call;
        call.start();
        act();
        if (qEnvironmentVariableIsSet("RB_BENCH_DEBUG"))
            std::printf("  %s: %.1f ms in the call\n", what, call.nsecsElapsed() / 1e6);
    };
    heart.start();
    QElapsedTimer t;
    t.start();
    timed("Start All", [&] { supervisor->startAll(); });
    const bool allRunning = runUntil([&] { return countInState(jobs, ProcessJob::State::Running) == Sleepers + Writers; }, 60000);
    const double startMs = t.nsecsElapsed() / 1e6;
    phases << QStringLiteral("all running %1 s").arg(heart.secondsSinceStart(), 0, 'f', 2);
    if (!allRunning) {
        QString other;
        for (ProcessJob *job : std::as_const(jobs)) {
            if (job->state() != ProcessJob::State::Running) {
                other = QStringLiteral("%1: %2").arg(job->name(), job->resultText());
                break;
            }
        }
        fail(QStringLiteral("board1000: only %1 of %2 children running after 60 s (%3 not started; first other: %4)")
                 .arg(countInState(jobs, ProcessJob::State::Running)).arg(Sleepers + Writers)
                 .arg(countInState(jobs, ProcessJob::State::NotStarted)).arg(other));
    }
    runFor(RunMs);
    // Sort by CPU (both ways), filter, clear the filter: what a user does with a full board.
    auto *table = w.findChild<QTreeView *>(QStringLiteral("processTable"));
    auto *filter = w.findChild<QLineEdit *>(QStringLiteral("processFilter"));
    if (!table || !filter) {
        fail(QStringLiteral("board1000: no process table or filter"));
        return;
    }
    timed("sort by CPU, descending", [&] { table->sortByColumn(ProcessListModel::Cpu, Qt::DescendingOrder); });
    runFor(1500);
    timed("sort by CPU, ascending", [&] { table->sortByColumn(ProcessListModel::Cpu, Qt::AscendingOrder); });
    runFor(500);
    timed("filter", [&] { filter->setText(QStringLiteral("writer")); });
    runFor(1500);
    timed("clear the filter", [&] { filter->clear(); });
    runFor(500);
    if (qEnvironmentVariableIsSet("RB_BENCH_REPAINT")) { // (a gap of its own: not in the figures' runs)
        timed("repaint the table, 10 times", [&] {
            for (int i = 0; i < 10; ++i)
                table->viewport()->repaint();
        });
        runFor(200);
    }
    QList<qint64> pids;
    for (ProcessJob *job : std::as_const(jobs))
        for (const ProcessJob::Stage &st : job->stages())
            pids << st.pid;
    QElapsedTimer stop;
    stop.start();
    timed("Stop All", [&] { supervisor->stopAll(); });
    const bool allEnded = runUntil([&] { return supervisor->activeCount() == 0; }, 60000);
    const double stopMs = stop.nsecsElapsed() / 1e6;
    heart.stop();
    const double peakMb = BenchUtil::statusKb("VmHWM:") / 1024.0;
    int left = 0;
    for (qint64 pid : std::as_const(pids))
        if (pid > 0 && ::kill(pid_t(pid), 0) == 0)
            ++left; // (a zombie would count too: the supervisor reaps its children)
    if (!allEnded)
        fail(QStringLiteral("board1000: %1 children still active 60 s after Stop All").arg(supervisor->activeCount()));
    if (left > 0)
        fail(QStringLiteral("board1000: %1 processes left after Stop All").arg(left));
    std::printf("board1000: %d children (%d sleeping, %d writing 1,000 lines/s): Start All to all running "
                "%.0f ms, Stop All to all ended %.0f ms, largest gap %.1f ms (p99 %.2f ms), peak RSS %.0f MB\n",
                Sleepers + Writers, Sleepers, Writers, startMs, stopMs, heart.max(), heart.p99(), peakMb);
    std::printf("board1000: %s; %s\n", qPrintable(heart.accountText()), qPrintable(phases.join(QLatin1String(", "))));
    out[QLatin1String("board1000_start_ms")] = startMs;
    out[QLatin1String("board1000_max_gap_ms")] = heart.max();
    addAccount(out, QStringLiteral("board1000_max_gap"), heart);
    out[QLatin1String("board1000_rss_mb")] = peakMb;
    out[QLatin1String("board1000_stop_ms")] = stopMs;
}
// The same 1,000 children through `runboard-cli start`: no window, the CLI's own pacing.
void cli1000(QJsonObject &out)
{
    QTemporaryDir dir;
    QJsonArray processes;
    const auto entry = [](const QString &name, const QStringList &args, int copies) {
        return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("program"), QStringLiteral(RB_HELPER)},
                           {QStringLiteral("arguments"), QJsonArray::fromStringList(args)},
                           {QStringLiteral("copies"), copies}};
    };
    for (int i = 0; i < 4; ++i)
        processes.append(entry(QStringLiteral("sleeper"), {QStringLiteral("sleep"), QStringLiteral("600000")}, Sleepers / 4));
    processes.append(entry(QStringLiteral("writer"),
                           {QStringLiteral("lines-per-second"), QStringLiteral("1000"), QStringLiteral("600000")}, Writers));
    const QString session = dir.filePath(QStringLiteral("board1000.runboard.json"));
    QFile f(session);
    if (!dir.isValid() || !f.open(QIODevice::WriteOnly)
        || f.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("processes"), processes}})
                       .toJson()) < 0) {
        fail(QStringLiteral("cli1000: cannot write the session file"));
        return;
    }
    f.close();
    QProcess cli;
    cli.setStandardOutputFile(QProcess::nullDevice());
    cli.setStandardErrorFile(dir.filePath(QStringLiteral("stderr.txt"))); // never blocks it
    QElapsedTimer t;
    t.start();
    cli.start(QStringLiteral(RB_CLI), {QStringLiteral("start"), session});
    if (!cli.waitForStarted(20000)) {
        fail(QStringLiteral("cli1000: runboard-cli did not start: %1").arg(cli.errorString()));
        return;
    }
    // Its children, the guardian left out. Each PID's name is looked at once: reading a
    // thousand names every 10 ms took a core from the program measured.
    const qint64 cliPid = cli.processId();
    QHash<QByteArray, bool> isGuardian;
    const auto children = [cliPid, &isGuardian] {
        QList<qint64> pids;
        // Every thread's list: queued starts are launched by the launcher thread.
        QByteArray all;
        const QDir tasks(QStringLiteral("/proc/%1/task").arg(cliPid));
        for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile list(tasks.filePath(tid + QStringLiteral("/children")));
            if (list.open(QIODevice::ReadOnly))
                all += list.readAll() + ' ';
        }
        {
            for (const QByteArray &pid : all.simplified().split(' ')) {
                if (pid.isEmpty())
                    continue;
                auto known = isGuardian.constFind(pid);
                if (known == isGuardian.constEnd()) {
                    QFile comm(QStringLiteral("/proc/%1/comm").arg(QString::fromLatin1(pid)));
                    if (!comm.open(QIODevice::ReadOnly))
                        continue;
                    // Named after exec; before it, a child still has runboard-cli's name.
                    const QByteArray name = comm.readAll().trimmed();
                    if (name == "runboard-cli")
                        continue;
                    known = isGuardian.insert(pid, name == "rb-guardian");
                }
                if (!known.value())
                    pids << pid.toLongLong();
            }
        }
        return pids;
    };
    QList<qint64> pids;
    const bool allRunning = runUntil([&] { return (pids = children()).size() >= Sleepers + Writers; }, 60000);
    const double startMs = t.nsecsElapsed() / 1e6;
    runFor(2000);
    QElapsedTimer stop;
    stop.start();
    ::kill(pid_t(cliPid), SIGINT);
    const bool ended = cli.waitForFinished(60000);
    const double stopMs = stop.nsecsElapsed() / 1e6;
    runFor(200); // the guardian's last look
    int left = 0;
    for (qint64 pid : std::as_const(pids)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        const QByteArray s = stat.open(QIODevice::ReadOnly) ? stat.readAll() : QByteArray();
        if (!s.isEmpty() && s.mid(s.lastIndexOf(')') + 2, 1) != "Z")
            ++left;
    }
    if (!allRunning)
        fail(QStringLiteral("cli1000: %1 of %2 children after 60 s").arg(pids.size()).arg(Sleepers + Writers));
    if (!ended || cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 130)
        fail(QStringLiteral("cli1000: runboard-cli did not end with status 130 after SIGINT (ended: %1, status %2)")
                 .arg(ended).arg(cli.exitCode()));
    if (left > 0)
        fail(QStringLiteral("cli1000: %1 processes left after SIGINT").arg(left));
    if (!ended)
        cli.kill();
    std::printf("cli1000: the same through runboard-cli start: start to %d children %.0f ms, SIGINT to exit %.0f ms, "
                "%d left\n", int(pids.size()), startMs, stopMs, left);
    out[QLatin1String("cli1000_start_ms")] = startMs;
    out[QLatin1String("cli1000_stop_ms")] = stopMs;
}
} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // As the program does, before any thread: 1,000 children hold 5,000 descriptors.
    OpenFileLimit::raiseToHardLimit();
    QApplication app(argc, argv);
    QJsonObject out;
    Heartbeat heart;
    if (qEnvironmentVariableIsSet("RB_BENCH_BOARD_ONLY")) {
        // For work on the board: that scenario alone, no JSON.
        board1000(out);
        cli1000(out);
        return g_failed ? 1 : 0;
    }

    // 1. The output view against a naive text edit. RB_BENCH_VIEW_ONLY: the view against cat
    // alone (for work on the view), no JSON.
    // RB_BENCH_CHATTY_ONLY: the chatty runs alone (for work on the gaps), no JSON.
    const bool viewOnly = qEnvironmentVariableIsSet("RB_BENCH_VIEW_ONLY");
    const bool chattyOnly = qEnvironmentVariableIsSet("RB_BENCH_CHATTY_ONLY");
    const double naive = viewOnly || chattyOnly ? 0 : naiveBytesPerSecond();
    double viewRate = 0, viewGap = 0, catMs = 1e100;
    qint64 seqBytes = 0;
    for (int round = 0; round < (chattyOnly ? 0 : 3); ++round) {
        // The limit: the same output read (and written) by cat, best of 3 interleaved.
        const BenchUtil::ProcessRun cat = BenchUtil::runProcess(
            QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("seq 1 20000000 | cat > /dev/null")});
        if (!cat.ok)
            fail(QStringLiteral("seq | cat: %1").arg(cat.error));
        else
            catMs = std::min(catMs, cat.wallMs);
        MainWindow w;
        w.setConfirmQuit(false);
        w.show();
        runFor(300);
        LaunchSpec spec;
        spec.command = {QStringLiteral("seq"), {QStringLiteral("1"), QStringLiteral("20000000")}};
        spec.stdinSource.mode = StdinMode::Null;
        QEventLoop loop;
        heart.start();
        QElapsedTimer t;
        t.start();
        ProcessJob *job = w.supervisor()->launch(spec).first();
        w.selectJob(job);
        QObject::connect(job, &ProcessJob::done, &loop, &QEventLoop::quit);
        loop.exec();
        runFor(50); // the last frame
        heart.stop();
        const double rate = job->bytesStdout() / (t.nsecsElapsed() / 1e9);
        viewRate = std::max(viewRate, rate);
        seqBytes = job->bytesStdout();
        if (job->state() != ProcessJob::State::Finished || job->exitCode() != 0)
            fail(QStringLiteral("seq in the window: %1").arg(job->resultText()));
        viewGap = std::max(viewGap, heart.max());
        const QStringList shown = w.outputPane()->view()->visibleTexts();
        std::printf("view: %.1f MB/s (naive QPlainTextEdit %.2f MB/s), largest gap %.1f ms, last line shown \"%s\"\n",
                    rate / 1e6, naive / 1e6, heart.max(),
                    qPrintable(shown.size() > 1 ? shown.at(shown.size() - 2) : QString()));
    }
    if (!chattyOnly) {
        const double catRate = seqBytes / (catMs / 1e3);
        std::printf("window vs cat: the window showed seq 1 20000000 at %.1f MB/s, `seq | cat > /dev/null` "
                    "ran at %.1f MB/s (best of 3 each)\n", viewRate / 1e6, catRate / 1e6);
        if (viewOnly)
            return g_failed ? 1 : 0;
        out[QLatin1String("view_vs_naive")] = viewRate / naive;
        out[QLatin1String("view_max_gap_ms")] = viewGap;
        out[QLatin1String("window_lines_vs_cat")] = viewRate / catRate;

        // 1 bis. A thousand children on the board (before the chatty runs, whose memory the
        // allocator keeps: the peak RSS is this scenario's own), then the same through the CLI.
        board1000(out);
        cli1000(out);
    }

    // 2. Twenty chatty children: a bare reader first, then the board.
    const QStringList chattyArgs{QStringLiteral("yes-for"), QString::number(ChattyMs)};
    constexpr int ChattyRuns = 5; // the worst of five: one good run proves little here
    // The bare reader's own largest gap says what the machine alone does to a loop (a host
    // that takes the CPU away for 20 ms shows in both).
    double idleCpu = 0, worstGap = 0, worstRatio = 0, worstBareGap = 0;
    for (int run = 0; run < ChattyRuns; ++run) {
        double bareP99 = 0;
        {
            std::vector<std::unique_ptr<QProcess>> procs;
            int finished = 0;
            QEventLoop loop;
            heart.start();
            for (int i = 0; i < Chatty; ++i) {
                procs.push_back(std::make_unique<QProcess>());
                QProcess *p = procs.back().get();
                QObject::connect(p, &QProcess::readyReadStandardOutput, [p] { p->readAllStandardOutput(); });
                QObject::connect(p, &QProcess::finished, [&, p] {
                    if (p->exitStatus() != QProcess::NormalExit || p->exitCode() != 0)
                        fail(QStringLiteral("a bare chatty child ended badly"));
                    if (++finished == Chatty)
                        loop.quit();
                });
                p->start(QStringLiteral(RB_HELPER), chattyArgs);
            }
            loop.exec();
            heart.stop();
            bareP99 = heart.p99();
            worstBareGap = std::max(worstBareGap, heart.max());
            std::printf("bare reader: 20 QProcess children for %d s, p99 gap %.2f ms, largest %.1f ms\n",
                        ChattyMs / 1000, bareP99, heart.max());
        }
        {
            MainWindow w;
            w.setConfirmQuit(false);
            w.show();
            runFor(300);
            QFile clear(QStringLiteral("/proc/self/clear_refs"));
            if (clear.open(QIODevice::WriteOnly))
                clear.write("5");
            clear.close();
            LaunchSpec spec;
            spec.command = {QStringLiteral(RB_HELPER), chattyArgs};
            spec.stdinSource.mode = StdinMode::Null;
            spec.copies = Chatty;
            QEventLoop loop;
            QObject::connect(w.supervisor(), &ProcessSupervisor::allStopped, &loop, &QEventLoop::quit);
            heart.start();
            QElapsedTimer launchTime;
            launchTime.start();
            const QList<ProcessJob *> jobs = w.supervisor()->launch(spec, false);
            const double addMs = launchTime.nsecsElapsed() / 1e6;
            w.supervisor()->startAll();
            const double launchMs = launchTime.nsecsElapsed() / 1e6;
            if (qEnvironmentVariableIsSet("RB_BENCH_DEBUG"))
                std::printf("  adding 20 jobs %.1f ms\n", addMs);
            w.selectJob(jobs.first());
            if (qEnvironmentVariableIsSet("RB_BENCH_DEBUG"))
                std::printf("  launch() %.1f ms, with selection %.1f ms, RSS before %.0f MB\n", launchMs,
                            launchTime.nsecsElapsed() / 1e6, BenchUtil::statusKb("VmRSS:") / 1024.0);
            loop.exec();
            heart.stop();
            const double peakMb = BenchUtil::statusKb("VmHWM:") / 1024.0;
            qint64 wrote = 0, counted = 0;
            int reported = 0;
            for (ProcessJob *job : jobs) {
                counted += job->bytesStdout();
                if (job->state() != ProcessJob::State::Finished || job->exitCode() != 0)
                    fail(QStringLiteral("chatty child %1: %2").arg(job->name(), job->resultText()));
                // The child's own count, its last line on stderr.
                const OutputLog *log = job->log();
                for (qint64 n = log->endLine() - 1; n >= log->firstLine(); --n) {
                    const OutputLog::Line l = log->line(n);
                    if (l.stream == OutputLog::Stderr && l.text.startsWith(QLatin1String("wrote "))) {
                        wrote += l.text.mid(6).toLongLong();
                        ++reported;
                        break;
                    }
                }
            }
            if (reported != Chatty)
                fail(QStringLiteral("only %1 of %2 chatty children reported their count").arg(reported).arg(Chatty));
            if (wrote != counted)
                fail(QStringLiteral("%1 bytes written, %2 counted").arg(wrote).arg(counted));
            std::printf("board: 20 children for %d s, p99 gap %.2f ms, largest %.1f ms, peak RSS %.0f MB, "
                        "%lld bytes written, %lld counted\n", ChattyMs / 1000, heart.p99(), heart.max(),
                        peakMb, wrote, counted);
            out[QLatin1String("chatty_max_gap_ms")] = heart.max();
            out[QLatin1String("chatty_p99_vs_bare")] = bareP99 > 0 ? heart.p99() / bareP99 : QJsonValue();
            out[QLatin1String("chatty_p99_ms")] = heart.p99();
            out[QLatin1String("bare_p99_ms")] = bareP99;
            out[QLatin1String("chatty_peak_rss_mb")] = peakMb;
            out[QLatin1String("bytes_lost")] = std::max(out.value(QLatin1String("bytes_lost")).toDouble(),
                                                        double(wrote - counted));
            std::printf("board: %s\n", qPrintable(heart.accountText()));
            if (heart.max() > worstGap)
                addAccount(out, QStringLiteral("chatty_max_gap_worst"), heart);
            worstGap = std::max(worstGap, heart.max());
            if (bareP99 > 0)
                worstRatio = std::max(worstRatio, heart.p99() / bareP99);
            if (run < ChattyRuns - 1)
                continue;

            // 3. Idle with the 20 finished children on the board.
            runFor(1000); // let the last repaints and deferred deletions happen
            const double cpu0 = cpuSeconds();
            runFor(10000);
            idleCpu = (cpuSeconds() - cpu0) / 10.0 * 100.0;
            std::printf("idle: %.2f %% CPU over 10 s with %d finished children on the board\n", idleCpu, Chatty);
        }
    }
    std::printf("chatty, worst of %d runs: largest gap %.1f ms, p99 %.2f x the bare reader's; the bare "
                "reader's own largest gap %.1f ms\n", ChattyRuns, worstGap, worstRatio, worstBareGap);
    if (chattyOnly)
        return g_failed ? 1 : 0;
    out[QLatin1String("chatty_max_gap_ms_worst")] = worstGap;
    out[QLatin1String("chatty_p99_vs_bare_worst")] = worstRatio;
    out[QLatin1String("bare_max_gap_ms_worst")] = worstBareGap;
    out[QLatin1String("idle_cpu_percent")] = idleCpu;

    // 4. Cold start of the real program.
    std::vector<double> starts;
    double idleRss = 0;
    for (int i = 0; i < 5; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("RUNBOARD_STARTUP_PROBE"), QStringLiteral("1"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        p.setProcessEnvironment(env);
        const qint64 spawned = monotonicNs();
        p.start(QStringLiteral(RB_GUI), QStringList());
        p.waitForFinished(30000);
        for (const QByteArray &l : p.readAllStandardOutput().split('\n')) {
            if (l.startsWith("first-paint-monotonic-ns "))
                starts.push_back((l.mid(25).toLongLong() - spawned) / 1e6);
            if (l.startsWith("idle-rss-kb "))
                idleRss = std::max(idleRss, l.mid(12).toLongLong() / 1024.0);
        }
    }
    if (starts.size() != 5)
        fail(QStringLiteral("only %1 of 5 start-ups reported their first paint").arg(starts.size()));
    std::sort(starts.begin(), starts.end());
    const double startup = starts.empty() ? -1 : starts[starts.size() / 2];
    std::printf("startup: spawn to first paint %.0f ms (median of %zu), idle RSS %.1f MB\n", startup,
                starts.size(), idleRss);
    out[QLatin1String("startup_ms")] = startup;
    out[QLatin1String("idle_rss_mb")] = idleRss;
    if (g_failed) {
        std::fprintf(stderr, "bench_window: a timed run failed; no figures are reported\n");
        return 1;
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
