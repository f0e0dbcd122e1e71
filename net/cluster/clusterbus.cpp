#include "clusterbus.h"

#include "redisconnection.h"
#include "net/core/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QUrl>

#include <hiredis/hiredis.h>

namespace Switchboard {

namespace {

constexpr qint64 RecentMs = 3000; // an event is newer than any key read this soon after it

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray replyString(const redisReply *r)
{
    return r && r->type == REDIS_REPLY_STRING ? QByteArray(r->str, int(r->len)) : QByteArray();
}

} // namespace

// Redis payloads between nodes of the same version; not the client protocol.
QByteArray ClusterEvent::encode() const
{
    QJsonObject o{{QStringLiteral("k"), int(kind)}, {QStringLiteral("n"), node}};
    if (!user.isEmpty())
        o.insert(QStringLiteral("u"), user);
    if (!room.isEmpty())
        o.insert(QStringLiteral("r"), room);
    if (!text.isEmpty())
        o.insert(QStringLiteral("t"), text);
    if (!device.isEmpty())
        o.insert(QStringLiteral("d"), device);
    if (!frame.isEmpty())
        o.insert(QStringLiteral("f"), frame);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool ClusterEvent::decode(const QByteArray &bytes, ClusterEvent *out)
{
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    const int kind = o.value(QStringLiteral("k")).toInt(-1);
    if (kind < 0 || kind > int(Kind::Replay))
        return false;
    out->kind = Kind(kind);
    out->node = o.value(QStringLiteral("n")).toString();
    out->user = o.value(QStringLiteral("u")).toString();
    out->room = o.value(QStringLiteral("r")).toString();
    out->text = o.value(QStringLiteral("t")).toString();
    out->device = o.value(QStringLiteral("d")).toString();
    out->frame = o.value(QStringLiteral("f")).toObject();
    return !out->node.isEmpty();
}

bool ClusterBus::parseUrl(const QString &url, Settings *settings, QString *error)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.scheme() != QLatin1String("redis") || u.host().isEmpty()
        || (!u.path().isEmpty() && u.path() != QLatin1String("/"))) {
        *error = tr("--cluster takes redis://HOST:PORT, not \"%1\".").arg(url);
        return false;
    }
    settings->host = u.host();
    settings->port = quint16(u.port(6379));
    return true;
}

QString ClusterBus::defaultNodeId()
{
    return QSysInfo::machineHostName() + QLatin1Char(':') + QString::number(QCoreApplication::applicationPid());
}

