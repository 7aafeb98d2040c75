#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

// What a fetch batch is asked to do, and what each fetch found. Plain copyable values: they
// cross from the worker threads to the GUI thread by queued signal.

struct FetchOptions
{
    enum class Method { Get, Head };
    Method method = Method::Get;
    int concurrency = 8;          // requests in flight (slots); 1 = sequential
    // Each request in flight on a worker thread of its own, with its own manager, as in the
    // lesson "threads for blocking I/O" (the threads demo): more threads, more CPU. Otherwise
    // the slots share about one runner thread per core (FetchEngine).
    bool threadPerRequest = false;
    qint64 timeoutMs = 30000;     // total deadline per request, not only inactivity
    int maxRedirects = 10;        // HTTPS to HTTP is refused whatever this says
    qint64 maxBytes = 100LL << 20; // the transfer is aborted past this many body bytes
    bool ignoreTlsErrors = false;

    static constexpr int MaxConcurrency = 1024;
    // Open files one fetch worker holds at most: for https, its thread's event dispatcher (an
    // eventfd), its QNetworkAccessManager's HTTP thread and that thread's dispatcher, the
    // socket, and room for a DNS lookup or a second socket while a redirect switches hosts.
    // (Plain http holds the socket only: this errs on the safe side.)
    static constexpr int FilesPerWorker = 4;
    static constexpr int FilesReserved = 64; // the program itself: Qt, stdio, the GUI
    static qint64 filesNeeded(int concurrency) { return qint64(concurrency) * FilesPerWorker + FilesReserved; }
    // An empty string, or one line naming the option that is out of range.
    QString validate() const;
    // Empty, or one line saying that the open-file limit is too low for the concurrency.
    QString checkOpenFileLimit(qint64 limit) const;
};

struct FetchResult
{
    Q_DECLARE_TR_FUNCTIONS(FetchResult)
public:
    enum class Error {
        None,
        InvalidUrl,
        Dns,
        Refused,
        Timeout,
        Tls,
        TooManyRedirects,
        InsecureRedirect,
        TooLarge,
        Http,      // the server answered with 4xx/5xx
        Network,   // connection closed early, broken encoding, other transport errors
        Cancelled,
    };

    int index = -1;          // position in the batch
    QString requested;       // as given
    QUrl finalUrl;
    int status = 0;          // HTTP status code, 0 when none
    QString reason;          // HTTP reason phrase
    qint64 bytes = 0;        // body bytes received
    qint64 startMs = -1;     // since the batch started
    qint64 firstByteMs = -1; // time to first byte, from this request's start
    qint64 totalMs = -1;     // this request's duration
    int worker = -1;         // which slot (0-based) ran it: a worker thread with threadPerRequest
    int thread = -1;         // which runner thread (0-based) ran it
    Error error = Error::None;
    QString message;
    QStringList warnings;    // accepted problems (TLS errors under --insecure, ...)

    bool ok() const { return error == Error::None; }
    // The same result with its texts cut to fit a row of a view: at most about 1 KB in all.
    FetchResult compacted() const;
    qint64 approximateBytes() const; // what a kept result costs, roughly
    static QString errorKey(Error e);  // "timeout", "dns", ... (JSON, tables)
    static QString errorName(Error e); // translated, for people
};

struct FetchSummary
{
    int total = 0;
    int succeeded = 0;
    int failed = 0;    // cancelled fetches are not failures: counted apart
    int cancelled = 0;
    qint64 wallMs = 0;
    qint64 sumMs = 0;
    // Sum of request times over wall time; 0 (no claim) when nothing succeeded.
    double speedUp() const
    {
        return wallMs > 0 && succeeded > 0 ? double(sumMs) / double(wallMs) : 0.0;
    }
};

Q_DECLARE_METATYPE(FetchResult)
