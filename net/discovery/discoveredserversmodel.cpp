#include "discoveredserversmodel.h"

#include "serverbrowser.h"

namespace Switchboard {

DiscoveredServersModel::DiscoveredServersModel(ServerBrowser *browser, QObject *parent)
    : QAbstractListModel(parent)
    , m_browser(browser)
    , m_rows(int(browser->servers().size()))
{
    connect(browser, &ServerBrowser::serverAdded, this, [this](int row) {
        beginInsertRows(QModelIndex(), row, row);
        ++m_rows;
        endInsertRows();
    });
    connect(browser, &ServerBrowser::serverRemoved, this, [this](int row) {
        beginRemoveRows(QModelIndex(), row, row);
        --m_rows;
        endRemoveRows();
    });
    connect(browser, &ServerBrowser::serverChanged, this, [this](int row) {
        emit dataChanged(index(row), index(row));
    });
}

int DiscoveredServersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant DiscoveredServersModel::data(const QModelIndex &index, int role) const
{
    const QList<DiscoveredServer> servers = m_browser->servers();
    if (!index.isValid() || index.row() >= servers.size())
        return QVariant();
    const DiscoveredServer &s = servers.at(index.row());
    const QString name = s.announcement.name.isEmpty() ? s.hostText() : s.announcement.name;
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2 port %3)").arg(name, s.hostText()).arg(s.announcement.port);
    case Qt::ToolTipRole: {
        QStringList hosts;
        for (const QHostAddress &h : s.hosts)
            hosts.append(h.toString());
        return tr("%1\nAddresses: %2\nServer id: %3%4")
            .arg(s.announcement.server.isEmpty() ? name : s.announcement.server, hosts.join(QStringLiteral(", ")),
                 s.announcement.id, s.announcement.tls ? tr("\nTLS on") : QString());
    }
    case HostRole:
        return s.hostText();
    case PortRole:
        return int(s.announcement.port);
    case IdRole:
        return s.announcement.id;
    case NameRole:
        return s.announcement.name;
    case TlsRole:
        return s.announcement.tls;
    case HostsRole: {
        QStringList hosts;
        for (const QHostAddress &h : s.hosts)
            hosts.append(h.toString());
        return hosts;
    }
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> DiscoveredServersModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(HostRole, "host");
    names.insert(PortRole, "port");
    names.insert(IdRole, "id");
    names.insert(NameRole, "name");
    names.insert(TlsRole, "tls");
    names.insert(HostsRole, "hosts");
    return names;
}

} // namespace Switchboard
