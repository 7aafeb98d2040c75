#include "LaunchDialog.h"

#include "Theme.h"

#include "WidgetNames.h"
#include "process/CommandLine.h"
#include "process/ProgramResolver.h"

#include <QComboBox>
#include <QCompleter>
#include <QFileInfo>
#include <QAbstractItemView>
#include <QApplication>
#include <QMouseEvent>
#include <QKeyEvent>
#include <QItemSelectionModel>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "session/SessionFile.h"
#include "system/BackgroundPool.h"

namespace {
constexpr int MaxRecent = 20;
constexpr int ValueRole = Qt::UserRole + 1;

bool isSecretName(const QString &name)
{
    return LaunchSpec::isSecretName(name);
}
// A secret restored from the recent list without its value: it must be typed again.
constexpr int NeedsValueRole = Qt::UserRole + 2;

// Values of secret-looking variables are shown as dots and edited in a password field.
class EnvValueDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *e = new QLineEdit(parent);
        const QString name = index.siblingAtColumn(0).data().toString();
        e->setEchoMode(isSecretName(name) ? QLineEdit::Password : QLineEdit::Normal);
        return e;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(index.data(ValueRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString v = static_cast<QLineEdit *>(editor)->text();
        model->setData(index, v, ValueRole);
        model->setData(index, v, Qt::DisplayRole);
    }
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (isSecretName(index.siblingAtColumn(0).data().toString()) && !option->text.isEmpty())
            option->text = QString(8, QChar(0x2022));
    }
};
} // namespace

