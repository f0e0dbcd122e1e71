#include "redisconnection.h"

#include "net/core/logging.h"

#include <QDeadlineTimer>
#include <QSocketNotifier>

#include <poll.h>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <QHostAddress>
#include <QHostInfo>

#include <algorithm>

#include <vector>

namespace Switchboard {

namespace {

constexpr int MaxRetryMs = 3000;
constexpr int ConnectTimeoutMs = 3000;

RedisConnection *owner(const redisAsyncContext *c)
{
    return static_cast<RedisConnection *>(c->data);
}

// Notifiers may be deleted from inside their own activation (hiredis frees the context while
// reading): switch them off now, delete them later.
void dropNotifier(QSocketNotifier **notifier)
{
    if (!*notifier)
        return;
    (*notifier)->setEnabled(false);
    (*notifier)->deleteLater();
    *notifier = nullptr;
}

} // namespace

RedisConnection::RedisConnection(const QString &host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_port(port)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RedisConnection::connectNow);
    m_connectTimeout.setSingleShot(true);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        if (m_connected || !m_context)
            return;
        redisAsyncContext *c = m_context;
        m_context = nullptr;
        redisAsyncFree(c); // not connected: no disconnect callback
        lost(QStringLiteral("no answer within %1 ms").arg(ConnectTimeoutMs));
    });
}

RedisConnection::~RedisConnection()
{
    m_retry.stop();
    m_connectTimeout.stop();
    if (m_context) {
        redisAsyncContext *c = m_context;
        m_context = nullptr;
        c->onDisconnect = nullptr; // no signal from a destructor
        redisAsyncFree(c);         // runs pending callbacks with no reply
    }
    for (Pending &p : m_queue)
        if (p.done)
            p.done(nullptr);
}

void RedisConnection::open()
{
    if (!m_context && !m_retry.isActive() && !m_resolving)
        connectNow();
}

void RedisConnection::connectNow()
{
    if (m_resolving)
        return;
    if (!QHostAddress(m_host).isNull()) {
        connectTo(m_host);
        return;
    }
    // A name: hiredis would resolve it inside redisAsyncConnect(), blocking the event loop for as
    // long as DNS takes. It is resolved here instead, again at every attempt, so a name moved to
    // another Redis (a promoted replica) is followed at the next reconnection; with several
    // addresses, each failed attempt moves on to the next.
    m_resolving = true;
    QHostInfo::lookupHost(m_host, this, [this](const QHostInfo &info) {
        m_resolving = false;
        QList<QHostAddress> addresses = info.addresses();
        std::stable_partition(addresses.begin(), addresses.end(), [](const QHostAddress &a) {
            return a.protocol() == QAbstractSocket::IPv4Protocol; // Redis binds 127.0.0.1 by default
        });
        if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
            lost(QStringLiteral("cannot resolve %1: %2").arg(m_host, info.errorString()));
            return;
        }
        connectTo(addresses.at(m_attempt++ % addresses.size()).toString());
    });
}

void RedisConnection::connectTo(const QString &address)
{
    redisAsyncContext *c = redisAsyncConnect(address.toUtf8().constData(), m_port);
    if (!c) {
        lost(QStringLiteral("out of memory"));
        return;
    }
    if (c->err) {
        const QString why = QString::fromUtf8(c->errstr);
        redisAsyncFree(c);
        lost(why);
        return;
    }
    m_context = c;
    c->data = this;
    c->ev.data = this;
    c->ev.addRead = &RedisConnection::addRead;
    c->ev.delRead = &RedisConnection::delRead;
    c->ev.addWrite = &RedisConnection::addWrite;
    c->ev.delWrite = &RedisConnection::delWrite;
    c->ev.cleanup = &RedisConnection::cleanup;
    redisAsyncSetDisconnectCallback(c, &RedisConnection::onDisconnect);
    redisAsyncSetConnectCallback(c, &RedisConnection::onConnect); // waits for the first write event
    m_connectTimeout.start(ConnectTimeoutMs);
}

void RedisConnection::abort()
{
    if (m_context && m_connected)
        redisAsyncFree(m_context); // the disconnect callback schedules the reconnection
}

void RedisConnection::addRead(void *self)
{
    auto *r = static_cast<RedisConnection *>(self);
    if (r->m_read || !r->m_context)
        return;
    r->m_read = new QSocketNotifier(r->m_context->c.fd, QSocketNotifier::Read, r);
    connect(r->m_read, &QSocketNotifier::activated, r, [r] {
        if (r->m_context)
            redisAsyncHandleRead(r->m_context);
    });
}

void RedisConnection::delRead(void *self)
{
    dropNotifier(&static_cast<RedisConnection *>(self)->m_read);
}

void RedisConnection::addWrite(void *self)
{
    auto *r = static_cast<RedisConnection *>(self);
    if (r->m_write || !r->m_context)
        return;
    r->m_write = new QSocketNotifier(r->m_context->c.fd, QSocketNotifier::Write, r);
    connect(r->m_write, &QSocketNotifier::activated, r, [r] {
        if (r->m_context)
            redisAsyncHandleWrite(r->m_context);
    });
}

