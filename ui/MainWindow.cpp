#include "MainWindow.h"

#include "LaunchDialog.h"
#include "NetworkPanel.h"
#include "OutputPane.h"
#include "FontWarmer.h"
#include "InlineFills.h"
#include "OutputView.h"
#include "ResponsivenessMeter.h"
#include "CachedTextDelegate.h"
#include "StateDelegate.h"
#include "Icons.h"
#include "ElidedLabel.h"
#include "CpuDelegate.h"
#include "process/OutputPipe.h"
#include "process/ResourceSampler.h"
#include "system/BackgroundPool.h"

#include <QTreeWidget>
#include <QDialog>
#include <QDialogButtonBox>
#include "net/FetchEngine.h"
#include "process/ProcessListModel.h"
#include "process/ProcessSupervisor.h"
#include "session/SessionFile.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_supervisor(new ProcessSupervisor(this))
    , m_model(new ProcessListModel(m_supervisor, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTreeView)
    , m_fontWarmer(new FontWarmer(this))
    , m_filter(new QLineEdit)
    , m_tabs(new QTabWidget)
    , m_network(new NetworkPanel)
    , m_boardSplit(new QSplitter(Qt::Vertical))
    , m_outputSplit(new QSplitter(Qt::Horizontal))
    , m_pane(new OutputPane(QStringLiteral("outputPane")))
    , m_pane2(new OutputPane(QStringLiteral("outputPane2")))
    , m_status(new ElidedLabel)
    , m_meter(new ResponsivenessMeter)
{
    setWindowTitle(tr("Runboard"));
    setObjectName(QStringLiteral("mainWindow"));
    // This thread paints: it reads its children's pipes without giving way to their writers.
    OutputPipe::setGivingWay(false);
    // And it does its own fills: Qt's would wait for threads that wait for a core behind busy
    // children (InlineFills.h). The call keeps that answer linked into every program with a window.
    InlineFills::active();

    createBoard();
    createTabs();
    createActions();

    m_status->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_meter);

    watchChanges();

    setWindowIcon(Icons::application());
    resize(1100, 720);
    createLab();
    restoreSettings();
    updateActions();
    // Once the window's first turn has run: the faces it draws in, loaded before a run needs
    // them (FontWarmer).
    QTimer::singleShot(0, this, [this] {
        QFont bold = font();
        bold.setBold(true);
        m_fontWarmer->warm(m_pane->view()->faces() + QList<QFont>{m_table->font(), font(), bold});
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::createBoard()
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ProcessListModel::RawValueRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterRole(ProcessListModel::FilterTextRole); // name, PID, state, result, command
    m_proxy->setFilterKeyColumn(ProcessListModel::Name);
    m_proxy->setRecursiveFilteringEnabled(true); // a matching stage keeps its pipeline
    m_table->setObjectName(QStringLiteral("processTable"));
    m_table->setAccessibleName(tr("Processes"));
    m_table->setAccessibleDescription(tr("Every process with its state, times, CPU, memory and "
                                         "output sizes; pipeline stages under their pipeline"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // launch order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setUniformRowHeights(true);
    m_table->setAllColumnsShowFocus(true);
    m_table->setExpandsOnDoubleClick(true);
    m_table->header()->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const std::pair<int, int> widths[] = {
        {ProcessListModel::Name, 16}, {ProcessListModel::Pid, 6}, {ProcessListModel::State, 11},
        {ProcessListModel::Elapsed, 6}, {ProcessListModel::Timeout, 10}, {ProcessListModel::Result, 7},
        {ProcessListModel::Cpu, 10}, {ProcessListModel::Memory, 7}, {ProcessListModel::Stdout, 8},
        {ProcessListModel::Stderr, 8}};
    for (const auto &[column, ems] : widths)
        m_table->header()->resizeSection(column, ems * em);
    // New pipelines show their stages. Only rows with stages are expanded: the view keeps a
    // persistent index for each expanded row, and the proxy moves every one of them on each
    // re-sort (1,000 single commands made each sort and each row's state change cost that).
    connect(m_proxy, &QAbstractItemModel::rowsInserted, m_table,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid())
                    return;
                for (int r = first; r <= last; ++r) {
                    const QModelIndex row = m_proxy->index(r, 0);
                    if (m_proxy->hasChildren(row))
                        m_table->expand(row);
                }
            });
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setItemDelegate(new CachedTextDelegate(m_table));
    m_table->setItemDelegateForColumn(ProcessListModel::State, new StateDelegate(m_table));
    m_table->setItemDelegateForColumn(ProcessListModel::Cpu, new CpuDelegate(m_table));
    m_filter->setObjectName(QStringLiteral("processFilter"));
    m_filter->setPlaceholderText(tr("Filter processes by name, command or state"));
    m_filter->setAccessibleName(tr("Filter processes"));
    m_filter->setAccessibleDescription(tr("Show only the processes whose name, command or state "
                                          "contains this text"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void MainWindow::createTabs()
{
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_table);
    m_outputSplit->setObjectName(QStringLiteral("outputSplit"));
    m_outputSplit->addWidget(m_pane);
    m_outputSplit->addWidget(m_pane2);
    m_pane2->hide();
    m_boardSplit->setObjectName(QStringLiteral("boardSplit"));
    m_boardSplit->addWidget(top);
    m_boardSplit->addWidget(m_outputSplit);
    m_boardSplit->setStretchFactor(1, 2);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_boardSplit, tr("&Processes"));
    m_tabs->addTab(m_network, tr("&Network"));
    m_tabs->setAccessibleName(tr("Processes and network"));
    m_tabs->setAccessibleDescription(tr("Switch between the process board and the URL fetcher"));
    m_tabs->setTabToolTip(0, tr("The process board: every child, its state and its output"));
    m_tabs->setTabToolTip(1, tr("Fetch many URLs at once on worker threads"));
    setCentralWidget(m_tabs);
}

// What keeps the actions, the meter and the status line current.
void MainWindow::watchChanges()
{
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    connect(m_supervisor, &ProcessSupervisor::jobChanged, this, [this] {
        updateMeter();
        if (m_actionsPending)
            return;
        m_actionsPending = true;
        QMetaObject::invokeMethod(this, [this] {
            m_actionsPending = false;
            updateActions();
        }, Qt::QueuedConnection);
    });
    connect(m_supervisor, &ProcessSupervisor::jobAdded, this, &MainWindow::updateActions);
    connect(m_supervisor, &ProcessSupervisor::jobRemoved, this, &MainWindow::updateActions);
    // Queued or taken out of the queue: the title says "queued", and Stop takes a queued job out.
    connect(m_supervisor, &ProcessSupervisor::pendingStartsChanged, this, [this] {
        m_pane->updateHeader();
        m_pane2->updateHeader();
        updateActions();
    });
    connect(m_supervisor, &ProcessSupervisor::allStopped, this, [this] {
        updateMeter();
        if (m_closing)
            close();
    });
    connect(m_network->engine(), &FetchEngine::started, this, &MainWindow::updateMeter);
    connect(m_network->engine(), &FetchEngine::started, this, &MainWindow::updateActions);
    connect(m_network->engine(), &FetchEngine::finished, this, &MainWindow::updateActions);
    connect(m_network, &NetworkPanel::statusChanged, this, [this](const QString &text) {
        if (m_tabs->currentWidget() == m_network)
            m_status->setText(text);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_network->engine(), &FetchEngine::finished, this, &MainWindow::updateMeter);
}

QList<ProcessJob *> MainWindow::selectedJobs() const
{
    QList<ProcessJob *> jobs;
    // A selected stage stands for its pipeline.
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        ProcessJob *job = m_model->jobFor(m_proxy->mapToSource(i));
        if (job && !jobs.contains(job))
            jobs.append(job);
    }
    return jobs;
}

ProcessJob *MainWindow::currentJob() const
{
    const QList<ProcessJob *> jobs = selectedJobs();
    return jobs.isEmpty() ? nullptr : jobs.first();
}

void MainWindow::selectJob(ProcessJob *job)
{
    const int row = m_model->rowOf(job);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect
                                                 | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::onSelectionChanged()
{
    m_pane->setJob(currentJob());
    updateActions();
}

void MainWindow::showInSecondPane()
{
    ProcessJob *job = currentJob();
    if (!job)
        return;
    m_pane2->setJob(job);
    m_pane2->show();
}

void MainWindow::showProcessTree()
{
    ProcessJob *job = currentJob();
    if (!job || !job->isActive())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("processTreeDialog"));
    dialog->setWindowTitle(tr("Process tree of %1").arg(job->name()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *tree = new QTreeWidget;
    tree->setObjectName(QStringLiteral("processTree"));
    tree->setHeaderLabels({tr("Process"), tr("PID"), tr("Memory")});
    auto fill = [this, job, tree] {
        tree->clear();
        if (!job || !job->isActive())
            return;
        for (const ProcessJob::Stage &st : job->stages()) {
            QList<QTreeWidgetItem *> parents;
            for (const auto &[depth, s] : m_model->sampler()->tree(st.pid)) {
                auto *item = new QTreeWidgetItem({s.name, QString::number(s.pid),
                                                  QLocale().formattedDataSize(s.rssBytes)});
                parents.resize(depth);
                if (parents.isEmpty())
                    tree->addTopLevelItem(item);
                else
                    parents.last()->addChild(item);
                parents.append(item);
            }
        }
        tree->expandAll();
        tree->resizeColumnToContents(0);
    };
    QPointer<ProcessJob> guard(job);
    connect(m_model->sampler(), &ResourceSampler::sampled, tree, [fill, guard] {
        if (guard)
            fill();
    });
    m_model->sampler()->sampleNow();
    fill();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(tree);
    layout->addWidget(buttons);
    dialog->resize(520, 360);
    dialog->open();
}

void MainWindow::updateMeter()
{
    m_meter->setActive(m_supervisor->activeCount() > 0 || m_network->engine()->isRunning());
}

void MainWindow::showNetworkPanel()
{
    m_tabs->setCurrentWidget(m_network);
}

void MainWindow::newProcess()
{
    auto *dialog = new LaunchDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LaunchDialog::launchRequested, this, [this](const LaunchSpec &spec) {
        const QList<ProcessJob *> jobs = m_supervisor->launch(spec);
        if (!jobs.isEmpty())
            selectJob(jobs.first());
    });
    dialog->open();
}

void MainWindow::loadSession(const QString &path,
                             std::function<void(const SessionLoadResult &)> then)
{
    // File I/O off the GUI thread: a slow disk, a network mount or a FIFO that slipped past
    // the check must not freeze the window. The watcher dies with the window.
    auto *watcher = new QFutureWatcher<SessionLoadResult>(this);
    connect(watcher, &QFutureWatcher<SessionLoadResult>::finished, this,
            [watcher, then = std::move(then)] {
                watcher->deleteLater();
                then(watcher->result());
            });
    m_status->setText(tr("Reading %1…").arg(path));
    watcher->setFuture(QtConcurrent::run(BackgroundPool::instance(), [path] { return SessionFile::loadRegularFile(path); }));
}

void MainWindow::openSession(const QString &path)
{
    loadSession(path, [this, path](const SessionLoadResult &result) {
        addSession(path, result);
    });
}

void MainWindow::addSession(const QString &path, const SessionLoadResult &result)
{
    if (!result.ok()) {
        m_status->setText(result.error);
        Q_EMIT sessionOpened(result.error);
        return;
    }
    QList<ProcessJob *> added;
    for (const LaunchSpec &spec : result.processes)
        added += m_supervisor->launch(spec, false);
    const int n = int(result.processes.size());
    QString message = n == 1 ? tr("Opened %1: 1 process, not started").arg(path)
                             : tr("Opened %1: %2 processes, not started").arg(path).arg(n);
    if (!result.warnings.isEmpty())
        message += QStringLiteral(" — ") + result.warnings.join(QStringLiteral("; "));
    if (!added.isEmpty())
        selectJob(added.first());
    updateActions();
    m_status->setText(message);
    Q_EMIT sessionOpened(QString());
}

QString MainWindow::saveSession(const QString &path)
{
    QList<LaunchSpec> specs;
    for (const ProcessJob *job : m_supervisor->jobs())
        specs << job->spec();
    const QString error = SessionFile::save(path, specs);
    m_status->setText(error.isEmpty() ? tr("Saved %n process(es) to %1", nullptr, int(specs.size())).arg(path)
                                      : error);
    return error;
}

void MainWindow::chooseSession()
{
    auto *dialog = new QFileDialog(this, tr("Open Session"), QString(),
                                   tr("Runboard sessions (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::previewSession);
    dialog->open();
}

void MainWindow::previewSession(const QString &file)
{
    loadSession(file, [this, file](const SessionLoadResult &preview) {
        if (!preview.ok()) {
            m_status->setText(preview.error);
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Open Session"), preview.error,
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("sessionError"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT sessionOpened(preview.error);
            return;
        }
        // Everything that will run, before anything starts: a shared session's LD_PRELOAD or
        // working directory must not be invisible.
        QStringList summary, details;
        for (const LaunchSpec &s : preview.processes) {
            summary << QStringLiteral("%1: %2").arg(s.displayName(), s.commandLine());
            details << s.displayName();
            for (const QString &line : s.describe())
                details << QStringLiteral("    ") + line;
        }
        for (const QString &w : preview.warnings)
            details << tr("Warning: %1").arg(w);
        const int n = int(preview.processes.size());
        auto *box = new QMessageBox(QMessageBox::Question, tr("Open Session"),
                                    n == 1 ? tr("Add this process to the board? Nothing "
                                                "starts until you press Start.")
                                           : tr("Add these %1 processes to the board? Nothing "
                                                "starts until you press Start.").arg(n),
                                    QMessageBox::Ok | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("sessionPreview"));
        box->setInformativeText(summary.mid(0, 8).join(QLatin1Char('\n')));
        box->setDetailedText(details.join(QLatin1Char('\n')));
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::accepted, this,
                [this, file, preview] { addSession(file, preview); });
        box->open();
    });
}

void MainWindow::chooseSaveSession()
{
    auto *dialog = new QFileDialog(this, tr("Save Session"), QStringLiteral("session.json"),
                                   tr("Runboard sessions (*.json)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        const QString error = saveSession(file);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Save Session"), error);
    });
    dialog->open();
}

void MainWindow::restoreSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_boardSplit->restoreState(s.value(QStringLiteral("window/boardSplit")).toByteArray());
    m_outputSplit->restoreState(s.value(QStringLiteral("window/outputSplit")).toByteArray());
    // Column widths only if they were saved for the same columns.
    if (s.value(QStringLiteral("window/columnCount")).toInt() == ProcessListModel::ColumnCount)
        m_table->header()->restoreState(s.value(QStringLiteral("window/columns")).toByteArray());
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/boardSplit"), m_boardSplit->saveState());
    s.setValue(QStringLiteral("window/outputSplit"), m_outputSplit->saveState());
    s.setValue(QStringLiteral("window/columns"), m_table->header()->saveState());
    s.setValue(QStringLiteral("window/columnCount"), int(ProcessListModel::ColumnCount));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int active = m_supervisor->activeCount();
    if (active == 0 || m_forceClose) {
        saveSettings();
        event->accept();
        return;
    }
    event->ignore();
    if (m_closing) {
        offerKillNow(); // a second Quit while children are still stopping
        return;
    }
    auto stopAndClose = [this] {
        // Stop through the ladder; the window closes when the last one is done.
        m_closing = true;
        const int n = m_supervisor->activeCount();
        m_status->setText(n == 1 ? tr("Stopping 1 running process\u2026")
                                 : tr("Stopping %1 running processes\u2026").arg(n));
        if (m_supervisor->activeCount() == 0)
            close();
        else
            m_supervisor->stopAll();
    };
    if (!m_confirmQuit || m_quitWithoutAsking) {
        stopAndClose();
        return;
    }
    // Asked without a nested event loop: the window keeps painting output meanwhile.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit Runboard"),
                                active == 1 ? tr("1 process is still running. Stop it and quit?")
                                            : tr("%1 processes are still running. Stop them all "
                                                 "and quit?").arg(active),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("quitQuestion"));
    box->setDefaultButton(QMessageBox::Yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box->button(QMessageBox::Yes), &QAbstractButton::clicked, this, stopAndClose);
    box->open();
}

void MainWindow::offerKillNow()
{
    if (findChild<QMessageBox *>(QStringLiteral("killNowQuestion")))
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit Runboard"),
                                tr("Still stopping: %1. Processes that ignore SIGTERM get "
                                   "SIGKILL when their grace period ends. Kill them now and quit?")
                                    .arg(tr("%n process(es)", nullptr, m_supervisor->activeCount())),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("killNowQuestion"));
    QPushButton *killNow = box->addButton(tr("&Kill Now"), QMessageBox::AcceptRole);
    killNow->setObjectName(QStringLiteral("killNowButton"));
    box->addButton(tr("&Wait"), QMessageBox::RejectRole);
    box->setDefaultButton(killNow);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(killNow, &QAbstractButton::clicked, this, &MainWindow::killAllAndClose);
    box->open();
}

void MainWindow::killAllAndClose()
{
    m_supervisor->killAll();
    // SIGKILL ends any process but one stuck in the kernel (uninterruptible sleep): the
    // window does not wait for those; their QProcess waits on the reaper thread, and the
    // guardian kills what is left when Runboard is gone.
    QTimer::singleShot(2000, this, [this] {
        m_forceClose = true;
        close();
    });
}

void MainWindow::quitFromOutside()
{
    // Whatever was being asked is answered: a quit question would only wait for nobody.
    for (const QString &name : {QStringLiteral("quitQuestion"), QStringLiteral("killNowQuestion")}) {
        if (auto *box = findChild<QMessageBox *>(name))
            box->close();
    }
    if (m_closing) {
        killAllAndClose();
        return;
    }
    m_quitWithoutAsking = true;
    close();
}
