#include "net/FetchResultsModel.h"

#include "system/SafeText.h"

#include <QLocale>

FetchResultsModel::FetchResultsModel(QObject *parent) : QAbstractTableModel(parent) {}

int FetchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int FetchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FetchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Index: return tr("#");
    case Url: return tr("URL");
    case Status: return tr("Status");
    case Bytes: return tr("Bytes");
    case FirstByte: return tr("First byte");
    case Time: return tr("Time");
    case Worker: return tr("Worker");
    case Error: return tr("Result");
    default: return {};
    }
}

QVariant FetchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FetchResult &r = m_results.at(index.row());
    if (role == OkRole)
        return r.ok();
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        if (!r.message.isEmpty())
            lines << r.message;
        else if (!r.finalUrl.isEmpty())
            lines << r.finalUrl.toString();
        for (const QString &w : r.warnings)
            lines << tr("Warning: %1").arg(w);
        // Server text never reaches a view as control characters.
        return SafeText::escapeControls(lines.join(QLatin1Char('\n')));
    }
    const bool display = role == Qt::DisplayRole;
    if (!display && role != RawValueRole)
        return {};
    auto ms = [display](qint64 v) -> QVariant {
        if (!display)
            return v;
        return v < 0 ? QString() : tr("%1 ms").arg(v);
    };
    switch (index.column()) {
    case Index: return r.index + 1;
    case Url: return SafeText::escapeControls(r.requested);
    case Status:
        if (!display)
            return r.status;
        return r.status ? SafeText::escapeControls(QStringLiteral("%1 %2").arg(r.status).arg(r.reason))
                        : QString();
    case Bytes: return display ? QVariant(QLocale().toString(r.bytes)) : QVariant(r.bytes);
    case FirstByte: return ms(r.firstByteMs);
    case Time: return ms(r.totalMs);
    case Worker: return r.worker < 0 ? QVariant() : QVariant(r.worker + 1);
    case Error: {
        if (!display)
            return int(r.error);
        QString text = r.ok() ? FetchResult::errorName(r.error)
                              : FetchResult::errorName(r.error) + QStringLiteral(": ") + r.message;
        if (!r.warnings.isEmpty())
            text += QStringLiteral(" ") + tr("(with warnings)");
        return SafeText::escapeControls(text);
    }
    default: return {};
    }
}

void FetchResultsModel::append(const FetchResult &result)
{
    const int row = int(m_results.size());
    beginInsertRows({}, row, row);
    m_results.append(result);
    endInsertRows();
}

void FetchResultsModel::append(const QList<FetchResult> &results)
{
    if (results.isEmpty())
        return;
    const int row = int(m_results.size());
    beginInsertRows({}, row, row + int(results.size()) - 1);
    m_results.append(results);
    endInsertRows();
}

void FetchResultsModel::clear()
{
    if (m_results.isEmpty())
        return;
    beginResetModel();
    m_results.clear();
    endResetModel();
}
