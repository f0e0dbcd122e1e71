#include "clientsession.h"

#include "conversationstore.h"
#include "devicetokenkeeper.h"
#include "messagelistmodel.h"
#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/protocol/frameencoder.h"
#include "transfermanager.h"

#include <QPointer>
#include <QThreadPool>
#include <QUuid>

namespace Switchboard {

using namespace Protocol;

namespace {
QString presenceEventName(Presence::Event e)
{
    switch (e) {
    case Presence::Event::Join:
        return QStringLiteral("join");
    case Presence::Event::Leave:
        return QStringLiteral("leave");
    case Presence::Event::Online:
        return QStringLiteral("online");
    case Presence::Event::Offline:
        return QStringLiteral("offline");
    }
    return QString();
}
} // namespace

QString ClientSession::rejectionText(ErrorCode code, const QString &serverMessage)
{
    // The server's message is English; say it in the user's language where the code is known.
    switch (code) {
    case ErrorCode::EmptyMessage:
        return tr("The message is empty.");
    case ErrorCode::MessageTooLong:
        return tr("The message is too long.");
    case ErrorCode::InvalidRoom:
        return tr("That is not a valid room name.");
    case ErrorCode::NotInRoom:
        return tr("Join the room first.");
    case ErrorCode::UnknownUser:
        return tr("There is no such user.");
    case ErrorCode::AuthRequired:
        return tr("Log in first.");
    case ErrorCode::Timeout:
        return tr("The server did not confirm it in time.");
    case ErrorCode::Cancelled:
        return tr("Discarded at logout.");
    default:
        return serverMessage;
    }
}

ClientSession::ClientSession(QObject *parent)
    : QObject(parent)
    , m_client(new ChatClient(this))
    , m_conversations(new ConversationStore(this))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ClientSession::connectNow);
    connect(m_client, &ChatClient::ready, this, &ClientSession::onReady);
    connect(m_client, &ChatClient::serverError, this, &ClientSession::onServerError);
    connect(m_client, &ChatClient::disconnected, this, &ClientSession::onDisconnected);
    connect(m_client, &ChatClient::connectionFailed, this, &ClientSession::onConnectionFailed);
    connect(m_client, &ChatClient::trustRequested, this, &ClientSession::trustRequested);

    // Frames the server pushes (no request of ours answered by them).
    m_client->on<ChatMessage>(this, [this](const ChatMessage &m, const Frame &) { emit messageReceived(m); });
    m_client->on<Presence>(this, [this](const Presence &p, const Frame &) { onPresence(p); });
    // A join made by another connection of the same user.
    m_client->on<RoomJoined>(this, [this](const RoomJoined &j, const Frame &) { onRoomJoined(j); });
    // Private rooms: invitations, removals and changed access lists pushed by the server.
    m_client->on<RoomInvited>(this, [this](const RoomInvited &i, const Frame &) {
        m_roomAccess[i.room].isPrivate = true;
        emit invitedToRoom(i.room, i.by);
    });
    m_client->on<RoomRemoved>(this, [this](const RoomRemoved &r, const Frame &) { onRemovedFromRoom(r); });
    m_client->on<RoomMembers>(this, [this](const RoomMembers &m, const Frame &) { onMembersPage(m, {}); });
    // The conversation models follow this session's signals (connected first, so a view that
    // reacts to the same signal already finds the row in its model).
    connect(this, &ClientSession::loggedIn, m_conversations, [this](const QString &user) {
        m_conversations->clear(); // another login: nothing of the previous account stays shown
        m_conversations->setMe(user);
    });
    connect(this, &ClientSession::messageReceived, m_conversations, &ConversationStore::addMessage);
    connect(this, &ClientSession::roomJoined, m_conversations,
            [this](const QString &room, const QStringList &, const QList<ChatMessage> &history) {
                m_conversations->setHistory(room, QString(), history);
            });
    connect(this, &ClientSession::historyReceived, m_conversations, &ConversationStore::prependHistory);
    connect(this, &ClientSession::missedMessages, m_conversations, &ConversationStore::setHistory);
    connect(this, &ClientSession::messagePending, m_conversations,
            [this](qint64 localId, const QString &room, const QString &to, const QString &text) {
                m_conversations->addPending(room, to, localId, text);
            });
    connect(this, &ClientSession::messageSent, m_conversations, &ConversationStore::markSent);
    connect(this, &ClientSession::messageRejected, m_conversations,
            [this](qint64 localId, ErrorCode code, const QString &message) {
                m_conversations->markRejected(localId, rejectionText(code, message));
            });
    connect(m_conversations, &ConversationStore::historyWanted, this,
            [this](const QString &room, const QString &peer, qint64 before) { requestHistory(room, peer, before); });

    // Transfers: queued ones start only while logged in, and belong to the account they were
    // started for. Connecting as another account, or logging out (logOut() forgets the
    // credential), cancels and removes the previous account's; a dropped connection keeps them
    // for a retry under the same account.
    m_transfers = new TransferManager(m_client, this);
    m_transfers->setActive(false);
    connect(this, &ClientSession::statusChanged, m_transfers, [this](Status s) {
        const bool loggedOut = s == Status::Offline && m_credential.isEmpty();
        m_transfers->setAccount(loggedOut ? QString() : accountKey());
        m_transfers->setActive(s == Status::Online);
    });
}

