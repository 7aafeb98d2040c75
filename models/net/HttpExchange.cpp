#include "net/HttpExchange.h"

#include "system/SafeText.h"

#include <QTcpSocket>

#include <cctype>
#include <utility>

namespace {
constexpr qint64 MaxChunkLineBytes = 4096;

bool hasToken(const QByteArray &value, const char *token)
{
    for (const QByteArray &t : value.split(','))
        if (t.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QString shown(const QByteArray &bytes)
{
    return SafeText::escapeControls(QString::fromLatin1(bytes.left(60)));
}

QByteArray withoutLineEnd(QByteArray line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}
} // namespace

HttpConnectionCache::~HttpConnectionCache()
{
    if (m_socket) {
        m_socket->abort();
        delete m_socket;
    }
}

QTcpSocket *HttpConnectionCache::take(const QString &host, quint16 port)
{
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    if (!socket)
        return nullptr;
    // Bytes waiting on an idle connection are none of the next response's: not reused.
    if (host == m_host && port == m_port && socket->state() == QAbstractSocket::ConnectedState
        && socket->bytesAvailable() == 0)
        return socket;
    close(socket);
    return nullptr;
}

void HttpConnectionCache::keep(QTcpSocket *socket, const QString &host, quint16 port)
{
    if (m_socket)
        close(m_socket);
    m_socket = socket;
    m_host = host;
    m_port = port;
}

void HttpConnectionCache::close(QTcpSocket *socket)
{
    socket->disconnect();
    socket->abort(); // the descriptor is closed now; the object goes when the loop is back
    socket->deleteLater();
}

HttpExchange::HttpExchange(HttpConnectionCache *cache, const QUrl &url, bool head, QObject *parent)
    : FetchExchange(parent)
    , m_cache(cache)
    , m_url(url)
    , m_host(url.host(QUrl::FullyEncoded))
    , m_port(quint16(url.port(80)))
    , m_head(head)
{
}

HttpExchange::~HttpExchange()
{
    if (m_socket)
        HttpConnectionCache::close(m_socket);
}

void HttpExchange::start()
{
    if (QTcpSocket *kept = m_cache->take(m_host, m_port)) {
        m_reused = true;
        attach(kept);
        sendRequest(); // only buffered here: nothing is emitted before start() returns
    } else {
        // From the event loop: a connect to an address that fails at once (no route, no
        // descriptor left) reports its error inside connectToHost(), and a finished() from
        // inside start() would let the slot start its next fetch from there, one level deeper
        // for every such URL of the batch.
        m_phase = Phase::Connecting;
        QMetaObject::invokeMethod(this, [this] {
            if (m_phase == Phase::Connecting && !m_socket)
                connectFresh();
        }, Qt::QueuedConnection);
    }
}

void HttpExchange::connectFresh()
{
    m_reused = false;
    auto *socket = new QTcpSocket;
    // Bounded: past this the socket stops reading and the server waits (a body is read as
    // fast as the slot takes it, never buffered whole).
    socket->setReadBufferSize(ReadBufferBytes);
    attach(socket);
    m_phase = Phase::Connecting;
    connect(socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // the request goes at once
        sendRequest();
    });
    socket->connectToHost(m_host, m_port);
}

void HttpExchange::attach(QTcpSocket *socket)
{
    m_socket = socket;
    connect(socket, &QTcpSocket::readyRead, this, &HttpExchange::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpExchange::onClosed);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpExchange::onSocketError);
}

QByteArray HttpExchange::requestHead(const QUrl &url, bool head)
{
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!target.startsWith('/'))
        target.prepend('/');
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() != -1 && url.port() != 80)
        host += ':' + QByteArray::number(url.port());
    QByteArray r;
    r.reserve(160 + target.size());
    r += head ? "HEAD " : "GET ";
    r += target;
    r += " HTTP/1.1\r\nHost: ";
    r += host;
    r += "\r\nUser-Agent: Runboard/" RUNBOARD_VERSION "\r\nAccept: */*\r\n"
         // Asked for by us, a compressed body is checked by us (BodyDecoder).
         "Accept-Encoding: gzip, deflate\r\n";
    // Credentials in the URL go to its server at once, as curl sends them. FetchSlot drops
    // them from a redirect to another server.
    if (!url.userName().isEmpty() || !url.password().isEmpty()) {
        const QString pair = url.userName(QUrl::FullyDecoded) + QLatin1Char(':') + url.password(QUrl::FullyDecoded);
        r += "Authorization: Basic " + pair.toUtf8().toBase64() + "\r\n";
    }
    r += "\r\n";
    return r;
}

