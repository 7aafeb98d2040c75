#pragma once

#include "demo/Demo.h"

#include <QThread>
#include <QUrl>

class DemoServer;
class FetchEngine;

// Demo 4: nine URLs fetched one after another, then on nine threads. The local demo server
// (on a thread of its own) answers nine /delay/<ms> endpoints with different latencies; with
// setPreferInternet(true) the nine big sites of the lesson are used when they can be reached.
class ThreadsDemo final : public Demo
{
    Q_OBJECT
public:
    static constexpr int Urls = 9;
    static constexpr double MinLocalSpeedUp = 3.0;
    static constexpr double MinInternetSpeedUp = 1.5;
    ThreadsDemo(const DemoInfo &info, QObject *parent);
    ~ThreadsDemo() override;

    static QList<int> localLatenciesMs();
    static QStringList lessonSites();
    double speedUp() const { return m_speedUp; }
    bool usedLocalServer() const { return m_local; }

protected:
    void run() override;
    void stopWork() override;

private:
    void withServer(std::function<void(const QUrl &base, const QString &error)> then);
    void startLocal();
    void runBatches(const QStringList &urls);
    void runBatch(const QStringList &urls, int concurrency, const QString &group,
                  std::function<void()> then);

    FetchEngine *m_engine;
    QThread m_serverThread;
    DemoServer *m_server = nullptr;
    QUrl m_base;
    qint64 m_sequentialMs = 0;
    qint64 m_threadsMs = 0;
    double m_speedUp = 0;
    bool m_local = true;
    QStringList m_failures;
};
