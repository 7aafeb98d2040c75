// HttpExchange: any bytes a server may send, cut in two writes at any point and followed by
// the server's close, end the exchange exactly once — never a hang until some deadline — and
// what it reports agrees with the bytes: an ok body is never longer than what was sent, has
// exactly the Content-Length when one frames it, and is empty for HEAD, 204 and 304; a failure
// names itself, and its connection is never kept for the next fetch.
//
// Input: one byte of flags (bit 0: a HEAD request; the rest: where the answer is cut), then
// the answer.

#include "FuzzSupport.h"
#include "net/HttpExchange.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {
QCoreApplication *app()
{
    static int argc = 1;
    static char name[] = "fuzz_httpexchange";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *a = new QCoreApplication(argc, argv);
    return a;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    app();
    FuzzInput in(data, size);
    const uint8_t flags = in.byte();
    const bool head = flags & 1;
    const QByteArray answer = in.bytes(size);
    const qsizetype cut = answer.isEmpty() ? 0 : qsizetype(flags >> 1) * answer.size() / 127;

    static QTcpServer server;
    if (!server.isListening())
        FUZZ_CHECK(server.listen(QHostAddress::LocalHost, 0));
    QObject scope;
    QObject::connect(&server, &QTcpServer::newConnection, &scope, [&] {
        while (QTcpSocket *s = server.nextPendingConnection()) {
            QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            auto *request = new QByteArray;
            QObject::connect(s, &QObject::destroyed, [request] { delete request; });
            QObject::connect(s, &QTcpSocket::readyRead, s, [s, request, &answer, cut] {
                *request += s->readAll();
                if (!request->contains("\r\n\r\n") || request->startsWith("answered"))
                    return;
                request->prepend("answered");
                s->write(answer.left(cut));
                s->flush();
                QTimer::singleShot(0, s, [s, &answer, cut] {
                    s->write(answer.mid(cut));
                    s->disconnectFromHost(); // after the bytes: every answer has an end
                });
            });
        }
    });

    HttpConnectionCache cache;
    HttpExchange x(&cache, QUrl(QStringLiteral("http://127.0.0.1:%1/f").arg(server.serverPort())), head);
    QByteArray body;
    int finished = 0;
    QEventLoop loop;
    QObject::connect(&x, &FetchExchange::readyRead, &scope, [&] {
        char buffer[4096];
        for (qint64 n; (n = x.read(buffer, sizeof buffer)) > 0;)
            body.append(buffer, n);
    });
    QObject::connect(&x, &FetchExchange::finished, &scope, [&] {
        ++finished;
        loop.quit();
    });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);
    watchdog.start(10000);
    x.start();
    if (finished == 0)
        loop.exec();
    FUZZ_CHECK(finished == 1, QStringLiteral("finished %1 times; answer %2").arg(finished).arg(QString::fromLatin1(answer.toHex())));
    FUZZ_CHECK(body.size() <= answer.size());
    if (x.error() == FetchResult::Error::None) {
        const int status = x.status();
        FUZZ_CHECK(status >= 200 && status <= 999, QString::number(status)); // 1xx heads are skipped
        const FetchExchange::HeaderList headers = x.rawHeaderPairs();
        if (head || status == 204 || status == 304)
            FUZZ_CHECK(body.isEmpty());
        else if (FetchExchange::headerValue(headers, "transfer-encoding").isEmpty()
                 && FetchExchange::contentLength(headers) >= 0)
            FUZZ_CHECK(body.size() == FetchExchange::contentLength(headers),
                       QStringLiteral("%1 bytes for Content-Length %2").arg(body.size()).arg(FetchExchange::contentLength(headers)));
    } else {
        FUZZ_CHECK(!x.errorString().isEmpty());
        FUZZ_CHECK(!cache.take(QStringLiteral("127.0.0.1"), server.serverPort()));
    }
    // The server's sockets and the client's go before the next input.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