void HttpExchange::sendRequest()
{
    m_phase = Phase::Head;
    m_socket->write(requestHead(m_url, m_head));
}

void HttpExchange::onReadyRead()
{
    if (m_phase == Phase::Head)
        readHead();
    else if (m_phase == Phase::Body)
        bodyEvent();
}

bool HttpExchange::retryOnFreshConnection()
{
    // GET and HEAD may go again: once, and only when a kept connection failed us.
    if (!m_reused || m_retried)
        return false;
    m_retried = true;
    HttpConnectionCache::close(std::exchange(m_socket, nullptr));
    m_headBytes = 0;
    m_statusSeen = false;
    m_status = 0;
    m_reason.clear();
    m_headers.clear();
    connectFresh();
    return true;
}

void HttpExchange::onClosed()
{
    if (m_phase == Phase::Connecting)
        return finish(FetchResult::Error::Network, FetchResult::tr("connection closed by the server before any answer"));
    if (m_phase == Phase::Head) {
        readHead(); // what came with the close
        if (m_phase != Phase::Head)
            return;
        // A kept connection the server closed while idle (or right after our request, as
        // servers do at their keep-alive limit): the request goes again, once, on a fresh one.
        if (m_headBytes == 0 && m_socket->bytesAvailable() == 0 && retryOnFreshConnection())
            return;
        finish(FetchResult::Error::Network,
               m_headBytes == 0 ? FetchResult::tr("connection closed by the server before any answer")
                                : FetchResult::tr("connection closed by the server inside the response head"));
    } else if (m_phase == Phase::Body) {
        bodyEvent();
    }
}

void HttpExchange::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_phase == Phase::Done)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // Qt emits disconnected() right after this, the unread bytes still readable: onClosed()
        // decides. (A reset by the peer comes this way too: Qt 6.4 reads it as an end.)
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onClosed();
        return;
    }
    if (m_phase == Phase::Head && m_headBytes == 0 && retryOnFreshConnection())
        return; // a reset of a kept connection: once more on a fresh one
    const QString host = m_url.host();
    const QString where = (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host)
                          + QLatin1Char(':') + QString::number(m_port);
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        return finish(FetchResult::Error::Dns, FetchResult::tr("host \"%1\" not found").arg(m_url.host()));
    case QAbstractSocket::ConnectionRefusedError:
        return finish(FetchResult::Error::Refused, FetchResult::tr("connection refused by %1").arg(where));
    default:
        return finish(FetchResult::Error::Network, QStringLiteral("%1: %2").arg(where, m_socket->errorString()));
    }
}

bool HttpExchange::takeLine(qint64 limit)
{
    // Through a small buffer: QIODevice::readLine(maxSize) would allocate maxSize first.
    char buffer[1024];
    m_line.resize(0);
    while (m_line.size() <= limit) {
        const qint64 n = m_socket->readLine(buffer, sizeof buffer);
        if (n <= 0)
            return false;
        m_line.append(buffer, n);
        if (m_line.endsWith('\n'))
            return m_line.size() <= limit;
    }
    return false;
}

void HttpExchange::readHead()
{
    while (m_phase == Phase::Head && m_socket->canReadLine()) {
        const bool whole = takeLine(MaxHeadBytes - m_headBytes);
        m_headBytes += m_line.size();
        if (!whole)
            return finish(FetchResult::Error::Network,
                          FetchResult::tr("response head larger than %1 KiB").arg(MaxHeadBytes / 1024));
        if (!headLine(withoutLineEnd(m_line)))
            return;
    }
    if (m_phase == Phase::Head && m_headBytes + m_socket->bytesAvailable() > MaxHeadBytes)
        finish(FetchResult::Error::Network, FetchResult::tr("response head larger than %1 KiB").arg(MaxHeadBytes / 1024));
}

