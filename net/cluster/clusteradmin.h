#pragma once
// Acting on a running cluster from outside it ("switchboard-server --cluster URL kick NAME"):
// one Redis connection that publishes an event on the nodes' channel, exactly as a node would,
// and reports how many nodes were subscribed to receive it. It writes no presence key, so it
// never shows up as a node.

#include "net/cluster/clusterbus.h"

#include <QObject>

namespace Switchboard {

class RedisConnection;

class ClusterAdmin : public QObject
{
    Q_OBJECT
public:
    explicit ClusterAdmin(const ClusterBus::Settings &settings, QObject *parent = nullptr);

    // Every node ends every session of user, telling the client `kicked` with reason.
    void kick(const QString &user, const QString &reason);

signals:
    // Redis took the event; nodes: how many nodes were subscribed (each delivers it to its own
    // sessions).
    void published(int nodes);
    // Redis did not take it (the connection failed before the reply).
    void failed();

private:
    void publish(ClusterEvent event);

    ClusterBus::Settings m_settings;
    RedisConnection *m_redis;
};

} // namespace Switchboard
