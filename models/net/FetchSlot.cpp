#include "net/FetchSlot.h"

#include "net/BodyDecoder.h"
#include "net/HttpExchange.h"
#include "net/QnamExchange.h"
#include "system/SafeText.h"
#include "net/UrlValidator.h"

namespace {
constexpr qint64 ReadChunkBytes = 64 * 1024;

QString checkContentLength(const FetchExchange *exchange)
{
    return FetchExchange::contentLengthProblem(exchange->rawHeaderPairs());
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

} // namespace

FetchSlot::FetchSlot(std::shared_ptr<FetchBatch> batch, Manager manager, Deliver deliver,
                     std::function<void()> idle, QObject *parent)
    : QObject(parent)
    , m_batch(std::move(batch))
    , m_manager(std::move(manager))
    , m_deliver(std::move(deliver))
    , m_idle(std::move(idle))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (!m_reply)
            return;
        m_timedOut = true;
        abortReply();
    });
}

FetchSlot::~FetchSlot()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
    m_connection.reset(); // after the exchange that may hold its socket
}

bool FetchSlot::startNext()
{
    const FetchBatch &batch = *m_batch;
    for (int i = m_batch->next++; i < batch.urls.size(); i = m_batch->next++) {
        FetchResult r;
        r.index = i;
        r.requested = SafeText::redactCredentials(batch.urls.at(i));
        QString error;
        const QUrl url = UrlValidator::parse(batch.urls.at(i), &error);
        if (!error.isEmpty()) {
            // Rejected before any network use.
            r.error = FetchResult::Error::InvalidUrl;
            r.message = SafeText::redactCredentials(error);
            r.startMs = r.totalMs = 0;
            m_deliver(r);
            continue;
        }
        if (m_worker < 0)
            m_worker = m_batch->workers++;
        r.worker = m_worker;
        r.startMs = batch.clock.elapsed();
        if (batch.cancelled) {
            r.error = FetchResult::Error::Cancelled;
            r.message = FetchResult::errorName(r.error);
            r.totalMs = 0;
            m_deliver(r);
            continue;
        }
        m_result = r;
        begin(i, url);
        return true;
    }
    return false;
}

void FetchSlot::begin(int index, const QUrl &url)
{
    Q_UNUSED(index)
    m_decoder.reset();
    m_failure.clear();
    m_wireBytes = 0;
    m_redirects = 0;
    m_redirectError = FetchResult::Error::None;
    m_timedOut = m_tooLarge = m_cancelled = m_finishPending = false;
    m_clock.start();
    send(url);
    m_deadline.start(int(std::min<qint64>(m_batch->options.timeoutMs, INT_MAX)));
}

void FetchSlot::send(const QUrl &url)
{
    const FetchOptions &options = m_batch->options;
    const bool head = options.method == FetchOptions::Method::Head;
    // Plain http over our own client (HttpExchange says why), https over Qt's.
    HttpExchange *http = nullptr;
    if (url.scheme() == QLatin1String("http")) {
        if (!m_connection)
            m_connection = std::make_unique<HttpConnectionCache>();
        m_reply = http = new HttpExchange(m_connection.get(), url, head);
    } else {
        m_reply = new QnamExchange(m_manager(), url, head, options.ignoreTlsErrors);
    }
    connect(m_reply, &FetchExchange::metaDataChanged, this, [this] { guarded([this] { onMetaData(); }); });
    connect(m_reply, &FetchExchange::readyRead, this, [this] { guarded([this] { onReadyRead(); }); });
    connect(m_reply, &FetchExchange::finished, this, &FetchSlot::onFinished);
    if (http)
        http->start();
}

bool FetchSlot::isRedirectToFollow() const
{
    return isRedirect(m_reply->status()) && !m_reply->rawHeader("Location").isEmpty();
}

