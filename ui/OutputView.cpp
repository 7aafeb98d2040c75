#include "OutputView.h"

#include "QuietScrollBar.h"
#include "Theme.h"

#include "AnsiText.h"
#include "process/ProcessJob.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

namespace {
constexpr int FrameMs = 16;
constexpr qint64 FilterScanPerFrame = 50000;
constexpr qint64 SearchRowsPerTurn = 20000;
constexpr int Margin = 4;
} // namespace

OutputView::OutputView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("outputView"));
    setAccessibleName(tr("Output of the selected process"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    setFont(mono);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(FrameMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &OutputView::refresh);
    setVerticalScrollBar(new QuietScrollBar(Qt::Vertical));
    setHorizontalScrollBar(new QuietScrollBar(Qt::Horizontal));
    markScrollBarsOpaque();
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        // Scrolled to the bottom by hand: follow again; scrolled up: stop following.
        m_follow = value >= verticalScrollBar()->maximum();
    });
}

void OutputView::markScrollBarsOpaque()
{
    // The scroll bars repaint with every frame while a log grows. Fusion (Qt's own style, the
    // default here) paints every pixel of a scroll bar, so what lies under it need not be
    // painted first: that was the tab widget's frame, a gradient over the scroll bar's whole
    // height, which Qt 6.4's raster engine splits across its thread pool and waits for. Under
    // another style, which may draw a scroll bar see-through, Qt paints as before.
    const bool fusion = style()->name().compare(QLatin1String("fusion"), Qt::CaseInsensitive) == 0;
    for (QScrollBar *bar : {verticalScrollBar(), horizontalScrollBar()})
        bar->setAttribute(Qt::WA_OpaquePaintEvent, fusion);
}

void OutputView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::StyleChange)
        markScrollBarsOpaque();
    QAbstractScrollArea::changeEvent(event);
}

QFont OutputView::face(Face which) const
{
    QFont f = font();
    if (which == Bold)
        f.setBold(true);
    else if (which == Italic)
        f.setItalic(true);
    return f;
}

const OutputLog *OutputView::log() const
{
    return m_job ? m_job->log() : nullptr;
}

int OutputView::lineHeight() const
{
    return fontMetrics().lineSpacing();
}

int OutputView::visibleRowCount() const
{
    return std::max(1, viewport()->height() / lineHeight());
}

void OutputView::setJob(ProcessJob *job)
{
    if (m_job == job)
        return;
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    m_filtered.clear();
    m_filterScanned = 0;
    m_selAnchor = m_selEnd = -1;
    m_matchRow = -1;
    m_countRow = -1;
    m_follow = true;
    m_maxWidth = 0;
    // Another child: the search starts over for it, and says nothing of the last one's.
    if (m_searchActive)
        Q_EMIT searchStatusChanged(QString());
    if (job) {
        // Many reads per frame become one repaint.
        connect(job, &ProcessJob::outputAppended, this, &OutputView::scheduleRefresh);
        connect(job, &ProcessJob::stateChanged, this, &OutputView::scheduleRefresh);
    }
    refresh();
}

void OutputView::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void OutputView::setShowTimestamps(bool on)
{
    m_timestamps = on;
    m_maxWidth = 0;
    viewport()->update();
}

void OutputView::setFilter(const QString &text)
{
    m_filter = text;
    m_filtered.clear();
    m_filterScanned = 0;
    m_selAnchor = m_selEnd = -1;
    m_matchRow = -1;
    refresh();
}

QString OutputView::setSearch(const QString &pattern, bool caseSensitive, bool regex)
{
    m_matchRow = -1;
    m_countRow = -1;
    m_searchLeft = 0;
    if (pattern.isEmpty()) {
        m_searchActive = false;
        viewport()->update();
        Q_EMIT searchStatusChanged(QString());
        return {};
    }
    QRegularExpression re(regex ? pattern : QRegularExpression::escape(pattern),
                          caseSensitive ? QRegularExpression::NoPatternOption
                                        : QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid()) {
        m_searchActive = false;
        viewport()->update();
        const QString e = tr("invalid regular expression: %1").arg(re.errorString());
        Q_EMIT searchStatusChanged(e);
        return e;
    }
    m_search = re;
    m_searchActive = true;
    viewport()->update();
    Q_EMIT searchStatusChanged(QString());
    return {};
}