ClusterBus::ClusterBus(const Settings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_commands(new RedisConnection(settings.host, settings.port, this))
    , m_subscriber(new RedisConnection(settings.host, settings.port, this))
{
    if (m_settings.nodeId.isEmpty())
        m_settings.nodeId = defaultNodeId();
    m_refresh.setInterval(m_settings.refreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &ClusterBus::refresh);
    m_writeSoon.setSingleShot(true);
    m_writeSoon.setInterval(0);
    connect(&m_writeSoon, &QTimer::timeout, this, &ClusterBus::writeOwnKey);
    for (RedisConnection *c : {m_commands, m_subscriber}) {
        connect(c, &RedisConnection::connected, this, &ClusterBus::updateLive);
        connect(c, &RedisConnection::disconnected, this, &ClusterBus::updateLive);
    }
    connect(m_subscriber, &RedisConnection::subscribed, this, &ClusterBus::updateLive);
    // Presence keys are rewritten every refresh: an old queued one is worth nothing.
    m_commands->setMaxQueued(64);
}

ClusterBus::~ClusterBus()
{
    // A clean stop says goodbye at once (the Offline events of its users are queued already);
    // otherwise the key expires and the others notice within the TTL.
    if (m_commands->isConnected()) {
        m_commands->command({QByteArrayLiteral("DEL"), nodeKey(m_settings.nodeId)});
        m_commands->flush(500);
    }
    // Their destructors run the callbacks still pending, which use this object's members.
    delete m_commands;
    delete m_subscriber;
}

QByteArray ClusterBus::nodeKey(const QString &node) const
{
    return (m_settings.prefix + QStringLiteral(":node:") + node).toUtf8();
}

void ClusterBus::start()
{
    qCInfo(lcCluster).noquote() << "node" << m_settings.nodeId << "joins the cluster at redis://" + m_settings.host + ':'
            + QString::number(m_settings.port);
    m_subscriber->subscribe(eventChannel(m_settings.prefix),
                            [this](const QByteArray &payload) { onMessage(payload); });
    m_commands->open();
    m_subscriber->open();
    m_lastReadMs = nowMs();
    m_refresh.start();
}

bool ClusterBus::isLive() const
{
    return m_commands->isConnected() && m_subscriber->isSubscribed();
}

void ClusterBus::updateLive()
{
    const bool live = isLive();
    if (live == m_live)
        return;
    m_live = live;
    if (live) {
        qCInfo(lcCluster).noquote() << "node" << m_settings.nodeId << "is live: deliveries go through Redis";
        m_liveSinceMs = nowMs();
        refresh(); // resync: our key first, then the others'
    } else {
        qCWarning(lcCluster).noquote() << "node" << m_settings.nodeId
                                       << "lost Redis: degraded, delivering to its own clients only";
    }
    emit liveChanged(live);
}

bool ClusterBus::publish(ClusterEvent event)
{
    if (!isLive())
        return false;
    event.node = m_settings.nodeId;
    m_commands->command({QByteArrayLiteral("PUBLISH"), eventChannel(m_settings.prefix), event.encode()});
    return true;
}

bool ClusterBus::command(const QList<QByteArray> &args, std::function<void(const redisReply *)> done)
{
    if (!m_commands->isConnected())
        return false;
    m_commands->command(args, std::move(done));
    return true;
}

QByteArray ClusterBus::key(const QString &name) const
{
    return (m_settings.prefix + QLatin1Char(':') + name).toUtf8();
}

void ClusterBus::localStateChanged()
{
    if (isLive())
        m_writeSoon.start();
}

void ClusterBus::onMessage(const QByteArray &payload)
{
    ClusterEvent e;
    if (!ClusterEvent::decode(payload, &e)) {
        qCWarning(lcCluster) << "ignored an event that does not decode:" << payload.left(200);
        return;
    }
    if (e.node != m_settings.nodeId) {
        switch (e.kind) {
        case ClusterEvent::Kind::Online:
        case ClusterEvent::Kind::Offline:
            m_recent.insert(e.user, nowMs());
            setRemote(e.node, e.user, e.kind == ClusterEvent::Kind::Online);
            break;
        case ClusterEvent::Kind::Join:
        case ClusterEvent::Kind::Leave:
            m_recent.insert(e.user, nowMs());
            break;
        default:
            break;
        }
    }
    emit eventReceived(e);
}

void ClusterBus::writeOwnKey()
{
    m_writeSoon.stop();
    QJsonObject users;
    if (m_localState) {
        const QHash<QString, QStringList> state = m_localState();
        for (auto it = state.constBegin(); it != state.constEnd(); ++it)
            users.insert(it.key(), QJsonArray::fromStringList(it.value()));
    }
    const QByteArray value = QJsonDocument(users).toJson(QJsonDocument::Compact);
    m_commands->command({QByteArrayLiteral("SET"), nodeKey(m_settings.nodeId), value, QByteArrayLiteral("PX"),
                         QByteArray::number(m_settings.presenceTtlMs)});
    m_commands->command({QByteArrayLiteral("SADD"), (m_settings.prefix + QStringLiteral(":nodes")).toUtf8(),
                         m_settings.nodeId.toUtf8()});
}

void ClusterBus::refresh()
{
    const qint64 now = nowMs();
    for (auto it = m_recent.begin(); it != m_recent.end();)
        it = now - it.value() > RecentMs ? m_recent.erase(it) : std::next(it);
    if (!isLive()) {
        // Nobody can tell us who is still there: after the TTL, nobody is.
        if (now - m_lastReadMs > m_settings.presenceTtlMs && !m_remote.isEmpty()) {
            qCWarning(lcCluster) << "no word from the other nodes for" << now - m_lastReadMs << "ms: their users go offline here";
            dropAllRemote();
        }
        return;
    }
    if (m_reading && now - m_readStartedMs > m_settings.presenceTtlMs) {
        // Connected but silent (a partition that closed nothing): start over on new connections.
        qCWarning(lcCluster) << "redis has not answered for" << now - m_readStartedMs << "ms: reconnecting";
        m_commands->abort();
        m_subscriber->abort();
        return;
    }
    writeOwnKey();
    if (m_reading)
        return;
    m_reading = true;
    m_readStartedMs = now;
    m_commands->command({QByteArrayLiteral("SMEMBERS"), (m_settings.prefix + QStringLiteral(":nodes")).toUtf8()},
                        [this](const redisReply *r) {
                            QList<QByteArray> nodes;
                            if (r && r->type == REDIS_REPLY_ARRAY)
                                for (size_t i = 0; i < r->elements; ++i)
                                    nodes.append(replyString(r->element[i]));
                            if (!r)
                                m_reading = false;
                            else
                                readNodes(nodes);
                        });
}

void ClusterBus::readNodes(const QList<QByteArray> &nodes)
{
    QList<QByteArray> args{QByteArrayLiteral("MGET")};
    QStringList names;
    for (const QByteArray &n : nodes) {
        const QString name = QString::fromUtf8(n);
        if (name == m_settings.nodeId)
            continue;
        names.append(name);
        args.append(nodeKey(name));
    }
    if (names.isEmpty()) {
        m_reading = false;
        applySnapshot({});
        return;
    }
    m_commands->command(args, [this, names](const redisReply *r) {
        m_reading = false;
        if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != size_t(names.size()))
            return;
        QHash<QString, QHash<QString, QStringList>> snapshot;
        QList<QByteArray> gone{QByteArrayLiteral("SREM"), (m_settings.prefix + QStringLiteral(":nodes")).toUtf8()};
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (r->element[i]->type != REDIS_REPLY_STRING) { // expired: that node is dead
                gone.append(names.at(i).toUtf8());
                continue;
            }
            const QJsonObject users = QJsonDocument::fromJson(replyString(r->element[i])).object();
            QHash<QString, QStringList> &node = snapshot[names.at(i)];
            for (auto it = users.constBegin(); it != users.constEnd(); ++it) {
                QStringList rooms;
                for (const QJsonValue &v : it.value().toArray())
                    rooms.append(v.toString());
                node.insert(it.key(), rooms);
            }
        }
        if (gone.size() > 2)
            m_commands->command(gone);
        applySnapshot(snapshot);
    });
}