void RedisConnection::delWrite(void *self)
{
    dropNotifier(&static_cast<RedisConnection *>(self)->m_write);
}

void RedisConnection::cleanup(void *self)
{
    auto *r = static_cast<RedisConnection *>(self);
    dropNotifier(&r->m_read);
    dropNotifier(&r->m_write);
}

void RedisConnection::onConnect(const redisAsyncContext *c, int status)
{
    RedisConnection *r = owner(c);
    r->m_connectTimeout.stop();
    if (status != REDIS_OK) {
        // hiredis frees the context after this returns.
        r->m_context = nullptr;
        r->lost(QString::fromUtf8(c->errstr));
        return;
    }
    r->m_connected = true;
    r->m_retryMs = 100;
    if (!r->m_lastError.isEmpty())
        qCInfo(lcCluster).noquote() << "redis" << r->m_host << r->m_port << "reachable again";
    r->m_lastError.clear();
    if (!r->m_channel.isEmpty())
        r->send({QByteArrayLiteral("SUBSCRIBE"), r->m_channel}, Callback());
    while (!r->m_queue.empty() && r->m_context) {
        Pending p = std::move(r->m_queue.front());
        r->m_queue.pop_front();
        r->send(p.args, std::move(p.done));
    }
    emit r->connected();
}

void RedisConnection::onDisconnect(const redisAsyncContext *c, int status)
{
    RedisConnection *r = owner(c);
    r->m_context = nullptr; // freed by hiredis after this returns
    r->lost(status == REDIS_OK ? QStringLiteral("closed") : QString::fromUtf8(c->errstr));
}

void RedisConnection::lost(const QString &why)
{
    const bool was = m_connected;
    m_connected = false;
    m_subscribed = false;
    if (why != m_lastError)
        qCWarning(lcCluster).noquote() << "redis" << m_host << m_port << "unreachable:" << why;
    m_lastError = why;
    scheduleRetry();
    if (was)
        emit disconnected(why);
}

void RedisConnection::scheduleRetry()
{
    m_retry.start(m_retryMs);
    m_retryMs = qMin(m_retryMs * 2, MaxRetryMs);
}

void RedisConnection::command(const QList<QByteArray> &args, Callback done)
{
    if (m_connected && m_context) {
        send(args, std::move(done));
        return;
    }
    if (int(m_queue.size()) >= m_maxQueued) {
        Callback dropped = std::move(m_queue.front().done);
        m_queue.pop_front();
        if (dropped)
            dropped(nullptr);
    }
    m_queue.push_back(Pending{args, std::move(done)});
}

void RedisConnection::send(const QList<QByteArray> &args, Callback done)
{
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    for (const QByteArray &a : args) {
        argv.push_back(a.constData());
        lengths.push_back(size_t(a.size()));
    }
    const bool subscribe = args.constFirst() == "SUBSCRIBE";
    void *privdata = subscribe ? static_cast<void *>(this) : (done ? new Callback(std::move(done)) : nullptr);
    redisCallbackFn *fn = subscribe ? &RedisConnection::onSubscription : &RedisConnection::onReply;
    if (redisAsyncCommandArgv(m_context, fn, privdata, int(argv.size()), argv.data(), lengths.data()) != REDIS_OK
        && !subscribe && privdata) {
        auto *callback = static_cast<Callback *>(privdata);
        (*callback)(nullptr);
        delete callback;
    }
}

void RedisConnection::onReply(redisAsyncContext *, void *reply, void *privdata)
{
    auto *callback = static_cast<Callback *>(privdata);
    if (!callback)
        return;
    (*callback)(static_cast<const redisReply *>(reply));
    delete callback;
}

void RedisConnection::onSubscription(redisAsyncContext *c, void *reply, void *privdata)
{
    auto *r = static_cast<RedisConnection *>(privdata);
    const auto *rep = static_cast<const redisReply *>(reply);
    if (!rep || !c->data || rep->type != REDIS_REPLY_ARRAY || rep->elements < 3)
        return;
    const QByteArray kind(rep->element[0]->str, int(rep->element[0]->len));
    if (kind == "subscribe") {
        r->m_subscribed = true;
        emit r->subscribed();
    } else if (kind == "message" && rep->element[2]->type == REDIS_REPLY_STRING && r->m_onMessage) {
        r->m_onMessage(QByteArray(rep->element[2]->str, int(rep->element[2]->len)));
    }
}

void RedisConnection::flush(int timeoutMs)
{
    if (!m_connected || !m_context)
        return;
    const QDeadlineTimer deadline(timeoutMs);
    int done = 0;
    while (!done && !deadline.hasExpired()) {
        if (redisBufferWrite(&m_context->c, &done) != REDIS_OK)
            return;
        if (!done) {
            pollfd fd{m_context->c.fd, POLLOUT, 0};
            ::poll(&fd, 1, int(qMax<qint64>(1, deadline.remainingTime())));
        }
    }
}

void RedisConnection::subscribe(const QByteArray &channel, std::function<void(const QByteArray &)> onMessage)
{
    m_channel = channel;
    m_onMessage = std::move(onMessage);
    if (m_connected && m_context)
        send({QByteArrayLiteral("SUBSCRIBE"), m_channel}, Callback());
}

} // namespace Switchboard
