#include "net/FetchEngine.h"

#include "net/FetchSlot.h"
#include "system/OpenFileLimit.h"
#include "system/ThreadPriority.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

// Results on their way from the runner threads to the engine's thread: one queued call
// carries all that arrived meanwhile, not one call (and one wake-up of the GUI thread) each.
struct FetchOutbox
{
    QMutex mutex;
    QList<FetchResult> results;
    bool posted = false;
};

namespace {
constexpr int CancelPollMs = 20;
// For https: a QNetworkAccessManager opens at most six HTTP/1.1 connections to one host, and
// each manager runs its sockets on an HTTP thread of its own: six slots share one manager, so
// every slot has its connection and the concurrency chosen is the one on the wire. (Plain
// http goes over a connection of each slot's own: FetchSlot.)
constexpr int SlotsPerManager = 6;

// How many runner threads carry a batch's slots. The work of a slot between two network
// events is a few microseconds: a thread per slot only adds wake-ups and context switches
// (the profile of 1,000 fetches at 256 said so), a thread per core keeps every core busy.
int runnerThreads(int slotCount)
{
    return std::clamp(QThread::idealThreadCount(), 1, std::min(slotCount, 4));
}
} // namespace

FetchEngine::FetchEngine(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<FetchResult>();
    m_pool.setObjectName(QStringLiteral("runboard-fetch"));
}

FetchEngine::~FetchEngine()
{
    if (m_batch)
        m_batch->cancelled = true;
    m_pool.clear();
    m_pool.waitForDone(); // teardown only; cancelled runners end within CancelPollMs
}

QString FetchEngine::start(const QStringList &urls, const FetchOptions &options)
{
    if (m_running)
        return tr("a batch is already running");
    if (const QString e = options.validate(); !e.isEmpty())
        return e;
    // Past the open-file limit, GLib aborts the whole program: refuse while we can say why.
    if (const QString e = options.checkOpenFileLimit(OpenFileLimit::current()); !e.isEmpty())
        return e;
    m_options = options;
    m_results.clear();
    m_total = int(urls.size());
    m_done = m_succeeded = m_cancelled = 0;
    m_wallMs = m_sumMs = 0;
    m_batch = std::make_shared<FetchBatch>();
    m_batch->urls = urls;
    m_batch->options = options;
    m_batch->clock.start();
    m_outbox = std::make_shared<FetchOutbox>();
    m_clock.start();
    m_running = true;
    Q_EMIT started(m_total);
    if (urls.isEmpty()) {
        m_running = false;
        QMetaObject::invokeMethod(this, &FetchEngine::finished, Qt::QueuedConnection);
        return {};
    }
    // As many slots as the concurrency (one fetch in flight each), spread over a few runner
    // threads of our own pool; each runner owns the managers of its slots.
    const int slotCount = int(std::min<qsizetype>(options.concurrency, urls.size()));
    // With threadPerRequest, a runner per slot: each request in flight has a thread (and a
    // manager) of its own, as the lesson on threads for blocking I/O shows.
    const int runners = options.threadPerRequest ? slotCount : runnerThreads(slotCount);
    m_pool.setMaxThreadCount(runners);
    for (int r = 0; r < runners; ++r) {
        const int mine = slotCount / runners + (r < slotCount % runners ? 1 : 0);
        (void)QtConcurrent::run(&m_pool, [this, batch = m_batch, outbox = m_outbox, mine, r] {
            runWorker(batch, outbox, mine, r);
        });
    }
    return {};
}

