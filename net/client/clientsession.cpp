#include "clientsession.h"

#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/protocol/protocol.h"
#include "transfermanager.h"

#include <QJsonObject>

#include <QPointer>
#include <QThreadPool>

namespace Switchboard {

using namespace Protocol;

static QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out.append(x.toString());
    return out;
}

static QList<ChatMessage> toMessages(const QJsonValue &v)
{
    QList<ChatMessage> out;
    for (const QJsonValue &x : v.toArray())
        out.append(ChatMessage::fromJson(x.toObject()));
    return out;
}

ClientSession::ClientSession(QObject *parent)
    : QObject(parent)
    , m_client(new ChatClient(this))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ClientSession::connectNow);
    connect(m_client, &ChatClient::ready, this, &ClientSession::onReady);
    connect(m_client, &ChatClient::frameReceived, this, &ClientSession::onFrame);
    connect(m_client, &ChatClient::serverError, this, &ClientSession::onServerError);
    connect(m_client, &ChatClient::disconnected, this, &ClientSession::onDisconnected);
    connect(m_client, &ChatClient::connectionFailed, this, &ClientSession::onConnectionFailed);

    // Transfers: queued ones start only while logged in, and belong to the account (user and
    // server) they were started for. Connecting as another account, or logging out (logOut()
    // forgets the credential), cancels and removes the previous account's; a dropped connection
    // keeps them for a retry under the same account.
    m_transfers = new TransferManager(m_client, this);
    m_transfers->setActive(false);
    connect(this, &ClientSession::statusChanged, m_transfers, [this](Status s) {
        const bool loggedOut = s == Status::Offline && m_credential.isEmpty();
        m_transfers->setAccount(loggedOut ? QString() : m_user + QLatin1Char('@') + serverAddress());
        m_transfers->setActive(s == Status::Online);
    });
}

ClientSession::~ClientSession()
{
    delete m_scram;
}

QStringList ClientSession::joinedRooms() const
{
    QStringList out(m_rooms.begin(), m_rooms.end());
    out.sort();
    return out;
}

void ClientSession::setStatus(Status s)
{
    if (m_status == s)
        return;
    m_status = s;
    emit statusChanged(s);
}

void ClientSession::logIn(const QString &host, quint16 port, const QString &user, const QString &password, bool registerFirst)
{
    m_reconnectTimer.stop();
    if (m_client->state() != ChatClient::State::Disconnected) {
        m_userQuit = true;
        m_client->disconnectFromServer();
    }
    m_host = host;
    m_port = port;
    m_user = user;
    m_credential = Credentials::md5Credential(user, password).toLatin1();
    m_registerFirst = registerFirst;
    m_everLoggedIn = false;
    m_userQuit = false;
    m_backoffMs = 500;
    m_cachedSaltedPassword.clear();
    m_rooms.clear();
    m_members.clear();
    connectNow();
}

void ClientSession::logOut()
{
    m_userQuit = true;
    m_reconnectTimer.stop();
    m_credential.clear();
    m_cachedSaltedPassword.clear();
    m_client->disconnectFromServer();
    setStatus(Status::Offline);
}

void ClientSession::connectNow()
{
    setStatus(m_everLoggedIn ? Status::Reconnecting : Status::Connecting);
    m_client->connectToServer(m_host, m_port);
}

void ClientSession::onReady()
{
    setStatus(Status::LoggingIn);
    if (!m_registerFirst) {
        beginAuth();
        return;
    }
    // Registration sends only the verifier; derive it off this thread.
    const QByteArray salt = Credentials::randomSalt();
    const int iterations = Credentials::DefaultIterations;
    const QByteArray credential = m_credential;
    QPointer<ClientSession> self(this);
    QThreadPool::globalInstance()->start([self, salt, iterations, credential] {
        const QByteArray salted = Credentials::saltedPassword(credential, salt, iterations);
        QMetaObject::invokeMethod(self, [self, salt, iterations, salted] {
            if (self)
                self->sendRegistration(salt, iterations, salted);
        }, Qt::QueuedConnection);
    });
}

