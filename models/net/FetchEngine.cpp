#include "net/FetchEngine.h"

#include "net/BodyDecoder.h"
#include "net/SafeText.h"
#include "net/UrlValidator.h"
#include "system/OpenFileLimit.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslError>
#include <QThread>
#include <QThreadStorage>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

// State shared by the engine and the workers of one batch.
struct FetchBatch
{
    QStringList urls;
    FetchOptions options;
    std::atomic<int> next{0}; // the next URL a free worker takes
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
// Qt's HTTP thread stops reading the socket when this much body waits for us: without it the
// reply buffers everything the server sends faster than we read, cap or no cap.
constexpr qint64 ReadBufferBytes = 256 * 1024;
constexpr qint64 ReadChunkBytes = 64 * 1024;

QNetworkAccessManager *threadManager()
{
    // One manager per worker thread, made in that thread and deleted when the thread ends.
    // QThreadStorage, not thread_local: its destructor runs while the QThread still exists, so
    // the manager's own thread data and pending events go with it (LeakSanitizer saw them left
    // behind by thread_local, which runs after the thread's Qt data is gone).
    static QThreadStorage<QNetworkAccessManager *> managers;
    if (!managers.hasLocalData()) {
        auto *manager = new QNetworkAccessManager;
        manager->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        managers.setLocalData(manager);
    }
    return managers.localData();
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

// Framing Qt lets through: Content-Length headers that disagree, or that are not a
// non-negative number (Qt takes the first one, or reads a negative one as "none"). After a
// redirect Qt 6.4 may hand out the redirect response's headers together with the final
// ones, so disagreement is only judged on a reply that was not redirected.
QString checkContentLength(const QNetworkReply *reply, bool redirected)
{
    QList<QByteArray> values;
    for (const auto &[name, value] : reply->rawHeaderPairs()) {
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            values << value.split(',');
    }
    QByteArray first;
    for (const QByteArray &raw : std::as_const(values)) {
        const QByteArray v = raw.trimmed();
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok || n < 0 || v.startsWith('+'))
            return FetchResult::tr("Content-Length \"%1\" is not a byte count")
                .arg(QString::fromLatin1(v.left(40)));
        if (first.isEmpty())
            first = v;
        else if (v != first && !redirected)
            return FetchResult::tr("conflicting Content-Length headers (%1 and %2)")
                .arg(QString::fromLatin1(first), QString::fromLatin1(v));
    }
    return {};
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Why a redirect target cannot be fetched, in the words UrlValidator uses for input.
QString unusableTarget(const QUrl &target)
{
    QString why;
    UrlValidator::parse(target.toString(), &why);
    return why.isEmpty() ? QString() : FetchResult::tr("redirected to an unusable URL: %1").arg(why);
}

QString unusableRedirect(const QNetworkReply *reply)
{
    const QByteArray location = reply->rawHeader("Location");
    return location.isEmpty() ? QString()
                              : unusableTarget(reply->url().resolved(QUrl::fromEncoded(location)));
}

FetchResult fetchOne(FetchResult r, const QUrl &url, const FetchOptions &options,
                     const std::shared_ptr<FetchBatch> &batch)
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
    // Asked for by us, a compressed body is left to us: we check that it ends (BodyDecoder).
    request.setRawHeader("Accept-Encoding", "gzip, deflate");
    QNetworkAccessManager *manager = threadManager();
    QNetworkReply *reply = options.method == FetchOptions::Method::Head ? manager->head(request)
                                                                        : manager->get(request);
    reply->setReadBufferSize(ReadBufferBytes);
    bool timedOut = false, tooLarge = false, cancelled = false;
    QString failure; // a problem we found ourselves: framing, encoding, redirect target
    QStringList tlsErrors;
    qint64 wireBytes = 0;
    int redirects = 0;
    std::unique_ptr<BodyDecoder> decoder;
    QEventLoop loop; // in a worker thread: the GUI thread never waits here
    auto fail = [&](const QString &why) {
        if (failure.isEmpty())
            failure = why;
        reply->abort();
    };
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
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [&] {
        firstByte();
        if (const QString e = checkContentLength(reply, redirects > 0); !e.isEmpty())
            return fail(e);
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (options.maxBytes > 0 && length.isValid() && length.toLongLong() > options.maxBytes
            && options.method == FetchOptions::Method::Get) {
            tooLarge = true; // announced: no need to read it to know
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::redirected, reply, [&](const QUrl &target) {
        ++redirects;
        if (const QString why = unusableTarget(target); !why.isEmpty())
            fail(why);
    });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        firstByte();
        if (!decoder)
            decoder = std::make_unique<BodyDecoder>(reply->rawHeader("Content-Encoding"));
        char chunk[ReadChunkBytes]; // counted, not kept
        qint64 n = 0;
        while (!tooLarge && failure.isEmpty() && (n = reply->read(chunk, sizeof chunk)) > 0) {
            wireBytes += n;
            if (!decoder->feed(chunk, n))
                return fail(decoder->error());
            r.bytes = decoder->decodes() ? decoder->decodedBytes() : wireBytes;
            if (options.maxBytes > 0 && std::max(r.bytes, wireBytes) > options.maxBytes) {
                tooLarge = true;
                reply->abort();
            }
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
    const bool noLocation = isRedirect(r.status) && reply->rawHeader("Location").isEmpty();
    if (failure.isEmpty() && !cancelled && !timedOut && !tooLarge
        && reply->error() == QNetworkReply::NoError) {
        // Framing and encoding problems Qt lets through as success.
        if (const QString e = checkContentLength(reply, redirects > 0); !e.isEmpty())
            failure = e;
        else if (decoder && r.status != 204 && r.status != 304)
            failure = decoder->finish();
    }
    if (cancelled) {
        r.error = FetchResult::Error::Cancelled;
        r.message = FetchResult::errorName(r.error);
    } else if (timedOut) {
        r.error = FetchResult::Error::Timeout;
        r.message = FetchResult::tr("no complete answer within %1 ms").arg(options.timeoutMs);
    } else if (tooLarge) {
        r.error = FetchResult::Error::TooLarge;
        r.message = FetchResult::tr("body larger than %1 bytes: transfer aborted").arg(options.maxBytes);
    } else if (!failure.isEmpty()) {
        r.error = FetchResult::Error::Network;
        r.message = failure;
    } else if (noLocation) {
        // Qt calls this "Unknown protocol".
        r.error = FetchResult::Error::Network;
        r.message = FetchResult::tr("HTTP %1 redirect without a Location header").arg(r.status);
    } else if (const QString why = isRedirect(r.status) && reply->error() != QNetworkReply::NoError
                                       ? unusableRedirect(reply)
                                       : QString();
               !why.isEmpty()) {
        // A target Qt refuses before following it ("Unknown protocol", "Host  not found").
        r.error = FetchResult::Error::Network;
        r.message = why;
    } else if (reply->error() == QNetworkReply::NoError || r.status >= 400) {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (r.status >= 400) {
            r.error = FetchResult::Error::Http;
            r.message = QStringLiteral("HTTP %1 %2").arg(r.status).arg(r.reason);
        } else if (options.method == FetchOptions::Method::Get && length.isValid()
                   && r.status >= 200 && r.status != 204 && r.status != 304
                   && wireBytes < length.toLongLong()) {
            // Qt can take a connection closed early for the end of the body: we do not.
            r.error = FetchResult::Error::Network;
            r.message = FetchResult::tr("body ended after %1 of %2 bytes").arg(wireBytes).arg(length.toLongLong());
        }
    } else {
        r.error = classify(reply->error());
        r.message = reply->errorString();
        if (r.error == FetchResult::Error::Tls && !tlsErrors.isEmpty())
            r.message = tlsErrors.join(QStringLiteral("; "));
        if (r.message.isEmpty())
            r.message = FetchResult::errorName(r.error);
    }
    if (options.ignoreTlsErrors) {
        // Accepted, not hidden: --insecure reports what it let through.
        for (const QString &e : std::as_const(tlsErrors))
            r.warnings << FetchResult::tr("TLS error accepted: %1").arg(e);
    }
    if (decoder && !decoder->warning().isEmpty())
        r.warnings << decoder->warning();
    // Credentials never leave the engine: every text a view or the CLI shows is redacted.
    r.message = SafeText::redactCredentials(r.message);
    if (!r.finalUrl.password().isEmpty())
        r.finalUrl.setPassword(QStringLiteral("***"));
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
    m_clock.start();
    m_running = true;
    m_pool.setMaxThreadCount(options.concurrency);
    Q_EMIT started(m_total);
    if (urls.isEmpty()) {
        m_running = false;
        QMetaObject::invokeMethod(this, &FetchEngine::finished, Qt::QueuedConnection);
        return {};
    }
    // One long task per worker, each taking the next URL when free. Starting a thousand
    // threads takes milliseconds: done on a thread of Qt's global pool, not the caller's.
    auto batch = m_batch;
    const int workers = int(std::min<qsizetype>(options.concurrency, urls.size()));
    m_dispatch = QtConcurrent::run([this, workers, batch] {
        for (int i = 0; i < workers; ++i)
            (void)QtConcurrent::run(&m_pool, [this, batch] { runWorker(batch); });
    });
    return {};
}

void FetchEngine::runWorker(const std::shared_ptr<FetchBatch> &batch)
{
    for (int i = batch->next++; i < batch->urls.size(); i = batch->next++) {
        FetchResult r;
        r.index = i;
        r.requested = SafeText::redactCredentials(batch->urls.at(i));
        QString error;
        const QUrl url = UrlValidator::parse(batch->urls.at(i), &error);
        if (!error.isEmpty()) {
            // Rejected before any network use.
            r.error = FetchResult::Error::InvalidUrl;
            r.message = SafeText::redactCredentials(error);
            r.startMs = r.totalMs = 0;
            deliver(r, batch);
            continue;
        }
        deliver(fetchOne(r, url, batch->options, batch), batch);
    }
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
