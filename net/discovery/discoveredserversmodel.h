#pragma once
// The servers a ServerBrowser hears, as a list model for the login panel: one row per server
// (merged by id), live; rows go when the browser forgets a server.

#include <QAbstractListModel>

namespace Switchboard {

class ServerBrowser;

class DiscoveredServersModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        HostRole = Qt::UserRole + 1, // QString: the address to connect to
        PortRole,                    // int: the TCP port
        IdRole,                      // QString: the server id
        NameRole,                    // QString
        TlsRole,                     // bool
        HostsRole,                   // QStringList: every address it was heard from
    };

    explicit DiscoveredServersModel(ServerBrowser *browser, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    ServerBrowser *m_browser;
    int m_rows = 0; // mirrors the browser's list between its signals
};

} // namespace Switchboard
