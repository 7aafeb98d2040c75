// The main window's commands: its actions, menus and toolbar (createActions()), and what is
// enabled for the selection and the tab shown (updateActions()). Kept apart from
// MainWindow.cpp, which builds the window and handles sessions, settings and closing.
#include "MainWindow.h"

#include "HelpDialogs.h"
#include "Icons.h"
#include "NetworkPanel.h"
#include "OutputPane.h"
#include "Theme.h"
#include "process/ProcessJob.h"
#include "process/ProcessSupervisor.h"
#include "process/ResourceSampler.h"
#include "process/SignalNames.h"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

#include <utility>

namespace {
// Pause (SIGSTOP/SIGCONT) and Send Signal need Unix signals.
#ifdef Q_OS_WIN
constexpr bool kCanPause = false;
#else
constexpr bool kCanPause = true;
#endif
} // namespace

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
    // Stop and Kill on a job still waiting for its turn in Start All (or Re-run) take it out
    // of the queue: it will not start.
    connect(m_stopAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs()) {
            if (!m_supervisor->cancelPendingStart(job))
                job->stop();
        }
        updateActions();
    });
    connect(m_stopAllAction, &QAction::triggered, this, [this] {
        m_supervisor->stopAll();
        updateActions(); // the rows that were waiting for their turn have nothing to stop now
    });
    connect(m_killAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs()) {
            if (!m_supervisor->cancelPendingStart(job))
                job->kill();
        }
        updateActions();
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

void MainWindow::updateActions()
{
    const QList<ProcessJob *> jobs = selectedJobs();
    bool anyIdle = false, anyActive = false, anyPaused = false, anyRunning = false;
    bool anyBackground = false; // ended, but processes it left still hold its output
    bool anyProcess = false;    // active with a process to signal (not waiting for its stdin FIFO)
    bool anyWaiting = false;    // waiting for its turn in Start All or Re-run
    for (const ProcessJob *job : jobs) {
        anyWaiting = anyWaiting || m_supervisor->isStartPending(job);
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
    m_stopAction->setEnabled(anyActive || anyBackground || anyWaiting);
    m_killAction->setEnabled(anyActive || anyBackground || anyWaiting);
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
        const int queued = m_supervisor->pendingStartCount();
        if (total == 0)
            m_status->setText(tr("No processes. New Process\u2026 or Open Session\u2026 to begin."));
        else if (queued > 0)
            m_status->setText(tr("%n process(es), %1 running, %2 queued", nullptr, total).arg(active).arg(queued));
        else
            m_status->setText(tr("%n process(es), %1 running", nullptr, total).arg(active));
    }
}
