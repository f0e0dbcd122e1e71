#include "proxythread.h"

#include "framingproxy.h"
#include "proxyconnection.h"

#include <QThread>
#include <QTimer>

namespace Switchboard {

ProxyThread::ProxyThread(CaptureSink *sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
    , m_thread(new QThread)
    , m_anchor(new QObject)
{
    m_thread->setObjectName(QStringLiteral("framing proxies"));
    m_anchor->moveToThread(m_thread);
    m_thread->start();
    // Emitted in the proxies' thread, counted here.
    connect(
        this, &ProxyThread::connectionOpened, this, [this](int proxy) { countConnection(proxy, 1); },
        Qt::QueuedConnection);
}

ProxyThread::~ProxyThread()
{
    // Posted in order to the same thread: the proxies go first, then the loop ends.
    for (FramingProxy *proxy : std::as_const(m_running))
        QMetaObject::invokeMethod(proxy, [proxy] {
            QObject::disconnect(proxy, nullptr, nullptr, nullptr);
            delete proxy;
        });
    QObject *anchor = m_anchor;
    QMetaObject::invokeMethod(anchor, [anchor] {
        delete anchor;
        QThread::currentThread()->quit();
    });
    m_thread->wait();
    delete m_thread;
}

int ProxyThread::start(const QHostAddress &listen, quint16 port, const QHostAddress &target, quint16 targetPort,
    const ProxyKnobs &up, const ProxyKnobs &down, QString *error)
{
    auto *proxy = new FramingProxy; // no parent: it moves to the thread
    proxy->setTarget(target, targetPort);
    proxy->setCaptureSink(m_sink);
    proxy->setKnobs(FramingProxy::Up, up);
    proxy->setKnobs(FramingProxy::Down, down);
    if (!proxy->listen(listen, port, error)) {
        delete proxy;
        return 0;
    }
    const int id = m_nextId++;
    // These run in the proxies' thread, where the connections live; only values cross.
    connect(proxy, &FramingProxy::connectionOpened, proxy, [this, id](ProxyConnection *c) {
        emit connectionOpened(id, c->clientLegId(), c->clientString(), c->clientLegId(), c->targetLegId());
    });
    connect(proxy, &FramingProxy::connectionClosed, proxy, [this, id](ProxyConnection *c, const QString &reason) {
        emit connectionClosed(c->clientLegId(), c->stats().bytes[0], c->stats().bytes[1], reason);
        QMetaObject::invokeMethod(this, [this, id] { countConnection(id, -1); });
    });
    auto *progress = new QTimer(proxy);
    progress->setInterval(ProgressIntervalMs);
    connect(progress, &QTimer::timeout, proxy, [this, proxy] {
        for (const ProxyConnection *c : proxy->connections())
            emit connectionProgress(c->clientLegId(), c->stats().bytes[0], c->stats().bytes[1]);
    });
    proxy->moveToThread(m_thread); // its accept notifier and timer go with it
    QMetaObject::invokeMethod(proxy, [progress] { progress->start(); });
    m_running.insert(id, proxy);
    m_proxies.append(Proxy { id, proxy->listenAddress(), proxy->listenPort(), target, targetPort, 0 });
    emit proxiesChanged();
    return id;
}

void ProxyThread::stop(int id)
{
    FramingProxy *proxy = m_running.take(id);
    if (!proxy)
        return;
    QMetaObject::invokeMethod(proxy, [proxy] {
        proxy->close(); // each open connection reports how it ended
        delete proxy;
    });
    m_proxies.removeIf([id](const Proxy &p) { return p.id == id; });
    emit proxiesChanged();
}

void ProxyThread::setKnobs(const ProxyKnobs &up, const ProxyKnobs &down)
{
    for (FramingProxy *proxy : std::as_const(m_running))
        QMetaObject::invokeMethod(proxy, [proxy, up, down] {
            proxy->setKnobs(FramingProxy::Up, up);
            proxy->setKnobs(FramingProxy::Down, down);
        });
}

void ProxyThread::countConnection(int proxy, int delta)
{
    for (Proxy &p : m_proxies)
        if (p.id == proxy) {
            p.openConnections = qMax(0, p.openConnections + delta);
            emit proxiesChanged();
        }
}

} // namespace Switchboard
