#pragma once

#include "net/FetchTypes.h"

#include <QAbstractTableModel>
#include <QList>

// One row per finished fetch, appended as results arrive. DisplayRole is formatted text,
// RawValueRole the number to sort by (a QSortFilterProxyModel sorts).
class FetchResultsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchResultsModel)
public:
    enum Column { Index, Url, Status, Bytes, FirstByte, Time, Worker, Error, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, OkRole };

    explicit FetchResultsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void append(const FetchResult &result);
    void append(const QList<FetchResult> &results); // one insertion for many rows
    void clear();
    const QList<FetchResult> &results() const { return m_results; }

private:
    QList<FetchResult> m_results;
};
