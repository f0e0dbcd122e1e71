#include "chatclient.h"

#include "net/connection/tcpconnection.h"
#include "net/protocol/protocol.h"

#include <QJsonArray>

namespace Switchboard {

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
    m_serverHello = QJsonObject();
    auto *socket = new QTcpSocket;
    m_connection = new TcpConnection(socket, this);
    if (m_sink)
        m_connection->setCaptureSink(m_sink);
    connect(m_connection, &TcpConnection::connected, this, &ChatClient::onConnected);
    connect(m_connection, &Connection::frameReceived, this, &ChatClient::onFrame);
    connect(m_connection, &TcpConnection::socketError, this, [this](QAbstractSocket::SocketError, const QString &msg) {
        if (m_lastError.isEmpty())
            m_lastError = msg;
    });
    connect(m_connection, &Connection::protocolError, this, [this](const QString &code, const QString &msg) {
        m_lastError = tr("The server sent a malformed frame (%1): %2").arg(code, msg);
        m_connection->abort();
    });
    connect(m_connection, &Connection::disconnected, this, &ChatClient::onDisconnected);
    setState(State::Connecting);
    socket->connectToHost(host, port);
}

void ChatClient::disconnectFromServer()
{
    if (!m_connection)
        return;
    m_lastError = tr("Disconnected by the user.");
    m_connection->close();
}

void ChatClient::onConnected()
{
    setState(State::Negotiating);
    sendRequest(QJsonObject{{QStringLiteral("type"), Protocol::Type::Hello},
                            {QStringLiteral("versions"), QJsonArray{Protocol::Version}},
                            {QStringLiteral("client"), m_clientName}});
}

qint64 ChatClient::sendRequest(QJsonObject header, const QByteArray &payload)
{
    if (!m_connection || !m_connection->isOpen())
        return 0;
    qint64 id = header.value(QLatin1String("id")).toInteger(0);
    if (id == 0) {
        id = m_nextId++;
        header.insert(QStringLiteral("id"), double(id));
    }
    m_connection->sendFrame(header, payload);
    return id;
}

qint64 ChatClient::ping()
{
    if (m_state != State::Ready)
        return 0;
    const qint64 id = m_nextId++;
    m_pingSentNs.insert(id, m_clock.nsecsElapsed());
    sendRequest(QJsonObject{{QStringLiteral("type"), Protocol::Type::Ping}, {QStringLiteral("id"), double(id)}});
    return id;
}

void ChatClient::onFrame(const Frame &frame)
{
    const QString type = frame.type();
    const qint64 id = frame.header.value(QLatin1String("id")).toInteger(0);
    if (type == Protocol::Type::Error) {
        const bool fatal = frame.header.value(QLatin1String("fatal")).toBool();
        const QString message = frame.header.value(QLatin1String("message")).toString();
        if (fatal)
            m_lastError = message;
        m_lastErrorFrame = frame.header;
        emit serverError(frame.header.value(QLatin1String("code")).toString(), message, id, fatal);
        if (m_state != State::Ready)
            return;
    }
    if (m_state == State::Negotiating) {
        if (type == Protocol::Type::Hello) {
            m_serverHello = frame.header;
            m_serverName = frame.header.value(QLatin1String("server")).toString();
            setState(State::Ready);
            if (m_keepalive.interval() > 0)
                m_keepalive.start();
            emit ready();
        }
        return;
    }
    if (type == Protocol::Type::Pong) {
        const auto it = m_pingSentNs.find(id);
        if (it != m_pingSentNs.end()) {
            const double ms = double(m_clock.nsecsElapsed() - it.value()) / 1e6;
            m_pingSentNs.erase(it);
            emit pongReceived(id, ms);
        }
        return;
    }
    if (type == Protocol::Type::Ping) {
        QJsonObject pong = Protocol::makeReply(Protocol::Type::Pong, frame);
        m_connection->sendFrame(pong);
        return;
    }
    emit frameReceived(frame);
}

void ChatClient::onDisconnected()
{
    const State was = m_state;
    m_keepalive.stop();
    m_pingSentNs.clear();
    setState(State::Disconnected);
    QString reason = m_lastError.isEmpty() ? tr("The server closed the connection.") : m_lastError;
    if (was == State::Connecting)
        emit connectionFailed(reason);
    else
        emit disconnected(reason);
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->deleteLater();
        m_connection = nullptr;
    }
}

} // namespace Switchboard
