#pragma once
#include "connection.h"

#include <QTcpSocket>

namespace Switchboard {

class BlockWriter;

// A Connection over a QTcpSocket (plain TCP, or a QSslSocket handed in). A plaintext socket's
// writes go out through a BlockWriter once it is connected (a frame's header and payload in one
// sendmsg()), and its reads, once the socket's own buffer is empty, go from the kernel straight
// into the decoder (readChunk()); connecting, the end of the stream, errors and everything over
// TLS stay with the socket.
class TcpConnection : public Connection
{
    Q_OBJECT
public:
    // Takes ownership of an already created socket (connected, or connecting).
    explicit TcpConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~TcpConnection() override;

    QHostAddress peerAddress() const override { return m_peerAddress; }
    quint16 peerPort() const override { return m_peerPort; }
    QHostAddress localAddress() const override { return m_localAddress; }
    quint16 localPort() const override { return m_localPort; }
    bool isOpen() const override;
    qint64 bytesToWrite() const override;
    QTcpSocket *socket() const { return m_socket; }
    // The client's address as a trusted proxy reported it (PROXY protocol): shown, logged and
    // limited instead of the proxy's own.
    void setProxiedPeer(const QHostAddress &address, quint16 port);
    // Nagle's algorithm on (false) or off (true): the framing lab toggles it to provoke sticky packets.
    void setLowDelay(bool on);

public slots:
    void close() override;
    void abort() override;

signals:
    void connected();
    void socketError(QAbstractSocket::SocketError error, const QString &message);

private:
    void readAvailable();
    // Reads what the socket holds into the receive buffer, one chunk; false when nothing was read.
    bool readChunk();
    void rememberAddresses();
    void reportDisconnected();
    void writeBytes(const QByteArray &bytes) override;
    void readMore() override { readAvailable(); }
    void startWriter();
    void stopWriter();

    QTcpSocket *m_socket;
    BlockWriter *m_writer = nullptr;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QHostAddress m_localAddress;
    quint16 m_localPort = 0;
    bool m_proxied = false;
    bool m_closing = false;
    bool m_reportedDisconnect = false;
};

} // namespace Switchboard
