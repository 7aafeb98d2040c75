#include "cli/DemoCommand.h"
#include "cli/FetchCommand.h"
#include "cli/RunCommand.h"
#include "cli/StartCommand.h"
#include "cli/CliCommon.h"
#include "process/Guardian.h"
#include "system/OpenFileLimit.h"
#include "system/StandardStreams.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>
#include <cstring>

namespace {
const char kHelp[] = R"(Usage: runboard-cli COMMAND [OPTIONS] ...

Runboard's engine without a window: launch, pipe, time out and account for child processes.

Commands:
  run [OPTIONS] -- PROGRAM [ARGS...] ['|' PROGRAM [ARGS...]]...
      Run one command, or a pipeline (a lone '|' argument separates the stages), with its
      stdout and stderr passed through live. Without a --stdin-* option the command reads
      runboard-cli's own stdin. The last line on stderr sums the run up.
      --timeout SEC        stop the command after SEC seconds (decimals allowed); exit 124
      --grace SEC          time between SIGTERM and SIGKILL when stopping (default 3)
      --cwd DIR            working directory
      --env NAME=VALUE     set a variable (repeatable)
      --unset-env NAME     remove a variable (repeatable)
      --clean-env          start from an empty environment
      --stdin-text TEXT    feed TEXT, then end of file
      --stdin-file PATH    feed a file, then end of file
      --stdin-random N     feed N random bytes, then end of file
      --shell              run each stage's text through /bin/sh -c
      --measure-pipes      relay the pipes between stages through Runboard and count their
                           bytes (the JSON's stages[].bytesIntoPipe); slower for big streams
      --name NAME          name shown in the summary
      --json               print the summary as one JSON object, the last line on stdout
      --trace FILE         write the run's timeline as Trace Event Format JSON (Perfetto,
                           chrome://tracing)

  start [--json] [--no-color] [--trace FILE] SESSION.json
      Run every process of a session file at once, each output line prefixed by its name,
      with one summary line per process. Exits 0 only when every process succeeded.
      Binary output (NUL bytes, not UTF-8) is printed as a hex dump after the prefix.

  fetch [OPTIONS] (URL... | --url-file FILE)
      Fetch URLs at once on a pool of worker threads; one row per URL as it finishes
      (status, bytes, time, worker, result), then a summary (wall time, sum of request times,
      speed-up). Exits 0 only when every fetch succeeded.
      --concurrency N      requests in flight at once (default 8), on about one worker
                           thread per core
      --thread-per-request each request in flight on a worker thread of its own, as in
                           the lesson on threads for blocking I/O (more CPU)
      --sequential         one at a time (same as --concurrency 1)
      --timeout SEC        total deadline per request (default 30)
      --max-redirects N    redirect cap (default 10); HTTPS to HTTP is always refused
      --max-bytes N        abort a transfer past N body bytes (default 100 MiB)
      --head               HEAD instead of GET
      --insecure           accept TLS certificate errors (each one reported as a warning)
      --url-file FILE      one URL per line; blank lines and '#' comments are skipped
      --json               one JSON object: "results" (in completion order, each with its
                           "index"), then the summary
      --trace FILE         write one timeline row per slot (request in flight) as Trace Event Format JSON

  serve-demo [--port N]
      Serve the demo endpoints on 127.0.0.1 until stopped: /delay/<ms>, /status/<code>,
      /bytes/<n>, /redirect/<n>, /drip/<n>/<ms>. The first line names the URL.

  demo [NAME] [--trace FILE] [--json] [--helper] [--internet]
      Without NAME, list the teaching demos (parallel, pipe, timeout, threads, processes,
      buffering). With NAME, run it: what to watch, what happened, the outcome and a text
      timeline. Exits 0 only when the outcome check passes.
      --trace FILE         write the demo's timeline as Trace Event Format JSON
      --json               one JSON object: passed, reason, details, messages
      --helper             use runboard-demo-helper even where openssl, sleep, python3 exist
      --internet           threads demo: fetch the nine sites of the lesson when reachable
                           (default: nine endpoints of the local demo server)

  help, --help, -h       this text
  --version              the version

Exit status (as timeout(1)): the command's own exit code; 124 when the timeout stopped it;
128+N when signal N ended it; 126 found but not executable; 127 not found; 125 when
runboard-cli itself was used wrongly; for run and start, 141 when the reader of its stdout
went away and 1 when it cannot be written otherwise (a full disk: said on stderr); 130/143 when
runboard-cli was interrupted by SIGINT/SIGTERM (every child is stopped first: SIGTERM to its
process group, SIGKILL after the grace period; a second Ctrl-C kills at once, while the same
signal sent again at once by the same process, as timeout -s INT does to its command and then
its group, counts once).
)";
} // namespace

int main(int argc, char *argv[])
{
    StandardStreams::holdClosedOnes(); // before anything takes fd 0, 1 or 2 for its own
#ifdef SIGPIPE // Unix: a reader that went away is reported by write() as EPIPE; children
                // get SIGPIPE back. Windows has no SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
#endif
    OpenFileLimit::raiseToHardLimit(); // many concurrent fetches need many sockets
    // Before any thread exists: the guardian is forked without exec (see Guardian.h). Only for
    // the commands that start processes.
    if (argc > 1 && (std::strcmp(argv[1], "run") == 0 || std::strcmp(argv[1], "start") == 0
                     || std::strcmp(argv[1], "demo") == 0))
        Guardian::start(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("runboard-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RUNBOARD_VERSION));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        std::fputs(kHelp, stderr);
        return Cli::ExitUsage;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        std::fputs(kHelp, stdout);
        return 0;
    }
    if (command == QLatin1String("--version")) {
        std::printf("runboard-cli %s\n", RUNBOARD_VERSION);
        return 0;
    }
    if (args.contains(QLatin1String("--help")) && !args.contains(QLatin1String("--"))) {
        std::fputs(kHelp, stdout);
        return 0;
    }
    if (command == QLatin1String("run"))
        return runCommand(args);
    if (command == QLatin1String("start"))
        return startCommand(args);
    if (command == QLatin1String("fetch"))
        return fetchCommand(args);
    if (command == QLatin1String("demo"))
        return demoCommand(args);
    if (command == QLatin1String("serve-demo"))
        return serveDemoCommand(args);
    Cli::printError(QObject::tr("unknown command \"%1\" (try runboard-cli --help)").arg(command));
    return Cli::ExitUsage;
}
