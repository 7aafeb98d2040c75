#include "net/QnamExchange.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslError>

namespace {
// Qt's HTTP thread stops reading the socket when this much body waits for us: without it the
// reply buffers everything the server sends faster than we read, cap or no cap.
constexpr qint64 ReadBufferBytes = 256 * 1024;

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
} // namespace

QnamExchange::QnamExchange(QNetworkAccessManager *manager, const QUrl &url, bool head,
                           bool ignoreTlsErrors, QObject *parent)
    : FetchExchange(parent)
{
    QNetworkRequest request(url);
    // Redirects are followed by FetchSlot, not by Qt: Qt 6.4 follows one by disconnecting
    // everything from its HTTP thread, the safety net that deletes a request aborted just
    // before its manager goes (LeakSanitizer found them left behind), and it hands out the
    // redirect response's headers mixed with the final ones.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Asked for by us, a compressed body is left to us: we check that it ends (BodyDecoder).
    request.setRawHeader("Accept-Encoding", "gzip, deflate");
    m_reply = head ? manager->head(request) : manager->get(request);
    m_reply->setReadBufferSize(ReadBufferBytes);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &FetchExchange::metaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &FetchExchange::readyRead);
    connect(m_reply, &QNetworkReply::finished, this, &FetchExchange::finished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this, ignoreTlsErrors](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_tlsErrors << e.errorString();
        if (ignoreTlsErrors)
            m_reply->ignoreSslErrors();
    });
}

QnamExchange::~QnamExchange()
{
    m_reply->disconnect(this);
    if (!m_reply->isFinished())
        m_reply->abort();
    delete m_reply; // the exchange itself goes by deleteLater(): never inside the reply's signals
}

QUrl QnamExchange::url() const { return m_reply->url(); }

int QnamExchange::status() const
{
    return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QString QnamExchange::reason() const
{
    return m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
}

FetchExchange::HeaderList QnamExchange::rawHeaderPairs() const { return m_reply->rawHeaderPairs(); }

qint64 QnamExchange::read(char *data, qint64 maxSize) { return m_reply->read(data, maxSize); }

void QnamExchange::abort()
{
    if (!m_reply->isFinished())
        m_reply->abort();
}

bool QnamExchange::isFinished() const { return m_reply->isFinished(); }

FetchResult::Error QnamExchange::error() const { return classify(m_reply->error()); }

QString QnamExchange::errorString() const { return m_reply->errorString(); }
