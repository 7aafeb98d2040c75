#include "net/FetchEngine.h"

#include "net/UrlValidator.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

// State shared by the engine and the tasks of one batch.
struct FetchBatch
{
    std::atomic<bool> cancelled{false};
    QElapsedTimer clock;
    QMutex mutex;
    QHash<QThread *, int> workers;

    int workerId()
    {
        QMutexLocker lock(&mutex);
        auto it = workers.find(QThread::currentThread());
        if (it == workers.end())
            it = workers.insert(QThread::currentThread(), int(workers.size()));
        return it.value();
    }
};

namespace {
constexpr int CancelPollMs = 20;

QNetworkAccessManager *threadManager()
{
    // One manager per worker thread, made and destroyed in that thread.
    thread_local std::unique_ptr<QNetworkAccessManager> manager;
    if (!manager) {
        manager = std::make_unique<QNetworkAccessManager>();
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    }
    return manager.get();
}

FetchResult::Error classify(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::NoError: return FetchResult::Error::None;
    case QNetworkReply::HostNotFoundError: return FetchResult::Error::Dns;
    case QNetworkReply::ConnectionRefusedError: return FetchResult::Error::Refused;
    case QNetworkReply::TimeoutError: return FetchResult::Error::Timeout;
    case QNetworkReply::SslHandshakeFailedError: return FetchResult::Error::Tls;
    case QNetworkReply::TooManyRedirectsError: return FetchResult::Error::TooManyRedirects;
    case QNetworkReply::InsecureRedirectError: return FetchResult::Error::InsecureRedirect;
    case QNetworkReply::OperationCanceledError: return FetchResult::Error::Cancelled;
    default: return FetchResult::Error::Network;
    }
}

FetchResult fetchOne(FetchResult r, QUrl url, FetchOptions options,
                     std::shared_ptr<FetchBatch> batch)
{
    // The local event loop below must never run on the GUI thread: tasks run on the pool only.
    Q_ASSERT(QCoreApplication::instance() == nullptr
             || QThread::currentThread() != QCoreApplication::instance()->thread());
    r.worker = batch->workerId();
    r.startMs = batch->clock.elapsed();
    if (batch->cancelled) {
        r.error = FetchResult::Error::Cancelled;
        r.message = FetchResult::errorName(r.error);
        r.totalMs = 0;
        return r;
    }
    QElapsedTimer clock;
    clock.start();
    QNetworkRequest request(url);
    request.setMaximumRedirectsAllowed(options.maxRedirects);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkAccessManager *manager = threadManager();
    QNetworkReply *reply = options.method == FetchOptions::Method::Head ? manager->head(request)
                                                                        : manager->get(request);
    bool timedOut = false, tooLarge = false, cancelled = false;
    QStringList tlsErrors;
    QEventLoop loop; // in a worker thread: the GUI thread never waits here
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, reply, [&] {
        timedOut = true;
        reply->abort();
    });
    deadline.start(int(std::min<qint64>(options.timeoutMs, INT_MAX)));
    QTimer cancelPoll;
    QObject::connect(&cancelPoll, &QTimer::timeout, reply, [&] {
        if (batch->cancelled) {
            cancelled = true;
            reply->abort();
        }
    });
    cancelPoll.start(CancelPollMs);
    auto firstByte = [&] {
        if (r.firstByteMs < 0)
            r.firstByteMs = clock.elapsed();
    };
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, firstByte);
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        firstByte();
        const qint64 n = reply->skip(reply->bytesAvailable()); // counted, not kept
        r.bytes += std::max<qint64>(n, 0);
        if (options.maxBytes > 0 && r.bytes > options.maxBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            tlsErrors << e.errorString();
        if (options.ignoreTlsErrors)
            reply->ignoreSslErrors();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    r.totalMs = clock.elapsed();
    r.finalUrl = reply->url();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (cancelled) {
        r.error = FetchResult::Error::Cancelled;
        r.message = FetchResult::errorName(r.error);
    } else if (timedOut) {
        r.error = FetchResult::Error::Timeout;
        r.message = FetchResult::tr("no complete answer within %1 ms").arg(options.timeoutMs);
    } else if (tooLarge) {
        r.error = FetchResult::Error::TooLarge;
        r.message = FetchResult::tr("body larger than %1 bytes: transfer aborted").arg(options.maxBytes);
    } else if (reply->error() == QNetworkReply::NoError || r.status >= 400) {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (r.status >= 400) {
            r.error = FetchResult::Error::Http;
            r.message = QStringLiteral("HTTP %1 %2").arg(r.status).arg(r.reason);
        } else if (options.method == FetchOptions::Method::Get && length.isValid()
                   && r.status >= 200 && r.status != 204 && r.status != 304
                   && r.bytes < length.toLongLong()) {
            // Qt can take a connection closed early for the end of the body: we do not.
            r.error = FetchResult::Error::Network;
            r.message = FetchResult::tr("body ended after %1 of %2 bytes").arg(r.bytes).arg(length.toLongLong());
        }
    } else {
        r.error = classify(reply->error());
        r.message = reply->errorString();
        if (r.error == FetchResult::Error::Tls && !tlsErrors.isEmpty())
            r.message = tlsErrors.join(QStringLiteral("; "));
    }
    delete reply;
    return r;
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
    m_dispatch.waitForFinished();
    m_pool.clear();
    m_pool.waitForDone(); // teardown only; cancelled workers end within CancelPollMs
}