void ClientSession::sendRegistration(const QByteArray &salt, int iterations, const QByteArray &saltedPassword)
{
    if (m_status != Status::LoggingIn)
        return;
    const ScramVerifier v = Credentials::verifierFromSaltedPassword(salt, iterations, saltedPassword);
    m_cachedSalt = salt;
    m_cachedIterations = iterations;
    m_cachedSaltedPassword = saltedPassword;
    m_authRequestId = m_client->sendRequest(QJsonObject{
        {QStringLiteral("type"), Type::Register},
        {QStringLiteral("user"), m_user},
        {QStringLiteral("scheme"), v.scheme},
        {QStringLiteral("salt"), QString::fromLatin1(v.salt.toBase64())},
        {QStringLiteral("iterations"), v.iterations},
        {QStringLiteral("storedKey"), QString::fromLatin1(v.storedKey.toBase64())},
        {QStringLiteral("serverKey"), QString::fromLatin1(v.serverKey.toBase64())}});
}

void ClientSession::beginAuth()
{
    delete m_scram;
    m_scram = new ScramClient(m_user);
    const QByteArray first = m_scram->clientFirstMessage();
    if (first.isEmpty()) {
        emit loginFailed(ErrorCode::InvalidUserName, m_scram->errorString(), 0);
        logOut();
        return;
    }
    m_authRequestId = m_client->sendRequest(QJsonObject{{QStringLiteral("type"), Type::AuthStart},
                                                        {QStringLiteral("mechanism"), QStringLiteral("SCRAM-SHA-256")},
                                                        {QStringLiteral("data"), QString::fromUtf8(first)}});
}

void ClientSession::onChallenge(const Frame &frame)
{
    if (!m_scram || !m_scram->handleServerFirst(frame.header.value(QLatin1String("data")).toString().toUtf8())) {
        emit loginFailed(ErrorCode::AuthFailed, m_scram ? m_scram->errorString() : QString(), 0);
        logOut();
        return;
    }
    const QByteArray salt = m_scram->salt();
    const int iterations = m_scram->iterations();
    auto finish = [this](const QByteArray &salted) {
        if (!m_scram || m_status != Status::LoggingIn)
            return;
        if (!m_scram->computeProof(salted)) {
            emit loginFailed(ErrorCode::AuthFailed, m_scram->errorString(), 0);
            logOut();
            return;
        }
        m_authRequestId = m_client->sendRequest(QJsonObject{{QStringLiteral("type"), Type::AuthFinish},
                                                            {QStringLiteral("data"), QString::fromUtf8(m_scram->clientFinalMessage())}});
    };
    if (!m_cachedSaltedPassword.isEmpty() && salt == m_cachedSalt && iterations == m_cachedIterations) {
        finish(m_cachedSaltedPassword);
        return;
    }
    // PBKDF2 takes tens of milliseconds: never on the caller's (GUI) thread.
    const QByteArray credential = m_credential;
    QPointer<ClientSession> self(this);
    QThreadPool::globalInstance()->start([self, credential, salt, iterations, finish] {
        const QByteArray salted = ScramClient::saltedPassword(credential, salt, iterations);
        QMetaObject::invokeMethod(self, [self, salt, iterations, salted, finish] {
            if (!self)
                return;
            self->m_cachedSalt = salt;
            self->m_cachedIterations = iterations;
            self->m_cachedSaltedPassword = salted;
            finish(salted);
        }, Qt::QueuedConnection);
    });
}

void ClientSession::onAuthOk(const Frame &frame)
{
    if (!m_scram || !m_scram->handleServerFinal(frame.header.value(QLatin1String("data")).toString().toUtf8())) {
        // The server could not prove it knows our verifier: do not trust it.
        emit loginFailed(ErrorCode::AuthFailed, tr("The server's identity could not be verified."), 0);
        logOut();
        return;
    }
    delete m_scram;
    m_scram = nullptr;
    m_registerFirst = false;
    const bool first = !m_everLoggedIn;
    m_everLoggedIn = true;
    m_backoffMs = 500;
    setStatus(Status::Online);
    if (first)
        emit loggedIn(m_user);
    afterLogin();
}

void ClientSession::afterLogin()
{
    QSet<QString> rooms = m_rooms;
    for (const QString &r : std::as_const(m_autoJoin))
        rooms.insert(r);
    for (const QString &r : std::as_const(rooms))
        joinRoom(r);
    requestRoomList();
    flushOutbox();
}

qint64 ClientSession::joinRoom(const QString &room)
{
    if (m_status != Status::Online) {
        m_rooms.insert(room); // joined when we are back
        return 0;
    }
    return m_client->sendRequest(QJsonObject{{QStringLiteral("type"), Type::RoomJoin}, {QStringLiteral("room"), room}});
}

