#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QUrl>

#include <memory>

class QTcpServer;

// A small HTTP/1.1 server on 127.0.0.1 that makes the network panel, the teaching demos and
// the tests work offline. One thread, no thread per request: every connection is a state
// machine driven by the event loop, so thousands of slow clients cost nothing but sockets.
//
//   /                       a list of the endpoints
//   /delay/<ms>             answers after ms milliseconds (at most 60000)
//   /status/<code>          answers with that status (100-599)
//   /bytes/<n>              n bytes of body, written as the client reads them
//   /redirect/<n>           n redirects, then 200
//   /drip/<n>/<ms>          n body bytes, one every ms milliseconds
//
// Keep-alive is honoured; HEAD gets the headers only.
class DemoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoServer)
public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one. Returns an error message or empty.
    QString listen(quint16 port = 0);
    void close();
    bool isListening() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    qint64 requestsServed() const { return m_stats->served; }
    int openConnections() const { return m_stats->connections; }

    // Shared with the connections, which may outlive the server's destructor body.
    struct Stats
    {
        qint64 served = 0;
        int connections = 0;
    };

private:
    QTcpServer *m_server;
    std::shared_ptr<Stats> m_stats;
};
