#include "OutputPane.h"

#include "Theme.h"

#include "OutputView.h"
#include "process/BinaryDetector.h"
#include "process/BufferingDetector.h"
#include "process/ProcessJob.h"
#include "system/BackgroundPool.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QFontDatabase>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QSaveFile>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

OutputPane::OutputPane(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_view(new OutputView)
    , m_filter(new QLineEdit)
    , m_timestamps(new QToolButton)
    , m_searchBar(new QWidget)
    , m_searchEdit(new QLineEdit)
    , m_searchCase(new QCheckBox(tr("&Case")))
    , m_searchRegex(new QCheckBox(tr("Re&gex")))
    , m_searchStatus(new QLabel)
    , m_stdinEdit(new QLineEdit)
    , m_closeStdin(new QPushButton(tr("Close stdin (EOF)")))
    , m_message(new QLabel)
    , m_hexButton(new QToolButton)
    , m_hexView(new QPlainTextEdit)
    , m_hintBar(new QWidget)
{
    setObjectName(name);
    const QString prefix = name + QLatin1Char('.');
    m_view->setObjectName(QStringLiteral("outputView"));
    m_view->setAccessibleDescription(
        tr("Live output: stdout, stderr in its own colour, and what Runboard reports"));
    m_filter->setObjectName(QStringLiteral("outputFilter"));
    m_filter->setPlaceholderText(tr("Filter lines"));
    m_filter->setAccessibleName(tr("Show only lines containing"));
    m_filter->setAccessibleDescription(tr("Hide the output lines that do not contain this text"));
    m_filter->setClearButtonEnabled(true);
    m_timestamps->setObjectName(QStringLiteral("timestampsButton"));
    m_timestamps->setText(tr("Times"));
    m_timestamps->setToolTip(tr("Show when each line arrived"));
    m_timestamps->setCheckable(true);
    auto *copy = new QToolButton;
    copy->setObjectName(QStringLiteral("copyButton"));
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the selected lines (Ctrl+C)"));
    auto *save = new QToolButton;
    save->setObjectName(QStringLiteral("saveButton"));
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save the whole output to a file"));
    auto *clear = new QToolButton;
    clear->setObjectName(QStringLiteral("clearButton"));
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Clear the output shown here (the process is not touched)"));
    auto *find = new QToolButton;
    find->setObjectName(QStringLiteral("findButton"));
    find->setText(tr("Find"));
    find->setToolTip(tr("Search the output (Ctrl+F)"));
    m_title->setObjectName(QStringLiteral("outputTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_hexButton->setObjectName(QStringLiteral("hexButton"));
    m_hexButton->setText(tr("Hex"));
    m_hexButton->setToolTip(tr("Show the output as a hex dump (offset, hex, ASCII)"));
    m_hexButton->setCheckable(true);
    m_hexView->setObjectName(QStringLiteral("hexView"));
    m_hexView->setAccessibleName(tr("Output as a hex dump"));
    m_hexView->setReadOnly(true);
    m_hexView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hexView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_hexView->hide();
    m_hintBar->setObjectName(QStringLiteral("bufferingHint"));
    auto *hintLabel = new QLabel(tr("Output arrives in whole 4 KiB blocks: the program buffers its "
                                    "output because its stdout is a pipe, not a terminal, and "
                                    "writes a block only when it is full."));
    hintLabel->setObjectName(QStringLiteral("bufferingHintText"));
    hintLabel->setWordWrap(true);
    auto *lineBuffered = new QPushButton(tr("Restart with Line Buffering"));
    lineBuffered->setObjectName(QStringLiteral("lineBufferedRestart"));
    lineBuffered->setToolTip(tr("Restart with PYTHONUNBUFFERED=1, wrapped in stdbuf -oL -eL where "
                                "stdbuf exists"));
    auto *hintRow = new QHBoxLayout(m_hintBar);
    hintRow->setContentsMargins(4, 2, 4, 2);
    hintRow->addWidget(hintLabel, 1);
    hintRow->addWidget(lineBuffered);
    m_hintBar->setAutoFillBackground(true);
    QPalette hp = m_hintBar->palette();
    hp.setColor(QPalette::Window, QColor(255, 243, 205));
    hp.setColor(QPalette::WindowText, QColor(90, 60, 0));
    m_hintBar->setPalette(hp);
    m_hintBar->hide();
    m_kindTimer.setSingleShot(true);
    m_kindTimer.setInterval(200);
    connect(&m_kindTimer, &QTimer::timeout, this, &OutputPane::updateOutputKind);
    connect(m_hexButton, &QToolButton::clicked, this, [this](bool on) {
        m_hexChosen = true;
        setShowHex(on);
    });
    connect(lineBuffered, &QPushButton::clicked, this, &OutputPane::restartLineBuffered);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_filter);
    header->addWidget(m_timestamps);
    header->addWidget(m_hexButton);
    header->addWidget(find);
    header->addWidget(copy);
    header->addWidget(save);
    header->addWidget(clear);

    m_searchBar->setObjectName(QStringLiteral("searchBar"));
    m_searchEdit->setObjectName(QStringLiteral("searchEdit"));
    m_searchEdit->setPlaceholderText(tr("Find (Enter: next, Shift+Enter: previous, Esc: close)"));
    m_searchCase->setObjectName(QStringLiteral("searchCase"));
    m_searchRegex->setObjectName(QStringLiteral("searchRegex"));
    m_searchStatus->setObjectName(QStringLiteral("searchStatus"));
    auto *prev = new QToolButton;
    prev->setObjectName(QStringLiteral("findPrevious"));
    prev->setText(tr("Previous"));
    auto *next = new QToolButton;
    next->setObjectName(QStringLiteral("findNext"));
    next->setText(tr("Next"));
    auto *closeSearch = new QToolButton;
    closeSearch->setText(tr("Close"));
    auto *searchLayout = new QHBoxLayout(m_searchBar);
    searchLayout->setContentsMargins(0, 0, 0, 0);
    searchLayout->addWidget(m_searchEdit, 1);
    searchLayout->addWidget(m_searchCase);
    searchLayout->addWidget(m_searchRegex);
    searchLayout->addWidget(prev);
    searchLayout->addWidget(next);
    searchLayout->addWidget(m_searchStatus);
    searchLayout->addWidget(closeSearch);
    m_searchBar->hide();

    m_stdinEdit->setObjectName(QStringLiteral("stdinEdit"));
    m_stdinEdit->setPlaceholderText(tr("Type a line for the process's stdin and press Enter"));
    m_stdinEdit->setAccessibleName(tr("Standard input of the process"));
    m_stdinEdit->setAccessibleDescription(tr("Enter sends the line to the process's stdin"));
    m_closeStdin->setObjectName(QStringLiteral("closeStdinButton"));
    m_closeStdin->setToolTip(tr("Close the process's stdin: it reads end of file"));
    auto *stdinRow = new QHBoxLayout;
    stdinRow->addWidget(m_stdinEdit, 1);
    stdinRow->addWidget(m_closeStdin);
    m_message->setObjectName(QStringLiteral("paneMessage"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_hintBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hexView, 1);
    layout->addWidget(m_searchBar);
    layout->addLayout(stdinRow);
    layout->addWidget(m_message);
    m_message->hide();

    connect(m_filter, &QLineEdit::textChanged, m_view, &OutputView::setFilter);
    m_timestamps->setChecked(QSettings().value(QStringLiteral("output/timestamps")).toBool());
    m_view->setShowTimestamps(m_timestamps->isChecked());
    connect(m_timestamps, &QToolButton::toggled, m_view, &OutputView::setShowTimestamps);
    connect(m_timestamps, &QToolButton::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("output/timestamps"), on); });
    connect(copy, &QToolButton::clicked, m_view, &OutputView::copy);
    connect(save, &QToolButton::clicked, this, &OutputPane::saveToFile);
    connect(clear, &QToolButton::clicked, m_view, &OutputView::clearLog);
    connect(find, &QToolButton::clicked, this, &OutputPane::showSearch);
    connect(m_searchEdit, &QLineEdit::textChanged, this, &OutputPane::applySearch);
    connect(m_searchCase, &QCheckBox::toggled, this, &OutputPane::applySearch);
    connect(m_searchRegex, &QCheckBox::toggled, this, &OutputPane::applySearch);
    connect(next, &QToolButton::clicked, m_view, &OutputView::findNext);
    connect(prev, &QToolButton::clicked, m_view, &OutputView::findPrevious);
    connect(closeSearch, &QToolButton::clicked, this, &OutputPane::hideSearch);
    connect(m_view, &OutputView::searchStatusChanged, m_searchStatus, &QLabel::setText);
    connect(m_stdinEdit, &QLineEdit::returnPressed, this, &OutputPane::sendStdinLine);
    connect(m_closeStdin, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->closeStdin();
    });
    m_searchEdit->installEventFilter(this);
    setJob(nullptr);
    Q_UNUSED(prefix);
}

