#include "MainWindow.h"

#include "NetworkPanel.h"
#include "process/ProcessListModel.h"
#include "process/ProcessSupervisor.h"
#include "session/SessionFile.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

namespace {
constexpr int MaxShownLines = 5000;
constexpr int MaxLinesPerTick = 2000;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_supervisor(new ProcessSupervisor(this))
    , m_model(new ProcessListModel(m_supervisor, this))
    , m_table(new QTableView)
    , m_output(new QPlainTextEdit)
    , m_status(new QLabel)
    , m_tabs(new QTabWidget)
    , m_network(new NetworkPanel)
{
    setWindowTitle(tr("Runboard"));
    setObjectName(QStringLiteral("mainWindow"));

    m_table->setObjectName(QStringLiteral("processTable"));
    m_table->setAccessibleName(tr("Processes"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_output->setObjectName(QStringLiteral("outputView"));
    m_output->setAccessibleName(tr("Output of the selected process"));
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(MaxShownLines);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(QFont(QStringLiteral("monospace")));
    m_output->setPlaceholderText(tr("Select a process to see its output."));

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(m_output);
    splitter->setStretchFactor(1, 1);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(splitter, tr("&Processes"));
    m_tabs->addTab(m_network, tr("&Network"));
    setCentralWidget(m_tabs);

    m_openAction = new QAction(tr("&Open Session…"), this);
    m_openAction->setObjectName(QStringLiteral("actionOpenSession"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseSession);

    m_startAction = new QAction(tr("&Start"), this);
    m_startAction->setObjectName(QStringLiteral("actionStart"));
    m_startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_startAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            job->start();
    });
    m_startAllAction = new QAction(tr("Start &All"), this);
    m_startAllAction->setObjectName(QStringLiteral("actionStartAll"));
    connect(m_startAllAction, &QAction::triggered, m_supervisor, &ProcessSupervisor::startAll);
    m_stopAction = new QAction(tr("S&top"), this);
    m_stopAction->setObjectName(QStringLiteral("actionStop"));
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(m_stopAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs())
            job->stop();
    });
    m_stopAllAction = new QAction(tr("Stop A&ll"), this);
    m_stopAllAction->setObjectName(QStringLiteral("actionStopAll"));
    connect(m_stopAllAction, &QAction::triggered, m_supervisor, &ProcessSupervisor::stopAll);
    m_removeAction = new QAction(tr("&Remove"), this);
    m_removeAction->setObjectName(QStringLiteral("actionRemove"));
    m_removeAction->setShortcut(QKeySequence::Delete);
    connect(m_removeAction, &QAction::triggered, this, [this] {
        for (ProcessJob *job : selectedJobs()) {
            if (job == m_shownJob) {
                m_shownJob = nullptr;
                m_output->clear();
            }
            m_supervisor->remove(job);
        }
    });
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setObjectName(QStringLiteral("actionQuit"));
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addSeparator();
    file->addAction(quitAction);
    QMenu *process = menuBar()->addMenu(tr("&Process"));
    process->addActions({m_startAction, m_startAllAction, m_stopAction, m_stopAllAction,
                         m_removeAction});
    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addActions({m_openAction, m_startAction, m_startAllAction, m_stopAction,
                       m_stopAllAction, m_removeAction});
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_startAction, m_stopAction, m_removeAction});

    m_status->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addPermanentWidget(m_status, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showSelectedOutput();
        updateActions();
    });
    connect(m_supervisor, &ProcessSupervisor::jobChanged, this, &MainWindow::updateActions);
    connect(m_supervisor, &ProcessSupervisor::jobAdded, this, &MainWindow::updateActions);
    connect(m_supervisor, &ProcessSupervisor::jobRemoved, this, &MainWindow::updateActions);
    connect(m_supervisor, &ProcessSupervisor::allStopped, this, [this] {
        if (m_closing)
            close();
    });

    // The output pane catches up with the log at most ten times a second, and only while the
    // shown process has something new.
    m_outputTimer.setInterval(100);
    connect(&m_outputTimer, &QTimer::timeout, this, &MainWindow::appendNewOutput);

    resize(960, 640);
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::showNetworkPanel()
{
    m_tabs->setCurrentWidget(m_network);
}

