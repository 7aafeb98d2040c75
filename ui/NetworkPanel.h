#pragma once

#include "FetchTimeline.h"
#include "net/FetchTypes.h"

#include <QPointer>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>
#include <QVariantHash>
#include <QWidget>

class DemoServer;
class FetchEngine;
class FetchResultsModel;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

// "Use threads for blocking I/O" made visible: a list of URLs fetched at once on a pool of
// worker threads, each result shown as it arrives, each fetch drawn on its thread's row.
class NetworkPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkPanel)
public:
    explicit NetworkPanel(QWidget *parent = nullptr);
    ~NetworkPanel() override;

    FetchEngine *engine() const { return m_engine; }
    void setUrlText(const QString &text);
    QUrl demoServerUrl() const { return m_demoUrl; }

public Q_SLOTS:
    void startFetch();
    void cancelFetch();
    void compare();
    void applyPreset(int index);

    // Reads a URL list file (regular files only) off the GUI thread; urlFileLoaded() tells.
    void loadUrlFile(const QString &path);
    // What the status bar says while the Network tab is shown.
    QString statusText() const;
    bool isFetching() const;

Q_SIGNALS:
    void demoServerReady(const QUrl &base);
    void statusChanged(const QString &text);
    void urlFileLoaded(const QString &error);

private:
    enum class Mode { Single, CompareSequential, CompareConcurrent };
    void validateUrls();
    bool readOptions(FetchOptions *options);
    void runBatch(Mode mode, int concurrency);
    void onResult(const FetchResult &result);
    void flushResults();
    void setProgress(int value, int maximum);
    void saveOptions();
    void onFinished();
    void updateControls();
    void loadFromFile();
    void startDemoServer();
    void fillDemoUrls();

    FetchEngine *m_engine;
    FetchResultsModel *m_model;
    QPlainTextEdit *m_urlEdit;
    QLabel *m_urlErrors;
    QComboBox *m_preset;
    QSpinBox *m_concurrency;
    QDoubleSpinBox *m_timeout;
    QSpinBox *m_redirects;
    QSpinBox *m_maxMiB;
    QCheckBox *m_insecure;
    QCheckBox *m_threadPerRequest;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_compare;
    QPushButton *m_load;
    QProgressBar *m_progress;
    QTableView *m_table;
    QLabel *m_summary;
    FetchTimeline *m_timeline;
    QTimer m_validateTimer;
    QTimer m_flushTimer; // results reach the views at most once per frame
    QThreadPool m_settingsWriter; // saves the options off the GUI thread (saveOptions)
    QVariantHash m_savedOptions;
    QList<FetchResult> m_pending;
    Mode m_mode = Mode::Single;
    QStringList m_batchUrls;
    FetchTimeline::Series m_sequential;
    int m_sequentialSucceeded = 0;
    QThread m_serverThread;
    DemoServer *m_demoServer = nullptr;
    QUrl m_demoUrl;
    bool m_fillDemoWhenReady = false;
};