bool FetchSlot::followRedirect()
{
    FetchExchange *reply = m_reply;
    if (m_cancelled || m_timedOut || m_tooLarge || !m_failure.isEmpty()
        || reply->error() != FetchResult::Error::None || !isRedirectToFollow())
        return false;
    if (const QString e = checkContentLength(reply); !e.isEmpty())
        return false; // a framing error of the redirect response: finishResult() names it
    const QUrl from = reply->url();
    QUrl target = from.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
    if (const QString why = unusableTarget(target); !why.isEmpty()) {
        m_failure = why;
        return false;
    }
    if (m_redirects >= m_batch->options.maxRedirects) {
        m_redirectError = FetchResult::Error::TooManyRedirects;
        return false;
    }
    if (from.scheme() == QLatin1String("https") && target.scheme() == QLatin1String("http")) {
        m_redirectError = FetchResult::Error::InsecureRedirect;
        return false;
    }
    // Credentials go to the server they were given for, never on to another one (as curl).
    if (target.scheme() != from.scheme() || target.host() != from.host()
        || target.port(-1) != from.port(-1))
        target.setUserInfo(QString());
    ++m_redirects;
    reply->disconnect(this);
    reply->deleteLater(); // not inside its own finished()
    m_reply = nullptr;
    // The body of the redirect response is not the result's.
    m_decoder.reset();
    m_wireBytes = 0;
    m_result.bytes = 0;
    send(target);
    return true;
}

void FetchSlot::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    abortReply();
}

void FetchSlot::abortReply()
{
    if (m_reply && !m_reply->isFinished())
        m_reply->abort();
}

void FetchSlot::fail(const QString &why)
{
    if (m_failure.isEmpty())
        m_failure = why;
    abortReply();
}

void FetchSlot::onMetaData()
{
    if (m_result.firstByteMs < 0)
        m_result.firstByteMs = m_clock.elapsed();
    if (const QString e = checkContentLength(m_reply); !e.isEmpty())
        return fail(e);
    if (isRedirectToFollow())
        return; // its body is not the result's: no cap applies to it
    const FetchOptions &options = m_batch->options;
    const qint64 length = FetchExchange::contentLength(m_reply->rawHeaderPairs());
    if (options.maxBytes > 0 && length > options.maxBytes
        && options.method == FetchOptions::Method::Get) {
        m_tooLarge = true; // announced: no need to read it to know
        abortReply();
    }
}

void FetchSlot::onReadyRead()
{
    if (m_result.firstByteMs < 0)
        m_result.firstByteMs = m_clock.elapsed();
    if (!m_decoder)
        m_decoder = std::make_unique<BodyDecoder>(m_reply->rawHeader("Content-Encoding"));
    const qint64 maxBytes = m_batch->options.maxBytes;
    char chunk[ReadChunkBytes]; // counted, not kept
    qint64 n = 0;
    while (!m_tooLarge && m_failure.isEmpty() && !m_finishPending
           && (n = m_reply->read(chunk, sizeof chunk)) > 0) {
        m_wireBytes += n;
        if (!m_decoder->feed(chunk, n))
            return fail(m_decoder->error());
        m_result.bytes = m_decoder->decodes() ? m_decoder->decodedBytes() : m_wireBytes;
        if (maxBytes > 0 && std::max(m_result.bytes, m_wireBytes) > maxBytes) {
            m_tooLarge = true;
            abortReply();
        }
    }
}

void FetchSlot::onFinished()
{
    if (m_handlerDepth > 0) {
        m_finishPending = true; // the handler that aborted ends the fetch when it returns
        return;
    }
    if (!m_reply)
        return;
    m_finishPending = false;
    if (followRedirect())
        return; // the same fetch goes on, under the same deadline
    m_deadline.stop();
    finishResult();
    m_reply->disconnect(this);
    m_reply->deleteLater(); // not inside its own finished()
    m_reply = nullptr;
    const FetchResult r = m_result;
    m_deliver(r);
    if (!startNext())
        m_idle();
}