void ClusterBus::applySnapshot(const QHash<QString, QHash<QString, QStringList>> &nodes)
{
    const qint64 now = nowMs();
    m_lastReadMs = now;
    // Just after (re)connecting, the others may not have rewritten their keys yet (Redis restarted).
    const bool settling = now - m_liveSinceMs < m_settings.presenceTtlMs;
    auto recent = [this](const QString &user) { return m_recent.contains(user); };
    const QStringList known = m_remote.keys();
    for (const QString &node : known) {
        if (nodes.contains(node) || settling)
            continue;
        qCInfo(lcCluster).noquote() << "node" << node << "is gone (its key expired): its users go offline";
        const QSet<QString> users = m_remote.value(node);
        for (const QString &user : users)
            setRemote(node, user, false);
        m_remote.remove(node);
    }
    QHash<QString, QStringList> roomsOf;
    for (auto n = nodes.constBegin(); n != nodes.constEnd(); ++n) {
        const QSet<QString> before = m_remote.value(n.key());
        for (const QString &user : before)
            if (!n.value().contains(user) && !recent(user))
                setRemote(n.key(), user, false);
        for (auto u = n.value().constBegin(); u != n.value().constEnd(); ++u) {
            if (!recent(u.key()))
                setRemote(n.key(), u.key(), true);
            for (const QString &room : u.value())
                if (!roomsOf[u.key()].contains(room))
                    roomsOf[u.key()].append(room);
        }
    }
    for (auto it = roomsOf.constBegin(); it != roomsOf.constEnd(); ++it)
        if (!recent(it.key()) && isOnlineElsewhere(it.key()))
            emit remoteRooms(it.key(), it.value());
}

void ClusterBus::setRemote(const QString &node, const QString &user, bool online)
{
    const bool before = isOnlineElsewhere(user);
    if (online)
        m_remote[node].insert(user);
    else if (m_remote.contains(node))
        m_remote[node].remove(user);
    const bool after = isOnlineElsewhere(user);
    if (after && !before)
        emit remoteOnline(user);
    else if (before && !after)
        emit remoteOffline(user);
}

void ClusterBus::dropAllRemote()
{
    const QStringList users = remoteUsers();
    m_remote.clear();
    for (const QString &user : users)
        emit remoteOffline(user);
}

bool ClusterBus::isOnlineElsewhere(const QString &user) const
{
    for (const QSet<QString> &users : m_remote)
        if (users.contains(user))
            return true;
    return false;
}

QStringList ClusterBus::remoteUsers() const
{
    QSet<QString> all;
    for (const QSet<QString> &users : m_remote)
        all.unite(users);
    return QStringList(all.begin(), all.end());
}

} // namespace Switchboard
