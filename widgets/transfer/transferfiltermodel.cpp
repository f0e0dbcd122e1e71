#include "transferfiltermodel.h"

#include "net/client/transfermodel.h"

namespace Switchboard {

TransferFilterModel::TransferFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void TransferFilterModel::showAll()
{
    m_show = Show::All;
    invalidateFilter();
}

void TransferFilterModel::showDownloads()
{
    m_show = Show::Downloads;
    invalidateFilter();
}

void TransferFilterModel::showUploads(const QString &room, const QString &peer)
{
    m_show = Show::Uploads;
    m_room = room;
    m_peer = room.isEmpty() ? peer : QString();
    invalidateFilter();
}

bool TransferFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_show == Show::All)
        return true;
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto direction = TransferManager::Direction(i.data(TransferModel::DirectionRole).toInt());
    if (m_show == Show::Downloads)
        return direction == TransferManager::Direction::Download;
    return direction == TransferManager::Direction::Upload && i.data(TransferModel::RoomRole).toString() == m_room
           && i.data(TransferModel::PeerRole).toString() == m_peer;
}

} // namespace Switchboard
