#include "net/DemoServer.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

// One client connection: read a request, answer it (now, later, or bit by bit), repeat.
class DemoConnection final : public QObject
{
public:
    DemoConnection(QTcpSocket *socket, DemoServer *server, std::shared_ptr<DemoServer::Stats> stats)
        : QObject(server), m_socket(socket), m_stats(std::move(stats))
    {
        ++m_stats->connections;
        m_socket->setParent(this);
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer); // a delay must never answer early
        // While an answer is under way nothing more is read: what the client sends meanwhile
        // waits in this buffer and then in the kernel's, and TCP holds the client back (a client
        // writing on during a slow answer grew the request buffer without end).
        m_socket->setReadBufferSize(MaxHeader + Chunk);
        connect(m_socket, &QTcpSocket::readyRead, this, &DemoConnection::onReadable);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &DemoConnection::onWritten);
        connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        connect(&m_timer, &QTimer::timeout, this, &DemoConnection::onTimer);
    }
    ~DemoConnection() override { --m_stats->connections; }

private:
    enum class Phase { Reading, Delaying, Streaming, Dripping };
    static constexpr qint64 MaxHeader = 16 * 1024;
    static constexpr qint64 Chunk = 64 * 1024;

    void onReadable()
    {
        if (m_phase != Phase::Reading)
            return; // finishResponse() comes back for it
        m_in += m_socket->readAll();
        handleNext();
    }

    void handleNext()
    {
        // Not HTTP at all (a TLS handshake, say): say so at once instead of waiting for a
        // header that never comes.
        if (!m_in.isEmpty() && (uchar(m_in.at(0)) < 'A' || uchar(m_in.at(0)) > 'Z')) {
            respond(400, "Bad Request", "this server speaks plain HTTP/1.1\n", true);
            return;
        }
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_in.size() > MaxHeader)
                respond(431, "Request Header Fields Too Large", "header too large\n", true);
            return;
        }
        const QByteArray head = m_in.left(end);
        m_in.remove(0, end + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> request = lines.first().trimmed().split(' ');
        if (request.size() != 3 || !request.at(2).startsWith("HTTP/1.")) {
            respond(400, "Bad Request", "bad request line\n", true);
            return;
        }
        m_head = request.at(0) == "HEAD";
        m_close = request.at(2) == "HTTP/1.0";
        for (int i = 1; i < lines.size(); ++i) {
            const QByteArray l = lines.at(i).trimmed().toLower();
            if (l.startsWith("connection:"))
                m_close = l.contains("close");
        }
        if (request.at(0) != "GET" && !m_head) {
            respond(405, "Method Not Allowed", "only GET and HEAD\n", false);
            return;
        }
        route(request.at(1));
    }

    void route(const QByteArray &target)
    {
        ++m_stats->served;
        const QByteArray path = target.split('?').first();
        const QList<QByteArray> parts = path.split('/');
        bool ok = false;
        const QByteArray what = parts.value(1);
        if (path == "/") {
            respond(200, "OK",
                    "Runboard demo server\n/delay/<ms>\n/status/<code>\n/bytes/<n>\n"
                    "/redirect/<n>\n/drip/<n>/<ms>\n", false);
        } else if (what == "delay" && parts.size() == 3) {
            const int ms = parts.at(2).toInt(&ok);
            if (!ok || ms < 0 || ms > 60000)
                return respond(400, "Bad Request", "delay must be 0 to 60000 ms\n", false);
            m_phase = Phase::Delaying;
            m_pendingBody = "delayed " + QByteArray::number(ms) + " ms\n";
            m_timer.start(ms);
        } else if (what == "status" && parts.size() == 3) {
            const int code = parts.at(2).toInt(&ok);
            if (!ok || code < 100 || code > 599)
                return respond(400, "Bad Request", "status must be 100 to 599\n", false);
            // 1xx, 204 and 304 never have a body.
            const bool bodiless = code < 200 || code == 204 || code == 304;
            respond(code, reasonFor(code), bodiless ? QByteArray() : "status " + QByteArray::number(code) + "\n", false);
        } else if (what == "bytes" && parts.size() == 3) {
            const qint64 n = parts.at(2).toLongLong(&ok);
            if (!ok || n < 0 || n > (qint64(1) << 40))
                return respond(400, "Bad Request", "bytes must be 0 to 2^40\n", false);
            writeHeaders(200, "OK", n);
            m_left = m_head ? 0 : n;
            m_phase = Phase::Streaming;
            onWritten();
        } else if (what == "redirect" && parts.size() == 3) {
            const int n = parts.at(2).toInt(&ok);
            if (!ok || n < 0 || n > 1000)
                return respond(400, "Bad Request", "redirect count must be 0 to 1000\n", false);
            if (n == 0)
                return respond(200, "OK", "redirects done\n", false);
            m_extraHeaders = "Location: /redirect/" + QByteArray::number(n - 1) + "\r\n";
            respond(302, "Found", "redirecting\n", false);
        } else if (what == "drip" && parts.size() == 4) {
            bool ok2 = false;
            const qint64 n = parts.at(2).toLongLong(&ok);
            const int ms = parts.at(3).toInt(&ok2);
            if (!ok || !ok2 || n < 0 || n > 1000000 || ms < 0 || ms > 60000)
                return respond(400, "Bad Request", "drip needs <n> and <ms>\n", false);
            writeHeaders(200, "OK", n);
            m_left = m_head ? 0 : n;
            m_phase = Phase::Dripping;
            m_dripMs = ms;
            onTimer();
        } else {
            respond(404, "Not Found", "no such endpoint; see /\n", false);
        }
    }

    static QByteArray reasonFor(int code)
    {
        switch (code) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 418: return "I'm a teapot";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        default: return "Status";
        }
    }

    void writeHeaders(int code, const QByteArray &reason, qint64 length)
    {
        QByteArray h = "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason + "\r\n"
                       "Content-Type: text/plain\r\nContent-Length: " + QByteArray::number(length)
                       + "\r\nConnection: " + (m_close ? "close" : "keep-alive") + "\r\n"
                       + m_extraHeaders + "\r\n";
        m_extraHeaders.clear();
        m_socket->write(h);
    }

    void respond(int code, const QByteArray &reason, const QByteArray &body, bool forceClose)
    {
        m_close = m_close || forceClose;
        writeHeaders(code, reason, body.size());
        if (!m_head)
            m_socket->write(body);
        finishResponse();
    }

    void finishResponse()
    {
        m_phase = Phase::Reading;
        if (m_close) {
            m_socket->disconnectFromHost();
            return;
        }
        if (!m_in.isEmpty() || m_socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &DemoConnection::onReadable); // pipelined request
    }

    void onTimer()
    {
        if (m_phase == Phase::Delaying) {
            respond(200, "OK", m_pendingBody, false);
        } else if (m_phase == Phase::Dripping) {
            if (m_left <= 0)
                return finishResponse();
            m_socket->write("x", 1);
            --m_left;
            if (m_left == 0)
                finishResponse();
            else
                m_timer.start(m_dripMs);
        }
    }

    void onWritten()
    {
        if (m_phase != Phase::Streaming)
            return;
        // Write only as the client takes it: a slow reader holds back this connection only.
        while (m_left > 0 && m_socket->bytesToWrite() < 4 * Chunk) {
            const qint64 n = std::min(m_left, Chunk);
            static const QByteArray block(Chunk, 'x');
            m_socket->write(block.constData(), n);
            m_left -= n;
        }
        if (m_left == 0)
            finishResponse();
    }

    QTcpSocket *m_socket;
    std::shared_ptr<DemoServer::Stats> m_stats;
    QTimer m_timer;
    QByteArray m_in;
    QByteArray m_pendingBody;
    QByteArray m_extraHeaders;
    Phase m_phase = Phase::Reading;
    qint64 m_left = 0;
    int m_dripMs = 0;
    bool m_head = false;
    bool m_close = false;
};

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_stats(std::make_shared<Stats>())
{
    // Hundreds of clients connect in the same millisecond: with Qt's default backlog of 50 the
    // kernel drops their SYNs and they retry a second later.
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1024);
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_server->nextPendingConnection())
            new DemoConnection(s, this, m_stats);
    });
}

DemoServer::~DemoServer() = default;

QString DemoServer::listen(quint16 port)
{
    if (m_server->isListening())
        m_server->close();
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return tr("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_server->errorString());
    return {};
}

void DemoServer::close()
{
    m_server->close();
}

bool DemoServer::isListening() const
{
    return m_server->isListening();
}

quint16 DemoServer::port() const
{
    return m_server->serverPort();
}

QUrl DemoServer::baseUrl() const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}
