#include "DemoGallery.h"

#include "TimelineView.h"
#include "demo/Demo.h"
#include "timeline/TimelineModel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

namespace {

// Keywords, strings, comments and numbers: enough colour to read a snippet at a glance.
class SnippetHighlighter final : public QSyntaxHighlighter
{
public:
    SnippetHighlighter(QTextDocument *doc, bool python) : QSyntaxHighlighter(doc)
    {
        const QString words = python
            ? QStringLiteral("and|as|def|for|from|if|import|in|is|not|or|return|try|except|with|"
                             "while|lambda|None|True|False|print")
            : QStringLiteral("auto|bool|char|class|const|for|if|int|new|nullptr|return|this|void|"
                             "while|connect|qDebug|QList|QByteArray|QProcess|QString|QTimer");
        m_rules = {{QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(words)), QColor(0, 90, 180), true},
                   {QRegularExpression(QStringLiteral("\\b\\d[\\d_]*\\b")), QColor(160, 80, 0), false},
                   {QRegularExpression(QStringLiteral("\"[^\"]*\"|'[^']*'")), QColor(20, 130, 40), false},
                   {QRegularExpression(python ? QStringLiteral("#.*$") : QStringLiteral("//.*$")),
                    QColor(120, 120, 120), false}};
    }

protected:
    void highlightBlock(const QString &text) override
    {
        for (const Rule &r : std::as_const(m_rules)) {
            QTextCharFormat f;
            f.setForeground(r.colour);
            if (r.bold)
                f.setFontWeight(QFont::Bold);
            auto it = r.re.globalMatch(text);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                setFormat(int(m.capturedStart()), int(m.capturedLength()), f);
            }
        }
    }

private:
    struct Rule
    {
        QRegularExpression re;
        QColor colour;
        bool bold;
    };
    QList<Rule> m_rules;
};

QPlainTextEdit *snippetEdit(const QString &objectName, const QString &accessible, bool python)
{
    auto *e = new QPlainTextEdit;
    e->setObjectName(objectName);
    e->setAccessibleName(accessible);
    e->setAccessibleDescription(QCoreApplication::translate(
        "DemoGallery", "The demo's program in short, read-only; Copy puts it on the clipboard"));
    e->setReadOnly(true);
    e->setLineWrapMode(QPlainTextEdit::NoWrap);
    e->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SnippetHighlighter(e->document(), python);
    return e;
}

QWidget *withCopyButton(QPlainTextEdit *edit, const QString &title, const QString &buttonName)
{
    auto *box = new QWidget;
    auto *label = new QLabel(title);
    auto *copy = new QPushButton(QCoreApplication::translate("DemoGallery", "Copy"));
    copy->setObjectName(buttonName);
    copy->setToolTip(QCoreApplication::translate("DemoGallery", "Copy the %1 snippet").arg(title));
    QObject::connect(copy, &QPushButton::clicked, edit,
                     [edit] { QGuiApplication::clipboard()->setText(edit->toPlainText()); });
    auto *top = new QHBoxLayout;
    top->addWidget(label, 1);
    top->addWidget(copy);
    auto *l = new QVBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    l->addLayout(top);
    l->addWidget(edit, 1);
    return box;
}

} // namespace

