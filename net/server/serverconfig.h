#pragma once
#include "net/core/endpoint.h"
#include "net/protocol/frame.h"
#include "net/tutorial/tutorialcommand.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Switchboard {

struct ServerConfig
{
    QList<Endpoint> listen;      // empty: 127.0.0.1:5151
    QString dataDir;             // empty: default data location
    QString databaseUrl;         // --database: sqlite:PATH, PATH or postgresql://USER@HOST:PORT/DB; empty: <dataDir>/switchboard.db
    QString databasePasswordFile; // PostgreSQL's password (else SWITCHBOARD_DATABASE_PASSWORD, else none)
    QString filesDir;            // uploaded files; empty: <dataDir>/files. Shared by a cluster's nodes (--files)
    QList<Endpoint> tutorial;    // also speak the tutorials' protocols here (TCP and UDP, same port)
    // Tutorial mode's flows (docs/PROTOCOL.md 9): the HMAC join key (empty: no check), the
    // programs the remote-command flow may run (none: off) and their limits.
    QByteArray tutorialJoinKey;
    QList<TutorialCommand> tutorialCommands;
    int tutorialCommandTimeoutMs = 10000;
    qint64 tutorialCommandMaxOutput = qint64(1) << 20;
    int maxClients = 15000;      // 10,000 idle clients and a margin, under the 20,000 descriptors a process may have
    FrameLimits limits;          // after login; before it no frame may carry a payload
    qint64 maxQueuedBytes = qint64(8) << 20; // unsent bytes per connection before it is dropped; 0 = no bound
    int helloTimeoutMs = 10000;
    int loginTimeoutMs = 60000;    // after hello; 0 = no deadline
    int maxPendingPerAddress = 64; // connections per source address not logged in; 0 = no limit
    int idleTimeoutMs = 90000;
    bool allowRegistration = true;
    int maxRegistrationsPerHour = 10;       // accounts one source address may create per hour; 0 = no limit
    int maxUsers = 10000;                   // accounts in all; 0 = no limit
    bool bot = false;
    int historyCount = 50;
    int chatCommitBatch = 256; // chat messages stored per transaction at most (group commit); 1 = each alone
    qint64 maxUploadSize = qint64(4) << 30; // bytes per file; 0 = no limit
    qint64 userQuota = qint64(20) << 30;    // bytes stored per user; 0 = no limit
    int maxOpenTransfers = 16;              // uploads + downloads open at once per account; 0 = no limit
    int maxOpenTransfersTotal = -1;         // the same for all accounts together; 0 = no limit;
                                            // -1 = half the descriptor limit (TransferConfig)
    // TLS on the listen endpoints (never on the tutorial ones). Without tlsCertificate/tlsKey (PEM
    // files) a self-signed certificate is generated once in <dataDir>/tls and reused.
    bool tls = true;
    // Reverse proxies whose connections start with a PROXY protocol header (v1 or v2).
    QList<QPair<QHostAddress, int>> trustedProxies;
    QString tlsCertificate;
    QString tlsKey;
    qint64 minFreeSpace = qint64(64) << 20; // disk space uploads leave free (TransferConfig::minFreeSpace)
    bool announce = true;                   // LAN discovery (docs/PROTOCOL.md 12); --no-announce
    QStringList announceOn;                 // interfaces to announce on; empty: those listened on
    int announceIntervalMs = 60000;         // between announcements, after the first few
    QString name;                           // the name announced; empty: this host's name
    // Live state shared with other nodes through Redis (docs/CLUSTER.md); empty: alone.
    QString clusterUrl;                     // redis://HOST:PORT
    QString nodeId;                         // this node's name in the cluster; empty: hostname:pid

    static constexpr quint16 DefaultPort = 5151;
    static QString defaultDataDir();
};

} // namespace Switchboard
