#pragma once
// A TCP proxy between any client and server that forwards both directions byte for byte, or
// shaped by per-direction knobs (split, coalesce, latency, rate, close after N bytes), and
// records every chunk it reads and writes (docs/WORKBENCH.md).

#include "proxyknobs.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QObject>

#include <array>

class QSocketNotifier;

namespace Switchboard {

class CaptureSink;
class ProxyConnection;

class FramingProxy : public QObject
{
    Q_OBJECT
public:
    enum Direction { Up = 0, Down = 1 }; // Up: client to target

    explicit FramingProxy(QObject *parent = nullptr);
    ~FramingProxy() override;

    // Where to forward each accepted client (an address; resolve names before).
    void setTarget(const QHostAddress &address, quint16 port);
    // Thread-safe sink for every chunk read and written, per leg (client leg, target leg); may be null.
    void setCaptureSink(CaptureSink *sink) { m_sink = sink; }

    // Changeable while running: open connections follow at once.
    void setKnobs(Direction direction, const ProxyKnobs &knobs);
    ProxyKnobs knobs(Direction direction) const { return m_knobs[direction]; }

    // Listens (port 0: any free port). False with *error set when it cannot.
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    // Stops listening and closes every connection.
    void close();
    bool isListening() const { return m_listenFd >= 0; }
    QHostAddress listenAddress() const { return m_listenAddress; }
    quint16 listenPort() const { return m_listenPort; }
    QHostAddress targetAddress() const { return m_target; }
    quint16 targetPort() const { return m_targetPort; }
    int connectionCount() const { return int(m_connections.size()); }
    const QList<ProxyConnection *> &connections() const { return m_connections; }

signals:
    void connectionOpened(ProxyConnection *connection);
    // The connection is closed; it is deleted after this returns.
    void connectionClosed(ProxyConnection *connection, const QString &reason);

private:
    void onAcceptable();

    int m_listenFd = -1;
    QSocketNotifier *m_acceptNotifier = nullptr;
    QHostAddress m_listenAddress;
    quint16 m_listenPort = 0;
    QHostAddress m_target;
    quint16 m_targetPort = 0;
    std::array<ProxyKnobs, 2> m_knobs;
    CaptureSink *m_sink = nullptr;
    QList<ProxyConnection *> m_connections;
};

} // namespace Switchboard
