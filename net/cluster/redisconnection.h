#pragma once
// One connection to Redis on the event loop (hiredis's async API over two QSocketNotifiers):
// commands never block, a lost connection is retried with a growing delay (100 ms doubling to
// 3 s), and commands issued while it is down wait in a bounded queue (the oldest are dropped,
// their callbacks called with no reply). A subscriber connection re-subscribes on every
// reconnect. A host name is resolved with QHostInfo (off the event loop) before every attempt.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

struct redisAsyncContext;
struct redisReply;
class QSocketNotifier;

namespace Switchboard {

class RedisConnection : public QObject
{
    Q_OBJECT
public:
    // reply is null when the command failed (connection lost, dropped from the queue).
    using Callback = std::function<void(const redisReply *reply)>;
    static constexpr int DefaultMaxQueued = 1000;

    RedisConnection(const QString &host, quint16 port, QObject *parent = nullptr);
    ~RedisConnection() override;

    void open();
    bool isConnected() const { return m_connected; }
    void setMaxQueued(int n) { m_maxQueued = n; }
    // Queued while disconnected; sent in order once connected.
    void command(const QList<QByteArray> &args, Callback done = Callback());
    // Makes this a subscriber: SUBSCRIBE now and after every reconnect; each message's payload
    // goes to onMessage.
    void subscribe(const QByteArray &channel, std::function<void(const QByteArray &)> onMessage);
    bool isSubscribed() const { return m_subscribed; }
    // Writes what is still buffered, waiting at most timeoutMs: for a clean shutdown only, so
    // that the last commands (a node's goodbye) are not thrown away with the connection.
    void flush(int timeoutMs);
    // Drops the connection (a server that stopped answering without closing it) and reconnects.
    void abort();

signals:
    void connected();
    void disconnected(const QString &why);
    void subscribed();

private:
    struct Pending
    {
        QList<QByteArray> args;
        Callback done;
    };
    void connectNow();
    void connectTo(const QString &address);
    void send(const QList<QByteArray> &args, Callback done);
    void lost(const QString &why);
    void scheduleRetry();
    // hiredis's event hooks and callbacks.
    static void addRead(void *self);
    static void delRead(void *self);
    static void addWrite(void *self);
    static void delWrite(void *self);
    static void cleanup(void *self);
    static void onConnect(const redisAsyncContext *c, int status);
    static void onDisconnect(const redisAsyncContext *c, int status);
    static void onReply(redisAsyncContext *c, void *reply, void *privdata);
    static void onSubscription(redisAsyncContext *c, void *reply, void *privdata);

    QString m_host;
    quint16 m_port;
    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
    bool m_connected = false;
    bool m_subscribed = false;
    bool m_resolving = false; // a host name's lookup is under way
    quint32 m_attempt = 0;    // picks the next of a name's addresses
    QTimer m_retry;
    QTimer m_connectTimeout; // hiredis's async connect has none: a silent host would hang it
    int m_retryMs = 100;
    int m_maxQueued = DefaultMaxQueued;
    std::deque<Pending> m_queue;
    QByteArray m_channel;
    std::function<void(const QByteArray &)> m_onMessage;
    QString m_lastError; // logged once per outage, not per retry
};

} // namespace Switchboard
