#include "chatclient.h"

#include "net/connection/tlsconnection.h"
#include "net/core/logging.h"
#include "net/tls/servertrust.h"

#include <QSslConfiguration>
#include <QSslSocket>

namespace Switchboard {

using namespace Protocol;

ChatClient::ChatClient(QObject *parent)
    : QObject(parent)
    , m_clientName(QStringLiteral("switchboard/") + QStringLiteral(SWITCHBOARD_VERSION))
{
    m_clock.start();
    m_keepalive.setInterval(30000);
    connect(&m_keepalive, &QTimer::timeout, this, [this] {
        if (m_state == State::Ready)
            ping();
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        if (m_state == State::Connecting && m_securing)
            failConnecting(Error::local(ErrorCode::TlsError,
                                        tr("No TLS handshake within %1 s: does this server use TLS (not --no-tls), "
                                           "and is this the right port?")
                                            .arg(m_handshakeTimeoutMs / 1000.0)));
        else if (m_state == State::Connecting)
            failConnecting(Error::local(ErrorCode::Unreachable,
                                        tr("The server did not accept the connection within %1 s.")
                                            .arg(m_connectTimeoutMs / 1000.0)));
        else if (m_state == State::Negotiating)
            failConnecting(Error::local(ErrorCode::HandshakeTimeout,
                                        tr("No answer from a Switchboard server within %1 s: is this the right port?%2")
                                            .arg(m_handshakeTimeoutMs / 1000.0)
                                            .arg(describeFirstBytes())));
    });

    m_router.setInvalidHandler([](ChatClient &, const Frame &f, const DecodeError &e) {
        qCWarning(lcClient) << "ignoring malformed" << f.type() << "from the server:" << e.toString();
    });
    m_router.on<Ping>([](ChatClient &c, const Ping &ping, const Frame &) { c.send(Pong{ping.id, ping.t}); });
    m_router.on<Pong>([](ChatClient &c, const Pong &pong, const Frame &) {
        const auto it = c.m_pingSentNs.find(pong.id);
        if (it == c.m_pingSentNs.end())
            return;
        const double ms = double(c.m_clock.nsecsElapsed() - it.value()) / 1e6;
        c.m_pingSentNs.erase(it);
        emit c.pongReceived(pong.id, ms);
    });
    m_router.on<Error>([](ChatClient &c, const Error &e, const Frame &) {
        if (e.fatal)
            c.m_lastError = e.message;
        emit c.serverError(e);
    });
}

ChatClient::~ChatClient()
{
    if (m_connection)
        m_connection->disconnect(this);
}

QString ChatClient::peerName() const
{
    return m_connection ? m_connection->peerName() : QString();
}

void ChatClient::setCaptureSink(CaptureSink *sink)
{
    m_sink = sink;
    if (m_connection)
        m_connection->setCaptureSink(sink);
}

void ChatClient::setKeepaliveInterval(int ms)
{
    if (ms <= 0) {
        m_keepalive.stop();
        m_keepalive.setInterval(0);
        return;
    }
    m_keepalive.setInterval(ms);
    if (m_state == State::Ready)
        m_keepalive.start();
}

void ChatClient::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

void ChatClient::connectToServer(const QString &host, quint16 port)
{
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->abort();
        m_connection->deleteLater();
    }
    m_lastError.clear();
    m_failed = false;
    m_hello = HelloReply();
    m_host = host;
    m_port = port;
    m_fingerprint.clear();
    m_securing = m_caFailed = m_trustPending = m_helloWaiting = false;
    if (m_tls.enabled) {
        connectTls(host, port);
        return;
    }
    auto *socket = new QTcpSocket;
    m_connection = new TcpConnection(socket, this);
    setUpConnection();
    connect(m_connection, &TcpConnection::connected, this, &ChatClient::onConnected);
    setState(State::Connecting);
    m_deadline.start(m_connectTimeoutMs);
    socket->connectToHost(host, port);
}

void ChatClient::setUpConnection()
{
    // What we accept from the server: room.joined and history replies carry many messages, so
    // headers may be larger than what the server accepts from us (docs/PROTOCOL.md, limits).
    FrameLimits inbound;
    inbound.maxHeaderBytes = m_maxInboundHeader;
    m_connection->setLimits(inbound);
    if (m_sink)
        m_connection->setCaptureSink(m_sink);
    connect(m_connection, &Connection::frameReceived, this, &ChatClient::onFrame);
    connect(m_connection, &TcpConnection::socketError, this, [this](QAbstractSocket::SocketError, const QString &msg) {
        if (m_lastError.isEmpty())
            m_lastError = msg;
    });
    connect(m_connection, &Connection::protocolError, this, [this](const QString &code, const QString &msg) {
        if (m_state == State::Negotiating) {
            // The very first bytes are not a frame: whatever listens there speaks something else.
            failConnecting(Error::local(ErrorCode::NotSwitchboard,
                                        tr("This is not a Switchboard server.%1").arg(describeFirstBytes())
                                            + plaintextHint()));
            return;
        }
        m_lastError = tr("The server sent a malformed frame (%1): %2").arg(code, msg);
        m_connection->abort();
    });
    connect(m_connection, &Connection::disconnected, this, &ChatClient::onDisconnected);
}

