#pragma once

#include "process/LaunchSpec.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;

// The launch form: a program and its arguments typed as a command line (split with shell
// quoting, shown as the argv that will run; '|' adds pipeline stages), working directory,
// environment, stdin, timeout, grace period and copies. Every problem is shown at its field
// and nothing is launched until all are fixed.
class LaunchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchDialog)
public:
    explicit LaunchDialog(QWidget *parent = nullptr);
    ~LaunchDialog() override;

    // Builds the spec from the form; on problems returns false and shows them inline.
    bool buildSpec(LaunchSpec *spec);
    QStringList problems() const { return m_problems; }

Q_SIGNALS:
    void launchRequested(const LaunchSpec &spec);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void tryLaunch();
    // A whole command typed into Program ("ls -la /tmp | wc -l") becomes program, arguments
    // and stages.
    void splitWholeCommand();
    void clearProblems(QWidget *field);
    void updatePreview();
    void markField(QWidget *field, bool bad);
    void fillFromRecent(int index);
    void remember(const LaunchSpec &spec);
    void loadPathCompletions();

    QComboBox *m_recent;
    QLineEdit *m_name;
    QLineEdit *m_program;
    QLineEdit *m_arguments;
    QLabel *m_preview;
    QLineEdit *m_cwd;
    QComboBox *m_envMode;
    QTableWidget *m_env;
    QComboBox *m_stdinMode;
    QLineEdit *m_stdinValue;
    QLineEdit *m_timeout;
    QLineEdit *m_grace;
    QSpinBox *m_copies;
    QLabel *m_errors;
    QStringList m_problems;
    QHash<QWidget *, QStringList> m_fieldProblems;
};
