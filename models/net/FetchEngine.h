#pragma once

#include "net/FetchTypes.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

struct FetchBatch;
struct FetchOutbox;

// Fetches a batch of URLs at once. The concurrency chosen is the number of requests in flight:
// as many slots, each running one request at a time, asynchronously. The slots are spread over
// a few runner threads (QtConcurrent tasks on a pool of our own, about one per core); each
// runner owns the QNetworkAccessManagers of its slots (a manager binds to its thread), one per
// six slots, since a manager opens at most six HTTP/1.1 connections to a host. A thread per
// request, as before, cost more CPU in wake-ups and context switches than the fetches did.
//
// Results arrive on the engine's thread as each fetch ends (resultReady), in completion order.
// cancel() drops queued fetches and aborts running ones within about 20 ms.
//
// Memory stays flat however long the batch: each slot takes the next URL when it is free
// (no task per URL waits in a queue), the summary comes from counters, and the results are
// kept only when asked (setKeepResults); views and the CLI keep or print them themselves.
class FetchEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchEngine)
public:
    explicit FetchEngine(QObject *parent = nullptr);
    // Cancels a running batch and waits for its workers (they stop within milliseconds).
    ~FetchEngine() override;

    // Starts a batch; lines that are not http(s) URLs end at once as "invalid URL", before any
    // network use. Returns an error message (running already, bad options) or an empty string.
    QString start(const QStringList &urls, const FetchOptions &options);
    void cancel();
    bool isRunning() const { return m_running; }

    // Keep every result for results() (the default); without, only counters are kept.
    void setKeepResults(bool keep) { m_keepResults = keep; }
    const QList<FetchResult> &results() const { return m_results; } // completion order
    int doneCount() const { return m_done; }
    FetchSummary summary() const;
    const FetchOptions &options() const { return m_options; }
    int total() const { return m_total; }

Q_SIGNALS:
    void started(int total);
    void resultReady(const FetchResult &result);
    void progress(int done, int total);
    void finished();

private:
    void onResult(const FetchResult &result);
    void post(const FetchResult &result, const std::shared_ptr<FetchBatch> &batch,
              const std::shared_ptr<FetchOutbox> &outbox);
    void runWorker(const std::shared_ptr<FetchBatch> &batch,
                   const std::shared_ptr<FetchOutbox> &outbox, int slotCount, int runner);

    QThreadPool m_pool;
    std::shared_ptr<FetchBatch> m_batch;
    std::shared_ptr<FetchOutbox> m_outbox;
    FetchOptions m_options;
    QList<FetchResult> m_results;
    QElapsedTimer m_clock;
    qint64 m_wallMs = 0;
    qint64 m_sumMs = 0;
    int m_total = 0;
    int m_done = 0;
    int m_succeeded = 0;
    int m_cancelled = 0;
    bool m_running = false;
    bool m_keepResults = true;
};
