#include "NetworkPanel.h"
#include "CachedTextDelegate.h"

#include "Theme.h"
#include "session/SessionFile.h"

#include "WidgetNames.h"
#include "net/DemoServer.h"
#include "net/FetchEngine.h"
#include "net/FetchResultsModel.h"
#include "system/SafeText.h"
#include "net/UrlValidator.h"
#include "system/BackgroundPool.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>
#include <QFutureWatcher>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QVBoxLayout>

namespace {
const char *const kBigSites[] = {"google.com", "facebook.com", "apple.com",  "netflix.com",
                                 "salesforce.com", "intuit.com", "amazon.com", "uber.com",
                                 "lyft.com"};
constexpr int DemoUrlCount = 48;
constexpr qint64 MaxUrlFileBytes = 16 * 1024 * 1024;
} // namespace

NetworkPanel::NetworkPanel(QWidget *parent)
    : QWidget(parent)
    , m_engine(new FetchEngine(this))
    , m_model(new FetchResultsModel(this))
    , m_urlEdit(new QPlainTextEdit)
    , m_urlErrors(new QLabel)
    , m_preset(new QComboBox)
    , m_concurrency(new QSpinBox)
    , m_timeout(new QDoubleSpinBox)
    , m_redirects(new QSpinBox)
    , m_maxMiB(new QSpinBox)
    , m_insecure(new QCheckBox(tr("Accept certificate &errors (shown as warnings)")))
    , m_threadPerRequest(new QCheckBox(tr("A &thread per request (as in the lesson)")))
    , m_start(new QPushButton(tr("&Fetch")))
    , m_cancel(new QPushButton(tr("&Cancel")))
    , m_compare(new QPushButton(tr("Compare &sequential vs concurrent")))
    , m_load(new QPushButton(tr("&Load…")))
    , m_progress(new QProgressBar)
    , m_table(new QTableView)
    , m_summary(new QLabel)
    , m_timeline(new FetchTimeline)
{
    setObjectName(QStringLiteral("networkPanel"));
    nameWidget(m_urlEdit, "urlEdit", tr("URLs to fetch, one per line"),
               tr("http:// or https:// URLs, one per line; lines starting with # are comments"));
    nameWidget(m_urlErrors, "urlErrorsLabel", tr("Problems in the URL list"));
    nameWidget(m_preset, "presetCombo", tr("URL presets"),
               tr("Fill the list with a ready-made set of URLs"));
    nameWidget(m_concurrency, "concurrencySpin", tr("Concurrency"));
    nameWidget(m_timeout, "timeoutSpin", tr("Timeout per request"),
               tr("Seconds one request may take before it fails as timed out"));
    nameWidget(m_redirects, "redirectSpin", tr("Redirect cap"),
               tr("Redirects followed at most; one more is a failure"));
    nameWidget(m_maxMiB, "maxBytesSpin", tr("Size cap"),
               tr("A body larger than this is aborted and reported as too large"));
    nameWidget(m_threadPerRequest, "threadPerRequestCheck", tr("A thread per request"),
               tr("Run each request in flight on a worker thread of its own, with its own "
                  "network manager, as in the lesson on threads for blocking I/O; otherwise the "
                  "requests share about one thread per core, which costs less CPU"));
    nameWidget(m_insecure, "insecureCheck", tr("Accept TLS certificate errors"),
               tr("Fetch even when a certificate does not verify; each accepted error is listed "
                  "as a warning"));
    nameWidget(m_start, "startFetchButton", tr("Fetch"),
               tr("Fetch every URL of the list at the chosen concurrency"));
    nameWidget(m_cancel, "cancelFetchButton", tr("Cancel"),
               tr("Cancel the fetches still running; those are counted as cancelled"));
    nameWidget(m_compare, "compareButton", tr("Compare sequential vs concurrent"),
               tr("Fetch the list one after another, then concurrently, and show the speed-up"));
    nameWidget(m_load, "loadUrlsButton", tr("Load URLs from a file"),
               tr("Read a text file with one URL per line into the list"));
    nameWidget(m_progress, "fetchProgress", tr("Fetch progress"));
    nameWidget(m_table, "resultsTable", tr("Fetch results"),
               tr("One row per URL: status, time, size, slot and any error"));
    nameWidget(m_summary, "fetchSummaryLabel", tr("Batch summary"));

    m_urlEdit->setPlaceholderText(tr("One URL per line (http:// or https://); # starts a comment."));
    m_urlEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_urlErrors->setWordWrap(true);
    m_urlErrors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preset->addItem(tr("Presets…"));
    m_preset->addItem(tr("Nine big sites (https)"));
    m_preset->addItem(tr("Local demo: %1 delayed URLs").arg(DemoUrlCount));
    m_concurrency->setRange(1, FetchOptions::MaxConcurrency);
    m_concurrency->setValue(8);
    m_concurrency->setToolTip(tr("Requests in flight at once; 1 is sequential"));
    m_timeout->setRange(0.1, 3600);
    m_timeout->setDecimals(1);
    m_timeout->setValue(10);
    m_timeout->setSuffix(tr(" s"));
    m_redirects->setRange(0, 100);
    m_redirects->setValue(10);
    m_maxMiB->setRange(1, 1024 * 1024);
    m_maxMiB->setValue(100);
    m_maxMiB->setSuffix(tr(" MiB"));

    auto *options = new QFormLayout;
    options->addRow(tr("Co&ncurrency:"), m_concurrency);
    options->addRow(tr("&Timeout:"), m_timeout);
    options->addRow(tr("&Redirects:"), m_redirects);
    options->addRow(tr("Si&ze cap:"), m_maxMiB);
    options->addRow(m_insecure);
    options->addRow(m_threadPerRequest);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_preset, 1);
    listButtons->addWidget(m_load);
    auto *left = new QVBoxLayout;
    left->addLayout(listButtons);
    left->addWidget(m_urlEdit, 1);
    left->addWidget(m_urlErrors);
    left->addLayout(options);
    auto *runButtons = new QHBoxLayout;
    runButtons->addWidget(m_start);
    runButtons->addWidget(m_cancel);
    left->addLayout(runButtons);
    left->addWidget(m_compare);
    auto *leftWidget = new QWidget;
    leftWidget->setLayout(left);

    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(FetchResultsModel::RawValueRole);
    m_table->setModel(proxy);
    m_table->setItemDelegate(new CachedTextDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FetchResultsModel::Index, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    // The URL keeps a readable width whatever the window's; the error column takes the rest.
    header->setSectionResizeMode(FetchResultsModel::Url, QHeaderView::Interactive);
    header->resizeSection(FetchResultsModel::Url, fontMetrics().horizontalAdvance(QLatin1Char('m')) * 28);
    const int narrow = fontMetrics().horizontalAdvance(QStringLiteral("0000000000"));
    for (int c : {int(FetchResultsModel::Index), int(FetchResultsModel::Worker)})
        header->resizeSection(c, narrow * 6 / 10);
    for (int c : {int(FetchResultsModel::Status), int(FetchResultsModel::Bytes),
                  int(FetchResultsModel::FirstByte), int(FetchResultsModel::Time)})
        header->resizeSection(c, narrow);
    auto *right = new QVBoxLayout;
    right->addWidget(m_progress);
    right->addWidget(m_summary);
    auto *rightSplit = new QSplitter(Qt::Vertical);
    rightSplit->addWidget(m_table);
    rightSplit->addWidget(m_timeline);
    right->addWidget(rightSplit, 1);
    auto *rightWidget = new QWidget;
    rightWidget->setLayout(right);

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(leftWidget);
    split->addWidget(rightWidget);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_flushTimer.setSingleShot(true);
    // Rows reach the table and the timeline in bursts, twenty times a second: every burst
    // repaints them, and a thousand fetches at 64 finish in about a second (the profile showed
    // text shaping of the visible rows as the panel's cost per burst).
    m_flushTimer.setInterval(50);
    connect(&m_flushTimer, &QTimer::timeout, this, &NetworkPanel::flushResults);
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(150);
    connect(&m_validateTimer, &QTimer::timeout, this, &NetworkPanel::validateUrls);
    connect(m_urlEdit, &QPlainTextEdit::textChanged, &m_validateTimer, qOverload<>(&QTimer::start));
    connect(m_start, &QPushButton::clicked, this, &NetworkPanel::startFetch);
    connect(m_cancel, &QPushButton::clicked, this, &NetworkPanel::cancelFetch);
    connect(m_compare, &QPushButton::clicked, this, &NetworkPanel::compare);
    connect(m_load, &QPushButton::clicked, this, &NetworkPanel::loadFromFile);
    connect(m_preset, &QComboBox::activated, this, &NetworkPanel::applyPreset);
    m_engine->setKeepResults(false); // the model and the timeline keep the rows
    connect(m_engine, &FetchEngine::resultReady, this, &NetworkPanel::onResult);
    connect(m_engine, &FetchEngine::finished, this, &NetworkPanel::onFinished);
    // The options people chose last time.
    QSettings settings;
    m_concurrency->setValue(settings.value(QStringLiteral("network/concurrency"), 8).toInt());
    m_timeout->setValue(settings.value(QStringLiteral("network/timeoutSeconds"), 10.0).toDouble());
    m_redirects->setValue(settings.value(QStringLiteral("network/maxRedirects"), 10).toInt());
    m_maxMiB->setValue(settings.value(QStringLiteral("network/maxMiB"), 100).toInt());
    m_settingsWriter.setMaxThreadCount(1);
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Choose URLs, then Fetch."));
    validateUrls();
    updateControls();
}

