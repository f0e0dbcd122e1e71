#include "clusteradmin.h"

#include "redisconnection.h"

#include <hiredis/hiredis.h>

namespace Switchboard {

ClusterAdmin::ClusterAdmin(const ClusterBus::Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_redis(new RedisConnection(settings.host, settings.port, this))
{
    if (m_settings.nodeId.isEmpty())
        m_settings.nodeId = QStringLiteral("admin@") + ClusterBus::defaultNodeId();
}

void ClusterAdmin::kick(const QString &user, const QString &reason)
{
    ClusterEvent event;
    event.kind = ClusterEvent::Kind::Kick;
    event.user = user;
    event.text = reason;
    publish(event);
}

void ClusterAdmin::publish(ClusterEvent event)
{
    event.node = m_settings.nodeId;
    m_redis->open();
    m_redis->command({QByteArrayLiteral("PUBLISH"), ClusterBus::eventChannel(m_settings.prefix), event.encode()},
                     [this](const redisReply *reply) {
                         if (reply && reply->type == REDIS_REPLY_INTEGER)
                             emit published(int(reply->integer));
                         else
                             emit failed();
                     });
}

} // namespace Switchboard