void OutputPane::setJob(ProcessJob *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    m_view->setJob(job);
    m_hexChosen = false;
    m_hexShownBytes = -1;
    setShowHex(false);
    if (job) {
        connect(job, &ProcessJob::stateChanged, this, &OutputPane::updateHeader);
        connect(job, &ProcessJob::outputAppended, this, [this] {
            if (!m_kindTimer.isActive())
                m_kindTimer.start();
        });
    }
    updateHeader();
    updateOutputKind();
}

bool OutputPane::showingHex() const
{
    return m_hexButton->isChecked();
}

void OutputPane::setShowHex(bool on)
{
    m_hexButton->setChecked(on);
    m_view->setVisible(!on);
    m_hexView->setVisible(on);
    if (on)
        updateOutputKind();
}

void OutputPane::updateOutputKind()
{
    m_hintBar->setVisible(m_job && m_job->blockBufferingSuspected());
    if (!m_job)
        return;
    const OutputLog *log = m_job->log();
    if (!m_hexChosen && !showingHex() && log->looksBinary())
        setShowHex(true); // binary as text is replacement characters cut at random 0x0A bytes
    if (!showingHex())
        return;
    // The first HexBytes of stdout: a hex dump is for looking at, not for megabytes.
    constexpr qint64 HexBytes = 64 * 1024;
    const QByteArray &raw = log->rawStdoutHead();
    const qint64 shown = std::min<qint64>(raw.size(), HexBytes);
    if (shown == m_hexShownBytes)
        return;
    m_hexShownBytes = shown;
    QString text = BinaryDetector::hexDump(raw.left(shown), log->rawStdoutHeadOffset());
    const qint64 total = log->bytesReceived(OutputLog::Stdout);
    if (total > shown)
        text += QLatin1Char('\n')
                + tr("… the first %1 of %2 of stdout shown")
                      .arg(QLocale().formattedDataSize(shown), QLocale().formattedDataSize(total));
    if (shown == 0)
        text = tr("No stdout yet.");
    m_hexView->setPlainText(text);
}