qint64 ClientSession::leaveRoom(const QString &room)
{
    m_rooms.remove(room);
    m_members.remove(room);
    if (m_status != Status::Online)
        return 0;
    return m_client->sendRequest(QJsonObject{{QStringLiteral("type"), Type::RoomLeave}, {QStringLiteral("room"), room}});
}

qint64 ClientSession::requestHistory(const QString &room, const QString &withUser)
{
    if (m_status != Status::Online)
        return 0;
    QJsonObject req{{QStringLiteral("type"), QStringLiteral("history")}};
    if (!room.isEmpty())
        req.insert(QStringLiteral("room"), room);
    else
        req.insert(QStringLiteral("with"), withUser);
    const qint64 id = m_client->sendRequest(req);
    m_historyRequests.insert(id, room.isEmpty() ? QStringLiteral("with:") + withUser : QStringLiteral("room:") + room);
    return id;
}

qint64 ClientSession::requestRoomList()
{
    if (m_status != Status::Online)
        return 0;
    return m_client->sendRequest(QJsonObject{{QStringLiteral("type"), Type::RoomList}});
}

qint64 ClientSession::sendToRoom(const QString &room, const QString &text)
{
    return enqueue(Outgoing{0, room, QString(), text});
}

qint64 ClientSession::sendToUser(const QString &user, const QString &text)
{
    return enqueue(Outgoing{0, QString(), user, text});
}

qint64 ClientSession::enqueue(Outgoing m)
{
    m.localId = m_nextLocalId++;
    // A text that cannot fit in a frame header would make the server drop the connection
    // (frame_header_too_large): refuse it here instead.
    const qint64 maxHeader = m_client->serverHello().value(QLatin1String("limits")).toObject()
                                 .value(QLatin1String("maxHeader")).toInteger(65536);
    if (m.text.toUtf8().size() > maxHeader - 1024) {
        const qint64 id = m.localId;
        QMetaObject::invokeMethod(this, [this, id] {
            emit messageRejected(id, ErrorCode::MessageTooLong, tr("The message is too long to send."));
        }, Qt::QueuedConnection);
        return id;
    }
    if (m_status == Status::Online && m_outbox.isEmpty()) {
        transmit(m);
    } else {
        m_outbox.append(m);
        emit queueChanged(int(m_outbox.size()));
    }
    return m.localId;
}

void ClientSession::transmit(const Outgoing &m)
{
    QJsonObject req{{QStringLiteral("type"), Type::ChatSend}, {QStringLiteral("text"), m.text}};
    if (!m.room.isEmpty())
        req.insert(QStringLiteral("room"), m.room);
    else
        req.insert(QStringLiteral("to"), m.to);
    const qint64 id = m_client->sendRequest(req);
    if (id != 0)
        m_inFlight.insert(id, m);
    else
        m_outbox.prepend(m);
}

void ClientSession::flushOutbox()
{
    if (m_outbox.isEmpty())
        return;
    const QList<Outgoing> pending = m_outbox;
    m_outbox.clear();
    for (const Outgoing &m : pending)
        transmit(m);
    emit queueChanged(int(m_outbox.size()));
}

