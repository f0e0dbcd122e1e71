#pragma once
#include "connection.h"

#include <QList>
#include <QPointer>

namespace Switchboard {

// Two connected in-process endpoints for protocol unit tests: bytes written on one side are
// delivered to the other from the event loop, optionally cut into chunks of a chosen size
// so tests can reproduce any split or coalescing a real socket might produce.
class InMemoryConnection : public Connection
{
    Q_OBJECT
public:
    // Creates a connected pair; the caller owns both (parent them as needed).
    static std::pair<InMemoryConnection *, InMemoryConnection *> createPair(QObject *parent = nullptr);

    QHostAddress peerAddress() const override { return QHostAddress::LocalHost; }
    quint16 peerPort() const override { return m_peerPortValue; }
    QHostAddress localAddress() const override { return QHostAddress::LocalHost; }
    quint16 localPort() const override { return m_localPortValue; }
    bool isOpen() const override { return m_open; }
    qint64 bytesToWrite() const override { return 0; }

    // Deliver what this side writes in chunks of at most n bytes (0 = as written).
    void setChunkSize(int n) { m_chunkSize = n; }

public slots:
    void close() override;
    void abort() override { close(); }

private:
    explicit InMemoryConnection(quint16 localPort, quint16 peerPort, QObject *parent);
    void writeBytes(const QByteArray &bytes) override;
    void receive(const QByteArray &bytes);
    void peerClosed();

    QPointer<InMemoryConnection> m_peer;
    quint16 m_localPortValue;
    quint16 m_peerPortValue;
    int m_chunkSize = 0;
    bool m_open = true;
};

} // namespace Switchboard