bool HttpExchange::headLine(const QByteArray &line)
{
    if (!m_statusSeen) {
        if (line.isEmpty() && m_headBytes <= 8)
            return true; // a stray line end after the last body, as servers leave (RFC 9112, 2.2)
        // "HTTP/1.1 200 OK": the version, a three-digit status, a reason that may be empty.
        const bool versionOk = line.size() >= 12 && line.startsWith("HTTP/1.") && std::isdigit(static_cast<unsigned char>(line.at(7)))
                               && line.at(8) == ' ';
        const QByteArray code = line.mid(9, 3);
        bool ok = false;
        const int status = code.toInt(&ok);
        if (!versionOk || !ok || code.size() != 3 || status < 100 || (line.size() > 12 && line.at(12) != ' ')) {
            // Bytes a kept connection held from before (what the last server sent past its
            // body) are none of this answer's: the request goes again on a fresh connection.
            if (retryOnFreshConnection())
                return false;
            finish(FetchResult::Error::Network, FetchResult::tr("not an HTTP response: \"%1\"").arg(shown(line)));
            return false;
        }
        if (status == 408 && retryOnFreshConnection())
            return false; // a kept connection the server timed out as our request came
        m_minorVersion = line.at(7) - '0';
        m_status = status;
        m_reason = QString::fromLatin1(line.mid(13));
        m_statusSeen = true;
        return true;
    }
    if (line.isEmpty()) {
        if (m_status >= 100 && m_status < 200) {
            if (m_status == 101) {
                finish(FetchResult::Error::Network, FetchResult::tr("the server switched protocols (HTTP 101), which was not asked for"));
                return false;
            }
            // 100 Continue, 103 Early Hints: the answer follows.
            m_statusSeen = false;
            m_status = 0;
            m_reason.clear();
            m_headers.clear();
            return true;
        }
        headComplete();
        return false;
    }
    if ((line.at(0) == ' ' || line.at(0) == '\t') && !m_headers.isEmpty()) {
        m_headers.last().second += ' ' + line.trimmed(); // an obsolete folded line
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return true; // not a header: skipped, as browsers do
    m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    return true;
}

void HttpExchange::headComplete()
{
    const QByteArray connection = headerValue(m_headers, "connection");
    m_keepAlive = m_minorVersion >= 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
    const QByteArray transfer = headerValue(m_headers, "transfer-encoding");
    if (m_head || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
    } else if (!transfer.isEmpty()) {
        // Chunked last, or the body runs to the close; a Content-Length beside it is ignored
        // and the connection is not used again (RFC 9112, 6.3).
        const QList<QByteArray> codings = transfer.split(',');
        m_framing = codings.last().trimmed().compare("chunked", Qt::CaseInsensitive) == 0 ? Framing::Chunked
                                                                                          : Framing::UntilClose;
        if (m_framing == Framing::UntilClose || !headerValue(m_headers, "content-length").isEmpty())
            m_keepAlive = false;
    } else if (!headerValue(m_headers, "content-length").isEmpty()) {
        m_length = contentLength(m_headers);
        if (m_length < 0) { // FetchSlot names the problem; the body cannot be framed
            m_framing = Framing::UntilClose;
            m_keepAlive = false;
        } else {
            m_framing = Framing::Length;
            m_remaining = m_length;
        }
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
    }
    m_phase = Phase::Body;
    m_bodyDone = m_framing == Framing::None || (m_framing == Framing::Length && m_remaining == 0);
    Q_EMIT metaDataChanged();
    if (m_phase != Phase::Body)
        return; // aborted from the handler
    if (m_bodyDone || m_socket->bytesAvailable() > 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        bodyEvent();
}

qint64 HttpExchange::read(char *data, qint64 maxSize)
{
    if (m_phase != Phase::Body || m_bodyDone || !m_bodyError.isEmpty())
        return 0;
    switch (m_framing) {
    case Framing::None:
        return 0;
    case Framing::Length: {
        const qint64 n = m_socket->read(data, std::min(maxSize, m_remaining));
        if (n > 0) {
            m_remaining -= n;
            m_bodyDone = m_remaining == 0;
        }
        return std::max<qint64>(n, 0);
    }
    case Framing::UntilClose:
        return std::max<qint64>(m_socket->read(data, maxSize), 0);
    case Framing::Chunked:
        return readChunked(data, maxSize);
    }
    return 0;
}

bool HttpExchange::chunkLine(QByteArray *line)
{
    if (!m_socket->canReadLine()) {
        if (m_socket->bytesAvailable() > MaxChunkLineBytes)
            m_bodyError = FetchResult::tr("chunked body: a line longer than %1 bytes").arg(MaxChunkLineBytes);
        return false;
    }
    if (!takeLine(MaxChunkLineBytes)) {
        m_bodyError = FetchResult::tr("chunked body: a line longer than %1 bytes").arg(MaxChunkLineBytes);
        return false;
    }
    *line = withoutLineEnd(m_line);
    return true;
}

qint64 HttpExchange::readChunked(char *data, qint64 maxSize)
{
    qint64 got = 0;
    QByteArray line;
    // Framing lines are read even when maxSize is 0: read(nullptr, 0) moves past them.
    while (!m_bodyDone && m_bodyError.isEmpty()) {
        switch (m_chunk) {
        case Chunk::Size: {
            if (!chunkLine(&line))
                return got;
            QByteArray digits = line.split(';').first().trimmed(); // extensions ignored
            bool ok = !digits.isEmpty();
            while (digits.size() > 1 && digits.startsWith('0'))
                digits.remove(0, 1);
            ok = ok && digits.size() <= 15; // below 2^60: no overflow
            for (char c : digits)
                ok = ok && std::isxdigit(static_cast<unsigned char>(c));
            if (!ok) {
                m_bodyError = FetchResult::tr("chunked body: \"%1\" is not a chunk size").arg(shown(line));
                return got;
            }
            m_remaining = digits.toLongLong(nullptr, 16);
            m_chunk = m_remaining == 0 ? Chunk::Trailers : Chunk::Data;
            break;
        }
        case Chunk::Data: {
            if (got == maxSize)
                return got;
            const qint64 n = m_socket->read(data + got, std::min(maxSize - got, m_remaining));
            if (n <= 0)
                return got;
            got += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_chunk = Chunk::DataEnd;
            break;
        }
        case Chunk::DataEnd:
            if (!chunkLine(&line))
                return got;
            if (!line.isEmpty()) {
                m_bodyError = FetchResult::tr("chunked body: a chunk longer than its size");
                return got;
            }
            m_chunk = Chunk::Size;
            break;
        case Chunk::Trailers:
            if (!chunkLine(&line))
                return got;
            m_trailerBytes += line.size() + 2;
            if (m_trailerBytes > MaxHeadBytes) {
                m_bodyError = FetchResult::tr("chunked body: trailer larger than %1 KiB").arg(MaxHeadBytes / 1024);
                return got;
            }
            m_bodyDone = line.isEmpty(); // trailer fields are skipped
            break;
        }
    }
    return got;
}

void HttpExchange::bodyEvent()
{
    if (!m_bodyDone && m_bodyError.isEmpty())
        Q_EMIT readyRead();
    if (m_phase != Phase::Body)
        return; // aborted from the handler
    if (!m_bodyDone && m_bodyError.isEmpty() && m_framing == Framing::Chunked && m_socket->bytesAvailable() > 0)
        read(nullptr, 0); // framing lines the handler left (it reads body bytes only when there are some)
    if (!m_bodyError.isEmpty())
        return finish(FetchResult::Error::Network, m_bodyError);
    if (m_bodyDone)
        return finish(FetchResult::Error::None, QString());
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        return; // more to come
    // Closed: what is left in the buffer can never complete the body (a cut framing line).
    switch (m_framing) {
    case Framing::UntilClose:
        return finish(FetchResult::Error::None, QString());
    case Framing::Length:
        return finish(FetchResult::Error::Network, FetchResult::tr("body ended after %1 of %2 bytes")
                                                       .arg(m_length - m_remaining).arg(m_length));
    default:
        return finish(FetchResult::Error::Network, FetchResult::tr("connection closed inside the chunked body"));
    }
}

void HttpExchange::abort()
{
    if (m_phase != Phase::Done)
        finish(FetchResult::Error::Cancelled, FetchResult::tr("Operation canceled"));
}

void HttpExchange::finish(FetchResult::Error error, const QString &message)
{
    m_phase = Phase::Done;
    m_error = error;
    m_errorString = message;
    if (QTcpSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        if (error == FetchResult::Error::None && m_keepAlive && m_bodyDone
            && socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0)
            m_cache->keep(socket, m_host, m_port);
        else
            HttpConnectionCache::close(socket);
    }
    Q_EMIT finished();
}
