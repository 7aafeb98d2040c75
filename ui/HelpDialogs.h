#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QLineEdit;
class QTableWidget;

// Help ▸ Keyboard Shortcuts: every action that has a shortcut, searchable by name or keys.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShortcutsDialog)
public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
    int visibleRows() const;

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTableWidget *m_table;
};

namespace HelpDialogs {
// Help ▸ Quick Tour: the README's tour of the window, rendered from the README itself.
QDialog *quickTour(QWidget *parent);
// The sections of the README shown by the tour (Markdown).
QString quickTourMarkdown();
// Help ▸ About Runboard: version, the Qt it was built with and runs on, licences.
QDialog *about(QWidget *parent);
} // namespace HelpDialogs
