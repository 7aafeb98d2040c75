#include "MainWindow.h"

#include "LaunchDialog.h"
#include "NetworkPanel.h"
#include "OutputPane.h"
#include "FontWarmer.h"
#include "OutputView.h"
#include "ResponsivenessMeter.h"
#include "CachedTextDelegate.h"
#include "StateDelegate.h"
#include "HelpDialogs.h"
#include "Icons.h"
#include "ElidedLabel.h"
#include "Theme.h"
#include "CpuDelegate.h"
#include "process/ResourceSampler.h"
#include "system/BackgroundPool.h"

#include <QTreeWidget>
#include <QDialog>
#include <QDialogButtonBox>
#include "net/FetchEngine.h"
#include "process/ProcessListModel.h"
#include "process/ProcessSupervisor.h"
#include "process/SignalNames.h"
#include "session/SessionFile.h"

#include <QAbstractButton>
#include <QAction>
#include <QActionGroup>
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
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTreeView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// Pause (SIGSTOP/SIGCONT) and Send Signal need Unix signals.
#ifdef Q_OS_WIN
constexpr bool kCanPause = false;
#else
constexpr bool kCanPause = true;
#endif
} // namespace

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

    createActions();

    m_status->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_meter);

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

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const char *name, const QKeySequence &shortcut,
                       QStyle::StandardPixmap icon) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(QLatin1String(name));
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        return a;
    };
    m_newAction = make(tr("&New Process…"), "actionNewProcess", QKeySequence::New, QStyle::SP_FileIcon);
    m_openAction = make(tr("&Open Session…"), "actionOpenSession", QKeySequence::Open, QStyle::SP_DialogOpenButton);
    m_saveAction = make(tr("&Save Session As…"), "actionSaveSession", QKeySequence::Save, QStyle::SP_DialogSaveButton);
    m_startAction = make(tr("&Start"), "actionStart", QKeySequence(Qt::CTRL | Qt::Key_R), QStyle::SP_MediaPlay);
    m_startAllAction = make(tr("Start &All"), "actionStartAll", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStyle::SP_MediaSeekForward);
    m_rerunAction = make(tr("Re-run &Finished"), "actionRerunFinished", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), QStyle::SP_BrowserReload);
    m_rerunAction->setToolTip(tr("Run again every process that has ended (Start All starts only "
                                 "those that have not run yet)"));
    m_stopAction = make(tr("S&top"), "actionStop", QKeySequence(Qt::CTRL | Qt::Key_Period), QStyle::SP_MediaStop);
    m_stopAllAction = make(tr("Stop A&ll"), "actionStopAll", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Period), QStyle::SP_BrowserStop);
    m_killAction = make(tr("&Kill"), "actionKill", QKeySequence(Qt::CTRL | Qt::Key_K), QStyle::SP_DialogCancelButton);
    m_pauseAction = make(tr("&Pause"), "actionPause", QKeySequence(Qt::CTRL | Qt::Key_P), QStyle::SP_MediaPause);
    m_restartAction = make(tr("R&estart"), "actionRestart", QKeySequence(Qt::CTRL | Qt::Key_E), QStyle::SP_BrowserReload);
    m_duplicateAction = make(tr("&Duplicate"), "actionDuplicate", QKeySequence(Qt::CTRL | Qt::Key_D), QStyle::SP_FileDialogNewFolder);
    m_removeAction = make(tr("Re&move"), "actionRemove", QKeySequence::Delete, QStyle::SP_TrashIcon);
    m_splitAction = make(tr("Show in Second &Pane"), "actionSplitOutput", QKeySequence(Qt::CTRL | Qt::Key_2), QStyle::SP_TitleBarNormalButton);
    m_findAction = make(tr("&Find in Output…"), "actionFind", QKeySequence::Find, QStyle::SP_FileDialogContentsView);
    auto *quit = make(tr("&Quit"), "actionQuit", QKeySequence::Quit, QStyle::SP_DialogCloseButton);
    // Our own icons where a desktop theme has none (Icons.h); the rest come from the style.
    m_newAction->setIcon(Icons::action(Icons::Action::New));
    m_startAction->setIcon(Icons::action(Icons::Action::Start));
    m_stopAction->setIcon(Icons::action(Icons::Action::Stop));
    m_killAction->setIcon(Icons::action(Icons::Action::Kill));
    m_pauseAction->setIcon(Icons::action(Icons::Action::Pause));
    m_restartAction->setIcon(Icons::action(Icons::Action::Restart));
    auto *treeAction = make(tr("Show Process &Tree…"), "actionProcessTree", QKeySequence(Qt::CTRL | Qt::Key_T), QStyle::SP_FileDialogDetailedView);
    connect(treeAction, &QAction::triggered, this, &MainWindow::showProcessTree);
    m_treeAction = treeAction;

    connect(m_newAction, &QAction::triggered, this, &MainWindow::newProcess);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseSession);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::chooseSaveSession);
    connect(m_startAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            job->start();
    });
    connect(m_startAllAction, &QAction::triggered, m_supervisor, &ProcessSupervisor::startAll);
    connect(m_rerunAction, &QAction::triggered, m_supervisor, &ProcessSupervisor::rerunEnded);
    connect(m_stopAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            job->stop();
    });
    connect(m_stopAllAction, &QAction::triggered, m_supervisor, &ProcessSupervisor::stopAll);
    connect(m_killAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            job->kill();
    });
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        const QList<ProcessJob *> jobs = selectedJobs();
        bool anyRunning = false;
        for (ProcessJob *job : jobs)
            anyRunning = anyRunning || (job->isActive() && !job->isPaused());
        for (ProcessJob *job : jobs)
            anyRunning ? job->pause() : job->resume();
        updateActions();
    });
    connect(m_restartAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            job->restart();
    });
    connect(m_duplicateAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            m_supervisor->duplicate(job);
    });
    connect(m_removeAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs()) {
            if (m_pane->job() == job)
                m_pane->setJob(nullptr);
            if (m_pane2->job() == job) {
                m_pane2->setJob(nullptr);
                m_pane2->hide();
            }
            m_supervisor->remove(job);
        }
    });
    connect(m_splitAction, &QAction::triggered, this, &MainWindow::showInSecondPane);
    connect(m_findAction, &QAction::triggered, m_pane, &OutputPane::showSearch);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_signalMenu = new QMenu(tr("Send Si&gnal"), this);
    m_signalMenu->setObjectName(QStringLiteral("signalMenu"));
    for (int sig : SignalNames::userSignals()) {
        QAction *a = m_signalMenu->addAction(SignalNames::name(sig));
        a->setObjectName(QStringLiteral("actionSignal_") + SignalNames::name(sig));
        connect(a, &QAction::triggered, this, [this, sig] {
            for (ProcessJob *job : selectedJobs())
                job->sendSignal(sig);
        });
    }

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_newAction, m_openAction, m_saveAction});
    file->addSeparator();
    file->addAction(quit);
    QMenu *process = menuBar()->addMenu(tr("&Process"));
    process->addActions({m_startAction, m_startAllAction, m_rerunAction, m_stopAction,
                         m_stopAllAction, m_killAction, m_pauseAction, m_restartAction});
    process->addMenu(m_signalMenu);
    process->addSeparator();
    process->addActions({m_duplicateAction, m_removeAction});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_splitAction, m_findAction});

    // View ▸ Theme: the system's palette, or light or dark whatever the system says.
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    auto *themes = new QActionGroup(this);
    for (Theme::Mode mode : {Theme::Mode::System, Theme::Mode::Light, Theme::Mode::Dark}) {
        QAction *a = theme->addAction(Theme::name(mode));
        a->setObjectName(QStringLiteral("actionTheme%1").arg(int(mode)));
        a->setCheckable(true);
        a->setChecked(Theme::current() == mode);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [mode] { Theme::apply(mode); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *tour = make(tr("Quick &Tour"), "actionQuickTour", QKeySequence::HelpContents, QStyle::SP_DialogHelpButton);
    QAction *keys = make(tr("&Keyboard Shortcuts"), "actionShortcuts", QKeySequence(Qt::CTRL | Qt::Key_Slash), QStyle::SP_FileDialogListView);
    QAction *about = make(tr("&About Runboard"), "actionAbout", QKeySequence(), QStyle::SP_MessageBoxInformation);
    help->addActions({tour, keys});
    help->addSeparator();
    help->addAction(about);
    connect(tour, &QAction::triggered, this, [this] {
        QDialog *d = HelpDialogs::quickTour(this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
    });
    connect(keys, &QAction::triggered, this, [this] {
        QList<QAction *> all = findChildren<QAction *>();
        auto *d = new ShortcutsDialog(all, this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->show();
    });
    connect(about, &QAction::triggered, this, [this] {
        QDialog *d = HelpDialogs::about(this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->open();
    });

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions({m_newAction, m_openAction});
    m_processToolActions << tools->addSeparator();
    m_processToolActions << m_startAction << m_stopAction << m_killAction << m_pauseAction
                         << m_restartAction;
    tools->addActions({m_startAction, m_stopAction, m_killAction, m_pauseAction, m_restartAction});
    m_processToolActions << tools->addSeparator();
    m_processToolActions << m_startAllAction << m_stopAllAction;
    tools->addActions({m_startAllAction, m_stopAllAction});
    // On the Network tab the toolbar commands the network: Fetch and Cancel there.
    m_fetchAction = make(tr("&Fetch"), "actionFetch", QKeySequence(), QStyle::SP_ArrowDown);
    m_cancelFetchAction = make(tr("&Cancel Fetch"), "actionCancelFetch", QKeySequence(), QStyle::SP_BrowserStop);
    connect(m_fetchAction, &QAction::triggered, m_network, &NetworkPanel::startFetch);
    connect(m_cancelFetchAction, &QAction::triggered, m_network, &NetworkPanel::cancelFetch);
    tools->addActions({m_fetchAction, m_cancelFetchAction});
    // The toolbar's overflow button (a small window) is a control too.
    if (auto *more = tools->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"))) {
        more->setAccessibleName(tr("More actions"));
        more->setToolTip(tr("The toolbar actions that do not fit the window"));
    }

    // What each action does: its tool tip (with the shortcut), status tip, and the
    // description a screen reader gives for its toolbar button.
    const std::pair<QAction *, QString> descriptions[] = {
        {m_newAction, tr("Describe a new process and launch it")},
        {m_openAction, tr("Open a session file: see what it will run, then add it to the board")},
        {m_saveAction, tr("Save every process of the board as a session file")},
        {m_startAction, tr("Start the selected processes")},
        {m_startAllAction, tr("Start every process that has not run yet")},
        {m_stopAction, tr("Stop the selected processes: SIGTERM, then SIGKILL after the grace period")},
        {m_stopAllAction, tr("Stop every running process")},
        {m_killAction, tr("Kill the selected processes and all their descendants now (SIGKILL)")},
        {m_pauseAction, tr("Pause the selected processes (SIGSTOP), or resume them")},
        {m_restartAction, tr("Stop the selected processes and start them again")},
        {m_duplicateAction, tr("Add a copy of the selected processes, not started")},
        {m_removeAction, tr("Remove the selected processes from the board")},
        {m_splitAction, tr("Show the selected process's output beside the first one")},
        {m_findAction, tr("Search the output of the selected process")},
        {m_treeAction, tr("Show the selected process with all its descendants")},
        {m_fetchAction, tr("Fetch every URL of the list")},
        {m_cancelFetchAction, tr("Cancel the fetches still running")},
    };
    for (const auto &[action, text] : descriptions) {
        const QString keys = action->shortcut().toString(QKeySequence::NativeText);
        action->setToolTip(keys.isEmpty() ? text : tr("%1 (%2)").arg(text, keys));
        action->setStatusTip(text);
    }

    m_table->addActions({m_startAction, m_stopAction, m_killAction, m_pauseAction,
                         m_restartAction, m_signalMenu->menuAction(), m_duplicateAction,
                         m_splitAction, m_treeAction, m_removeAction});
    view->addAction(m_treeAction);
    if (!kCanPause) {
        // Windows has no signals: Stop (CTRL_BREAK_EVENT, then the Job Object) and Kill work
        // there; pausing and sending a chosen signal do not, so they are hidden, not dead.
        m_pauseAction->setVisible(false);
        m_signalMenu->menuAction()->setVisible(false);
    }
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

void MainWindow::updateActions()
{
    const QList<ProcessJob *> jobs = selectedJobs();
    bool anyIdle = false, anyActive = false, anyPaused = false, anyRunning = false;
    bool anyBackground = false; // ended, but processes it left still hold its output
    bool anyProcess = false;    // active with a process to signal (not waiting for its stdin FIFO)
    for (const ProcessJob *job : jobs) {
        anyBackground = anyBackground || job->hasBackground();
        anyIdle = anyIdle || !job->isActive();
        anyActive = anyActive || job->isActive();
        anyProcess = anyProcess || (job->isActive() && !job->startedNothing());
        anyPaused = anyPaused || job->isPaused();
        anyRunning = anyRunning || (job->isActive() && !job->isPaused());
    }
    const int active = m_supervisor->activeCount();
    const int total = int(m_supervisor->jobs().size());
    m_startAction->setEnabled(anyIdle);
    m_stopAction->setEnabled(anyActive || anyBackground);
    m_killAction->setEnabled(anyActive || anyBackground);
    m_pauseAction->setEnabled(anyProcess);
    m_pauseAction->setText(anyRunning || !anyPaused ? tr("&Pause") : tr("Res&ume"));
    m_signalMenu->setEnabled(anyProcess);
    m_restartAction->setEnabled(!jobs.isEmpty());
    m_duplicateAction->setEnabled(!jobs.isEmpty());
    m_removeAction->setEnabled(anyIdle && !anyActive);
    m_splitAction->setEnabled(!jobs.isEmpty());
    m_treeAction->setEnabled(anyActive && ResourceSampler::isSupported());
    m_startAllAction->setEnabled(m_supervisor->notStartedCount() > 0);
    m_rerunAction->setEnabled(m_supervisor->endedCount() > 0);
    bool background = false;
    for (const ProcessJob *job : m_supervisor->jobs())
        background = background || job->hasBackground();
    m_stopAllAction->setEnabled(active > 0 || background);
    m_saveAction->setEnabled(total > 0);
    // The toolbar and the status bar speak of the tab that is shown.
    const bool network = m_tabs->currentWidget() == m_network;
    for (QAction *a : std::as_const(m_processToolActions))
        a->setVisible(!network && (a != m_pauseAction || kCanPause));
    m_fetchAction->setVisible(network);
    m_cancelFetchAction->setVisible(network);
    m_fetchAction->setEnabled(!m_network->isFetching());
    m_cancelFetchAction->setEnabled(m_network->isFetching());
    if (network) {
        m_status->setText(m_network->statusText());
    } else if (!m_closing) {
        m_status->setText(total == 0 ? tr("No processes. New Process\u2026 or Open Session\u2026 to begin.")
                                     : tr("%n process(es), %1 running", nullptr, total).arg(active));
    }
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
    if (!m_confirmQuit) {
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
    connect(killNow, &QAbstractButton::clicked, this, [this] {
        m_supervisor->killAll();
        // SIGKILL ends any process but one stuck in the kernel (uninterruptible sleep): the
        // window does not wait for those; their QProcess waits on the reaper thread, and the
        // guardian kills what is left when Runboard is gone.
        QTimer::singleShot(2000, this, [this] {
            m_forceClose = true;
            close();
        });
    });
    box->open();
}
