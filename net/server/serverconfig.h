#pragma once
#include "net/core/endpoint.h"
#include "net/protocol/frame.h"

#include <QList>
#include <QString>

namespace Switchboard {

struct ServerConfig
{
    QList<Endpoint> listen;      // empty: 127.0.0.1:5151
    QString dataDir;             // empty: default data location
    QList<Endpoint> tutorial;    // also speak the tutorials' protocols here (TCP and UDP, same port)
    int maxClients = 1000;
    FrameLimits limits;          // after login; before it no frame may carry a payload
    qint64 maxQueuedBytes = qint64(8) << 20; // unsent bytes per connection before it is dropped; 0 = no bound
    int helloTimeoutMs = 10000;
    int loginTimeoutMs = 60000;    // after hello; 0 = no deadline
    int maxPendingPerAddress = 64; // connections per source address not logged in; 0 = no limit
    int idleTimeoutMs = 90000;
    bool allowRegistration = true;
    bool bot = false;
    int historyCount = 50;
    qint64 maxUploadSize = qint64(4) << 30; // bytes per file; 0 = no limit
    qint64 userQuota = qint64(20) << 30;    // bytes stored per user; 0 = no limit
    int maxOpenTransfers = 16;              // uploads + downloads open at once per account; 0 = no limit
    qint64 minFreeSpace = qint64(64) << 20; // disk space uploads leave free (TransferConfig::minFreeSpace)

    static constexpr quint16 DefaultPort = 5151;
    static QString defaultDataDir();
};

} // namespace Switchboard
