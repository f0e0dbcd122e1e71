#pragma once
#include "net/client/transfermanager.h"

#include <QSortFilterProxyModel>

namespace Switchboard {

// The rows of a TransferModel a dialog is about: every download, or the uploads to one room or
// one person, or (the default) everything.
class TransferFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TransferFilterModel(QObject *parent = nullptr);

    void showAll();
    void showDownloads();
    // Uploads shared in room, or (room empty) sent privately to peer.
    void showUploads(const QString &room, const QString &peer);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    enum class Show { All, Downloads, Uploads };
    Show m_show = Show::All;
    QString m_room;
    QString m_peer;
};

} // namespace Switchboard