LaunchDialog::LaunchDialog(QWidget *parent)
    : QDialog(parent)
    , m_recent(new QComboBox)
    , m_name(new QLineEdit)
    , m_program(new QLineEdit)
    , m_arguments(new QLineEdit)
    , m_preview(new QLabel)
    , m_cwd(new QLineEdit)
    , m_envMode(new QComboBox)
    , m_env(new QTableWidget(0, 2))
    , m_stdinMode(new QComboBox)
    , m_stdinValue(new QLineEdit)
    , m_timeout(new QLineEdit)
    , m_grace(new QLineEdit)
    , m_copies(new QSpinBox)
    , m_errors(new QLabel)
{
    setWindowTitle(tr("New Process"));
    setObjectName(QStringLiteral("launchDialog"));
    nameWidget(m_recent, "recentCombo", tr("Recent commands"),
               tr("Fill the form with a command launched before"));
    nameWidget(m_name, "nameEdit", tr("Name"));
    nameWidget(m_program, "programEdit", tr("Program"));
    nameWidget(m_arguments, "argumentsEdit", tr("Arguments"));
    nameWidget(m_preview, "argvPreview", tr("The argv that will run"));
    nameWidget(m_cwd, "cwdEdit", tr("Working directory"));
    nameWidget(m_envMode, "envModeCombo", tr("Environment"),
               tr("Start from Runboard's environment or from an empty one"));
    nameWidget(m_env, "envTable", tr("Environment changes"),
               tr("Variables to set, one a row; -NAME removes a variable"));
    nameWidget(m_stdinMode, "stdinModeCombo", tr("Standard input"),
               tr("What the process reads: typed lines, nothing, a text, a file or random bytes"));
    nameWidget(m_stdinValue, "stdinValueEdit", tr("Standard input text, file or byte count"),
               tr("The text, the file or the number of random bytes fed to the process"));
    nameWidget(m_timeout, "timeoutEdit", tr("Timeout in seconds"));
    nameWidget(m_grace, "graceEdit", tr("Grace period in seconds"),
               tr("Time between SIGTERM and SIGKILL when the process is stopped"));
    nameWidget(m_copies, "copiesSpin", tr("Copies"),
               tr("How many identical processes to launch at once"));
    nameWidget(m_errors, "formErrors", tr("Problems in the form"));

    m_recent->addItem(tr("Recent commands…"));
    const QStringList recent = QSettings().value(QStringLiteral("launch/recent")).toStringList();
    for (const QString &r : recent) {
        // One an older Runboard remembered and this one would refuse (a name with a control
        // character in it) is left out, not shown as an empty line that fills nothing.
        const SessionLoadResult parsed = SessionFile::parse(r.toUtf8());
        if (parsed.ok() && !parsed.processes.isEmpty())
            m_recent->addItem(parsed.processes.first().commandLine(), r);
    }
    m_recent->setEnabled(m_recent->count() > 1);
    m_name->setPlaceholderText(tr("optional"));
    m_program->setPlaceholderText(tr("e.g. python3 or /usr/bin/openssl"));
    m_arguments->setPlaceholderText(tr("e.g. -m http.server 8000   ('|' starts a pipeline stage)"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cwd->setPlaceholderText(tr("this folder: %1").arg(QDir::currentPath()));
    m_envMode->addItems({tr("Inherit Runboard's environment"), tr("Start from an empty environment")});
    m_env->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_env->setToolTip(tr("One variable a row. Write -NAME as the name to remove a variable. Values "
                         "of names with PASS, TOKEN, SECRET or KEY in them are masked."));
    m_env->horizontalHeader()->setStretchLastSection(true);
    m_env->setItemDelegateForColumn(1, new EnvValueDelegate(m_env));
    m_env->setMinimumHeight(90);
    m_env->setTabKeyNavigation(false); // Tab leaves the table; the arrow keys move inside it
    m_stdinMode->addItems({tr("Interactive (type into it)"), tr("None (/dev/null)"), tr("Text"),
                           tr("File"), tr("Random bytes")});
    m_timeout->setPlaceholderText(tr("none"));
    m_grace->setText(QStringLiteral("3"));
    m_copies->setRange(1, LaunchSpec::MaxCopies);
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: %1").arg(Theme::errorText(palette()).name()));

    auto *browse = new QToolButton;
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a program file"));
    nameWidget(browse, "browseProgramButton", tr("Choose a program file"),
               tr("Pick the program in a file dialog"));
    auto *programRow = new QHBoxLayout;
    programRow->addWidget(m_program, 1);
    programRow->addWidget(browse);
    auto *browseDir = new QToolButton;
    browseDir->setText(tr("…"));
    browseDir->setToolTip(tr("Choose the working directory"));
    nameWidget(browseDir, "browseDirectoryButton", tr("Choose the working directory"),
               tr("Pick the folder the process starts in"));
    auto *cwdRow = new QHBoxLayout;
    cwdRow->addWidget(m_cwd, 1);
    cwdRow->addWidget(browseDir);
    auto *addEnv = new QPushButton(tr("Add variable"));
    addEnv->setObjectName(QStringLiteral("addEnvButton"));
    addEnv->setToolTip(tr("Add a row to the environment changes"));
    // Enter launches, wherever the focus is: no other button may become the default.
    addEnv->setAutoDefault(false);
    auto *envButtons = new QHBoxLayout;
    envButtons->addWidget(m_envMode, 1);
    envButtons->addWidget(addEnv);
    auto *stdinRow = new QHBoxLayout;
    stdinRow->addWidget(m_stdinMode);
    stdinRow->addWidget(m_stdinValue, 1);

    auto *form = new QFormLayout;
    auto label = [](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text);
        l->setBuddy(buddy); // Alt+letter jumps to the field
        return l;
    };
    form->addRow(m_recent);
    form->addRow(label(tr("&Name:"), m_name), m_name);
    form->addRow(label(tr("&Program:"), m_program), programRow);
    form->addRow(label(tr("&Arguments:"), m_arguments), m_arguments);
    form->addRow(QString(), m_preview);
    form->addRow(label(tr("&Working directory:"), m_cwd), cwdRow);
    form->addRow(label(tr("&Environment:"), m_envMode), envButtons);
    form->addRow(QString(), m_env);
    form->addRow(label(tr("&Stdin:"), m_stdinMode), stdinRow);
    form->addRow(tr("&Timeout (s):"), m_timeout);
    form->addRow(tr("&Grace period (s):"), m_grace);
    form->addRow(tr("&Copies:"), m_copies);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *launch = buttons->addButton(tr("&Launch"), QDialogButtonBox::AcceptRole);
    launch->setObjectName(QStringLiteral("launchButton"));
    launch->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close the form without launching (Escape)"));
    launch->setToolTip(tr("Launch the process as described (Enter)"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_errors);
    layout->addWidget(buttons);

    connect(launch, &QPushButton::clicked, this, &LaunchDialog::tryLaunch);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_program, &QLineEdit::textChanged, this, &LaunchDialog::updatePreview);
    connect(m_arguments, &QLineEdit::textChanged, this, &LaunchDialog::updatePreview);
    connect(m_recent, &QComboBox::activated, this, &LaunchDialog::fillFromRecent);
    connect(addEnv, &QPushButton::clicked, this, [this] {
        const int row = m_env->rowCount();
        m_env->insertRow(row);
        m_env->setItem(row, 0, new QTableWidgetItem);
        m_env->setItem(row, 1, new QTableWidgetItem);
        m_env->editItem(m_env->item(row, 0));
    });
    connect(m_stdinMode, &QComboBox::currentIndexChanged, this, [this](int mode) {
        m_stdinValue->setEnabled(mode >= 2);
        m_stdinValue->setPlaceholderText(mode == 2 ? tr("text to send, then end of file")
                                         : mode == 3 ? tr("path of a file to send")
                                         : mode == 4 ? tr("how many random bytes")
                                                     : QString());
    });
    Q_EMIT m_stdinMode->currentIndexChanged(0);
    connect(browse, &QToolButton::clicked, this, [this] {
        auto *d = new QFileDialog(this, tr("Choose Program"));
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->setFileMode(QFileDialog::ExistingFile);
        connect(d, &QFileDialog::fileSelected, m_program, &QLineEdit::setText);
        d->open();
    });
    connect(browseDir, &QToolButton::clicked, this, [this] {
        auto *d = new QFileDialog(this, tr("Choose Working Directory"));
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->setFileMode(QFileDialog::Directory);
        d->setOption(QFileDialog::ShowDirsOnly);
        connect(d, &QFileDialog::fileSelected, m_cwd, &QLineEdit::setText);
        d->open();
    });
    // Tab follows the form from top to bottom, each field's "…" button right after it.
    QWidget *order[] = {m_recent, m_name, m_program, browse, m_arguments, m_cwd, browseDir,
                        m_envMode, addEnv, m_env, m_stdinMode, m_stdinValue, m_timeout, m_grace,
                        m_copies, launch, buttons->button(QDialogButtonBox::Cancel)};
    for (size_t i = 0; i + 1 < std::size(order); ++i)
        QWidget::setTabOrder(order[i], order[i + 1]);
    // An inline error goes as soon as its field is edited.
    for (QLineEdit *e : {m_program, m_arguments, m_cwd, m_stdinValue, m_timeout, m_grace})
        connect(e, &QLineEdit::textEdited, this, [this, e] { clearProblems(e); });
    connect(m_env, &QTableWidget::itemChanged, this, [this] { clearProblems(m_env); });
    connect(m_stdinMode, &QComboBox::currentIndexChanged, this, [this] { clearProblems(m_stdinValue); });
    connect(m_program, &QLineEdit::editingFinished, this, &LaunchDialog::splitWholeCommand);
    loadPathCompletions();
    updatePreview();
    resize(640, sizeHint().height());
    m_program->setFocus(); // the first thing everyone types
}

LaunchDialog::~LaunchDialog()
{
    // Hiding the dialog on its way out takes the focus from Program, whose editingFinished
    // would then call into a LaunchDialog that is already half destroyed.
    m_program->disconnect(this);
}

void LaunchDialog::clearProblems(QWidget *field)
{
    const QStringList gone = m_fieldProblems.take(field);
    markField(field, false);
    if (gone.isEmpty())
        return;
    for (const QString &g : gone)
        m_problems.removeOne(g);
    m_errors->setText(m_problems.join(QLatin1Char('\n')));
}

void LaunchDialog::splitWholeCommand()
{
    const QString text = m_program->text().trimmed();
    const bool hasSpace = text.contains(QLatin1Char(' ')) || text.contains(QLatin1Char('\t'))
                          || text.contains(QLatin1Char('|'));
    // A program whose path has a space in it is a program, not a command line.
    if (!hasSpace || QFileInfo::exists(text))
        return;
    QString error;
    const QList<QStringList> stages = CommandLine::splitPipeline(text, &error);
    if (!error.isEmpty() || stages.isEmpty() || stages.first().isEmpty())
        return; // shown as it is; buildSpec names the problem
    QStringList parts;
    if (stages.first().size() > 1)
        parts << CommandLine::join(stages.first().mid(1));
    for (int i = 1; i < stages.size(); ++i)
        parts << QStringLiteral("| ") + CommandLine::join(stages.at(i));
    const QString existing = m_arguments->text().trimmed();
    if (!existing.isEmpty())
        parts << existing;
    m_program->setText(stages.first().first());
    m_arguments->setText(parts.join(QLatin1Char(' ')));
}

bool LaunchDialog::eventFilter(QObject *watched, QEvent *event)
{
    QCompleter *completer = m_program->completer();
    auto *popup = completer ? completer->popup() : nullptr;
    // The list gets clicks outside it; the entries' area (its viewport) gets the pointer moves.
    if (!popup || (watched != popup && watched != popup->viewport()) || !popup->isVisible())
        return QDialog::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::KeyPress: {
        const int key = static_cast<QKeyEvent *>(event)->key();
        // Enter with no entry chosen (by the arrow keys) launches what was typed.
        if ((key == Qt::Key_Return || key == Qt::Key_Enter)
            && !static_cast<QAbstractItemView *>(popup)->selectionModel()->hasSelection()) {
            popup->hide();
            tryLaunch();
            return true;
        }
        break;
    }
    case QEvent::MouseMove:
        // The pointer passing over the list picks nothing: only a click or the arrow keys do.
        if (static_cast<QMouseEvent *>(event)->buttons() == Qt::NoButton)
            return true;
        break;
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
        auto *me = static_cast<QMouseEvent *>(event);
        if (watched != popup || popup->rect().contains(me->position().toPoint()))
            break; // on an entry: chosen, as a click should
        // A click outside the list closes it and lands where it was aimed (Arguments, say),
        // instead of being swallowed while the typing goes on into Program.
        const QPoint global = me->globalPosition().toPoint();
        popup->hide();
        QWidget *target = QApplication::widgetAt(global);
        if (target && target != popup) {
            QMouseEvent press(QEvent::MouseButtonPress, target->mapFromGlobal(global), global,
                              me->button(), me->buttons(), me->modifiers());
            QApplication::sendEvent(target, &press);
            if (target->focusPolicy() & Qt::ClickFocus)
                target->setFocus(Qt::MouseFocusReason);
        }
        return true;
    }
    default: break;
    }
    return QDialog::eventFilter(watched, event);
}