qint64 OutputView::rowCount() const
{
    const OutputLog *l = log();
    if (!l)
        return 0;
    qint64 partials = 0;
    for (auto s : {OutputLog::Stdout, OutputLog::Stderr})
        partials += l->hasPartial(s) ? 1 : 0;
    if (m_filter.isEmpty())
        return l->retainedLines() + partials;
    return qint64(m_filtered.size()) + partials;
}

OutputView::Row OutputView::rowAt(qint64 row) const
{
    Row r;
    const OutputLog *l = log();
    if (!l || row < 0)
        return r;
    const qint64 complete = m_filter.isEmpty() ? l->retainedLines() : qint64(m_filtered.size());
    if (row < complete) {
        const qint64 abs = m_filter.isEmpty() ? l->firstLine() + row : m_filtered[size_t(row)];
        r.line = l->line(abs);
        r.valid = true;
        return r;
    }
    qint64 k = row - complete;
    for (auto s : {OutputLog::Stdout, OutputLog::Stderr}) {
        if (!l->hasPartial(s))
            continue;
        if (k-- == 0) {
            r.line = l->partial(s);
            r.valid = true;
        }
    }
    return r;
}

QString OutputView::displayText(const OutputLog::Line &line) const
{
    if (!m_timestamps)
        return line.text;
    return QDateTime::fromMSecsSinceEpoch(line.timestampMs).toString(QStringLiteral("HH:mm:ss.zzz "))
           + line.text;
}

QString OutputView::rowText(qint64 row) const
{
    const Row r = rowAt(row);
    return r.valid ? AnsiText::strip(displayText(r.line)) : QString();
}

bool OutputView::lineMatches(const QString &plain) const
{
    return plain.contains(m_filter, Qt::CaseInsensitive);
}

int OutputView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

QStringList OutputView::visibleTexts() const
{
    QStringList out;
    const qint64 first = firstVisibleRow();
    const qint64 last = std::min(rowCount(), first + visibleRowCount());
    for (qint64 r = first; r < last; ++r)
        out << rowText(r);
    return out;
}

void OutputView::refresh()
{
    const OutputLog *l = log();
    if (l && !m_filter.isEmpty()) {
        // Drop filtered lines the log no longer has; scan new ones, a bounded number a frame.
        const qint64 first = l->firstLine();
        const auto keep = std::lower_bound(m_filtered.begin(), m_filtered.end(), first);
        if (keep != m_filtered.begin()) {
            const qint64 dropped = qint64(keep - m_filtered.begin());
            m_filtered.erase(m_filtered.begin(), keep);
            if (m_selAnchor >= 0) {
                m_selAnchor = std::max<qint64>(0, m_selAnchor - dropped);
                m_selEnd = std::max<qint64>(0, m_selEnd - dropped);
            }
        }
        qint64 n = std::max(m_filterScanned, first);
        const qint64 stop = std::min(l->endLine(), n + FilterScanPerFrame);
        for (; n < stop; ++n) {
            if (lineMatches(AnsiText::strip(l->line(n).text)))
                m_filtered.push_back(n);
        }
        m_filterScanned = n;
        if (n < l->endLine())
            scheduleRefresh(); // more to scan next frame
    }
    updateScrollBars();
    viewport()->update();
}

void OutputView::updateScrollBars()
{
    QScrollBar *v = verticalScrollBar();
    const bool follow = m_follow;
    const qint64 rows = rowCount();
    const int page = visibleRowCount();
    const int max = int(std::min<qint64>(std::max<qint64>(0, rows - page), INT_MAX));
    v->setPageStep(page);
    v->setSingleStep(1);
    v->setRange(0, max);
    if (follow)
        v->setValue(max);
    m_follow = follow;
    QScrollBar *h = horizontalScrollBar();
    h->setPageStep(viewport()->width());
    h->setSingleStep(fontMetrics().averageCharWidth() * 4);
    h->setRange(0, std::max(0, m_maxWidth + 2 * Margin - viewport()->width()));
}

void OutputView::scrollToEnd()
{
    m_follow = true;
    updateScrollBars();
    viewport()->update();
}

