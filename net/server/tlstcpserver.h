#pragma once
#include <QSslConfiguration>
#include <QTcpServer>

namespace Switchboard {

// A listener whose accepted sockets are QSslSocket with the server's TLS configuration, handed
// out unencrypted: ChatServer makes each a session at once (so the hello deadline and the
// per-address limits cover slow or abandoned handshakes) and then starts the handshake.
// (QSslServer would only hand a socket out after its handshake, outside those limits.)
class TlsTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit TlsTcpServer(const QSslConfiguration &configuration, QObject *parent = nullptr);
    // For connections accepted from now on (a renewed certificate).
    void setConfiguration(const QSslConfiguration &configuration) { m_configuration = configuration; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QSslConfiguration m_configuration;
};

} // namespace Switchboard