QString MainWindow::openSession(const QString &path)
{
    const SessionLoadResult result = SessionFile::load(path);
    if (!result.ok()) {
        m_status->setText(result.error);
        return result.error;
    }
    for (const LaunchSpec &spec : result.processes)
        m_supervisor->launch(spec, false);
    const int n = int(result.processes.size());
    QString message = n == 1 ? tr("Opened %1: 1 process, not started").arg(path)
                             : tr("Opened %1: %2 processes, not started").arg(path).arg(n);
    if (!result.warnings.isEmpty())
        message += QStringLiteral(" — ") + result.warnings.join(QStringLiteral("; "));
    m_status->setText(message);
    if (m_table->selectionModel()->selectedRows().isEmpty() && m_model->rowCount() > 0)
        m_table->selectRow(0);
    return {};
}

void MainWindow::chooseSession()
{
    auto *dialog = new QFileDialog(this, tr("Open Session"), QString(),
                                   tr("Runboard sessions (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        const QString error = openSession(file);
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Open Session"), error);
    });
    dialog->open();
}

QList<ProcessJob *> MainWindow::selectedJobs() const
{
    QList<ProcessJob *> jobs;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        if (ProcessJob *job = m_model->jobAt(i.row()))
            jobs.append(job);
    }
    return jobs;
}

ProcessJob *MainWindow::selectedJob() const
{
    const QList<ProcessJob *> jobs = selectedJobs();
    return jobs.isEmpty() ? nullptr : jobs.first();
}

void MainWindow::updateActions()
{
    const QList<ProcessJob *> jobs = selectedJobs();
    bool anyIdle = false, anyActive = false;
    for (const ProcessJob *job : jobs) {
        anyIdle = anyIdle || !job->isActive();
        anyActive = anyActive || job->isActive();
    }
    const int active = m_supervisor->activeCount();
    const int total = int(m_supervisor->jobs().size());
    m_startAction->setEnabled(anyIdle);
    m_stopAction->setEnabled(anyActive);
    m_removeAction->setEnabled(anyIdle);
    m_startAllAction->setEnabled(total > active);
    m_stopAllAction->setEnabled(active > 0);
    if (m_shownJob && !m_outputTimer.isActive())
        m_outputTimer.start();
}

void MainWindow::showSelectedOutput()
{
    ProcessJob *job = selectedJob();
    if (job == m_shownJob)
        return;
    m_shownJob = job;
    m_output->clear();
    m_shownUntil = 0;
    if (job) {
        appendNewOutput();
        m_outputTimer.start();
    }
}

void MainWindow::appendNewOutput()
{
    if (!m_shownJob) {
        m_outputTimer.stop();
        return;
    }
    const OutputLog *log = m_shownJob->log();
    const qint64 end = log->endLine();
    qint64 from = std::max({m_shownUntil, log->firstLine(), end - MaxShownLines});
    if (from >= end) {
        if (!m_shownJob->isActive())
            m_outputTimer.stop(); // nothing more will come: no timer while idle
        return;
    }
    const qint64 to = std::min(end, from + MaxLinesPerTick);
    QStringList text;
    for (const OutputLog::Line &l : log->lines(from, to - from))
        text << (l.stream == OutputLog::Stderr ? QStringLiteral("[stderr] ") + l.text
                 : l.stream == OutputLog::System ? QStringLiteral("\u2014 ") + l.text
                                                 : l.text);
    m_output->appendPlainText(text.join(QLatin1Char('\n')));
    m_shownUntil = to;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int active = m_supervisor->activeCount();
    if (active == 0) {
        event->accept();
        return;
    }
    if (!m_closing && m_confirmQuit) {
        const auto answer = QMessageBox::question(
            this, tr("Quit Runboard"),
            active == 1 ? tr("1 process is still running. Stop it and quit?")
                        : tr("%1 processes are still running. Stop them all and quit?").arg(active),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    // Stop through the ladder; the window closes when the last one is done.
    m_closing = true;
    m_status->setText(tr("Stopping %1 running process(es)…").arg(active));
    m_supervisor->stopAll();
    event->ignore();
}