NetworkPanel::~NetworkPanel()
{
    m_settingsWriter.waitForDone(); // teardown only: a settings file is written in milliseconds
    m_serverThread.quit();
    m_serverThread.wait(); // teardown only: the thread's loop ends at once
}

void NetworkPanel::setUrlText(const QString &text)
{
    m_urlEdit->setPlainText(text);
    validateUrls();
}

void NetworkPanel::validateUrls()
{
    m_validateTimer.stop();
    const QList<UrlValidator::Line> lines = UrlValidator::parseList(m_urlEdit->toPlainText());
    QList<QTextEdit::ExtraSelection> marks;
    QStringList problems;
    int good = 0;
    for (const UrlValidator::Line &l : lines) {
        if (l.error.isEmpty()) {
            ++good;
            continue;
        }
        if (problems.size() < 5)
            problems << tr("line %1: %2")
                            .arg(l.lineNumber)
                            .arg(SafeText::escapeControls(SafeText::redactCredentials(l.error)));
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_urlEdit->document()->findBlockByNumber(l.lineNumber - 1));
        mark.format.setBackground(QColor(255, 0, 0, 50));
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(Qt::red);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        marks << mark;
    }
    m_urlEdit->setExtraSelections(marks);
    const int bad = int(lines.size()) - good;
    if (bad > 0) {
        QString text = tr("%1 of %2 lines are not fetchable URLs; fix or remove them:")
                           .arg(bad).arg(lines.size());
        text += QLatin1Char('\n') + problems.join(QLatin1Char('\n'));
        if (bad > problems.size())
            text += QLatin1Char('\n') + tr("… and %1 more").arg(bad - problems.size());
        m_urlErrors->setText(text);
        m_urlErrors->setStyleSheet(QStringLiteral("color: %1").arg(Theme::errorText(palette()).name()));
    } else {
        m_urlErrors->setText(lines.isEmpty() ? QString() : tr("%1 URLs ready.").arg(good));
        m_urlErrors->setStyleSheet(QString());
    }
    m_batchUrls.clear();
    if (bad == 0) {
        for (const UrlValidator::Line &l : lines)
            m_batchUrls << l.text;
    }
    updateControls();
}