DemoGallery::DemoGallery(QWidget *parent)
    : QDialog(parent), m_list(new QListWidget), m_title(new QLabel), m_watch(new QLabel),
      m_python(snippetEdit(QStringLiteral("pythonSnippet"), tr("Python snippet"), true)),
      m_cpp(snippetEdit(QStringLiteral("cppSnippet"), tr("Qt/C++ snippet"), false)),
      m_run(new QPushButton(tr("&Run"))), m_stop(new QPushButton(tr("&Stop"))),
      m_helper(new QCheckBox(tr("Use Runboard's own &helper program"))),
      m_internet(new QCheckBox(tr("Try the lesson's nine &sites (needs the internet)"))),
      m_outcome(new QLabel), m_log(new QPlainTextEdit), m_timeline(new TimelineView)
{
    setObjectName(QStringLiteral("demoGallery"));
    setWindowTitle(tr("Demos — Effective Python, in Runboard"));
    m_list->setObjectName(QStringLiteral("demoList"));
    m_list->setAccessibleName(tr("Demos"));
    m_list->setAccessibleDescription(tr("The lessons' demos; choose one to see what to watch"));
    for (const QString &name : Demo::names()) {
        auto *item = new QListWidgetItem(DemoTexts::info(name).title, m_list);
        item->setData(Qt::UserRole, name);
    }
    m_list->setMaximumWidth(240);
    m_title->setObjectName(QStringLiteral("demoTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_watch->setObjectName(QStringLiteral("demoWatch"));
    m_watch->setWordWrap(true);
    m_run->setObjectName(QStringLiteral("demoRun"));
    m_run->setToolTip(tr("Run the chosen demo; its children join the board"));
    m_stop->setObjectName(QStringLiteral("demoStop"));
    m_stop->setToolTip(tr("Stop the demo and every child it started"));
    m_helper->setObjectName(QStringLiteral("demoUseHelper"));
    m_helper->setToolTip(tr("Run the demos with runboard-demo-helper even where openssl, sleep or "
                            "python3 exist (as on Windows)"));
    m_internet->setObjectName(QStringLiteral("demoInternet"));
    m_outcome->setObjectName(QStringLiteral("demoOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_log->setObjectName(QStringLiteral("demoLog"));
    m_log->setAccessibleName(tr("What the demo did"));
    m_log->setAccessibleDescription(tr("Each step of the demo and its outcome, as text"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_timeline->setObjectName(QStringLiteral("demoTimeline"));

    auto *snippets = new QSplitter(Qt::Horizontal);
    snippets->addWidget(withCopyButton(m_python, tr("Python"), QStringLiteral("copyPython")));
    snippets->addWidget(withCopyButton(m_cpp, tr("Qt/C++"), QStringLiteral("copyCpp")));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_helper);
    buttons->addWidget(m_internet);
    buttons->addStretch(1);
    auto *lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(m_log);
    lower->addWidget(m_timeline);
    lower->setStretchFactor(1, 2);
    auto *vertical = new QSplitter(Qt::Vertical);
    vertical->addWidget(snippets);
    vertical->addWidget(lower);
    auto *right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addWidget(m_watch);
    right->addLayout(buttons);
    right->addWidget(m_outcome);
    right->addWidget(vertical, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(right, 1);
    resize(1200, 800);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showDemo(m_list->item(row)->data(Qt::UserRole).toString());
    });
    connect(m_run, &QPushButton::clicked, this, &DemoGallery::runCurrent);
    connect(m_stop, &QPushButton::clicked, this, &DemoGallery::stopCurrent);
    m_list->setCurrentRow(0);
}

// The demos are children: each one's supervisor stops its children as it goes.
DemoGallery::~DemoGallery() = default;

void DemoGallery::selectDemo(const QString &name)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(i);
    }
}

QString DemoGallery::currentDemo() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
}

Demo *DemoGallery::demo(const QString &name)
{
    if (Demo *d = m_demos.value(name))
        return d;
    Demo *d = Demo::create(name, this).release();
    if (!d)
        return nullptr;
    m_demos.insert(name, d);
    connect(d, &Demo::started, this, [this, d] {
        if (d->info().name == currentDemo()) {
            m_log->clear();
            bindTimeline(d);
        }
        updateButtons();
    });
    connect(d, &Demo::message, this, [this, d](const QString &line) {
        if (d->info().name == currentDemo())
            m_log->appendPlainText(line);
    });
    connect(d, &Demo::finished, this, [this, d] {
        if (d->info().name == currentDemo())
            showOutcome(d);
        updateButtons();
    });
    return d;
}

void DemoGallery::showDemo(const QString &name)
{
    const DemoInfo info = DemoTexts::info(name);
    m_title->setText(info.title);
    m_watch->setText(info.watch);
    m_python->setPlainText(info.python);
    m_cpp->setPlainText(info.cpp);
    m_internet->setVisible(name == QLatin1String("threads"));
    Demo *d = demo(name);
    m_log->setPlainText(d->messages().join(QLatin1Char('\n')));
    bindTimeline(d);
    showOutcome(d);
    updateButtons();
}

void DemoGallery::bindTimeline(Demo *d)
{
    delete m_timelineModel;
    m_timelineModel = new TimelineModel(d->recorder(), this);
    m_timeline->setModel(m_timelineModel);
}

void DemoGallery::showOutcome(Demo *d)
{
    if (d->isRunning()) {
        m_outcome->setStyleSheet({});
        m_outcome->setText(tr("Running…"));
        return;
    }
    const DemoOutcome &o = d->outcome();
    if (o.reason.isEmpty()) {
        m_outcome->setStyleSheet({});
        m_outcome->setText(tr("Not run yet: press Run."));
        return;
    }
    m_outcome->setStyleSheet(o.passed ? QStringLiteral("color: white; background: #15803d; padding: 4px;")
                                      : QStringLiteral("color: white; background: #b91c1c; padding: 4px;"));
    m_outcome->setText((o.passed ? tr("✔ %1") : tr("✘ %1")).arg(o.reason));
    if (!o.details.isEmpty())
        m_log->appendPlainText(QStringLiteral("\n") + o.details.join(QLatin1Char('\n')));
}

void DemoGallery::updateButtons()
{
    Demo *d = m_demos.value(currentDemo());
    const bool running = d && d->isRunning();
    m_run->setEnabled(!running);
    m_stop->setEnabled(running);
    if (running)
        showOutcome(d);
}

void DemoGallery::runCurrent()
{
    Demo *d = demo(currentDemo());
    if (!d || d->isRunning())
        return;
    d->setForceHelper(m_helper->isChecked());
    d->setPreferInternet(m_internet->isChecked());
    d->start();
}

void DemoGallery::stopCurrent()
{
    if (Demo *d = m_demos.value(currentDemo()))
        d->cancel();
}
