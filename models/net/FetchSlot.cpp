#include "net/FetchSlot.h"

#include "net/BodyDecoder.h"
#include "net/SafeText.h"
#include "net/UrlValidator.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace {
// Qt's HTTP thread stops reading the socket when this much body waits for us: without it the
// reply buffers everything the server sends faster than we read, cap or no cap.
constexpr qint64 ReadBufferBytes = 256 * 1024;
constexpr qint64 ReadChunkBytes = 64 * 1024;

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
// non-negative number (Qt takes the first one, or reads a negative one as "none").
QString checkContentLength(const QNetworkReply *reply)
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
        else if (v != first)
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

} // namespace

FetchSlot::FetchSlot(std::shared_ptr<FetchBatch> batch, QNetworkAccessManager *manager,
                     Deliver deliver, std::function<void()> idle, QObject *parent)
    : QObject(parent)
    , m_batch(std::move(batch))
    , m_manager(manager)
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
    m_tlsErrors.clear();
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
    QNetworkRequest request(url);
    // Redirects are followed here, not by Qt: Qt 6.4 follows one by disconnecting everything
    // from its HTTP thread, the safety net that deletes a request aborted just before its
    // manager goes (LeakSanitizer found them left behind), and it hands out the redirect
    // response's headers mixed with the final ones.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Plain http: no "Upgrade: h2c" attempt, which no server we meet answers and which costs
    // a header per request (curl does not try it either). HTTPS still negotiates HTTP/2.
    if (url.scheme() == QLatin1String("http"))
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // Asked for by us, a compressed body is left to us: we check that it ends (BodyDecoder).
    request.setRawHeader("Accept-Encoding", "gzip, deflate");
    m_reply = options.method == FetchOptions::Method::Head ? m_manager->head(request)
                                                           : m_manager->get(request);
    m_reply->setReadBufferSize(ReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] { guarded([this] { onMetaData(); }); });
    connect(m_reply, &QNetworkReply::readyRead, this, [this] { guarded([this] { onReadyRead(); }); });
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_tlsErrors << e.errorString();
        if (m_batch->options.ignoreTlsErrors)
            m_reply->ignoreSslErrors();
    });
    connect(m_reply, &QNetworkReply::finished, this, &FetchSlot::onFinished);
}

bool FetchSlot::isRedirectToFollow() const
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return isRedirect(status) && !m_reply->rawHeader("Location").isEmpty();
}

bool FetchSlot::followRedirect()
{
    QNetworkReply *reply = m_reply;
    if (m_cancelled || m_timedOut || m_tooLarge || !m_failure.isEmpty()
        || reply->error() != QNetworkReply::NoError || !isRedirectToFollow())
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
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (options.maxBytes > 0 && length.isValid() && length.toLongLong() > options.maxBytes
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
    QNetworkReply *reply = m_reply;
    const FetchOptions &options = m_batch->options;
    FetchResult &r = m_result;
    r.totalMs = m_clock.elapsed();
    r.finalUrl = reply->url();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    const bool noLocation = isRedirect(r.status) && reply->rawHeader("Location").isEmpty();
    if (m_failure.isEmpty() && !m_cancelled && !m_timedOut && !m_tooLarge
        && reply->error() == QNetworkReply::NoError) {
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
    } else if (reply->error() == QNetworkReply::NoError || r.status >= 400) {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (r.status >= 400) {
            r.error = FetchResult::Error::Http;
            r.message = QStringLiteral("HTTP %1 %2").arg(r.status).arg(r.reason);
        } else if (options.method == FetchOptions::Method::Get && length.isValid()
                   && r.status >= 200 && r.status != 204 && r.status != 304
                   && m_wireBytes < length.toLongLong()) {
            // Qt can take a connection closed early for the end of the body: we do not.
            r.error = FetchResult::Error::Network;
            r.message = FetchResult::tr("body ended after %1 of %2 bytes").arg(m_wireBytes).arg(length.toLongLong());
        }
    } else {
        r.error = classify(reply->error());
        r.message = reply->errorString();
        if (r.error == FetchResult::Error::Tls && !m_tlsErrors.isEmpty())
            r.message = m_tlsErrors.join(QStringLiteral("; "));
        if (r.message.isEmpty())
            r.message = FetchResult::errorName(r.error);
    }
    if (options.ignoreTlsErrors) {
        // Accepted, not hidden: --insecure reports what it let through.
        for (const QString &e : std::as_const(m_tlsErrors))
            r.warnings << FetchResult::tr("TLS error accepted: %1").arg(e);
    }
    if (m_decoder && !m_decoder->warning().isEmpty())
        r.warnings << m_decoder->warning();
    // Credentials never leave the engine: every text a view or the CLI shows is redacted.
    r.message = SafeText::redactCredentials(r.message);
    if (!r.finalUrl.password().isEmpty())
        r.finalUrl.setPassword(QStringLiteral("***"));
}