void ClientSession::onFrame(const Frame &frame)
{
    const QString type = frame.type();
    const qint64 id = frame.header.value(QLatin1String("id")).toInteger(0);
    const QJsonObject &h = frame.header;

    if (type == Type::AuthChallenge) {
        onChallenge(frame);
    } else if (type == Type::AuthOk) {
        onAuthOk(frame);
    } else if (type == Type::Registered) {
        emit registered(m_user);
        beginAuth();
    } else if (type == Type::ChatMessage) {
        emit messageReceived(ChatMessage::fromJson(h));
    } else if (type == Type::ChatAck) {
        const auto it = m_inFlight.find(id);
        if (it != m_inFlight.end()) {
            const qint64 localId = it->localId;
            m_inFlight.erase(it);
            emit messageSent(localId, h.value(QLatin1String("msg")).toInteger());
        }
    } else if (type == Type::RoomJoined) {
        const QString room = h.value(QLatin1String("room")).toString();
        m_rooms.insert(room);
        m_members.insert(room, toStringList(h.value(QLatin1String("members"))));
        emit roomJoined(room, m_members.value(room), toMessages(h.value(QLatin1String("history"))));
    } else if (type == Type::RoomLeft) {
        const QString room = h.value(QLatin1String("room")).toString();
        m_rooms.remove(room);
        m_members.remove(room);
        emit roomLeft(room);
    } else if (type == Type::Rooms) {
        QStringList names;
        for (const QJsonValue &r : h.value(QLatin1String("rooms")).toArray())
            names.append(r.toObject().value(QLatin1String("name")).toString());
        m_online = toStringList(h.value(QLatin1String("online")));
        emit onlineUsersChanged(m_online);
        emit roomListReceived(names);
    } else if (type == QLatin1String("history")) {
        const QString key = m_historyRequests.take(id);
        const QList<ChatMessage> messages = toMessages(h.value(QLatin1String("messages")));
        if (key.startsWith(QLatin1String("room:")))
            emit historyReceived(key.mid(5), QString(), messages);
        else
            emit historyReceived(QString(), key.mid(5), messages);
    } else if (type == Type::Presence) {
        const QString room = h.value(QLatin1String("room")).toString();
        const QString user = h.value(QLatin1String("user")).toString();
        const QString event = h.value(QLatin1String("event")).toString();
        if (room.isEmpty()) {
            if (event == QLatin1String("online") && !m_online.contains(user))
                m_online.append(user);
            else if (event == QLatin1String("offline"))
                m_online.removeAll(user);
            m_online.sort();
            emit onlineUsersChanged(m_online);
        } else if (m_members.contains(room)) {
            QStringList &members = m_members[room];
            if (event == QLatin1String("join") && !members.contains(user))
                members.append(user);
            else if (event == QLatin1String("leave"))
                members.removeAll(user);
            members.sort();
            emit membersChanged(room);
        }
        emit presence(room, user, event);
    }
}

void ClientSession::onServerError(const QString &code, const QString &message, qint64 requestId, bool fatal)
{
    if (requestId != 0 && requestId == m_authRequestId && m_status == Status::LoggingIn) {
        m_userQuit = true; // a refused login is not retried automatically
        m_client->disconnectFromServer();
        setStatus(Status::Offline);
        emit loginFailed(code, message, m_client->lastErrorFrame().value(QLatin1String("retryAfter")).toInt());
        return;
    }
    if (const auto it = m_inFlight.find(requestId); requestId != 0 && it != m_inFlight.end()) {
        const qint64 localId = it->localId;
        m_inFlight.erase(it);
        emit messageRejected(localId, code, message);
        return;
    }
    if (code == ErrorCode::Kicked)
        m_userQuit = true; // the host removed us: coming straight back would defeat that
    if (fatal && m_status == Status::LoggingIn) {
        emit loginFailed(code, message, 0);
        m_userQuit = true;
        return;
    }
    emit errorReceived(code, message);
}

void ClientSession::onConnectionFailed(const QString &reason)
{
    if (!m_everLoggedIn) {
        setStatus(Status::Offline);
        emit loginFailed(QStringLiteral("unreachable"), reason, 0);
        return;
    }
    scheduleReconnect();
}

void ClientSession::onDisconnected(const QString &reason)
{
    // Messages written but not acknowledged go back to the front of the outbox (at-least-once).
    QList<Outgoing> unacked = m_inFlight.values();
    std::sort(unacked.begin(), unacked.end(), [](const Outgoing &a, const Outgoing &b) { return a.localId < b.localId; });
    m_inFlight.clear();
    m_outbox = unacked + m_outbox;
    if (!unacked.isEmpty())
        emit queueChanged(int(m_outbox.size()));
    delete m_scram;
    m_scram = nullptr;

    if (m_status == Status::LoggingIn && !m_everLoggedIn && !m_userQuit) {
        setStatus(Status::Offline);
        emit loginFailed(QStringLiteral("disconnected"), reason, 0);
        return;
    }
    // Only a session that was online has something to report; a failed or abandoned login
    // already said why through loginFailed.
    if (m_status == Status::Online)
        emit disconnected(reason);
    if (m_userQuit || !m_autoReconnect || !m_everLoggedIn) {
        setStatus(Status::Offline);
        return;
    }
    scheduleReconnect();
}

void ClientSession::scheduleReconnect()
{
    setStatus(Status::Reconnecting);
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, 30000);
}

} // namespace Switchboard
