#include "HelpDialogs.h"

#include "Icons.h"
#include "WidgetNames.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit)
    , m_table(new QTableWidget(0, 2))
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("shortcutsDialog"));
    nameWidget(m_filter, "shortcutFilter", tr("Search shortcuts"),
               tr("Show only the shortcuts whose action or keys contain this text"));
    nameWidget(m_table, "shortcutTable", tr("Keyboard shortcuts"),
               tr("Every action with a shortcut, and its keys"));
    m_filter->setPlaceholderText(tr("Search by action or keys, e.g. stop or Ctrl+K"));
    m_filter->setClearButtonEnabled(true);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (const QAction *a : actions) {
        if (a->shortcut().isEmpty() || a->text().isEmpty())
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        if (text.endsWith(QChar(0x2026)))
            text.chop(1);
        m_table->setItem(row, 0, new QTableWidgetItem(text));
        m_table->setItem(row, 1, new QTableWidgetItem(a->shortcut().toString(QKeySequence::NativeText)));
    }
    m_table->sortItems(0);
    m_table->resizeColumnToContents(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close this list (Escape)"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);
    resize(460, 480);
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    const QString needle = text.trimmed();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const bool match = needle.isEmpty()
                           || m_table->item(r, 0)->text().contains(needle, Qt::CaseInsensitive)
                           || m_table->item(r, 1)->text().contains(needle, Qt::CaseInsensitive);
        m_table->setRowHidden(r, !match);
    }
}

int ShortcutsDialog::visibleRows() const
{
    int n = 0;
    for (int r = 0; r < m_table->rowCount(); ++r)
        n += m_table->isRowHidden(r) ? 0 : 1;
    return n;
}

namespace HelpDialogs {

QString quickTourMarkdown()
{
    QFile f(QStringLiteral(":/help/README.md"));
    if (!f.open(QIODevice::ReadOnly))
        return QApplication::translate("HelpDialogs", "The quick tour is missing from this build.");
    const QString readme = QString::fromUtf8(f.readAll());
    // The tour: from "## The window" up to the next section, and how stops and quits work.
    auto section = [&readme](const QString &title) {
        const int start = readme.indexOf(QStringLiteral("## ") + title);
        if (start < 0)
            return QString();
        const int end = readme.indexOf(QStringLiteral("\n## "), start + 3);
        return readme.mid(start, end < 0 ? -1 : end - start).trimmed();
    };
    return QStringList{section(QStringLiteral("The window")),
                       section(QStringLiteral("How stops and quits work"))}
        .join(QStringLiteral("\n\n"));
}

QDialog *quickTour(QWidget *parent)
{
    auto *d = new QDialog(parent);
    d->setObjectName(QStringLiteral("quickTour"));
    d->setWindowTitle(QApplication::translate("HelpDialogs", "Quick Tour"));
    auto *text = new QTextBrowser;
    nameWidget(text, "quickTourText", QApplication::translate("HelpDialogs", "Quick tour of the window"));
    text->setOpenExternalLinks(true);
    text->setMarkdown(quickTourMarkdown());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(d);
    layout->addWidget(text);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, d, &QDialog::reject);
    d->resize(720, 560);
    return d;
}

QDialog *about(QWidget *parent)
{
    auto *box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("aboutDialog"));
    box->setWindowTitle(QApplication::translate("HelpDialogs", "About Runboard"));
    box->setIconPixmap(Icons::application().pixmap(64, 64));
    box->setText(QApplication::translate("HelpDialogs", "<h3>Runboard %1</h3>"
                                                        "<p>Launch, watch and control child processes, "
                                                        "and fetch many URLs at once, without ever "
                                                        "freezing the window.</p>")
                     .arg(QStringLiteral(RUNBOARD_VERSION)));
    box->setInformativeText(
        QApplication::translate("HelpDialogs",
                                "<p>Built with Qt %1, running on Qt %2.</p>"
                                "<p>Runboard is free software under the MIT licence. Qt is used "
                                "under the GNU Lesser General Public License version 3 (see "
                                "qt.io/licensing); zlib under the zlib licence.</p>")
            .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    box->setStandardButtons(QMessageBox::Close);
    return box;
}

} // namespace HelpDialogs
