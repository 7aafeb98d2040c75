#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class OutputView;
class ProcessJob;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

// One child's output with everything around it: a header, the view, a line filter, a search
// bar (Ctrl+F), copy/save/clear, and a line input that writes to the child's stdin.
class OutputPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputPane)
public:
    explicit OutputPane(const QString &objectName, QWidget *parent = nullptr);

    void setJob(ProcessJob *job);
    ProcessJob *job() const { return m_job; }
    OutputView *view() const { return m_view; }
    // Binary output is shown as a hex dump (offset, hex, ASCII); the Hex button switches back.
    bool showingHex() const;
    void setShowHex(bool on);

public Q_SLOTS:
    // The title: the job's name and its status (also when the supervisor queued it or took it
    // out of the queue, which the job does not signal).
    void updateHeader();
    void showSearch();
    void hideSearch();
    void saveToFile();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void sendStdinLine();
    void applySearch();
    void updateOutputKind(); // hex dump for binary output, the buffering hint
    void restartLineBuffered();

    QPointer<ProcessJob> m_job;
    QLabel *m_title;
    OutputView *m_view;
    QLineEdit *m_filter;
    QToolButton *m_timestamps;
    QWidget *m_searchBar;
    QLineEdit *m_searchEdit;
    QCheckBox *m_searchCase;
    QCheckBox *m_searchRegex;
    QLabel *m_searchStatus;
    QLineEdit *m_stdinEdit;
    QPushButton *m_closeStdin;
    QLabel *m_message;
    QToolButton *m_hexButton;
    QPlainTextEdit *m_hexView;
    QWidget *m_hintBar;
    QTimer m_kindTimer;
    bool m_hexChosen = false; // the user picked text or hex: no more switching by itself
    qint64 m_hexShownBytes = -1;
};
