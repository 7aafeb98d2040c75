#pragma once

#include "net/FetchExchange.h"

#include <QAbstractSocket>

class QTcpSocket;

// The connection a fetch slot keeps alive between two of its fetches (one at most: a slot has
// one fetch in flight). Lives in the slot's thread.
class HttpConnectionCache final
{
    Q_DISABLE_COPY_MOVE(HttpConnectionCache)
public:
    HttpConnectionCache() = default;
    ~HttpConnectionCache();
    // The kept connection to host:port when it is still open and quiet; nullptr otherwise (a
    // kept connection to another server, or one the server closed, is closed here).
    QTcpSocket *take(const QString &host, quint16 port);
    void keep(QTcpSocket *socket, const QString &host, quint16 port);
    static void close(QTcpSocket *socket); // at once, even from inside one of its signals

private:
    QTcpSocket *m_socket = nullptr;
    QString m_host;
    quint16 m_port = 0;
};

// A fetch of a plain http:// URL over our own small HTTP/1.1 client: one buffered socket per
// slot, kept alive from one fetch to the next. Qt 6.4's client reads every status line and
// header one byte per read() call from an unbuffered socket and hands each event between its
// HTTP thread and ours: 166,709 read() calls and about 25 thread wake-ups per request for
// 1,000 fetches (strace), most of the fetcher's CPU time. This one reads what is there in one
// call and runs in the slot's thread.
//
// It speaks what a fetch needs: GET and HEAD, Content-Length, chunked and read-until-close
// bodies (never one it cannot frame: a malformed chunk size or a body cut off is an error),
// 1xx responses skipped, keep-alive (HTTP/1.1, or 1.0 with "Connection: keep-alive"), a
// request sent again once on a fresh connection when a kept one turns out closed, reset,
// timed out (408) or holding stray bytes before the answer, Basic credentials from the URL, a
// head and a trailer of at most MaxHeadBytes each.
class HttpExchange final : public FetchExchange
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)
public:
    static constexpr qint64 MaxHeadBytes = 100 * 1024; // as curl
    static constexpr qint64 ReadBufferBytes = 256 * 1024;

    // Nothing happens before start(): connect to the signals first.
    HttpExchange(HttpConnectionCache *cache, const QUrl &url, bool head, QObject *parent = nullptr);
    ~HttpExchange() override;
    void start();

    QUrl url() const override { return m_url; }
    int status() const override { return m_status; }
    QString reason() const override { return m_reason; }
    HeaderList rawHeaderPairs() const override { return m_headers; }
    qint64 read(char *data, qint64 maxSize) override;
    void abort() override;
    bool isFinished() const override { return m_phase == Phase::Done; }
    FetchResult::Error error() const override { return m_error; }
    QString errorString() const override { return m_errorString; }

    // The bytes of the request head for url (also what a test compares with).
    static QByteArray requestHead(const QUrl &url, bool head);

private:
    enum class Phase { Idle, Connecting, Head, Body, Done };
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class Chunk { Size, Data, DataEnd, Trailers };

    void connectFresh();
    // Sends the request again on a new connection, once, when a kept one failed before a
    // usable answer; false when that is not allowed (no kept connection, or done already).
    bool retryOnFreshConnection();
    void attach(QTcpSocket *socket);
    void sendRequest();
    void onReadyRead();
    void onClosed();
    void onSocketError(QAbstractSocket::SocketError error);
    // Reads the line canReadLine() found into m_line; false when it is longer than limit.
    bool takeLine(qint64 limit);
    void readHead();
    bool headLine(const QByteArray &line); // false: the head is unusable (finished already)
    void headComplete();
    qint64 readChunked(char *data, qint64 maxSize);
    bool chunkLine(QByteArray *line);
    void bodyEvent(); // emits readyRead, then ends the exchange when the body is complete
    void finish(FetchResult::Error error, const QString &message);

    HttpConnectionCache *m_cache;
    QUrl m_url;
    QString m_host;
    quint16 m_port;
    bool m_head;
    QTcpSocket *m_socket = nullptr;
    bool m_reused = false;
    bool m_retried = false;
    Phase m_phase = Phase::Idle;

    // The response.
    QByteArray m_line;
    qint64 m_headBytes = 0;
    bool m_statusSeen = false;
    int m_minorVersion = 1;
    int m_status = 0;
    QString m_reason;
    HeaderList m_headers;
    Framing m_framing = Framing::None;
    Chunk m_chunk = Chunk::Size;
    qint64 m_length = 0;    // announced by Content-Length
    qint64 m_remaining = 0; // of the body (Length) or of the current chunk (Chunked)
    qint64 m_trailerBytes = 0;
    bool m_bodyDone = false;
    QString m_bodyError;
    bool m_keepAlive = false;
    FetchResult::Error m_error = FetchResult::Error::None;
    QString m_errorString;
};
