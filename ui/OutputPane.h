#pragma once

#include <QPointer>
#include <QWidget>

class OutputView;
class ProcessJob;
class QCheckBox;
class QLabel;
class QLineEdit;
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

public Q_SLOTS:
    void showSearch();
    void hideSearch();
    void saveToFile();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateHeader();
    void sendStdinLine();
    void applySearch();

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
};
