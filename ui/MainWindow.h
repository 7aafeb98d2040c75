#pragma once

#include "session/SessionFile.h"

#include <functional>

#include "process/ProcessJob.h"

#include <QMainWindow>
#include <QPointer>

class NetworkPanel;
class OutputPane;
class ProcessListModel;
class ProcessSupervisor;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTreeView;
class ResponsivenessMeter;
class DemoGallery;
class FontWarmer;
class QDockWidget;
class TimelineRecorder;
class TimelineView;

// The board: the processes, their output side by side, and the controls to launch, talk to
// and stop them; the network panel in a second tab. Quitting with children running asks, then
// stops them all through the stop ladder before the window closes.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    FontWarmer *fontWarmer() const { return m_fontWarmer; }
    ProcessSupervisor *supervisor() const { return m_supervisor; }
    NetworkPanel *networkPanel() const { return m_network; }
    OutputPane *outputPane() const { return m_pane; }
    OutputPane *secondOutputPane() const { return m_pane2; }
    ResponsivenessMeter *meter() const { return m_meter; }
    // Shows the processes of a session file on the board without starting them. The file is
    // read off the GUI thread; sessionOpened() tells the outcome.
    void openSession(const QString &path);
    // Reads a session file (off the GUI thread) and shows everything it would run; the board
    // gets exactly what was shown, once the user agrees.
    void previewSession(const QString &path);
    QString saveSession(const QString &path);
    // When false, quitting does not ask before stopping running children (tests, scripts).
    void setConfirmQuit(bool on) { m_confirmQuit = on; }
    void showNetworkPanel();
    void selectJob(ProcessJob *job);
    QList<ProcessJob *> selectedJobs() const;
    // Teaching lab (MainWindowLab.cpp): Help ▸ Demos, View ▸ Timeline.
    DemoGallery *showDemos();
    // Shows the demo gallery once, the first time Runboard starts (a settings key remembers).
    void showDemosOnFirstStart();
    TimelineView *timelineView() const { return m_timelineView; }
    TimelineRecorder *timelineRecorder() const { return m_timelineRecorder; }

public Q_SLOTS:
    void newProcess();
    // A request to quit from outside (SIGTERM, SIGINT or SIGHUP: a logout, `kill`, Ctrl-C in
    // the terminal that started Runboard): as Quit, without asking; every running child is
    // stopped through its ladder first. A second one while they stop kills them, as Kill Now.
    void quitFromOutside();
    void showInSecondPane();
    void showProcessTree();

Q_SIGNALS:
    // A session file was read: an empty error when its processes are on the board.
    void sessionOpened(const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // The constructor's steps: the board (table, filter, proxy), the tabs and panes around it,
    // the actions, menus and toolbar (MainWindowActions.cpp), and what keeps them current.
    void createBoard();
    void createTabs();
    void createActions();
    void watchChanges();
    void chooseSession();
    void loadSession(const QString &path, std::function<void(const SessionLoadResult &)> then);
    void addSession(const QString &path, const SessionLoadResult &result);
    void offerKillNow();
    void killAllAndClose();
    void chooseSaveSession();
    void updateActions();
    void updateMeter();
    void onSelectionChanged();
    void restoreSettings();
    void saveSettings();
    ProcessJob *currentJob() const;
    void createLab();

    ProcessSupervisor *m_supervisor;
    ProcessListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_table;
    FontWarmer *m_fontWarmer;
    QLineEdit *m_filter;
    QTabWidget *m_tabs;
    NetworkPanel *m_network;
    QSplitter *m_boardSplit;
    QSplitter *m_outputSplit;
    OutputPane *m_pane;
    OutputPane *m_pane2;
    QLabel *m_status;
    ResponsivenessMeter *m_meter;
    QMenu *m_signalMenu = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_startAllAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_rerunAction = nullptr;
    QAction *m_fetchAction = nullptr;
    QAction *m_cancelFetchAction = nullptr;
    QList<QAction *> m_processToolActions; // shown on the Processes tab only
    QAction *m_stopAllAction = nullptr;
    QAction *m_killAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_restartAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_splitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_treeAction = nullptr;
    QPointer<DemoGallery> m_gallery;
    TimelineRecorder *m_timelineRecorder = nullptr;
    TimelineView *m_timelineView = nullptr;
    QDockWidget *m_timelineDock = nullptr;
    bool m_confirmQuit = true;
    bool m_closing = false;
    // State changes come in bursts (Start All, Stop All of 1,000): the actions and the status
    // line follow them once per event-loop turn, not once per change.
    bool m_actionsPending = false;
    bool m_forceClose = false;
    bool m_quitWithoutAsking = false; // quitFromOutside()
};
