#pragma once
// FramingProxy instances served in a thread of their own (a QThread with its own event loop), so
// bulk traffic through them never waits on the thread that controls them (the GUI). The
// controlling side holds only ids and plain values: knobs go over by queued calls, connections
// come back by queued signals, chunks go into a thread-safe CaptureSink.

#include "proxyknobs.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>

class QThread;

namespace Switchboard {

class CaptureSink;
class FramingProxy;

class ProxyThread : public QObject
{
    Q_OBJECT
public:
    // Open connections report their byte counts this often.
    static constexpr int ProgressIntervalMs = 200;

    struct Proxy
    {
        int id = 0;
        QHostAddress listenAddress;
        quint16 listenPort = 0;
        QHostAddress target;
        quint16 targetPort = 0;
        int openConnections = 0;
    };

    // sink (may be null) must outlive this object; record() is called from the proxies' thread.
    explicit ProxyThread(CaptureSink *sink, QObject *parent = nullptr);
    // Closes every proxy in its thread and stops the thread.
    ~ProxyThread() override;

    // Binds and listens here (so a taken port is reported at once), then hands the proxy to the
    // thread. Returns its id, or 0 with *error set.
    int start(const QHostAddress &listen, quint16 port, const QHostAddress &target, quint16 targetPort,
        const ProxyKnobs &up, const ProxyKnobs &down, QString *error = nullptr);
    // Stops listening and closes the proxy's connections (connectionClosed follows for each).
    void stop(int id);
    // Every proxy, open connections included, follows these knobs.
    void setKnobs(const ProxyKnobs &up, const ProxyKnobs &down);
    const QList<Proxy> &proxies() const { return m_proxies; }
    QThread *workerThread() const { return m_thread; }

signals:
    // key: the connection's client leg id (unique), also its capture connection id.
    void connectionOpened(int proxy, quint64 key, const QString &client, quint64 clientLeg, quint64 targetLeg);
    void connectionProgress(quint64 key, qint64 bytesUp, qint64 bytesDown);
    void connectionClosed(quint64 key, qint64 bytesUp, qint64 bytesDown, const QString &reason);
    void proxiesChanged();

private:
    void countConnection(int proxy, int delta);

    CaptureSink *m_sink;
    QThread *m_thread;
    QObject *m_anchor; // lives in m_thread: a context for calls that belong to no proxy
    QHash<int, FramingProxy *> m_running; // live in m_thread: only the target of queued calls here
    QList<Proxy> m_proxies;
    int m_nextId = 1;
};

} // namespace Switchboard