void ChatClient::connectTls(const QString &host, quint16 port)
{
    auto *ssl = new QSslSocket;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    ssl->setSslConfiguration(config);
    ssl->setPeerVerifyName(host);
    auto *tls = new TlsConnection(ssl, this);
    m_connection = tls;
    setUpConnection();
    // A certificate that no system CA vouches for (self-signed, another host name) is not the end:
    // its fingerprint decides in onEncrypted(), before any frame is sent.
    connect(ssl, &QSslSocket::sslErrors, this, [this, ssl](const QList<QSslError> &) {
        m_caFailed = true;
        ssl->ignoreSslErrors();
    });
    connect(tls, &TcpConnection::connected, this, [this] {
        m_securing = true;
        m_deadline.start(m_handshakeTimeoutMs);
    });
    connect(tls, &TlsConnection::encrypted, this, &ChatClient::onEncrypted);
    connect(tls, &TlsConnection::tlsFailed, this, [this](const QString &message) {
        failConnecting(Error::local(ErrorCode::TlsError,
                                    tr("The TLS handshake failed (%1). Does this server use TLS? A server started "
                                       "with --no-tls does not; connect unencrypted to reach it.")
                                        .arg(message)));
    });
    setState(State::Connecting);
    m_deadline.start(m_connectTimeoutMs);
    ssl->connectToHostEncrypted(host, port);
}

void ChatClient::onEncrypted()
{
    m_securing = false;
    auto *tls = qobject_cast<TlsConnection *>(m_connection.data());
    if (!tls)
        return;
    const ServerTrust trust(m_tls, m_host, m_port);
    const ServerTrust::Result r = trust.check(tls->sslSocket()->peerCertificate(), !m_caFailed);
    m_fingerprint = r.fingerprint;
    if (r.fingerprint.isEmpty()) {
        failConnecting(Error::local(ErrorCode::TlsError, tr("The server presented no certificate.")));
        return;
    }
    if (r.verdict == ServerTrust::Verdict::Trusted) {
        if (r.how == QLatin1String("sibling"))
            rememberServer(); // from now on known at this address too
        onConnected();
        return;
    }
    if (r.verdict == ServerTrust::Verdict::Changed) {
        failConnecting(Error::local(ErrorCode::CertificateChanged, trust.changedMessage(r)));
        return;
    }
    switch (m_tls.unknownServer) {
    case ClientTls::UnknownServer::Refuse:
        failConnecting(Error::local(ErrorCode::CertificateUnknown,
                                    tr("%1 is not a known server and unknown servers are refused (--strict-tls). Its "
                                       "certificate fingerprint is %2; if the server's operator confirms it, "
                                       "connect with --fingerprint %2.")
                                        .arg(trust.server(), r.fingerprint)));
        return;
    case ClientTls::UnknownServer::TrustFirstUse:
        rememberServer();
        onConnected();
        return;
    case ClientTls::UnknownServer::Ask:
        // The hello carries nothing secret and keeps the server from timing us out while the
        // user decides; nothing else is sent until trustServer(true).
        m_trustPending = true;
        onConnected();
        emit trustRequested(trust.server(), r.fingerprint);
        return;
    }
}

void ChatClient::rememberServer()
{
    const ServerTrust trust(m_tls, m_host, m_port);
    QString error;
    if (!trust.remember(m_fingerprint, &error))
        qCWarning(lcClient).noquote() << "cannot record the server's fingerprint:" << error;
    emit serverRecorded(trust.server(), m_fingerprint, trust.knownServersFile());
}

void ChatClient::trustServer(bool trusted)
{
    if (!m_trustPending || !m_connection)
        return;
    m_trustPending = false;
    if (!trusted) {
        failConnecting(Error::local(ErrorCode::CertificateUnknown,
                                    tr("The server's certificate (%1) was not trusted.").arg(m_fingerprint)));
        return;
    }
    rememberServer();
    if (m_helloWaiting) {
        m_helloWaiting = false;
        finishHello();
    }
}

bool ChatClient::isEncrypted() const
{
    return m_connection && m_connection->isEncrypted() && m_state == State::Ready;
}

QString ChatClient::tlsDescription() const
{
    auto *tls = qobject_cast<TlsConnection *>(m_connection.data());
    return tls ? tls->sessionDescription() : QString();
}

QString ChatClient::plaintextHint() const
{
    return m_tls.enabled ? QString()
                         : QLatin1Char(' ')
            + tr("If the server uses TLS (the default), connect with encryption on.");
}