void ClientSession::setCaptureSink(CaptureSink *sink)
{
    m_client->setCaptureSink(sink);
}

Connection *ClientSession::connection() const
{
    return m_client->connection();
}

ClientSession::~ClientSession()
{
    delete m_scram;
}

QString ClientSession::accountKey() const
{
    return m_user + QLatin1Char('@') + (m_servers.size() > 1 ? m_servers.identity() : serverAddress());
}

QStringList ClientSession::joinedRooms() const
{
    QStringList out(m_rooms.begin(), m_rooms.end());
    out.sort();
    return out;
}

int ClientSession::queuedCount() const
{
    const QString key = accountKey();
    int n = int(m_inFlight.size());
    for (const Outgoing &m : m_outbox)
        n += m.account == key;
    return n;
}

int ClientSession::queuedForOtherAccounts() const
{
    const QString key = accountKey();
    int n = 0;
    for (const Outgoing &m : m_outbox)
        n += m.account != key;
    return n;
}

qint64 ClientSession::maxTextBytes() const
{
    return m_client->serverHello().limits.maxText;
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
    logIn(QList<Endpoint>{Endpoint{host, port}}, user, password, registerFirst);
}

void ClientSession::logIn(const QList<Endpoint> &servers, const QString &user, const QString &password, bool registerFirst)
{
    m_reconnectTimer.stop();
    if (m_client->state() != ChatClient::State::Disconnected) {
        m_userQuit = true;
        m_client->disconnectFromServer();
    }
    m_servers = ServerList(servers);
    setTls(m_client->tls()); // the nodes share one certificate's trust
    m_failedThisRound = 0;
    m_host = m_servers.current().host;
    m_port = m_servers.current().port;
    m_user = user;
    // The cached SaltedPassword is keyed by credential (user + password), salt and iterations:
    // logging in again as the same account costs no key derivation (RFC 5802 allows the cache).
    const QByteArray credential = Credentials::md5Credential(user, password).toLatin1();
    if (credential != m_credential)
        m_cachedSaltedPassword.clear();
    m_credential = credential;
    m_registerFirst = registerFirst;
    m_everLoggedIn = false;
    m_userQuit = false;
    m_backoffMs = 500;
    m_rooms.clear();
    m_members.clear();
    m_roomAccess.clear();
    m_online.clear();
    ++m_loginAttempt;
    emit queueChanged(queuedCount());
    connectNow();
}