void FetchSlot::finishResult()
{
    FetchExchange *reply = m_reply;
    const FetchOptions &options = m_batch->options;
    FetchResult &r = m_result;
    r.totalMs = m_clock.elapsed();
    r.finalUrl = reply->url();
    r.status = reply->status();
    r.reason = reply->reason();
    const bool noLocation = isRedirect(r.status) && reply->rawHeader("Location").isEmpty();
    if (m_failure.isEmpty() && !m_cancelled && !m_timedOut && !m_tooLarge
        && reply->error() == FetchResult::Error::None) {
        // Framing and encoding problems Qt lets through as success.
        if (const QString e = checkContentLength(reply); !e.isEmpty())
            m_failure = e;
        else if (m_decoder && r.status != 204 && r.status != 304)
            m_failure = m_decoder->finish();
    }
    if (m_cancelled) {
        r.error = FetchResult::Error::Cancelled;
        r.message = FetchResult::errorName(r.error);
    } else if (m_timedOut) {
        r.error = FetchResult::Error::Timeout;
        r.message = FetchResult::tr("no complete answer within %1 ms").arg(options.timeoutMs);
    } else if (m_tooLarge) {
        r.error = FetchResult::Error::TooLarge;
        r.message = FetchResult::tr("body larger than %1 bytes: transfer aborted").arg(options.maxBytes);
    } else if (!m_failure.isEmpty()) {
        r.error = FetchResult::Error::Network;
        r.message = m_failure;
    } else if (m_redirectError == FetchResult::Error::TooManyRedirects) {
        r.error = m_redirectError;
        // Also read by runboard-cli, which loads no translation: no %n plural here.
        r.message = options.maxRedirects == 1 ? FetchResult::tr("more than 1 redirect")
                                              : FetchResult::tr("more than %1 redirects").arg(options.maxRedirects);
    } else if (m_redirectError == FetchResult::Error::InsecureRedirect) {
        r.error = m_redirectError;
        r.message = FetchResult::tr("redirect from HTTPS to HTTP refused (%1)")
                        .arg(reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")))
                                 .toDisplayString(QUrl::RemoveUserInfo));
    } else if (noLocation) {
        r.error = FetchResult::Error::Network;
        r.message = FetchResult::tr("HTTP %1 redirect without a Location header").arg(r.status);
    } else if (reply->error() == FetchResult::Error::None || r.status >= 400) {
        const qint64 length = FetchExchange::contentLength(reply->rawHeaderPairs());
        if (r.status >= 400) {
            r.error = FetchResult::Error::Http;
            r.message = QStringLiteral("HTTP %1 %2").arg(r.status).arg(r.reason);
        } else if (options.method == FetchOptions::Method::Get && length >= 0
                   && r.status >= 200 && r.status != 204 && r.status != 304
                   && m_wireBytes < length) {
            // Qt can take a connection closed early for the end of the body: we do not.
            r.error = FetchResult::Error::Network;
            r.message = FetchResult::tr("body ended after %1 of %2 bytes").arg(m_wireBytes).arg(length);
        }
    } else {
        r.error = reply->error();
        r.message = reply->errorString();
        if (r.error == FetchResult::Error::Tls && !reply->tlsErrors().isEmpty())
            r.message = reply->tlsErrors().join(QStringLiteral("; "));
        if (r.message.isEmpty())
            r.message = FetchResult::errorName(r.error);
    }
    if (options.ignoreTlsErrors) {
        // Accepted, not hidden: --insecure reports what it let through.
        const QStringList tlsErrors = reply->tlsErrors();
        for (const QString &e : tlsErrors)
            r.warnings << FetchResult::tr("TLS error accepted: %1").arg(e);
    }
    if (m_decoder && !m_decoder->warning().isEmpty())
        r.warnings << m_decoder->warning();
    // Credentials never leave the engine: every text a view or the CLI shows is redacted.
    r.message = SafeText::redactCredentials(r.message);
    if (!r.finalUrl.password().isEmpty())
        r.finalUrl.setPassword(QStringLiteral("***"));
}
