#include "chatclient.h"

#include "net/core/logging.h"

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
        if (m_state == State::Connecting)
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
    auto *socket = new QTcpSocket;
    m_connection = new TcpConnection(socket, this);
    // What we accept from the server: room.joined and history replies carry many messages, so
    // headers may be larger than what the server accepts from us (docs/PROTOCOL.md, limits).
    FrameLimits inbound;
    inbound.maxHeaderBytes = m_maxInboundHeader;
    m_connection->setLimits(inbound);
    if (m_sink)
        m_connection->setCaptureSink(m_sink);
    connect(m_connection, &TcpConnection::connected, this, &ChatClient::onConnected);
    connect(m_connection, &Connection::frameReceived, this, &ChatClient::onFrame);
    connect(m_connection, &TcpConnection::socketError, this, [this](QAbstractSocket::SocketError, const QString &msg) {
        if (m_lastError.isEmpty())
            m_lastError = msg;
    });
    connect(m_connection, &Connection::protocolError, this, [this](const QString &code, const QString &msg) {
        if (m_state == State::Negotiating) {
            // The very first bytes are not a frame: whatever listens there speaks something else.
            failConnecting(Error::local(ErrorCode::NotSwitchboard,
                                        tr("This is not a Switchboard server.%1").arg(describeFirstBytes())));
            return;
        }
        m_lastError = tr("The server sent a malformed frame (%1): %2").arg(code, msg);
        m_connection->abort();
    });
    connect(m_connection, &Connection::disconnected, this, &ChatClient::onDisconnected);
    setState(State::Connecting);
    m_deadline.start(m_connectTimeoutMs);
    socket->connectToHost(host, port);
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
    setState(State::Disconnected);
    const QString reason = m_lastError.isEmpty() ? tr("The server closed the connection.") : m_lastError;
    Error failure = m_failure;
    if (!m_failed) {
        // Closed before a hello: refused or dropped while connecting, or by the peer right away.
        failure = was == State::Connecting
            ? Error::local(ErrorCode::Unreachable, reason)
            : Error::local(ErrorCode::NotSwitchboard,
                           tr("The server closed the connection without a Switchboard hello.%1").arg(describeFirstBytes()));
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
