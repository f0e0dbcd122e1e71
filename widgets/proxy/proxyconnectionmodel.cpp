#include "proxyconnectionmodel.h"

namespace Switchboard {

ProxyConnectionModel::ProxyConnectionModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ProxyConnectionModel::add(const Row &row)
{
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.append(row);
    endInsertRows();
}

int ProxyConnectionModel::indexOf(quint64 key) const
{
    // The newest rows are the ones still changing.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (m_rows.at(i).key == key)
            return i;
    return -1;
}

void ProxyConnectionModel::progress(quint64 key, qint64 bytesUp, qint64 bytesDown)
{
    const int i = indexOf(key);
    if (i < 0 || !m_rows.at(i).state.isEmpty())
        return; // a late report after the close
    Row &r = m_rows[i];
    if (r.bytes[0] == bytesUp && r.bytes[1] == bytesDown)
        return;
    r.bytes[0] = bytesUp;
    r.bytes[1] = bytesDown;
    emit dataChanged(index(i, BytesUp), index(i, BytesDown));
}

void ProxyConnectionModel::closed(quint64 key, qint64 bytesUp, qint64 bytesDown, const QString &reason)
{
    const int i = indexOf(key);
    if (i < 0)
        return;
    Row &r = m_rows[i];
    r.bytes[0] = bytesUp;
    r.bytes[1] = bytesDown;
    r.state = reason;
    emit dataChanged(index(i, BytesUp), index(i, State));
}

int ProxyConnectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProxyConnectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProxyConnectionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || role != Qt::DisplayRole)
        return {};
    const Row &r = m_rows.at(index.row());
    switch (index.column()) {
    case Client:
        return r.client;
    case Target:
        return r.target;
    case BytesUp:
        return r.bytes[0];
    case BytesDown:
        return r.bytes[1];
    case State:
        return r.state.isEmpty() ? tr("open") : r.state;
    default:
        return {};
    }
}

QVariant ProxyConnectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Client:
        return tr("Client");
    case Target:
        return tr("Target");
    case BytesUp:
        return tr("Bytes up");
    case BytesDown:
        return tr("Bytes down");
    case State:
        return tr("State");
    default:
        return {};
    }
}

} // namespace Switchboard
