#pragma once

#include "process/OutputLog.h"

#include <QAbstractScrollArea>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

#include <vector>

class ProcessJob;

// A view built for volume: it paints only the visible lines, straight from the job's bounded
// OutputLog, at most once per frame, however fast the child writes. It follows the tail
// unless the user scrolled up, colours stderr apart from stdout, renders ANSI SGR colours
// (carried from line to line within a stream; other escape sequences are dropped), and offers timestamps, a line filter, search with
// every match highlighted, line selection, copy and clear.
class OutputView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputView)
public:
    explicit OutputView(QWidget *parent = nullptr);

    void setJob(ProcessJob *job);
    ProcessJob *job() const { return m_job; }

    void setShowTimestamps(bool on);
    bool showTimestamps() const { return m_timestamps; }
    // Shows only the lines that contain `text` (case-insensitive); empty shows all.
    void setFilter(const QString &text);
    QString filter() const { return m_filter; }
    // Highlights every match in view; findNext/findPrevious move to the next one. Returns an
    // error for an invalid regular expression.
    QString setSearch(const QString &pattern, bool caseSensitive, bool regex);
    void findNext();
    void findPrevious();

    bool isFollowingTail() const { return m_follow; }
    // The faces lines are drawn in: the view's font, bold (typed input, ANSI bold) and italic
    // (Runboard's own lines). Loaded ahead by FontWarmer.
    enum Face { Regular, Bold, Italic };
    QFont face(Face which) const;
    QList<QFont> faces() const { return {face(Regular), face(Bold), face(Italic)}; }
    qint64 rowCount() const;
    int firstVisibleRow() const;
    QString rowText(qint64 row) const; // plain text of a row as shown (tests, copy)
    QStringList visibleTexts() const;
    QString selectedText() const;
    int paintCount() const { return m_paintCount; }
    qint64 currentMatchRow() const { return m_matchRow; }

public Q_SLOTS:
    void scheduleRefresh();
    void copy();
    void selectAll();
    void clearLog();
    void scrollToEnd();

Q_SIGNALS:
    void searchStatusChanged(const QString &status);

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Row
    {
        OutputLog::Line line;
        bool valid = false;
    };
    void refresh();
    void updateScrollBars();
    void markScrollBarsOpaque();
    Row rowAt(qint64 row) const;
    qint64 rowOfPoint(const QPoint &p) const;
    QString displayText(const OutputLog::Line &line) const;
    bool lineMatches(const QString &plain) const;
    void continueSearch();
    // Counts the matching rows (bounded per turn) to say "match 3 of 17".
    void continueCount();
    const OutputLog *log() const;
    int lineHeight() const;
    int visibleRowCount() const;

    QPointer<ProcessJob> m_job;
    QTimer m_refreshTimer;
    bool m_follow = true;
    bool m_timestamps = false;
    QString m_filter;
    std::vector<qint64> m_filtered; // absolute line numbers that pass the filter
    qint64 m_filterScanned = 0;     // lines of the log looked at for the filter so far
    QRegularExpression m_search;
    bool m_searchActive = false;
    qint64 m_matchRow = -1;
    qint64 m_searchFrom = -1;
    qint64 m_searchLeft = 0;
    int m_searchDirection = 1;
    qint64 m_countRow = -1;   // next row to count; -1: not counting
    qint64 m_countEnd = 0;    // rows to count (the row count when the match was found)
    qint64 m_countTotal = 0;  // matching rows counted so far
    qint64 m_countBefore = 0; // of those, rows before the current match
    qint64 m_selAnchor = -1;
    qint64 m_selEnd = -1;
    int m_maxWidth = 0;
    int m_paintCount = 0;
};
