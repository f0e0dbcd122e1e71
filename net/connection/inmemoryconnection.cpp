#include "inmemoryconnection.h"

#include <QPointer>

namespace Switchboard {

std::pair<InMemoryConnection *, InMemoryConnection *> InMemoryConnection::createPair(QObject *parent)
{
    static quint16 nextPort = 40000;
    const quint16 a = nextPort++;
    const quint16 b = nextPort++;
    auto *left = new InMemoryConnection(a, b, parent);
    auto *right = new InMemoryConnection(b, a, parent);
    left->m_peer = right;
    right->m_peer = left;
    return {left, right};
}

InMemoryConnection::InMemoryConnection(quint16 localPort, quint16 peerPort, QObject *parent)
    : Connection(parent)
    , m_localPortValue(localPort)
    , m_peerPortValue(peerPort)
{
}

void InMemoryConnection::writeBytes(const QByteArray &bytes)
{
    if (!m_open || !m_peer)
        return;
    QPointer<InMemoryConnection> peer(m_peer);
    const int step = m_chunkSize > 0 ? m_chunkSize : int(qMax<qsizetype>(bytes.size(), 1));
    for (qsizetype i = 0; i < bytes.size(); i += step) {
        const QByteArray part = bytes.mid(i, step);
        QMetaObject::invokeMethod(peer, [peer, part] { if (peer) peer->receive(part); }, Qt::QueuedConnection);
    }
    emit bytesWritten(bytes.size());
}

void InMemoryConnection::receive(const QByteArray &bytes)
{
    if (m_open)
        deliverBytes(bytes);
}

void InMemoryConnection::close()
{
    if (!m_open)
        return;
    m_open = false;
    if (m_peer) {
        QPointer<InMemoryConnection> peer(m_peer);
        // Queued after any bytes already in flight, like a FIN after data.
        QMetaObject::invokeMethod(peer, [peer] { if (peer) peer->peerClosed(); }, Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(this, &Connection::disconnected, Qt::QueuedConnection);
}

void InMemoryConnection::peerClosed()
{
    if (!m_open)
        return;
    m_open = false;
    emit disconnected();
}

} // namespace Switchboard