void OutputView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void OutputView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void OutputView::paintEvent(QPaintEvent *)
{
    ++m_paintCount;
    QPainter p(viewport());
    const QPalette pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    const OutputLog *l = log();
    if (!l) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(Margin, Margin, 0, 0), Qt::AlignLeft | Qt::AlignTop,
                   tr("Select a process to see its output."));
        return;
    }
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    const QColor stderrColour = dark ? QColor(255, 128, 128) : QColor(190, 30, 30);
    const QColor systemColour = pal.color(QPalette::PlaceholderText);
    // Typed input in its own colour, so that a REPL transcript reads as it happened.
    const QColor stdinColour = dark ? QColor(120, 200, 255) : QColor(20, 90, 170);
    const QColor matchColour = dark ? QColor(120, 100, 0) : QColor(255, 235, 120);
    const QColor currentColour = dark ? QColor(200, 120, 0) : QColor(255, 170, 50);
    const QFontMetrics fm = fontMetrics();
    const int lh = lineHeight();
    const int x0 = Margin - horizontalScrollBar()->value();
    const qint64 first = firstVisibleRow();
    const qint64 last = std::min(rowCount(), first + visibleRowCount() + 1);
    const qint64 selLo = std::min(m_selAnchor, m_selEnd), selHi = std::max(m_selAnchor, m_selEnd);
    const QFont regular = font(), bold = face(Bold), italic = face(Italic);
    // Colours set on one line last until reset, per stream: pick up what the few lines above
    // the view left set (a bounded look-back keeps painting independent of the log's size).
    AnsiStyle styles[OutputLog::StreamCount];
    for (qint64 row = std::max<qint64>(0, first - 32); row < first; ++row) {
        const Row r = rowAt(row);
        if (r.valid && r.line.text.contains(QChar(0x1b)))
            AnsiText::parse(r.line.text, &styles[r.line.stream]);
    }
    for (qint64 row = first; row < last; ++row) {
        const Row r = rowAt(row);
        if (!r.valid)
            continue;
        const int y = int(row - first) * lh;
        if (m_selAnchor >= 0 && row >= selLo && row <= selHi)
            p.fillRect(QRect(0, y, viewport()->width(), lh), pal.highlight());
        const QString text = displayText(r.line);
        const QList<AnsiRun> runs = AnsiText::parse(text, &styles[r.line.stream]);
        QString plain;
        for (const AnsiRun &run : runs)
            plain += run.text;
        // Search matches behind the text.
        if (m_searchActive) {
            auto it = m_search.globalMatch(plain);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                if (m.capturedLength() == 0)
                    break;
                const int mx = x0 + fm.horizontalAdvance(plain.left(m.capturedStart()));
                const int mw = fm.horizontalAdvance(m.captured());
                p.fillRect(QRect(mx, y, mw, lh), row == m_matchRow ? currentColour : matchColour);
            }
        }
        const QColor base = r.line.stream == OutputLog::Stderr ? stderrColour
                            : r.line.stream == OutputLog::System ? systemColour
                            : r.line.stream == OutputLog::Stdin  ? stdinColour
                                                                  : pal.color(QPalette::Text);
        int x = x0;
        for (const AnsiRun &run : runs) {
            if (run.text.isEmpty())
                continue;
            const int w = fm.horizontalAdvance(run.text);
            if (run.style.background.isValid())
                p.fillRect(QRect(x, y, w, lh), run.style.background);
            p.setFont(r.line.stream == OutputLog::System                        ? italic
                      : (run.style.bold || r.line.stream == OutputLog::Stdin) ? bold
                                                                               : regular);
            p.setPen(run.style.foreground.isValid()
                         ? Theme::readableOn(run.style.foreground, run.style.background.isValid()
                                                                       ? run.style.background
                                                                       : pal.color(QPalette::Base))
                         : base);
            if (x < viewport()->width() && x + w > 0)
                p.drawText(x, y + fm.ascent(), run.text);
            if (run.style.underline)
                p.drawLine(x, y + fm.ascent() + 1, x + w, y + fm.ascent() + 1);
            x += w;
        }
        m_maxWidth = std::max(m_maxWidth, x - x0);
    }
}

qint64 OutputView::rowOfPoint(const QPoint &pt) const
{
    const qint64 row = firstVisibleRow() + pt.y() / lineHeight();
    return std::clamp<qint64>(row, 0, std::max<qint64>(0, rowCount() - 1));
}

void OutputView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || rowCount() == 0)
        return QAbstractScrollArea::mousePressEvent(event);
    const qint64 row = rowOfPoint(event->position().toPoint());
    if (event->modifiers() & Qt::ShiftModifier && m_selAnchor >= 0)
        m_selEnd = row;
    else
        m_selAnchor = m_selEnd = row;
    viewport()->update();
}