void FetchEngine::runWorker(const std::shared_ptr<FetchBatch> &batch,
                            const std::shared_ptr<FetchOutbox> &outbox, int slotCount, int runner)
{
    // The event loop below must never run on the GUI thread: runners run on the pool only.
    Q_ASSERT(QCoreApplication::instance() == nullptr
             || QThread::currentThread() != QCoreApplication::instance()->thread());
    // The window comes first when both cores are busy: fetches wait a little, frames do not.
    ThreadPriority::lowerCurrentThread();
    // Made in this thread when an https fetch first needs one, so they belong to it; deleted
    // when the batch's work here is done, which closes their connections and ends their HTTP
    // threads. Plain http needs none (FetchSlot).
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers(size_t((slotCount + SlotsPerManager - 1) / SlotsPerManager));
    const auto managerFor = [&managers](int slot) {
        return [&managers, slot] {
            auto &manager = managers.at(size_t(slot / SlotsPerManager));
            if (!manager) {
                manager = std::make_unique<QNetworkAccessManager>();
                manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // FetchSlot follows
            }
            return manager.get();
        };
    };
    QEventLoop loop; // in a runner thread: the GUI thread never waits here
    int busy = 0;
    const auto deliver = [this, &batch, &outbox, runner](const FetchResult &r) {
        FetchResult withThread = r;
        withThread.thread = runner;
        post(withThread, batch, outbox);
    };
    const auto idle = [&busy, &loop] {
        if (--busy == 0)
            loop.quit();
    };
    std::vector<std::unique_ptr<FetchSlot>> fetchSlots;
    fetchSlots.reserve(size_t(slotCount));
    for (int i = 0; i < slotCount; ++i)
        fetchSlots.push_back(std::make_unique<FetchSlot>(batch, managerFor(i), deliver, idle));
    for (const auto &slot : fetchSlots) {
        if (slot->startNext())
            ++busy;
    }
    if (busy > 0) {
        QTimer cancelPoll;
        QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
            if (!batch->cancelled)
                return;
            for (const auto &slot : fetchSlots)
                slot->cancel();
        });
        cancelPoll.start(CancelPollMs);
        loop.exec();
    }
    fetchSlots.clear();
    // The replies of the last fetches were let go with deleteLater(): gone before their manager.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    managers.clear();
}

void FetchEngine::post(const FetchResult &result, const std::shared_ptr<FetchBatch> &batch,
                       const std::shared_ptr<FetchOutbox> &outbox)
{
    // Runs on a runner thread; the results reach onResult() on the engine's thread. The
    // engine outlives its runners (its destructor waits for them).
    {
        QMutexLocker lock(&outbox->mutex);
        outbox->results.append(result);
        if (outbox->posted)
            return;
        outbox->posted = true;
    }
    QMetaObject::invokeMethod(this, [this, batch, outbox] {
        QList<FetchResult> results;
        {
            QMutexLocker lock(&outbox->mutex);
            results.swap(outbox->results);
            outbox->posted = false;
        }
        for (const FetchResult &r : std::as_const(results)) {
            if (batch != m_batch) // a newer batch started from a finished() handler
                return;
            onResult(r);
        }
    }, Qt::QueuedConnection);
}

void FetchEngine::cancel()
{
    if (!m_running || !m_batch)
        return;
    m_batch->cancelled = true; // queued URLs end at once, running ones abort at the next poll
}

void FetchEngine::onResult(const FetchResult &result)
{
    if (!m_running)
        return;
    ++m_done;
    if (result.ok())
        ++m_succeeded;
    else if (result.error == FetchResult::Error::Cancelled)
        ++m_cancelled;
    if (result.totalMs > 0)
        m_sumMs += result.totalMs;
    if (m_keepResults)
        m_results.append(result);
    Q_EMIT resultReady(result);
    Q_EMIT progress(m_done, m_total);
    if (m_done == m_total) {
        m_wallMs = m_clock.elapsed();
        m_running = false;
        Q_EMIT finished();
    }
}

FetchSummary FetchEngine::summary() const
{
    FetchSummary s;
    s.total = m_total;
    s.succeeded = m_succeeded;
    s.cancelled = m_cancelled;
    s.failed = m_done - m_succeeded - m_cancelled;
    s.sumMs = m_sumMs;
    s.wallMs = m_running ? m_clock.elapsed() : m_wallMs;
    return s;
}
