#pragma once
#include "tcpconnection.h"

#include <QSslError>
#include <QSslSocket>

namespace Switchboard {

// A Connection over TLS (a QSslSocket). The socket hands over decrypted bytes, so frames, read
// chunks and capture records are those of the Switchboard stream inside TLS: the inspector and
// pcapng files show plaintext frames and mark the connection as decrypted (isEncrypted()).
// TLS records themselves (handshake, alerts) never reach the frame decoder.
class TlsConnection : public TcpConnection
{
    Q_OBJECT
public:
    // Takes ownership of the socket, unencrypted yet (connecting, or accepted from a listener).
    explicit TlsConnection(QSslSocket *socket, QObject *parent = nullptr);

    QSslSocket *sslSocket() const { return m_ssl; }
    bool isEncrypted() const override { return true; }
    // "TLSv1.3 TLS_AES_256_GCM_SHA384" once encrypted.
    QString sessionDescription() const;
    // Server side: answer the client's handshake with the socket's configuration.
    void startServerEncryption();

signals:
    // The handshake completed (client side: before any frame is sent; check the peer first).
    void encrypted();
    // The handshake failed or the peer broke TLS; the connection closes next.
    void tlsFailed(const QString &message);

private:
    QSslSocket *m_ssl;
};

} // namespace Switchboard
