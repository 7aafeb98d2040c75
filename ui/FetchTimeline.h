#pragma once

#include "net/FetchTypes.h"

#include <QList>
#include <QWidget>

// Draws each fetch as a bar on its worker thread's row, time running left to right, so that
// concurrency can be seen: one row per thread, bars side by side in time. Several series
// (sequential and concurrent runs of one list) share one time scale, one above the other.
class FetchTimeline final : public QWidget
{
    Q_OBJECT
public:
    struct Series
    {
        QString title;
        QList<FetchResult> results;
        qint64 wallMs = 0;
    };

    explicit FetchTimeline(QWidget *parent = nullptr);

    void setSeries(const QList<Series> &series);
    // Adds one result to the last series; repaints at most once per frame.
    void addResults(const QList<FetchResult> &results, qint64 wallMs);
    const QList<Series> &series() const { return m_series; }
    QSize sizeHint() const override { return {600, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void scheduleUpdate();
    QList<Series> m_series;
    bool m_updatePending = false;
};
