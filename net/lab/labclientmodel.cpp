#include "labclientmodel.h"

#include "labtcppeer.h"

#include <QLocale>

namespace Switchboard {

LabClientModel::LabClientModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int LabClientModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_peers.size());
}

QVariant LabClientModel::data(const QModelIndex &index, int role) const
{
    const LabTcpPeer *peer = m_peers.value(index.row());
    if (!peer || index.parent().isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole: {
        const QLocale locale;
        return tr("%1 — in %2, out %3")
            .arg(peer->peerString(), locale.formattedDataSize(peer->bytesReceived()),
                 locale.formattedDataSize(peer->bytesSent()));
    }
    case Qt::AccessibleTextRole:
    case PeerRole:
        return peer->peerString();
    case IdRole:
        return QVariant::fromValue(peer->id());
    default:
        return {};
    }
}

void LabClientModel::add(LabTcpPeer *peer)
{
    beginInsertRows({}, int(m_peers.size()), int(m_peers.size()));
    m_peers.append(peer);
    endInsertRows();
}

void LabClientModel::remove(LabTcpPeer *peer)
{
    const int row = int(m_peers.indexOf(peer));
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_peers.removeAt(row);
    endRemoveRows();
}

void LabClientModel::changed(LabTcpPeer *peer)
{
    const int row = int(m_peers.indexOf(peer));
    if (row >= 0)
        emit dataChanged(index(row), index(row));
}

int LabClientModel::rowOf(quint64 id) const
{
    for (int i = 0; i < m_peers.size(); ++i)
        if (m_peers.at(i)->id() == id)
            return i;
    return -1;
}

} // namespace Switchboard