void ChatClient::disconnectFromServer()
{
    if (!m_connection)
        return;
    if (m_state == State::Connecting || m_state == State::Negotiating) {
        failConnecting(Error::local(ErrorCode::Cancelled, tr("Cancelled.")));
        return;
    }
    m_lastError = tr("Disconnected by the user.");
    m_connection->close();
}

void ChatClient::onConnected()
{
    setState(State::Negotiating);
    m_deadline.start(m_handshakeTimeoutMs);
    Hello hello;
    hello.id = m_helloId = m_requests.nextId();
    hello.versions = {Version};
    hello.client = m_clientName;
    hello.maxHeader = m_maxInboundHeader;
    writeHeader(hello.toJson(), {});
}

void ChatClient::writeHeader(const QJsonObject &header, const QByteArray &payload)
{
    m_connection->sendFrame(header, payload);
}

qint64 ChatClient::ping()
{
    if (m_state != State::Ready)
        return 0;
    const qint64 id = m_requests.nextId();
    m_pingSentNs.insert(id, m_clock.nsecsElapsed());
    send(Ping{id, QJsonValue()});
    return id;
}

void ChatClient::onFrame(const Frame &frame)
{
    if (m_state == State::Negotiating && m_helloWaiting) {
        // Waiting for the user to trust the server: answer pings, note fatal errors, nothing else.
        if (frame.type() == Ping::Type || frame.type() == Error::Type)
            m_router.route(*this, frame);
        return;
    }
    if (m_state == State::Negotiating) {
        onHelloFrame(frame);
        return;
    }
    if (m_state != State::Ready)
        return;
    // A ping is the server's own request: its id is in the server's numbering, not ours.
    if (frame.type() != Ping::Type && m_requests.resolve(frame))
        return;
    if (!m_router.route(*this, frame))
        qCDebug(lcClient) << "no handler for" << frame.type();
}

void ChatClient::onHelloFrame(const Frame &frame)
{
    if (frame.type() == Error::Type) {
        const Decoded<Error> e = Error::fromJson(frame.header);
        if (e) {
            failConnecting(e.value()); // server_full, version_unsupported, ...
            return;
        }
    }
    const Decoded<HelloReply> hello = HelloReply::fromJson(frame.header);
    if (frame.type() != HelloReply::Type || !hello || hello->version != Version) {
        failConnecting(Error::local(ErrorCode::NotSwitchboard,
                                    tr("The server did not answer with a Switchboard hello.%1").arg(describeFirstBytes())));
        return;
    }
    m_deadline.stop();
    m_hello = hello.value();
    if (m_trustPending) {
        m_helloWaiting = true; // ready once the user trusts the server
        return;
    }
    finishHello();
}

void ChatClient::finishHello()
{
    setState(State::Ready);
    if (m_keepalive.interval() > 0)
        m_keepalive.start();
    emit ready();
}

QString ChatClient::describeFirstBytes() const
{
    if (!m_connection || m_connection->firstBytes().isEmpty())
        return QString();
    const QByteArray bytes = m_connection->firstBytes();
    QString shown;
    for (const char c : bytes) {
        if (c >= 0x20 && c < 0x7f)
            shown += QLatin1Char(c);
        else if (c == '\n')
            shown += QStringLiteral("\\n");
        else if (c == '\r')
            shown += QStringLiteral("\\r");
        else
            shown += QStringLiteral("\\x%1").arg(quint8(c), 2, 16, QLatin1Char('0'));
    }
    return QLatin1Char(' ') + tr("It sent: \"%1\"").arg(shown);
}

void ChatClient::failConnecting(const Error &error)
{
    if (m_failed || !m_connection)
        return;
    m_failed = true;
    m_failure = error;
    m_deadline.stop();
    // Report once the socket is gone (onDisconnected), so a caller may reconnect from the slot.
    m_connection->abort();
    if (m_connection && m_state != State::Disconnected)
        onDisconnected();
}

void ChatClient::onDisconnected()
{
    if (m_state == State::Disconnected)
        return;
    const State was = m_state;
    m_keepalive.stop();
    m_deadline.stop();
    m_pingSentNs.clear();
    m_trustPending = m_helloWaiting = m_securing = false;
    setState(State::Disconnected);
    const QString reason = m_lastError.isEmpty() ? tr("The server closed the connection.") : m_lastError;
    Error failure = m_failure;
    if (!m_failed) {
        // Closed before a hello: refused or dropped while connecting, or by the peer right away.
        failure = was == State::Connecting
            ? Error::local(ErrorCode::Unreachable, reason)
            : Error::local(ErrorCode::NotSwitchboard,
                           tr("The server closed the connection without a Switchboard hello.%1").arg(describeFirstBytes())
                               + plaintextHint());
    }
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
    m_requests.failAll(ErrorCode::Disconnected, reason);
    if (was == State::Ready) {
        emit disconnected(reason);
        return;
    }
    m_failed = false;
    m_failure = Error();
    emit connectionFailed(failure);
}

} // namespace Switchboard
