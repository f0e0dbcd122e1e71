#pragma once
// Makes a running server findable on its LAN (docs/PROTOCOL.md section 12): announces it by
// broadcast and IPv6 link-local multicast on the interfaces it listens on, a few times at start
// and then every interval, and answers queries at once, unicast to the asker. ServerRuntime owns
// one unless the server runs with --no-announce.

#include "discoveryscope.h"
#include "net/protocol/discoverydatagram.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace Switchboard {

class DiscoverySocket;

class ServerAnnouncer : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        Discovery::Announcement announcement; // intervalMs is the regular interval
        QList<QHostAddress> listen;           // the TCP listen addresses: where to announce
        QStringList interfaces;               // --announce-on; empty: as listen allows
        quint16 discoveryPort = Discovery::DefaultPort;
    };

    explicit ServerAnnouncer(QObject *parent = nullptr);
    ~ServerAnnouncer() override; // says goodbye

    // Binds the discovery port (shared with other servers and clients on this host) and sends
    // the first announcement. A port nobody lets us share only costs the answers to queries.
    void start(const Settings &settings);
    void stop();
    // The server listens on more (or fewer) addresses now: announce accordingly, at once.
    void setListenAddresses(const QList<QHostAddress> &listen);

    // The server id in dataDir/server-id, created (owner-only) with a random UUID the first time.
    static QString loadOrCreateId(const QString &dataDir, QString *error);

    QStringList interfaces() const { return m_scope.interfaceNames(); }
    qint64 ignoredCount() const;        // junk, oversized and unknown datagrams dropped
    qint64 answeredCount() const { return m_answered; }
    qint64 refusedCount() const { return m_refused; } // queries over a source's rate limit
    qint64 announcementCount() const { return m_rounds; }

signals:
    void logMessage(const QString &line);
    void announced(); // after each round of announcements

private:
    void announce();
    void onReceived(const Discovery::Datagram &d, const QHostAddress &sender, quint16 port);
    bool allowAnswer(const QHostAddress &sender);
    void log(const QString &line);

    struct Bucket
    {
        double tokens = 0;
        qint64 lastMs = 0;
    };

    Settings m_settings;
    DiscoverySocket *m_socket = nullptr;
    DiscoveryScope m_scope;
    QStringList m_lastInterfaces;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QHash<QHostAddress, Bucket> m_buckets;
    qint64 m_rounds = 0;
    qint64 m_answered = 0;
    qint64 m_refused = 0;
    qint64 m_lastRefreshMs = -1;
    qint64 m_ignoredLogged = 0; // the ignored count at the last summary line
};

} // namespace Switchboard