void OutputView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_selAnchor < 0)
        return;
    m_selEnd = rowOfPoint(event->position().toPoint());
    viewport()->update();
}

QString OutputView::selectedText() const
{
    if (m_selAnchor < 0)
        return {};
    const qint64 lo = std::min(m_selAnchor, m_selEnd), hi = std::max(m_selAnchor, m_selEnd);
    QStringList lines;
    for (qint64 r = lo; r <= hi && r < rowCount(); ++r)
        lines << rowText(r);
    return lines.join(QLatin1Char('\n'));
}

void OutputView::copy()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void OutputView::selectAll()
{
    if (rowCount() == 0)
        return;
    m_selAnchor = 0;
    m_selEnd = rowCount() - 1;
    viewport()->update();
}

void OutputView::clearLog()
{
    if (m_job)
        m_job->log()->clear();
    m_filtered.clear();
    m_selAnchor = m_selEnd = -1;
    m_matchRow = -1;
    m_follow = true;
    refresh();
}

void OutputView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
    } else if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
    } else if (event->key() == Qt::Key_End && event->modifiers() & Qt::ControlModifier) {
        scrollToEnd();
    } else if (event->key() == Qt::Key_Home && event->modifiers() & Qt::ControlModifier) {
        verticalScrollBar()->setValue(0);
    } else {
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void OutputView::findNext()
{
    m_searchDirection = 1;
    m_searchFrom = m_matchRow >= 0 ? m_matchRow + 1 : firstVisibleRow();
    m_searchLeft = rowCount();
    continueSearch();
}

void OutputView::findPrevious()
{
    m_searchDirection = -1;
    m_searchFrom = m_matchRow >= 0 ? m_matchRow - 1 : firstVisibleRow() + visibleRowCount();
    m_searchLeft = rowCount();
    continueSearch();
}

void OutputView::continueSearch()
{
    if (!m_searchActive || m_searchLeft <= 0)
        return;
    const qint64 rows = rowCount();
    if (rows == 0) {
        Q_EMIT searchStatusChanged(tr("no output to search"));
        return;
    }
    // A bounded number of rows per event-loop turn: a search through 200,000 lines never
    // freezes the window.
    qint64 budget = SearchRowsPerTurn;
    qint64 row = ((m_searchFrom % rows) + rows) % rows;
    while (budget-- > 0 && m_searchLeft-- > 0) {
        if (m_search.match(rowText(row)).hasMatch()) {
            m_matchRow = row;
            m_follow = false;
            const int page = visibleRowCount();
            QScrollBar *v = verticalScrollBar();
            if (row < v->value() || row >= v->value() + page)
                v->setValue(int(std::max<qint64>(0, row - page / 2)));
            m_follow = false;
            viewport()->update();
            Q_EMIT searchStatusChanged(tr("line %1 of %2 (counting matches\u2026)").arg(row + 1).arg(rows));
            m_searchLeft = 0;
            m_countRow = 0;
            m_countEnd = rows;
            m_countTotal = m_countBefore = 0;
            continueCount();
            return;
        }
        row = ((row + m_searchDirection) % rows + rows) % rows;
    }
    if (m_searchLeft > 0) {
        m_searchFrom = row;
        QTimer::singleShot(0, this, &OutputView::continueSearch);
        return;
    }
    m_matchRow = -1;
    viewport()->update();
    Q_EMIT searchStatusChanged(tr("not found"));
}

void OutputView::continueCount()
{
    if (m_countRow < 0 || !m_searchActive || m_matchRow < 0)
        return;
    qint64 budget = SearchRowsPerTurn;
    const qint64 end = std::min(m_countEnd, rowCount());
    while (budget-- > 0 && m_countRow < end) {
        if (m_search.match(rowText(m_countRow)).hasMatch()) {
            ++m_countTotal;
            if (m_countRow < m_matchRow)
                ++m_countBefore;
        }
        ++m_countRow;
    }
    if (m_countRow < end) {
        QTimer::singleShot(0, this, &OutputView::continueCount);
        return;
    }
    m_countRow = -1;
    Q_EMIT searchStatusChanged(tr("match %1 of %2").arg(m_countBefore + 1).arg(m_countTotal));
}