bool NetworkPanel::readOptions(FetchOptions *options)
{
    options->concurrency = m_concurrency->value();
    options->timeoutMs = qint64(m_timeout->value() * 1000);
    options->maxRedirects = m_redirects->value();
    options->maxBytes = qint64(m_maxMiB->value()) * 1024 * 1024;
    options->ignoreTlsErrors = m_insecure->isChecked();
    options->threadPerRequest = m_threadPerRequest->isChecked();
    const QString e = options->validate();
    if (!e.isEmpty())
        m_summary->setText(e);
    return e.isEmpty();
}

void NetworkPanel::startFetch()
{
    runBatch(Mode::Single, m_concurrency->value());
}

void NetworkPanel::compare()
{
    m_sequential = FetchTimeline::Series{};
    runBatch(Mode::CompareSequential, 1);
}

void NetworkPanel::runBatch(Mode mode, int concurrency)
{
    if (m_validateTimer.isActive())
        validateUrls();
    if (m_batchUrls.isEmpty() || m_engine->isRunning())
        return;
    FetchOptions options;
    if (!readOptions(&options))
        return;
    options.concurrency = concurrency;
    m_mode = mode;
    m_pending.clear();
    m_model->clear();
    QList<FetchTimeline::Series> series;
    if (mode == Mode::CompareConcurrent)
        series << m_sequential;
    FetchTimeline::Series current;
    current.title = concurrency == 1 ? tr("sequential") : tr("concurrency %1").arg(concurrency);
    series << current;
    m_timeline->setSeries(series);
    setProgress(0, int(m_batchUrls.size()));
    if (const QString e = m_engine->start(m_batchUrls, options); !e.isEmpty()) {
        m_summary->setText(e);
        return;
    }
    saveOptions();
    m_summary->setText(mode == Mode::CompareSequential
                           ? tr("Comparing: first one at a time…")
                           : tr("Fetching %1 URLs, %2 at a time…").arg(m_batchUrls.size()).arg(concurrency));
    m_progress->setFormat(QStringLiteral("%p%"));
    updateControls();
    Q_EMIT statusChanged(statusText());
}