bool ClientSession::reconnect()
{
    if (m_status != Status::Offline || m_credential.isEmpty() || m_host.isEmpty())
        return false;
    m_userQuit = false;
    m_registerFirst = false;
    m_backoffMs = 500;
    connectNow();
    return true;
}

void ClientSession::cancelLogin()
{
    if (m_status != Status::Connecting && m_status != Status::LoggingIn && m_status != Status::Reconnecting)
        return;
    failLogin(Error::local(ErrorCode::Cancelled, tr("Cancelled.")));
}

void ClientSession::failLogin(const Error &error)
{
    m_userQuit = true; // a refused or abandoned login is not retried automatically
    m_reconnectTimer.stop();
    ++m_loginAttempt;
    delete m_scram;
    m_scram = nullptr;
    if (m_client->state() != ChatClient::State::Disconnected)
        m_client->disconnectFromServer();
    setStatus(Status::Offline);
    emit loginFailed(error);
}

void ClientSession::logOut(OutboxPolicy outbox)
{
    m_userQuit = true;
    m_reconnectTimer.stop();
    ++m_loginAttempt;
    m_credential.clear();
    m_cachedSaltedPassword.clear();
    delete m_scram;
    m_scram = nullptr;
    m_client->disconnectFromServer();
    // Messages written but not acknowledged stay this account's (they may not have arrived).
    const QString key = accountKey();
    QList<Outgoing> unacked = m_inFlight.values();
    m_inFlight.clear();
    m_outbox = unacked + m_outbox;
    int kept = 0;
    for (auto it = m_outbox.begin(); it != m_outbox.end();) {
        if (it->account != key) {
            ++it;
        } else if (outbox == OutboxPolicy::Discard) {
            emit messageRejected(it->localId, ErrorCode::Cancelled, tr("Discarded at logout."));
            it = m_outbox.erase(it);
        } else {
            ++kept;
            ++it;
        }
    }
    setStatus(Status::Offline);
    if (kept > 0)
        emit outboxKept(key, kept);
    emit queueChanged(queuedCount());
}

void ClientSession::setTls(const ClientTls &tls)
{
    ClientTls withNodes = tls;
    withNodes.siblings.clear();
    for (const Endpoint &node : m_servers.nodes())
        withNodes.siblings.append({node.host, node.port});
    m_client->setTls(withNodes);
}

const ClientTls &ClientSession::tls() const
{
    return m_client->tls();
}

bool ClientSession::isEncrypted() const
{
    return m_client->isEncrypted();
}

QString ClientSession::serverFingerprint() const
{
    return m_client->serverFingerprint();
}

QString ClientSession::tlsDescription() const
{
    return m_client->tlsDescription();
}

void ClientSession::trustServer(bool trusted)
{
    m_client->trustServer(trusted);
}

void ClientSession::connectNow()
{
    m_host = m_servers.current().host;
    m_port = m_servers.current().port;
    setStatus(m_everLoggedIn ? Status::Reconnecting : Status::Connecting);
    m_client->connectToServer(m_host, m_port);
}

