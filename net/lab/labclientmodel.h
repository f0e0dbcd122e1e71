#pragma once
// The raw TCP server's connected clients as a list model: one row per client, shown as
// "127.0.0.1:40212 — in 12 B, out 5 B"; Qt::UserRole is the client's id.

#include <QAbstractListModel>
#include <QVector>

namespace Switchboard {

class LabTcpPeer;

class LabClientModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole, PeerRole };

    explicit LabClientModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void add(LabTcpPeer *peer);
    void remove(LabTcpPeer *peer);
    void changed(LabTcpPeer *peer); // byte counts moved
    LabTcpPeer *at(int row) const { return m_peers.value(row); }
    int rowOf(quint64 id) const;

private:
    QVector<LabTcpPeer *> m_peers;
};

} // namespace Switchboard