void NetworkPanel::saveOptions()
{
    const QVariantHash options{{QStringLiteral("network/concurrency"), m_concurrency->value()},
                               {QStringLiteral("network/timeoutSeconds"), m_timeout->value()},
                               {QStringLiteral("network/maxRedirects"), m_redirects->value()},
                               {QStringLiteral("network/maxMiB"), m_maxMiB->value()}};
    if (options == m_savedOptions)
        return;
    m_savedOptions = options;
    // Off the GUI thread: QSettings writes through QSaveFile, whose fdatasync() made every
    // Fetch click wait for the disk. One thread, so that saves land in the order made.
    (void)QtConcurrent::run(&m_settingsWriter, [options] {
        QSettings settings;
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            settings.setValue(it.key(), it.value());
    });
}

void NetworkPanel::setProgress(int value, int maximum)
{
    // QProgressBar paints at once (synchronously) when its value changes visibly: with
    // updates off it only takes the value, and turning them on again asks for a paint with the
    // next frame, like every other widget.
    m_progress->setUpdatesEnabled(false);
    m_progress->setRange(0, maximum);
    m_progress->setValue(value);
    m_progress->setUpdatesEnabled(true);
}

void NetworkPanel::cancelFetch()
{
    m_engine->cancel();
    m_mode = Mode::Single; // a cancelled comparison stops here
}

void NetworkPanel::onResult(const FetchResult &result)
{
    m_pending.append(result.compacted()); // a row costs at most about 1 KB
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void NetworkPanel::flushResults()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    m_model->append(m_pending);
    m_timeline->addResults(m_pending, m_engine->summary().wallMs);
    m_pending.clear();
    // Cancelled fetches did not happen: the bar counts only those that did.
    const FetchSummary s = m_engine->summary();
    setProgress(s.succeeded + s.failed, m_progress->maximum());
    Q_EMIT statusChanged(statusText());
}

void NetworkPanel::onFinished()
{
    flushResults();
    const FetchSummary s = m_engine->summary();
    QList<FetchTimeline::Series> series = m_timeline->series();
    if (!series.isEmpty())
        series.last().wallMs = s.wallMs;
    m_timeline->setSeries(series);
    QString line = tr("%1 succeeded, %2 failed").arg(s.succeeded).arg(s.failed);
    if (s.cancelled > 0)
        line += tr(", %1 cancelled").arg(s.cancelled);
    line += tr(" \u00b7 wall %1 ms \u00b7 sum of request times %2 ms").arg(s.wallMs).arg(s.sumMs);
    // Nothing succeeded: nothing was sped up.
    if (s.succeeded > 0)
        line += tr(" \u00b7 speed-up %1\u00d7").arg(s.speedUp(), 0, 'f', 2);
    if (s.cancelled > 0) {
        m_progress->setFormat(tr("%v of %m (cancelled)"));
    } else {
        m_progress->setFormat(QStringLiteral("%p%"));
    }
    if (m_mode == Mode::CompareSequential) {
        m_sequential = series.last();
        m_sequentialSucceeded = s.succeeded;
        m_summary->setText(tr("Sequential: %1").arg(line));
        runBatch(Mode::CompareConcurrent, m_concurrency->value());
        return;
    }
    if (m_mode == Mode::CompareConcurrent) {
        const double ratio = s.wallMs > 0 ? double(m_sequential.wallMs) / double(s.wallMs) : 0.0;
        if (s.succeeded > 0 && m_sequentialSucceeded > 0)
            m_summary->setText(tr("Sequential %1 ms, concurrency %2: %3 ms \u2014 %4\u00d7 faster. %5")
                                   .arg(m_sequential.wallMs).arg(m_concurrency->value())
                                   .arg(s.wallMs).arg(ratio, 0, 'f', 1).arg(line));
        else
            m_summary->setText(tr("No comparison: no fetch succeeded. %1").arg(line));
    } else {
        m_summary->setText(line);
    }
    m_mode = Mode::Single;
    updateControls();
    Q_EMIT statusChanged(statusText());
}

