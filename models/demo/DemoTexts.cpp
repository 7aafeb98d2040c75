#include "demo/DemoTexts.h"

#include <QCoreApplication>

namespace {
// The texts are marked with QT_TRANSLATE_NOOP for lupdate and translated here.
QString t(const char *text)
{
    return QCoreApplication::translate("DemoTexts", text);
}

DemoInfo parallel()
{
    return {QStringLiteral("parallel"), t(QT_TRANSLATE_NOOP("DemoTexts", "Parallel children")),
            t(QT_TRANSLATE_NOOP("DemoTexts", "Five openssl children start at once, each fed 100 random bytes on stdin, the "
              "password passed in the environment (shown masked). Watch the five bars overlap "
              "on the timeline: the children run side by side. Each ends with a 120-byte "
              "ciphertext.")),
            QStringLiteral(R"RB(import os, subprocess

def encrypt(data):
    env = dict(os.environ, password="correct horse")
    proc = subprocess.Popen(
        ["openssl", "enc", "-des3", "-pbkdf2", "-pass", "env:password"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    proc.stdin.write(data)
    proc.stdin.close()
    return proc

procs = [encrypt(os.urandom(100)) for _ in range(5)]  # all five run now
for proc in procs:
    out = proc.stdout.read()
    proc.wait()
    print(len(out), out.hex())  # 120 bytes each
)RB"),
            QStringLiteral(R"RB(auto randomBytes = [](int n) {
    QByteArray b(n, Qt::Uninitialized);
    for (char &c : b)
        c = char(QRandomGenerator::global()->generate());
    return b;
};
QList<QProcess *> procs;
for (int i = 0; i < 5; ++i) {
    auto *p = new QProcess(this);
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("password", "correct horse");
    p->setProcessEnvironment(env);
    p->start("openssl", {"enc", "-des3", "-pbkdf2", "-pass", "env:password"});
    p->write(randomBytes(100));
    p->closeWriteChannel();
    procs << p;                                 // all five run now
}
for (QProcess *p : procs)
    connect(p, &QProcess::finished, p, [p] {
        const QByteArray out = p->readAllStandardOutput();
        qDebug() << out.size() << out.toHex();  // 120 bytes each
    });
)RB")};
}

DemoInfo pipe()
{
    return {QStringLiteral("pipe"), t(QT_TRANSLATE_NOOP("DemoTexts", "A pipe between children")),
            t(QT_TRANSLATE_NOOP("DemoTexts", "Five pipelines: openssl enc writes into openssl dgst through a pipe. Runboard "
              "relays that pipe here to count what goes through it (120 bytes of ciphertext each; "
              "the Stdout column of stage 1), where Python's pipe goes straight from child to "
              "child. Watch both stages of each pipeline on the timeline: the digest stage waits "
              "for the end of its input. Each pipeline ends with a 16-byte MD5 digest.")),
            QStringLiteral(R"RB(import os, subprocess

def encrypt(data):
    env = dict(os.environ, password="correct horse")
    p = subprocess.Popen(
        ["openssl", "enc", "-des3", "-pbkdf2", "-pass", "env:password"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    p.stdin.write(data)
    p.stdin.close()
    return p

def digest(stdin):
    return subprocess.Popen(["openssl", "dgst", "-md5", "-binary"],
                            stdin=stdin, stdout=subprocess.PIPE)

pairs = []
for _ in range(5):
    enc = encrypt(os.urandom(100))
    pairs.append((enc, digest(enc.stdout)))  # enc's stdout is dgst's stdin
for enc, dgst in pairs:
    out = dgst.stdout.read()
    enc.wait(); dgst.wait()
    print(len(out), out.hex())  # 16 bytes each
)RB"),
            QStringLiteral(R"RB(for (int i = 0; i < 5; ++i) {
    auto *enc = new QProcess(this);
    auto *dgst = new QProcess(this);
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert("password", "correct horse");
    enc->setProcessEnvironment(env);
    enc->setStandardOutputProcess(dgst);        // the pipe between them
    enc->start("openssl", {"enc", "-des3", "-pbkdf2", "-pass", "env:password"});
    dgst->start("openssl", {"dgst", "-md5", "-binary"});
    enc->write(randomBytes(100));            // as in "Parallel children"
    enc->closeWriteChannel();
    connect(dgst, &QProcess::finished, dgst, [dgst] {
        const QByteArray out = dgst->readAllStandardOutput();
        qDebug() << out.size() << out.toHex();  // 16 bytes each
    });
}
)RB")};
}

DemoInfo timeout()
{
    return {QStringLiteral("timeout"), t(QT_TRANSLATE_NOOP("DemoTexts", "Timeout")),
            t(QT_TRANSLATE_NOOP("DemoTexts", "sleep 10 gets a timeout of 0.1 s. Watch the signal mark on its bar: SIGTERM "
              "arrives after about 0.1 s and the child ends at once. Python reports it as exit "
              "status -15; a shell (and Runboard) as timed out, status 124.")),
            QStringLiteral(R"RB(import subprocess

proc = subprocess.Popen(["sleep", "10"])
try:
    proc.communicate(timeout=0.1)
except subprocess.TimeoutExpired:
    proc.terminate()          # SIGTERM
    proc.wait()
print("Exit status", proc.poll())  # -15
)RB"),
            QStringLiteral(R"RB(auto *p = new QProcess(this);
p->start("sleep", {"10"});
QTimer::singleShot(100, p, [p] {
    if (p->state() != QProcess::NotRunning)
        p->terminate();       // SIGTERM
});
connect(p, &QProcess::finished, p, [](int code, QProcess::ExitStatus status) {
    // CrashExit, code 15: ended by SIGTERM
    qDebug() << status << code;
});
)RB")};
}

DemoInfo threads()
{
    return {QStringLiteral("threads"), t(QT_TRANSLATE_NOOP("DemoTexts", "Threads for blocking I/O")),
            t(QT_TRANSLATE_NOOP("DemoTexts", "Nine URLs are fetched one after another, then on nine threads at once. Watch the "
              "two timelines: one worker with nine bars in a row, then nine workers with one "
              "bar each, side by side. Waiting for the network needs no CPU, so threads overlap "
              "the waits and the whole takes about as long as the slowest request.")),
            QStringLiteral(R"RB(import time, urllib.request
from threading import Thread

def fetch(url):
    with urllib.request.urlopen(url) as reply:
        return reply.read()

start = time.perf_counter()
for url in URLS:
    fetch(url)
print("sequential", time.perf_counter() - start)

start = time.perf_counter()
threads = [Thread(target=fetch, args=(url,)) for url in URLS]
for t in threads: t.start()
for t in threads: t.join()
print("threads", time.perf_counter() - start)
)RB"),
            QStringLiteral(R"RB(QThreadPool pool;
pool.setMaxThreadCount(urls.size());    // one thread per URL
QElapsedTimer clock;
clock.start();
QList<QFuture<QByteArray>> replies;
for (const QUrl &url : urls)
    replies << QtConcurrent::run(&pool, [url] {
        QNetworkAccessManager nam;       // one per thread
        QEventLoop loop;                 // fine on a worker thread
        QNetworkReply *r = nam.get(QNetworkRequest(url));
        QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        return r->readAll();
    });
for (auto &f : replies)
    f.waitForFinished();                 // never on the GUI thread
qDebug() << "threads" << clock.elapsed() << "ms";
)RB")};
}

DemoInfo processes()
{
    return {QStringLiteral("processes"), t(QT_TRANSLATE_NOOP("DemoTexts", "Processes, not threads, for CPU work")),
            t(QT_TRANSLATE_NOOP("DemoTexts", "The same CPU-bound work is split over 1, 2 and more child processes. Watch the CPU "
              "use: each process gets a core of its own, so the wall time falls until the cores "
              "run out. In Python, threads cannot do that: the GIL lets one thread run Python "
              "code at a time, so the same work on threads takes as long as without them.")),
            QStringLiteral(R"RB(from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
import time

def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total

for Pool in (ThreadPoolExecutor, ProcessPoolExecutor):
    start = time.perf_counter()
    with Pool(2) as pool:
        list(pool.map(work, [3_000_000] * 2))
    print(Pool.__name__, time.perf_counter() - start)
# threads: no faster than one after the other (GIL); processes: about twice as fast
)RB"),
            QStringLiteral(R"RB(// C++ threads run on all cores at once; in Runboard the work runs as
// separate processes, as in the lesson.
QList<QProcess *> procs;
QElapsedTimer clock;
clock.start();
for (int i = 0; i < parts; ++i) {
    auto *p = new QProcess(this);
    p->start(helper, {"cpu", "--units", QString::number(total / parts)});
    procs << p;
}
int left = parts;
for (QProcess *p : procs)
    connect(p, &QProcess::finished, this, [&left, &clock] {
        if (--left == 0)
            qDebug() << "wall" << clock.elapsed() << "ms";
    });
)RB")};
}

DemoInfo buffering()
{
    return {QStringLiteral("buffering"), t(QT_TRANSLATE_NOOP("DemoTexts", "Why is my output late?")),
            t(QT_TRANSLATE_NOOP("DemoTexts", "Two children print a line every 100 ms. The first writes to a pipe without "
              "flushing: its lines wait in a 4-8 KiB buffer and all arrive at once when it ends. "
              "The second runs with line buffering (PYTHONUNBUFFERED=1, python3 -u or stdbuf -oL) "
              "and every line arrives as it is printed. The timeline marks each line's arrival.")),
            QStringLiteral(R"RB(import os, subprocess, sys

TICKER = "import time\nfor i in range(1, 11):\n    print('tick', i)\n    time.sleep(0.1)"
for env in ({}, {"PYTHONUNBUFFERED": "1"}):
    proc = subprocess.Popen([sys.executable, "-c", TICKER],
                            env=dict(os.environ, **env), stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:     # unbuffered child: nothing, then all ten at once
        print(time.strftime("%X"), line, end="")
    proc.wait()
)RB"),
            QStringLiteral(R"RB(auto *p = new QProcess(this);
auto env = QProcessEnvironment::systemEnvironment();
env.insert("PYTHONUNBUFFERED", "1");   // without it: one burst at the end
p->setProcessEnvironment(env);
// or, for C programs: p->start("stdbuf", {"-oL", "-eL", program, ...});
p->start("python3", {"-c", ticker});
connect(p, &QProcess::readyReadStandardOutput, p, [p] {
    while (p->canReadLine())
        qDebug() << QTime::currentTime() << p->readLine();
});
)RB")};
}
} // namespace

namespace DemoTexts {

QStringList names()
{
    return {QStringLiteral("parallel"), QStringLiteral("pipe"), QStringLiteral("timeout"),
            QStringLiteral("threads"), QStringLiteral("processes"), QStringLiteral("buffering")};
}

DemoInfo info(const QString &name)
{
    if (name == QLatin1String("parallel"))
        return parallel();
    if (name == QLatin1String("pipe"))
        return pipe();
    if (name == QLatin1String("timeout"))
        return timeout();
    if (name == QLatin1String("threads"))
        return threads();
    if (name == QLatin1String("processes"))
        return processes();
    if (name == QLatin1String("buffering"))
        return buffering();
    return {};
}

QString cpuPythonProgram()
{
    return QStringLiteral(R"RB(import json, sys, time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total

def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start

if __name__ == "__main__":
    parts, n = int(sys.argv[1]), int(sys.argv[2])
    serial = timed(lambda: [work(n) for _ in range(parts)])
    def on(Pool):
        with Pool(parts) as pool:
            list(pool.map(work, [n] * parts))
    threads = timed(lambda: on(ThreadPoolExecutor))
    processes = timed(lambda: on(ProcessPoolExecutor))
    print(json.dumps({"parts": parts, "serial_s": serial, "threads_s": threads,
                      "processes_s": processes}))
)RB");
}

QString tickerPythonProgram()
{
    return QStringLiteral("import time\n"
                          "for i in range(1, 11):\n"
                          "    print('tick', i)\n"
                          "    time.sleep(0.1)\n");
}

} // namespace DemoTexts