void LaunchDialog::loadPathCompletions()
{
    // Listing every PATH folder touches the disk: done off the GUI thread.
    auto *completer = new QCompleter(this);
    auto *model = new QStringListModel(completer);
    completer->setModel(model);
    completer->setCaseSensitivity(Qt::CaseSensitive);
    m_program->setCompleter(completer);
    completer->popup()->installEventFilter(this);
    completer->popup()->viewport()->installEventFilter(this);
    const QStringList dirs = qEnvironmentVariable("PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts);
    // A watcher owned by the dialog, not QFuture::then(this): in Qt 6.4 a continuation whose
    // context object is gone (the dialog closed first) asserts.
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [model, watcher] { model->setStringList(watcher->result()); });
    watcher->setFuture(QtConcurrent::run(BackgroundPool::instance(), [dirs] {
        QStringList names;
        for (const QString &d : dirs)
            names += QDir(d).entryList(QDir::Files | QDir::Executable);
        names.removeDuplicates();
        names.sort();
        return names;
    }));
}

void LaunchDialog::markField(QWidget *field, bool bad)
{
    field->setStyleSheet(bad ? Theme::problemFieldStyle(palette()) : QString());
}

void LaunchDialog::updatePreview()
{
    QString error;
    QString programText = m_program->text().trimmed();
    QString argumentsText = m_arguments->text();
    // A whole command typed into Program is previewed as it will be split.
    if ((programText.contains(QLatin1Char(' ')) || programText.contains(QLatin1Char('|')))
        && !QFileInfo::exists(programText)) {
        argumentsText = programText + QLatin1Char(' ') + argumentsText;
        programText.clear();
    }
    QList<QStringList> stages = CommandLine::splitPipeline(argumentsText, &error);
    if (programText.isEmpty() && error.isEmpty() && !stages.isEmpty() && !stages.first().isEmpty())
        programText = stages.first().takeFirst();
    if (!error.isEmpty()) {
        m_preview->setText(tr("Arguments: %1").arg(error));
        markField(m_arguments, true);
        return;
    }
    markField(m_arguments, false);
    QStringList lines;
    for (int i = 0; i < stages.size(); ++i) {
        QStringList argv;
        const QString program = i == 0 ? programText : stages.at(i).value(0);
        const QStringList args = i == 0 ? stages.at(0) : stages.at(i).mid(1);
        argv << QStringLiteral("\"%1\"").arg(program);
        for (const QString &a : args)
            argv << QStringLiteral("\"%1\"").arg(QString(a).replace(QLatin1Char('"'), QLatin1String("\\\"")));
        lines << (stages.size() > 1 ? tr("stage %1: ").arg(i + 1) : QString()) + QStringLiteral("argv = [")
                     + argv.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    m_preview->setText(lines.join(QLatin1Char('\n')));
}

bool LaunchDialog::buildSpec(LaunchSpec *spec)
{
    m_problems.clear();
    for (QWidget *w : std::initializer_list<QWidget *>{m_program, m_arguments, m_cwd, m_env, m_stdinValue, m_timeout, m_grace})
        markField(w, false);
    m_fieldProblems.clear();
    auto problem = [this](QWidget *field, const QString &text) {
        m_problems << text;
        m_fieldProblems[field] << text;
        markField(field, true);
    };
    splitWholeCommand();
    LaunchSpec s;
    s.name = m_name->text().trimmed();
    if (const QString e = LaunchSpec::validateName(s.name); !e.isEmpty())
        problem(m_name, tr("Name: %1").arg(e));
    const QString program = m_program->text().trimmed();
    QString error;
    const QList<QStringList> stages = CommandLine::splitPipeline(m_arguments->text(), &error);
    if (!error.isEmpty())
        problem(m_arguments, tr("Arguments: %1").arg(error));
    s.command = {program, stages.value(0)};
    for (int i = 1; i < stages.size(); ++i)
        s.pipeline.append({stages.at(i).value(0), stages.at(i).mid(1)});
    s.workingDirectory = m_cwd->text().trimmed();
    if (const QString e = ProgramResolver::checkWorkingDirectory(s.workingDirectory); !e.isEmpty())
        problem(m_cwd, tr("Working directory: %1").arg(e));
    s.environment.clean = m_envMode->currentIndex() == 1;
    for (int r = 0; r < m_env->rowCount(); ++r) {
        const QString n = m_env->item(r, 0) ? m_env->item(r, 0)->text().trimmed() : QString();
        const QString v = m_env->item(r, 1) ? m_env->item(r, 1)->data(ValueRole).toString() : QString();
        if (n.isEmpty() && v.isEmpty())
            continue;
        if (n.startsWith(QLatin1Char('-'))) {
            const QString e = LaunchSpec::validateEnvironmentName(n.mid(1));
            if (!e.isEmpty())
                problem(m_env, tr("Environment row %1: %2").arg(r + 1).arg(e));
            else
                s.environment.unset << n.mid(1);
            continue;
        }
        if (v.isEmpty() && m_env->item(r, 1) && m_env->item(r, 1)->data(NeedsValueRole).toBool()) {
            problem(m_env, tr("Environment row %1: %2 is a secret, and secrets are not remembered: "
                              "type its value again").arg(r + 1).arg(n));
            continue;
        }
        QPair<QString, QString> kv;
        if (!LaunchSpec::parseEnvironmentEntry(n + QLatin1Char('=') + v, &kv, &error) || n.contains(QLatin1Char('=')))
            problem(m_env, tr("Environment row %1: %2").arg(r + 1).arg(
                n.contains(QLatin1Char('=')) ? tr("the name \"%1\" has '=' in it; put the value in its own column").arg(n) : error));
        else
            s.environment.set << kv;
    }
    switch (m_stdinMode->currentIndex()) {
    case 0: s.stdinSource.mode = StdinMode::Interactive; break;
    case 1: s.stdinSource.mode = StdinMode::Null; break;
    case 2:
        s.stdinSource.mode = StdinMode::Text;
        s.stdinSource.text = m_stdinValue->text().toUtf8();
        break;
    case 3:
        s.stdinSource.mode = StdinMode::File;
        s.stdinSource.filePath = m_stdinValue->text().trimmed();
        if (!QFileInfo(s.stdinSource.filePath).isFile())
            problem(m_stdinValue, tr("Stdin file \"%1\" does not exist or is not a file").arg(s.stdinSource.filePath));
        break;
    case 4: {
        bool ok = false;
        s.stdinSource.mode = StdinMode::RandomBytes;
        s.stdinSource.randomBytes = m_stdinValue->text().trimmed().toLongLong(&ok);
        if (!ok || s.stdinSource.randomBytes < 0)
            problem(m_stdinValue, tr("Random bytes: \"%1\" is not a whole number of bytes").arg(m_stdinValue->text()));
        break;
    }
    }
    auto seconds = [&](QLineEdit *field, const QString &label, qint64 *ms, bool emptyIsZero) {
        const QString t = field->text().trimmed();
        if (t.isEmpty() && emptyIsZero) {
            *ms = 0;
            return;
        }
        bool ok = false;
        const double v = QLocale::c().toDouble(t, &ok);
        if (!ok || !std::isfinite(v))
            problem(field, tr("%1: \"%2\" is not a number of seconds").arg(label, t));
        else if (v < 0)
            problem(field, tr("%1: %2 is negative").arg(label, t));
        else
            *ms = qint64(v * 1000.0 + 0.5);
    };
    qint64 timeout = 0, grace = LaunchSpec::DefaultGraceMs;
    seconds(m_timeout, tr("Timeout"), &timeout, true);
    seconds(m_grace, tr("Grace period"), &grace, false);
    s.timeoutMs = timeout;
    s.graceMs = int(std::min<qint64>(grace, INT_MAX));
    s.copies = m_copies->value();
    if (m_problems.isEmpty()) {
        // What only the file system can tell: does every program exist and run?
        QProcessEnvironment env;
        const auto all = s.stages();
        for (int i = 0; i < all.size(); ++i) {
            const ResolvedProgram r = ProgramResolver::resolve(all.at(i).program, s.workingDirectory, env);
            if (!r.ok())
                problem(i == 0 ? m_program : m_arguments, (all.size() > 1 ? tr("Stage %1: ").arg(i + 1) : tr("Program: ")) + r.error);
        }
        if (const QString e = s.validate(); !e.isEmpty() && m_problems.isEmpty())
            problem(m_program, e);
    }
    m_errors->setText(m_problems.join(QLatin1Char('\n')));
    if (!m_problems.isEmpty())
        return false;
    *spec = s;
    return true;
}

void LaunchDialog::tryLaunch()
{
    LaunchSpec spec;
    if (!buildSpec(&spec))
        return;
    remember(spec);
    Q_EMIT launchRequested(spec);
    accept();
}

void LaunchDialog::remember(const LaunchSpec &spec)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("launch/recent")).toStringList();
    // Secret values never reach the settings file: the name is kept, the value asked again.
    const QString entry = QString::fromUtf8(SessionFile::serialize({spec.withoutSecrets()}));
    recent.removeAll(entry);
    recent.prepend(entry);
    settings.setValue(QStringLiteral("launch/recent"), recent.mid(0, MaxRecent));
}

