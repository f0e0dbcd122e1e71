#pragma once
// Finds Switchboard servers on the LAN (docs/PROTOCOL.md section 12): listens for announcements
// on the discovery port (shared, so several clients on one host all hear them), queries on start
// and periodically, merges what it hears by server id and forgets a server (or one of its
// addresses) not heard from within three of its announcement intervals.

#include "discoveryscope.h"
#include "net/protocol/discoverydatagram.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Switchboard {

class DiscoverySocket;

struct DiscoveredServer
{
    Discovery::Announcement announcement;
    QList<QHostAddress> hosts; // every address it was heard from, best first (see host())
    // The address to connect to: IPv4 before IPv6, routable before link-local.
    QHostAddress host() const { return hosts.value(0); }
    // host() as one would type it (link-local IPv6 with its %interface).
    QString hostText() const;
};

class ServerBrowser : public QObject
{
    Q_OBJECT
public:
    explicit ServerBrowser(QObject *parent = nullptr);
    ~ServerBrowser() override;

    void setDiscoveryPort(quint16 port) { m_port = port; }
    // Query only on these interfaces; empty: every up interface.
    void setInterfaces(const QStringList &names) { m_scope.setInterfaceNames(names); }
    void setQueryInterval(int ms) { m_queryTimer.setInterval(ms); }

    // Binds the discovery port; false (with the reason) when nothing can be heard.
    bool start(QString *error = nullptr);
    void stop();
    bool isRunning() const { return m_listener != nullptr; }
    // Sends a query now (also done on start and every query interval).
    void query();

    QList<DiscoveredServer> servers() const { return m_servers; }
    qint64 ignoredCount() const; // junk, oversized and unknown datagrams dropped
    qint64 queryCount() const { return m_queries; }

signals:
    void serverAdded(int row);
    void serverChanged(int row);
    void serverRemoved(int row);

private:
    struct Heard
    {
        QHostAddress host;
        qint64 lastMs = 0;
    };
    void onReceived(const Discovery::Datagram &d, const QHostAddress &sender, quint16 port);
    void expire();
    void scheduleExpiry();
    int indexOf(const QString &id) const;
    void sortHosts(int row);

    quint16 m_port = Discovery::DefaultPort;
    DiscoveryScope m_scope;
    DiscoverySocket *m_listener = nullptr; // the shared discovery port: announcements
    DiscoverySocket *m_asker = nullptr;    // a port of its own: the answers to its queries
    QList<DiscoveredServer> m_servers;
    QList<QList<Heard>> m_heard; // per server, per address: when last heard
    QTimer m_queryTimer;
    QTimer m_expiryTimer;
    QElapsedTimer m_clock;
    qint64 m_queries = 0;
};

} // namespace Switchboard
