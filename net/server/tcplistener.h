#pragma once
#include <QSslConfiguration>
#include <QTcpServer>

namespace Switchboard {

class ProxyGate;
class SocketConnection;

// ChatServer's listening socket. Accepted sockets are QSslSocket with the server's TLS
// configuration (handed out unencrypted: ChatServer makes each a session at once, so the hello
// deadline and the per-address limits cover slow or abandoned handshakes, then starts the
// handshake; QSslServer would hand a socket out only after it) or, with a null configuration,
// a SocketConnection on the bare descriptor (plainConnection()). A connection from a trusted
// reverse proxy first goes through the ProxyGate,
// which reads its PROXY header from the descriptor before any Qt socket (or TLS) sees a byte;
// the client address it names is left on the socket as the properties below.
class TcpListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit TcpListener(const QSslConfiguration &tls, QObject *parent = nullptr);

    // For connections accepted from now on (a renewed certificate).
    void setTlsConfiguration(const QSslConfiguration &tls) { m_tls = tls; }
    void setProxyGate(ProxyGate *gate) { m_gate = gate; }

    static constexpr const char *ProxiedAddressProperty = "switchboardProxiedAddress";
    static constexpr const char *ProxiedPortProperty = "switchboardProxiedPort";

signals:
    // A plaintext client, accepted (and through the ProxyGate if it came from a trusted proxy).
    // The receiver takes it; it is not among the pending connections.
    void plainConnection(Switchboard::SocketConnection *connection);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void adopt(qintptr socketDescriptor, const QHostAddress &proxiedAddress, quint16 proxiedPort);

    QSslConfiguration m_tls;
    ProxyGate *m_gate = nullptr;
};

} // namespace Switchboard
