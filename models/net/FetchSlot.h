#pragma once

#include "net/FetchTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class BodyDecoder;
class FetchExchange;
class HttpConnectionCache;
class QNetworkAccessManager;

// State shared by the engine and the runner threads of one batch.
struct FetchBatch
{
    QStringList urls;
    FetchOptions options;
    std::atomic<int> next{0};    // the next URL a free slot takes
    std::atomic<int> workers{0}; // worker numbers, handed out as slots first take a URL
    std::atomic<bool> cancelled{false};
    QElapsedTimer clock;
};

// One request slot of a batch: at most one fetch in flight, started asynchronously in its
// runner thread — plain http over our own client on a connection the slot keeps alive, https
// on a manager of the runner thread (made when the first https fetch needs it). When a fetch ends the slot hands the result on and takes the
// batch's next URL at once. Lives and works in its runner thread only.
class FetchSlot final : public QObject
{
    Q_DISABLE_COPY_MOVE(FetchSlot)
public:
    using Deliver = std::function<void(const FetchResult &)>;
    using Manager = std::function<QNetworkAccessManager *()>;
    FetchSlot(std::shared_ptr<FetchBatch> batch, Manager manager, Deliver deliver,
              std::function<void()> idle, QObject *parent = nullptr);
    ~FetchSlot() override;

    // Takes URLs until one is in flight (invalid or cancelled ones end at once); false, and
    // the slot is idle, when the batch has none left.
    bool startNext();
    bool isBusy() const { return m_reply != nullptr; }
    // The batch was cancelled: the running fetch ends as cancelled.
    void cancel();

private:
    void begin(int index, const QUrl &url);
    void send(const QUrl &url);
    // The reply is a redirect with a Location: followed by us, not by Qt.
    bool isRedirectToFollow() const;
    // Sends the request on to the redirect's target when it may be followed; false when the
    // fetch ends here (not a redirect, or one refused: m_failure / m_redirectError say why).
    bool followRedirect();
    // Runs one of our reply handlers; a fetch that ended inside it is finished afterwards.
    template <typename F>
    void guarded(F &&handler)
    {
        ++m_handlerDepth;
        handler();
        if (--m_handlerDepth == 0 && m_finishPending)
            onFinished();
    }
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void abortReply();
    void fail(const QString &why);
    void finishResult();

    std::shared_ptr<FetchBatch> m_batch;
    Manager m_manager;
    std::unique_ptr<HttpConnectionCache> m_connection;
    Deliver m_deliver;
    std::function<void()> m_idle;
    QTimer m_deadline;
    int m_worker = -1;

    // The fetch in flight.
    FetchExchange *m_reply = nullptr;
    FetchResult m_result;
    QElapsedTimer m_clock;
    std::unique_ptr<BodyDecoder> m_decoder;
    QString m_failure; // a problem we found ourselves: framing, encoding, redirect target
    qint64 m_wireBytes = 0;
    int m_redirects = 0;
    FetchResult::Error m_redirectError = FetchResult::Error::None;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    bool m_cancelled = false;
    // An exchange emits finished() from inside abort(): while one of our handlers runs, the end of the
    // fetch waits until it returns, so that no handler sees the next fetch's reply.
    int m_handlerDepth = 0;
    bool m_finishPending = false;
};
