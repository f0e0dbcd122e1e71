#pragma once
// What the server nodes of one cluster share live, through Redis (docs/CLUSTER.md, "Live state
// over Redis"). Two connections: one for commands, one subscribed to the cluster's one event
// channel, so every node sees every event in Redis's single order.
//
// - Events (publish / eventReceived): messages, room joins and leaves, frames for a user, kicks,
//   replays. Every node receives every event, its own included. (The login throttle's counts are
//   keys: ClusterThrottle, through command().)
// - Presence: each node writes its users (and their rooms) to <prefix>:node:<id> with a TTL and
//   refreshes it; it reads the other nodes' keys at the same pace. A node that dies stops
//   refreshing, its key expires and its users go offline everywhere (remoteOffline). Online and
//   Offline events make changes visible at once; the keys make them survive lost events.
// While Redis is unreachable publish() returns false (callers act locally only) and remote
// users go offline after the TTL; after reconnecting the keys are written and read again.

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

struct redisReply;

namespace Switchboard {

class RedisConnection;

struct ClusterEvent
{
    enum class Kind {
        Message,    // frame: a stored ChatMessage; every node delivers it to its own sessions
        Join,       // user joined room
        Leave,      // user left room
        Online,     // user's first session on node
        Offline,    // user's last session on node ended
        ToUser,     // frame for every session of user
        Members,    // room's member list changed: push it to present members
        PrivateRooms, // the private rooms' access lists changed in the database: read them again
        Kick,       // end every session of user (text: the reason)
        Replay,     // the origin was out of touch: what it delivered locally meanwhile may have
                    // missed the others; every node replays the stored messages it missed
    };
    Kind kind = Kind::Message;
    QString node; // the origin, filled in by publish()
    QString user;
    QString room;
    QString text;
    QString device;
    QJsonObject frame;

    QByteArray encode() const;
    static bool decode(const QByteArray &bytes, ClusterEvent *out);
};

class ClusterBus : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString host = QStringLiteral("127.0.0.1");
        quint16 port = 6379;
        QString nodeId;
        QString prefix = QStringLiteral("switchboard");
        int presenceTtlMs = 4000; // a dead node's users go offline within this plus one refresh
        int refreshMs = 1000;
    };
    // "redis://HOST:PORT" (PORT defaults to 6379).
    static bool parseUrl(const QString &url, Settings *settings, QString *error);
    static QString defaultNodeId();
    // The one pub/sub channel every node subscribes to.
    static QByteArray eventChannel(const QString &prefix) { return (prefix + QStringLiteral(":events")).toUtf8(); }

    explicit ClusterBus(const Settings &settings, QObject *parent = nullptr);
    ~ClusterBus() override;

    void start();
    const QString &nodeId() const { return m_settings.nodeId; }
    // Both connections up and subscribed: published events come back.
    bool isLive() const;
    // Sends the event to every node (this one included); false while Redis is unreachable.
    bool publish(ClusterEvent event);
    // Any other command (the login throttle's counters) on the commands connection; false, and
    // nothing sent, while that is down. `done` gets a null reply when the connection goes first.
    bool command(const QList<QByteArray> &args, std::function<void(const redisReply *)> done = {});
    // "<prefix>:<name>": a key of this cluster.
    QByteArray key(const QString &name) const;

    // The users connected to this node and the rooms each is in, for the presence key.
    void setLocalState(std::function<QHash<QString, QStringList>()> state) { m_localState = std::move(state); }
    // Something in it changed: write the key soon.
    void localStateChanged();

    bool isOnlineElsewhere(const QString &user) const;
    QStringList remoteUsers() const;

signals:
    void eventReceived(const Switchboard::ClusterEvent &event);
    // A user became online / went offline on every other node together.
    void remoteOnline(const QString &user);
    void remoteOffline(const QString &user);
    // The other nodes' keys say this remote user is in these rooms (not sent for users with an
    // event in the last few seconds: their key may lag behind the event).
    void remoteRooms(const QString &user, const QStringList &rooms);
    void liveChanged(bool live);

private:
    void onMessage(const QByteArray &payload);
    void refresh();
    void writeOwnKey();
    void readNodes(const QList<QByteArray> &keys);
    void applySnapshot(const QHash<QString, QHash<QString, QStringList>> &nodes);
    void setRemote(const QString &node, const QString &user, bool online);
    void dropAllRemote();
    void updateLive();
    QByteArray nodeKey(const QString &node) const;

    Settings m_settings;
    RedisConnection *m_commands;
    RedisConnection *m_subscriber;
    QTimer m_refresh;
    QTimer m_writeSoon;
    bool m_live = false;
    std::function<QHash<QString, QStringList>()> m_localState;
    QHash<QString, QSet<QString>> m_remote; // node -> its users
    QHash<QString, qint64> m_recent;        // user -> when an event last spoke of them (ms)
    qint64 m_lastReadMs = 0;                // the other nodes' keys were last read
    qint64 m_liveSinceMs = 0;
    bool m_reading = false;
    qint64 m_readStartedMs = 0;
};

} // namespace Switchboard

Q_DECLARE_METATYPE(Switchboard::ClusterEvent)
