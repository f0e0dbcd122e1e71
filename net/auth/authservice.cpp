#include "authservice.h"

#include "credentials.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "userstore.h"

namespace Switchboard {

using namespace Protocol;

AuthService::AuthService(ChatServer *server, UserStore *users, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_users(users)
    , m_secret(users->serverSecret())
{
    const int anonymous = ChatServer::Anonymous;
    server->route<Register>([this](ServerSession &s, const Register &m, const Frame &) { onRegister(s, m); }, anonymous);
    server->route<AuthStart>([this](ServerSession &s, const AuthStart &m, const Frame &) { onStart(s, m); }, anonymous);
    server->route<AuthFinish>([this](ServerSession &s, const AuthFinish &m, const Frame &) { onFinish(s, m); }, anonymous);
    server->helloTemplate().auth = QStringList{QStringLiteral("SCRAM-SHA-256")};
    server->helloTemplate().registration = m_allowRegistration;
    connect(server, &ChatServer::sessionEnded, this, [this](ServerSession *s) { m_exchanges.remove(s); });
}

void AuthService::setRegistrationAllowed(bool on)
{
    m_allowRegistration = on;
    m_server->helloTemplate().registration = on;
}

void AuthService::sendLocked(ServerSession &s, qint64 id, int seconds)
{
    Error e = Error::make(ErrorCode::AuthLocked,
                          QStringLiteral("Too many failed logins. Try again in %1 second(s).").arg(seconds), id);
    e.retryAfter = seconds;
    s.send(e);
}

void AuthService::onRegister(ServerSession &s, const Register &request)
{
    if (!m_allowRegistration) {
        s.sendError(ErrorCode::RegistrationDisabled, QStringLiteral("This server does not allow registration."), request.id);
        return;
    }
    // Messages on the wire are English; clients explain the code in their own language.
    QString reason;
    if (!UserStore::isValidUserName(request.user, &reason)) {
        s.sendError(ErrorCode::InvalidUserName,
                    QStringLiteral("A user name has 1 to 32 letters, digits, '_', '-' or '.', in NFC (docs/PROTOCOL.md 6.1)."),
                    request.id);
        return;
    }
    ScramVerifier v;
    v.scheme = request.scheme;
    v.salt = request.salt;
    v.iterations = request.iterations;
    v.storedKey = request.storedKey;
    v.serverKey = request.serverKey;
    if (!Credentials::isValidVerifier(v, &reason)) {
        s.sendError(ErrorCode::BadRequest,
                    QStringLiteral("Invalid verifier: scheme 1, salt 8 to 64 bytes, 4096 to 1000000 iterations, "
                                   "32-byte keys."),
                    request.id);
        return;
    }
    QString error;
    if (!m_users->addUser(request.user, v, &error)) {
        const bool exists = m_users->lastError() == UserStore::Error::UserExists;
        s.sendError(exists ? ErrorCode::UserExists : ErrorCode::Internal,
                    exists ? QStringLiteral("That user name (or a case variant of it) is taken.")
                           : QStringLiteral("The account could not be stored."),
                    request.id);
        return;
    }
    s.send(Registered{request.id, request.user});
    emit userRegistered(request.user);
}

void AuthService::onStart(ServerSession &s, const AuthStart &request)
{
    if (s.isAuthenticated()) {
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Already logged in."), request.id);
        return;
    }
    if (request.mechanism != QLatin1String("SCRAM-SHA-256")) {
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Only SCRAM-SHA-256 is supported."), request.id);
        return;
    }
    ScramServer scram(m_users->lookup(), m_secret);
    const QByteArray serverFirst = scram.handleClientFirst(request.data.toUtf8());
    if (scram.state() == ScramServer::State::Failed) {
        s.sendError(ErrorCode::AuthFailed, QStringLiteral("Malformed SCRAM client-first message."), request.id);
        return;
    }
    if (const int locked = m_throttle.lockedFor(scram.user(), s.connection()->peerAddress()); locked > 0) {
        sendLocked(s, request.id, locked);
        return;
    }
    m_exchanges.insert(&s, scram);
    s.send(AuthChallenge{request.id, QString::fromUtf8(serverFirst)});
}

void AuthService::onFinish(ServerSession &s, const AuthFinish &request)
{
    auto it = m_exchanges.find(&s);
    if (it == m_exchanges.end()) {
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Send auth.start first."), request.id);
        return;
    }
    ScramServer scram = *it;
    m_exchanges.erase(it);
    const QByteArray serverFinal = scram.handleClientFinal(request.data.toUtf8());
    const QString user = scram.user();
    const QHostAddress address = s.connection()->peerAddress();
    if (!scram.isAuthenticated()) {
        m_throttle.recordFailure(user, address);
        emit loginFailed(user, s.peerName());
        if (const int locked = m_throttle.lockedFor(user, address); locked > 0)
            sendLocked(s, request.id, locked);
        else
            s.sendError(ErrorCode::AuthFailed, QStringLiteral("Wrong user name or password."), request.id);
        return;
    }
    m_throttle.recordSuccess(user, address);
    s.send(AuthOk{request.id, user, QString::fromUtf8(serverFinal)});
    s.setUser(user); // after auth.ok, so presence and chat frames follow it
    emit loginSucceeded(user, s.peerName());
}

} // namespace Switchboard
