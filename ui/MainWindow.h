#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "process/ProcessJob.h"
class ProcessListModel;
class ProcessSupervisor;
class QAction;
class QLabel;
class QPlainTextEdit;
class QTableView;
class QTabWidget;
class NetworkPanel;

// The board: a table of the processes of the open session, their output, and the controls to
// start and stop them. Quitting with children running asks, then stops them all through the
// stop ladder before the window closes.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProcessSupervisor *supervisor() const { return m_supervisor; }
    // Shows the processes of a session file on the board without starting them. Returns an
    // error message, or an empty string.
    QString openSession(const QString &path);
    // When set, quitting does not ask before stopping running children (tests, scripts).
    void setConfirmQuit(bool on) { m_confirmQuit = on; }
    NetworkPanel *networkPanel() const { return m_network; }
    void showNetworkPanel();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseSession();
    void updateActions();
    void showSelectedOutput();
    void appendNewOutput();
    ProcessJob *selectedJob() const;
    QList<ProcessJob *> selectedJobs() const;

    ProcessSupervisor *m_supervisor;
    ProcessListModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_output;
    QLabel *m_status;
    QTabWidget *m_tabs;
    NetworkPanel *m_network;
    QAction *m_openAction;
    QAction *m_startAction;
    QAction *m_startAllAction;
    QAction *m_stopAction;
    QAction *m_stopAllAction;
    QAction *m_removeAction;
    QTimer m_outputTimer;
    QPointer<ProcessJob> m_shownJob;
    qint64 m_shownUntil = 0;
    bool m_confirmQuit = true;
    bool m_closing = false;
};