void OutputPane::restartLineBuffered()
{
    if (!m_job)
        return;
    m_job->setSpecForNextRun(
        lineBufferedSpec(m_job->spec(), QStandardPaths::findExecutable(QStringLiteral("stdbuf"))));
    m_hintBar->hide();
    m_job->restart();
}

void OutputPane::updateHeader()
{
    if (!m_job) {
        m_title->setText(tr("No process selected"));
        m_stdinEdit->setEnabled(false);
        m_closeStdin->setEnabled(false);
        return;
    }
    const QString state = m_job->statusText();
    m_title->setText(tr("%1 — %2").arg(m_job->name(), state));
    const bool open = m_job->stdinOpen();
    m_stdinEdit->setEnabled(open);
    m_closeStdin->setEnabled(open);
    m_stdinEdit->setPlaceholderText(open ? tr("Type a line for the process's stdin and press Enter")
                                         : tr("stdin is closed"));
}

void OutputPane::sendStdinLine()
{
    if (!m_job || !m_job->typeStdin(m_stdinEdit->text().toUtf8() + '\n'))
        return;
    m_stdinEdit->clear();
}

void OutputPane::showSearch()
{
    m_searchBar->show();
    m_searchEdit->setFocus();
    m_searchEdit->selectAll();
}

void OutputPane::hideSearch()
{
    m_searchBar->hide();
    m_view->setSearch(QString(), false, false);
    m_view->setFocus();
}

void OutputPane::applySearch()
{
    const QString error = m_view->setSearch(m_searchEdit->text(), m_searchCase->isChecked(),
                                            m_searchRegex->isChecked());
    m_searchEdit->setStyleSheet(error.isEmpty() ? QString()
                                                : Theme::problemFieldStyle(palette()));
    m_searchStatus->setText(error);
}

bool OutputPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_searchEdit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                m_view->findPrevious();
            else
                m_view->findNext();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            hideSearch();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void OutputPane::saveToFile()
{
    if (!m_job)
        return;
    auto *dialog = new QFileDialog(this, tr("Save Output"), m_job->name() + QStringLiteral(".log"),
                                   tr("Log files (*.log *.txt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        // The lines are taken now (the log keeps changing); writing happens off the GUI thread.
        QStringList lines;
        const qint64 rows = m_view->rowCount();
        lines.reserve(rows);
        for (qint64 r = 0; r < rows; ++r)
            lines << m_view->rowText(r);
        auto *watcher = new QFutureWatcher<QString>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, path, watcher] {
            const QString error = watcher->result();
            m_message->setVisible(true);
            m_message->setText(error.isEmpty() ? tr("Saved to %1").arg(path)
                                               : tr("Could not save %1: %2").arg(path, error));
            watcher->deleteLater();
        });
        watcher->setFuture(QtConcurrent::run(BackgroundPool::instance(), [path, lines] {
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return f.errorString();
            for (const QString &l : lines)
                f.write(l.toUtf8() + '\n');
            return f.commit() ? QString() : f.errorString();
        }));
    });
    dialog->open();
}