QString FetchEngine::start(const QStringList &urls, const FetchOptions &options)
{
    if (m_running)
        return tr("a batch is already running");
    if (const QString e = options.validate(); !e.isEmpty())
        return e;
    m_options = options;
    m_results.clear();
    m_total = int(urls.size());
    m_wallMs = 0;
    m_batch = std::make_shared<FetchBatch>();
    m_batch->clock.start();
    m_clock.start();
    m_running = true;
    m_pool.setMaxThreadCount(options.concurrency);
    Q_EMIT started(m_total);
    if (urls.isEmpty()) {
        m_running = false;
        QMetaObject::invokeMethod(this, &FetchEngine::finished, Qt::QueuedConnection);
        return {};
    }
    // Parsing a thousand URLs and queueing a thousand tasks (and starting the pool's threads)
    // takes milliseconds: done on a thread of Qt's global pool, not on the caller's.
    auto batch = m_batch;
    m_dispatch = QtConcurrent::run([this, urls, options, batch] {
        for (int i = 0; i < urls.size(); ++i) {
            FetchResult r;
            r.index = i;
            r.requested = urls.at(i);
            QString error;
            const QUrl url = UrlValidator::parse(urls.at(i), &error);
            if (!error.isEmpty()) {
                // Rejected before any network use.
                r.error = FetchResult::Error::InvalidUrl;
                r.message = error;
                r.startMs = r.totalMs = 0;
                deliver(r, batch);
                continue;
            }
            (void)QtConcurrent::run(&m_pool, [this, r, url, options, batch] {
                deliver(fetchOne(r, url, options, batch), batch);
            });
        }
    });
    return {};
}

void FetchEngine::deliver(const FetchResult &result, const std::shared_ptr<FetchBatch> &batch)
{
    // Runs on a worker thread; the result reaches onResult() on the engine's thread. The
    // engine outlives its workers (its destructor waits for them).
    QMetaObject::invokeMethod(this, [this, result, batch] {
        if (batch == m_batch)
            onResult(result);
    }, Qt::QueuedConnection);
}

void FetchEngine::cancel()
{
    if (!m_running || !m_batch)
        return;
    m_batch->cancelled = true; // queued tasks end at once, running ones abort at the next poll
}

void FetchEngine::onResult(const FetchResult &result)
{
    if (!m_running)
        return;
    m_results.append(result);
    Q_EMIT resultReady(result);
    Q_EMIT progress(int(m_results.size()), m_total);
    if (m_results.size() == m_total) {
        m_wallMs = m_clock.elapsed();
        m_running = false;
        Q_EMIT finished();
    }
}

FetchSummary FetchEngine::summary() const
{
    FetchSummary s;
    s.total = m_total;
    for (const FetchResult &r : m_results) {
        if (r.ok())
            ++s.succeeded;
        else
            ++s.failed;
        if (r.totalMs > 0)
            s.sumMs += r.totalMs;
    }
    s.wallMs = m_running ? m_clock.elapsed() : m_wallMs;
    return s;
}