void LaunchDialog::fillFromRecent(int index)
{
    if (index <= 0)
        return;
    const SessionLoadResult r = SessionFile::parse(m_recent->itemData(index).toString().toUtf8());
    m_recent->setCurrentIndex(0);
    if (!r.ok() || r.processes.isEmpty())
        return;
    const LaunchSpec &s = r.processes.first();
    m_name->setText(s.name);
    m_program->setText(s.command.program);
    QStringList words = s.command.arguments;
    for (const CommandStage &st : s.pipeline)
        words << QStringLiteral("|") << st.program << st.arguments;
    QString line = CommandLine::join(s.command.arguments);
    for (const CommandStage &st : s.pipeline)
        line += QStringLiteral(" | ") + CommandLine::join(QStringList{st.program} + st.arguments);
    m_arguments->setText(line);
    m_cwd->setText(s.workingDirectory);
    m_timeout->setText(s.timeoutMs > 0 ? QString::number(s.timeoutMs / 1000.0) : QString());
    m_grace->setText(QString::number(s.graceMs / 1000.0));
    m_copies->setValue(s.copies);
    m_envMode->setCurrentIndex(s.environment.clean ? 1 : 0);
    m_env->setRowCount(0);
    auto addRow = [this](const QString &name, const QString &value, bool needsValue) {
        const int row = m_env->rowCount();
        m_env->insertRow(row);
        m_env->setItem(row, 0, new QTableWidgetItem(name));
        auto *v = new QTableWidgetItem(value);
        v->setData(ValueRole, value);
        v->setData(NeedsValueRole, needsValue);
        if (needsValue)
            v->setToolTip(tr("Secret values are not remembered: type it again"));
        m_env->setItem(row, 1, v);
    };
    for (const auto &kv : s.environment.set)
        addRow(kv.first, kv.second, isSecretName(kv.first) && kv.second.isEmpty());
    for (const QString &n : s.environment.unset)
        addRow(QLatin1Char('-') + n, QString(), false);
}