QString NetworkPanel::statusText() const
{
    if (m_engine->isRunning()) {
        const FetchSummary s = m_engine->summary();
        return tr("Fetching: %1 of %2 done, %3 failed").arg(s.succeeded + s.failed + s.cancelled)
            .arg(s.total).arg(s.failed);
    }
    if (m_engine->total() == 0)
        return tr("No fetches yet. Choose URLs, then Fetch.");
    return m_summary->text();
}

void NetworkPanel::updateControls()
{
    const bool running = m_engine->isRunning();
    m_start->setEnabled(!running && !m_batchUrls.isEmpty());
    m_compare->setEnabled(!running && !m_batchUrls.isEmpty());
    m_cancel->setEnabled(running);
    m_preset->setEnabled(!running);
    m_load->setEnabled(!running);
    m_urlEdit->setReadOnly(running);
}

void NetworkPanel::applyPreset(int index)
{
    m_preset->setCurrentIndex(0);
    if (index == 1) {
        QStringList urls{tr("# The lesson's nine sites (needs the internet)")};
        for (const char *site : kBigSites)
            urls << QStringLiteral("https://www.%1/").arg(QLatin1String(site));
        setUrlText(urls.join(QLatin1Char('\n')));
    } else if (index == 2) {
        m_fillDemoWhenReady = true;
        if (m_demoUrl.isValid())
            fillDemoUrls();
        else
            startDemoServer();
    }
}

void NetworkPanel::startDemoServer()
{
    // The server runs in a thread of its own so that serving never competes with painting.
    if (m_serverThread.isRunning())
        return;
    m_serverThread.setObjectName(QStringLiteral("runboard-demo-server"));
    m_serverThread.start();
    auto *server = new DemoServer;
    server->moveToThread(&m_serverThread);
    connect(&m_serverThread, &QThread::finished, server, &QObject::deleteLater);
    m_demoServer = server;
    QMetaObject::invokeMethod(server, [this, server] {
        const QString error = server->listen(0);
        const QUrl base = error.isEmpty() ? server->baseUrl() : QUrl();
        QMetaObject::invokeMethod(this, [this, base, error] {
            if (!error.isEmpty()) {
                m_urlErrors->setText(tr("The demo server could not start: %1").arg(error));
                return;
            }
            m_demoUrl = base;
            Q_EMIT demoServerReady(base);
            if (m_fillDemoWhenReady)
                fillDemoUrls();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void NetworkPanel::fillDemoUrls()
{
    m_fillDemoWhenReady = false;
    QStringList urls{tr("# %1 requests to the local demo server, each answered after a delay")
                         .arg(DemoUrlCount)};
    for (int i = 0; i < DemoUrlCount; ++i)
        urls << QStringLiteral("%1/delay/%2").arg(m_demoUrl.toString()).arg(100 + (i * 37) % 400);
    setUrlText(urls.join(QLatin1Char('\n')));
}

void NetworkPanel::loadFromFile()
{
    auto *dialog = new QFileDialog(this, tr("Load URLs"), QString(),
                                   tr("Text files (*.txt *.list);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &NetworkPanel::loadUrlFile);
    dialog->open();
}

void NetworkPanel::loadUrlFile(const QString &path)
{
    // Off the GUI thread, and regular files only: a FIFO or a device would block forever.
    struct Loaded
    {
        QString text;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Loaded r = watcher->result();
        if (!r.error.isEmpty()) {
            m_urlErrors->setText(r.error);
            Q_EMIT urlFileLoaded(r.error);
            return;
        }
        setUrlText(r.text);
        Q_EMIT urlFileLoaded(QString());
    });
    watcher->setFuture(QtConcurrent::run(BackgroundPool::instance(), [path] {
        Loaded r;
        if (const QString e = SessionFile::regularFileError(path); !e.isEmpty()) {
            r.error = tr("URL file \"%1\" %2").arg(path, e);
            return r;
        }
        QFile f(path);
        if (f.size() > MaxUrlFileBytes) {
            r.error = tr("\"%1\" is larger than 16 MiB; not loaded").arg(path);
            return r;
        }
        if (!f.open(QIODevice::ReadOnly)) {
            r.error = tr("cannot read \"%1\": %2").arg(path, f.errorString());
            return r;
        }
        r.text = QString::fromUtf8(f.read(MaxUrlFileBytes));
        return r;
    }));
}

bool NetworkPanel::isFetching() const
{
    return m_engine->isRunning();
}
