#include "demo/ThreadsDemo.h"

#include "net/DemoServer.h"
#include "net/FetchEngine.h"
#include "timeline/TimelineRecorder.h"

ThreadsDemo::ThreadsDemo(const DemoInfo &info, QObject *parent)
    : Demo(info, parent), m_engine(new FetchEngine(this))
{
}

ThreadsDemo::~ThreadsDemo()
{
    m_engine->cancel();
    if (m_serverThread.isRunning()) {
        m_serverThread.quit(); // the server is deleted on its thread (deleteLater on finished)
        m_serverThread.wait();
    }
}

QList<int> ThreadsDemo::localLatenciesMs()
{
    // Different, realistic latencies (a nearby CDN to a slow API), 100-300 ms.
    return {110, 170, 230, 140, 290, 200, 260, 120, 180};
}

QStringList ThreadsDemo::lessonSites()
{
    QStringList urls;
    for (const char *site : {"google", "facebook", "apple", "netflix", "salesforce", "intuit",
                             "amazon", "uber", "lyft"})
        urls << QStringLiteral("https://www.%1.com/").arg(QLatin1String(site));
    return urls;
}

void ThreadsDemo::withServer(std::function<void(const QUrl &, const QString &)> then)
{
    if (m_base.isValid())
        return then(m_base, {});
    // Serving on a thread of its own, as the network panel does: answers never wait for us.
    m_serverThread.setObjectName(QStringLiteral("runboard-demo-lab-server"));
    m_serverThread.start();
    auto *server = new DemoServer;
    server->moveToThread(&m_serverThread);
    connect(&m_serverThread, &QThread::finished, server, &QObject::deleteLater);
    m_server = server;
    QPointer<ThreadsDemo> self(this);
    QMetaObject::invokeMethod(server, [self, server, then] {
        const QString error = server->listen(0);
        const QUrl base = error.isEmpty() ? server->baseUrl() : QUrl();
        if (!self)
            return;
        QMetaObject::invokeMethod(self, [self, base, error, then] {
            if (!self)
                return;
            self->m_base = base;
            then(base, error);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void ThreadsDemo::run()
{
    m_sequentialMs = m_threadsMs = 0;
    m_speedUp = 0;
    m_failures.clear();
    if (!preferInternet()) {
        say(tr("Using nine endpoints of the local demo server (no internet needed)."));
        startLocal();
        return;
    }
    say(tr("Trying the nine sites of the lesson (www.google.com first) ..."));
    FetchOptions probe;
    probe.method = FetchOptions::Method::Head;
    probe.concurrency = 1;
    probe.timeoutMs = 3000;
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(m_engine, &FetchEngine::finished, this, [this, conn] {
        disconnect(*conn);
        const QList<FetchResult> r = m_engine->results();
        guarded([this, r] {
            if (!r.isEmpty() && r.first().ok()) {
                m_local = false;
                say(tr("The sites can be reached: using them."));
                runBatches(lessonSites());
                return;
            }
            say(tr("www.google.com cannot be reached (%1): using the local demo server instead.")
                    .arg(r.isEmpty() ? tr("no answer") : r.first().message));
            startLocal();
        })();
    });
    if (const QString e = m_engine->start({lessonSites().first()}, probe); !e.isEmpty()) {
        disconnect(*conn);
        finish(false, e);
    }
}

void ThreadsDemo::startLocal()
{
    m_local = true;
    withServer([this](const QUrl &base, const QString &error) {
        guarded([this, base, error] {
            if (!error.isEmpty())
                return finish(false, tr("the local demo server could not start: %1").arg(error));
            QStringList urls;
            for (int ms : localLatenciesMs())
                urls << QStringLiteral("%1/delay/%2").arg(base.toString()).arg(ms);
            runBatches(urls);
        })();
    });
}

void ThreadsDemo::stopWork()
{
    m_engine->cancel();
}

void ThreadsDemo::runBatches(const QStringList &urls)
{
    runBatch(urls, 1, tr("one after another"), [this, urls] {
        m_sequentialMs = m_engine->summary().wallMs;
        say(tr("One after another: %1 ms").arg(m_sequentialMs));
        runBatch(urls, Urls, tr("nine threads"), [this] {
            m_threadsMs = m_engine->summary().wallMs;
            say(tr("On nine threads: %1 ms").arg(m_threadsMs));
            m_speedUp = m_threadsMs > 0 ? double(m_sequentialMs) / double(m_threadsMs) : 0;
            QStringList details{
                tr("source: %1").arg(m_local ? tr("the local demo server") : tr("the nine sites of the lesson")),
                tr("one after another: %1 ms; on nine threads: %2 ms; speed-up %3x")
                    .arg(m_sequentialMs).arg(m_threadsMs).arg(m_speedUp, 0, 'f', 1)};
            details << m_failures;
            if (!m_failures.isEmpty())
                return finish(false, tr("%1 of the fetches failed").arg(m_failures.size()), details);
            const double needed = m_local ? MinLocalSpeedUp : MinInternetSpeedUp;
            if (m_speedUp <= needed)
                return finish(false, tr("expected a speed-up above %1x, got %2x")
                                         .arg(needed).arg(m_speedUp, 0, 'f', 1), details);
            finish(true, tr("nine threads were %1x faster than one after another")
                             .arg(m_speedUp, 0, 'f', 1), details);
        });
    });
}

void ThreadsDemo::runBatch(const QStringList &urls, int concurrency, const QString &group,
                           std::function<void()> then)
{
    recorder()->addFetchEngine(m_engine, group);
    recorder()->setFetchGroup(m_engine, group);
    FetchOptions options;
    options.concurrency = concurrency;
    options.timeoutMs = 20000;
    options.threadPerRequest = true; // the lesson: each fetch in flight on a thread of its own
    auto conn = std::make_shared<QMetaObject::Connection>();
    auto resultConn = std::make_shared<QMetaObject::Connection>();
    *resultConn = connect(m_engine, &FetchEngine::resultReady, this, [this, group](const FetchResult &r) {
        if (!r.ok())
            m_failures << tr("%1: %2: %3").arg(group, r.requested, r.message);
    });
    *conn = connect(m_engine, &FetchEngine::finished, this, [this, conn, resultConn, then] {
        disconnect(*conn);
        disconnect(*resultConn);
        guarded(then)();
    });
    say(tr("Fetching %1 URLs %2 ...").arg(urls.size()).arg(group));
    if (const QString e = m_engine->start(urls, options); !e.isEmpty()) {
        disconnect(*conn);
        disconnect(*resultConn);
        finish(false, e);
    }
}
