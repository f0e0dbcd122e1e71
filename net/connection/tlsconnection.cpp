#include "tlsconnection.h"

#include <QSslCipher>

namespace Switchboard {

namespace {

QString protocolName(QSsl::SslProtocol p)
{
    switch (p) {
    case QSsl::TlsV1_2:
        return QStringLiteral("TLSv1.2");
    case QSsl::TlsV1_3:
        return QStringLiteral("TLSv1.3");
    default:
        return QStringLiteral("TLS");
    }
}

bool isTlsFailure(QAbstractSocket::SocketError e)
{
    return e == QAbstractSocket::SslHandshakeFailedError || e == QAbstractSocket::SslInternalError
        || e == QAbstractSocket::SslInvalidUserDataError;
}

} // namespace

TlsConnection::TlsConnection(QSslSocket *socket, QObject *parent)
    : TcpConnection(socket, parent)
    , m_ssl(socket)
{
    connect(m_ssl, &QSslSocket::encrypted, this, [this] {
        captureEvent(QStringLiteral("TLS established: %1 (frames shown decrypted)").arg(sessionDescription()));
        emit encrypted();
    });
    connect(this, &TcpConnection::socketError, this, [this](QAbstractSocket::SocketError e, const QString &message) {
        if (!isTlsFailure(e))
            return;
        captureEvent(QStringLiteral("TLS failed: %1").arg(message));
        emit tlsFailed(message);
    });
}

QString TlsConnection::sessionDescription() const
{
    if (!m_ssl->isEncrypted())
        return QString();
    return protocolName(m_ssl->sessionProtocol()) + QLatin1Char(' ') + m_ssl->sessionCipher().name();
}

void TlsConnection::startServerEncryption()
{
    m_ssl->startServerEncryption();
}

} // namespace Switchboard