void ClientSession::onReady()
{
    emit connectionChanged(m_client->connection());
    emit serverChanged(serverAddress());
    setStatus(Status::LoggingIn);
    if (!m_registerFirst) {
        beginAuth();
        return;
    }
    // Registration sends only the verifier; derive it off this thread.
    const QByteArray salt = Credentials::randomSalt();
    const int iterations = Credentials::DefaultIterations;
    const QByteArray credential = m_credential;
    const quint64 attempt = m_loginAttempt;
    QPointer<ClientSession> self(this);
    QThreadPool::globalInstance()->start([self, salt, iterations, credential, attempt] {
        const QByteArray salted = Credentials::saltedPassword(credential, salt, iterations);
        QMetaObject::invokeMethod(self, [self, salt, iterations, salted, attempt] {
            if (self && self->m_loginAttempt == attempt)
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
    Register r;
    r.user = m_user;
    r.scheme = v.scheme;
    r.salt = v.salt;
    r.iterations = v.iterations;
    r.storedKey = v.storedKey;
    r.serverKey = v.serverKey;
    m_client->request<Registered>(r, this, [this](const Registered &, const Frame &) {
        emit registered(m_user);
        beginAuth();
    }, [this](const Error &e) { failLogin(e); });
}

void ClientSession::beginAuth()
{
    delete m_scram;
    m_scram = new ScramClient(m_user);
    const QByteArray first = m_scram->clientFirstMessage();
    if (first.isEmpty()) {
        failLogin(Error::local(ErrorCode::InvalidUserName, m_scram->errorString()));
        return;
    }
    const QString token = m_tokenKeeper ? m_tokenKeeper->token(accountKey()) : QString();
    m_client->request<AuthChallenge>(AuthStart{0, QStringLiteral("SCRAM-SHA-256"), QString::fromUtf8(first), token}, this,
                                     [this](const AuthChallenge &c, const Frame &) { onChallenge(c); },
                                     [this](const Error &e) { failLogin(e); });
}

void ClientSession::onChallenge(const AuthChallenge &challenge)
{
    if (!m_scram || !m_scram->handleServerFirst(challenge.data.toUtf8())) {
        failLogin(Error::local(ErrorCode::AuthFailed, m_scram ? m_scram->errorString() : QString()));
        return;
    }
    const QByteArray salt = m_scram->salt();
    const int iterations = m_scram->iterations();
    auto finish = [this](const QByteArray &salted) {
        if (!m_scram || m_status != Status::LoggingIn)
            return;
        if (!m_scram->computeProof(salted)) {
            failLogin(Error::local(ErrorCode::AuthFailed, m_scram->errorString()));
            return;
        }
        m_client->request<AuthOk>(AuthFinish{0, QString::fromUtf8(m_scram->clientFinalMessage())}, this,
                                  [this](const AuthOk &ok, const Frame &) { onAuthOk(ok); },
                                  [this](const Error &e) { failLogin(e); });
    };
    if (!m_cachedSaltedPassword.isEmpty() && salt == m_cachedSalt && iterations == m_cachedIterations) {
        finish(m_cachedSaltedPassword);
        return;
    }
    // PBKDF2 takes tens of milliseconds: never on the caller's (GUI) thread.
    const QByteArray credential = m_credential;
    const quint64 attempt = m_loginAttempt;
    QPointer<ClientSession> self(this);
    QThreadPool::globalInstance()->start([self, credential, salt, iterations, finish, attempt] {
        const QByteArray salted = ScramClient::saltedPassword(credential, salt, iterations);
        QMetaObject::invokeMethod(self, [self, salt, iterations, salted, finish, attempt] {
            if (!self || self->m_loginAttempt != attempt)
                return;
            self->m_cachedSalt = salt;
            self->m_cachedIterations = iterations;
            self->m_cachedSaltedPassword = salted;
            finish(salted);
        }, Qt::QueuedConnection);
    });
}

void ClientSession::onAuthOk(const AuthOk &ok)
{
    if (!m_scram || !m_scram->handleServerFinal(ok.data.toUtf8())) {
        // The server could not prove it knows our verifier: do not trust it.
        failLogin(Error::local(ErrorCode::AuthFailed, tr("The server's identity could not be verified.")));
        return;
    }
    delete m_scram;
    m_scram = nullptr;
    m_registerFirst = false;
    if (m_tokenKeeper && !ok.deviceToken.isEmpty())
        m_tokenKeeper->setToken(accountKey(), ok.deviceToken);
    const bool first = !m_everLoggedIn;
    m_everLoggedIn = true;
    m_backoffMs = 500;
    m_failedThisRound = 0;
    setStatus(Status::Online);
    if (first) {
        emit loggedIn(m_user);
        // Lines this account queued in an earlier session are shown again (pending) before they go.
        const QString key = accountKey();
        for (const Outgoing &m : std::as_const(m_outbox))
            if (m.account == key)
                emit messagePending(m.localId, m.room, m.to, m.text);
    }
    // Also after a reconnection: failures in between are news.
    if (ok.failedLogins.count > 0)
        emit failedLoginsReported(ok.failedLogins.count, QDateTime::fromMSecsSinceEpoch(ok.failedLogins.lastMs, Qt::UTC),
                                  ok.failedLogins.lastFrom);
    if (!first) {
        // Private chats missed while away (rooms catch up when their join replies come).
        for (const QString &peer : m_conversations->peers()) {
            const MessageListModel *model = m_conversations->find(QString(), peer);
            if (model && model->newestMessageId() > 0)
                recoverMissed(QString(), peer, model->newestMessageId(), 0, RecoverPages);
        }
    }
    afterLogin();
}

void ClientSession::afterLogin()
{
    QSet<QString> rooms = m_rooms;
    for (const QString &r : std::as_const(m_autoJoin))
        rooms.insert(r);
    QStringList sorted(rooms.begin(), rooms.end());
    sorted.sort();
    for (const QString &r : std::as_const(sorted))
        joinRoom(r);
    requestRoomList();
    flushOutbox();
}

void ClientSession::onRoomJoined(const RoomJoined &joined)
{
    const MessageListModel *model = m_conversations->find(joined.room, QString());
    const qint64 lastKnown = model ? model->newestMessageId() : 0;
    m_rooms.insert(joined.room);
    m_members.insert(joined.room, joined.members);
    emit roomJoined(joined.room, joined.members, joined.history);
    // Back after a lost connection (perhaps on another node): the replay holds only the newest
    // messages; what came between the last one we had and the replay is fetched page by page.
    if (lastKnown > 0 && !joined.history.isEmpty() && joined.history.constFirst().id > lastKnown)
        recoverMissed(joined.room, QString(), lastKnown, joined.history.constFirst().id, RecoverPages);
}

void ClientSession::recoverMissed(const QString &room, const QString &withUser, qint64 lastKnown, qint64 beforeId, int pages)
{
    if (m_status != Status::Online || pages <= 0)
        return;
    HistoryRequest req;
    req.room = room;
    req.with = room.isEmpty() ? withUser : QString();
    req.before = beforeId;
    req.limit = RecoverPageSize;
    m_client->request<History>(req, this, [this, room, withUser, lastKnown, pages](const History &h, const Frame &) {
        QList<ChatMessage> missed;
        for (const ChatMessage &m : h.messages)
            if (m.id > lastKnown)
                missed.append(m);
        if (!missed.isEmpty())
            emit missedMessages(room, withUser, missed);
        // A full (or cut) page that does not reach back to what we had: older ones are missing too.
        if (!h.messages.isEmpty() && h.messages.constFirst().id > lastKnown
            && (h.more || h.messages.size() >= RecoverPageSize))
            recoverMissed(room, withUser, lastKnown, h.messages.constFirst().id, pages - 1);
    }, [this](const Error &e) { emit errorReceived(e); });
}

qint64 ClientSession::joinRoom(const QString &room)
{
    if (m_status != Status::Online) {
        m_rooms.insert(room); // joined when we are back
        return 0;
    }
    return m_client->request<RoomJoined>(RoomJoin{0, room}, this,
                                         [this](const RoomJoined &j, const Frame &) { onRoomJoined(j); },
                                         [this](const Error &e) { emit errorReceived(e); });
}

qint64 ClientSession::leaveRoom(const QString &room)
{
    m_rooms.remove(room);
    m_members.remove(room);
    if (m_status != Status::Online)
        return 0;
    return m_client->request<RoomLeft>(RoomLeave{0, room}, this,
                                       [this](const RoomLeft &left, const Frame &) { emit roomLeft(left.room); },
                                       [this](const Error &e) { emit errorReceived(e); });
}

qint64 ClientSession::requestHistory(const QString &room, const QString &withUser, qint64 beforeId, int limit)
{
    if (m_status != Status::Online)
        return 0;
    HistoryRequest req;
    req.room = room;
    req.with = room.isEmpty() ? withUser : QString();
    req.before = beforeId;
    req.limit = limit;
    return m_client->request<History>(req, this, [this, room, withUser, beforeId](const History &h, const Frame &) {
        emit historyReceived(room, room.isEmpty() ? withUser : QString(), h.messages, beforeId);
    }, [this](const Error &e) { emit errorReceived(e); });
}

qint64 ClientSession::searchHistory(const QString &room, const QString &withUser, const QString &text, qint64 beforeId,
                                   int limit)
{
    if (m_status != Status::Online)
        return 0;
    HistorySearchRequest req;
    req.room = room;
    req.with = room.isEmpty() ? withUser : QString();
    req.text = text;
    req.before = beforeId;
    req.limit = limit;
    auto id = std::make_shared<qint64>(0);
    *id = m_client->request<HistorySearchResult>(
        req, this,
        [this, id, text](const HistorySearchResult &r, const Frame &) { emit searchResults(*id, text, r.messages, r.more); },
        [this, id](const Error &e) { emit searchFailed(*id, e); });
    return *id;
}

qint64 ClientSession::requestRoomList()
{
    if (m_status != Status::Online)
        return 0;
    return requestRoomPage(QString(), {});
}

qint64 ClientSession::requestRoomPage(const QString &after, QStringList names)
{
    RoomList request;
    request.after = after;
    return m_client->request<Rooms>(request, this, [this, after, names](const Rooms &r, const Frame &) {
        QStringList all = names;
        if (after.isEmpty()) { // the online users come with the first page
            m_online = r.online;
            emit onlineUsersChanged(m_online);
        }
        for (const RoomInfo &room : r.rooms) {
            all.append(room.name);
            RoomAccess &access = m_roomAccess[room.name];
            access.isPrivate = room.isPrivate;
            access.owner = room.owner;
        }
        // The server pages the list to fit our header limit: ask on from the last room of this page.
        if (!r.next.isEmpty() && r.next != after) {
            requestRoomPage(r.next, all);
            return;
        }
        emit roomListReceived(all);
    }, [this](const Error &e) { emit errorReceived(e); });
}

QStringList ClientSession::privateRooms() const
{
    QStringList out;
    for (auto it = m_roomAccess.constBegin(); it != m_roomAccess.constEnd(); ++it)
        if (it->isPrivate)
            out.append(it.key());
    out.sort();
    return out;
}

qint64 ClientSession::createRoom(const QString &room, bool isPrivate)
{
    if (m_status != Status::Online)
        return 0;
    return m_client->request<RoomJoined>(RoomCreate{0, room, isPrivate}, this,
                                         [this, isPrivate](const RoomJoined &j, const Frame &) {
                                             if (isPrivate)
                                                 m_roomAccess.insert(j.room, RoomAccess{true, m_user, {m_user}});
                                             onRoomJoined(j);
                                             if (isPrivate)
                                                 emit roomMembersReceived(j.room, true, m_user, {m_user});
                                         },
                                         [this](const Error &e) { emit errorReceived(e); });
}

template <class M>
qint64 ClientSession::requestMembersChange(const M &request)
{
    if (m_status != Status::Online)
        return 0;
    return m_client->request<RoomMembers>(request, this,
                                          [this](const RoomMembers &page, const Frame &) { onMembersPage(page, {}); },
                                          [this](const Error &e) { emit errorReceived(e); });
}

qint64 ClientSession::inviteToRoom(const QString &room, const QString &user, bool shareHistory)
{
    return requestMembersChange(RoomInvite{0, room, user, shareHistory});
}

qint64 ClientSession::removeFromRoom(const QString &room, const QString &user)
{
    return requestMembersChange(RoomRemove{0, room, user});
}

qint64 ClientSession::transferOwnership(const QString &room, const QString &user)
{
    return requestMembersChange(RoomOwner{0, room, user});
}

qint64 ClientSession::requestMembers(const QString &room)
{
    if (m_status != Status::Online)
        return 0;
    return requestMembersPage(room, QString(), {}, 0);
}

qint64 ClientSession::requestMembersPage(const QString &room, const QString &after, QStringList members, qint64 firstId)
{
    const qint64 id = m_client->request<RoomMembers>(
        RoomMembersRequest{0, room, after}, this,
        [this, members](const RoomMembers &page, const Frame &) { onMembersPage(page, members); },
        [this](const Error &e) { emit errorReceived(e); });
    return firstId > 0 ? firstId : id;
}

void ClientSession::onMembersPage(const RoomMembers &page, QStringList members)
{
    members += page.members;
    // More pages: fetch them before anyone sees a partial list.
    if (!page.next.isEmpty() && !page.members.isEmpty()) {
        requestMembersPage(page.room, page.next, members, 0);
        return;
    }
    RoomAccess &access = m_roomAccess[page.room];
    access.isPrivate = page.isPrivate;
    access.owner = page.owner;
    access.members = members;
    emit roomMembersReceived(page.room, page.isPrivate, page.owner, members);
}

void ClientSession::onRemovedFromRoom(const RoomRemoved &removed)
{
    // Not joined again after a reconnect: the access is gone.
    m_rooms.remove(removed.room);
    m_members.remove(removed.room);
    m_roomAccess.remove(removed.room);
    emit removedFromRoom(removed.room, removed.by);
    emit roomLeft(removed.room);
}

qint64 ClientSession::sendToRoom(const QString &room, const QString &text)
{
    return enqueue(Outgoing{0, accountKey(), room, QString(), text});
}

qint64 ClientSession::sendToUser(const QString &user, const QString &text)
{
    return enqueue(Outgoing{0, accountKey(), QString(), user, text});
}

void ClientSession::rejectLater(qint64 localId, ErrorCode code, const QString &message)
{
    QMetaObject::invokeMethod(this, [this, localId, code, message] { emit messageRejected(localId, code, message); },
                              Qt::QueuedConnection);
}

qint64 ClientSession::enqueue(Outgoing m)
{
    m.localId = m_nextLocalId++;
    m.key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_user.isEmpty()) {
        rejectLater(m.localId, ErrorCode::AuthRequired, tr("Log in first."));
        return m.localId;
    }
    // A text the server would refuse, or that cannot fit in a frame header (the server would drop
    // the connection with frame_header_too_large), is refused here instead.
    const ServerLimits &limits = m_client->serverHello().limits;
    const qint64 textBytes = m.text.toUtf8().size();
    const qint64 headerBytes = FrameEncoder::headerBytes(ChatSend{qint64(1) << 52, m.room, m.to, m.text, QString(ChatSend::MaxKeyLength, QLatin1Char('k'))}.toJson()).size();
    if ((limits.maxText > 0 && textBytes > limits.maxText) || textBytes > MaxChatTextBytes
        || (limits.maxHeader > 0 && headerBytes > limits.maxHeader)) {
        rejectLater(m.localId, ErrorCode::MessageTooLong, tr("The message is too long to send."));
        return m.localId;
    }
    emit messagePending(m.localId, m.room, m.to, m.text);
    // Straight out only when nothing of this account waits before it (order is kept) and the
    // window has room; otherwise an ack makes room for it.
    const bool sendNow = m_status == Status::Online && queuedCount() == int(m_inFlight.size())
        && m_inFlight.size() < m_sendWindow;
    if (!sendNow || !transmit(m)) {
        m_outbox.append(m);
        emit queueChanged(queuedCount());
    }
    return m.localId;
}

bool ClientSession::transmit(const Outgoing &m)
{
    ChatSend req;
    req.room = m.room;
    req.to = m.room.isEmpty() ? m.to : QString();
    req.text = m.text;
    req.key = m.key;
    const qint64 localId = m.localId;
    const qint64 id = m_client->request<ChatAck>(req, this, [this, localId](const ChatAck &ack, const Frame &) {
        if (m_inFlight.remove(localId) > 0)
            emit messageSent(localId, ack.msg);
        emit queueChanged(queuedCount());
        if (m_status == Status::Online)
            flushOutbox(); // the window has room again
    }, [this, localId](const Error &e) {
        // Disconnected: onDisconnected puts it back in the outbox; its key makes the resend safe.
        if (e.code == ErrorCode::Disconnected)
            return;
        if (m_inFlight.remove(localId) > 0)
            emit messageRejected(localId, e.code, e.message);
        emit queueChanged(queuedCount());
        if (m_status == Status::Online)
            flushOutbox();
    });
    if (id == 0)
        return false; // not connected after all: the caller keeps it queued
    m_inFlight.insert(localId, m);
    return true;
}

void ClientSession::flushOutbox()
{
    const QString key = accountKey();
    bool sent = false;
    qsizetype i = 0; // by index: a transmit may run a callback that changes the outbox
    while (i < m_outbox.size() && m_inFlight.size() < m_sendWindow) {
        if (m_outbox.at(i).account != key) {
            ++i; // kept for its own account
            continue;
        }
        const Outgoing m = m_outbox.takeAt(i);
        if (!transmit(m)) {
            m_outbox.insert(qMin(i, m_outbox.size()), m); // not connected after all: stays first
            break;
        }
        sent = true;
    }
    if (sent)
        emit queueChanged(queuedCount());
}

void ClientSession::onPresence(const Presence &p)
{
    const QString event = presenceEventName(p.event);
    if (p.room.isEmpty()) {
        if (p.event == Presence::Event::Online && !m_online.contains(p.user))
            m_online.append(p.user);
        else if (p.event == Presence::Event::Offline)
            m_online.removeAll(p.user);
        m_online.sort();
        emit onlineUsersChanged(m_online);
    } else if (m_members.contains(p.room)) {
        QStringList &members = m_members[p.room];
        if (p.event == Presence::Event::Join && !members.contains(p.user))
            members.append(p.user);
        else if (p.event == Presence::Event::Leave)
            members.removeAll(p.user);
        members.sort();
        emit membersChanged(p.room);
    }
    emit presence(p.room, p.user, event);
}

void ClientSession::onServerError(const Error &error)
{
    if (error.code == ErrorCode::Kicked)
        m_userQuit = true; // the host removed us: coming straight back would defeat that
    if (error.fatal && m_status == Status::LoggingIn) {
        failLogin(error);
        return;
    }
    emit errorReceived(error);
}

void ClientSession::onConnectionFailed(const Error &error)
{
    if (m_userQuit)
        return; // cancelled or replaced by a new login: already reported
    // A server whose certificate changed (or that the user did not trust) is not retried.
    if (error.code == ErrorCode::CertificateChanged || error.code == ErrorCode::CertificateUnknown) {
        failLogin(error);
        return;
    }
    if (!m_everLoggedIn) {
        // The first login tries every node once before it gives up.
        if (++m_failedThisRound < m_servers.size()) {
            m_servers.advance();
            connectNow();
            return;
        }
        failLogin(error);
        return;
    }
    scheduleReconnect();
}

void ClientSession::onDisconnected(const QString &reason)
{
    // Messages written but not acknowledged go back to the front of the outbox (at-least-once).
    if (!m_inFlight.isEmpty()) {
        m_outbox = m_inFlight.values() + m_outbox;
        m_inFlight.clear();
        emit queueChanged(queuedCount());
    }
    delete m_scram;
    m_scram = nullptr;

    if (m_status == Status::LoggingIn && !m_everLoggedIn && !m_userQuit) {
        failLogin(Error::local(ErrorCode::Disconnected, reason));
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
    // Several nodes: the next attempt goes to the next one (the node we lost may be down).
    m_servers.advance();
    setStatus(Status::Reconnecting);
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, 30000);
}

} // namespace Switchboard
