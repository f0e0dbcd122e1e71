#include "authservice.h"

#include "credentials.h"
#include "net/protocol/protocol.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "userstore.h"

#include <QJsonArray>

namespace Switchboard {

using namespace Protocol;

AuthService::AuthService(ChatServer *server, UserStore *users, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_users(users)
    , m_secret(users->serverSecret())
{
    using namespace std::placeholders;
    server->registerHandler(Type::Register, std::bind(&AuthService::onRegister, this, _1, _2), false);
    server->registerHandler(Type::AuthStart, std::bind(&AuthService::onStart, this, _1, _2), false);
    server->registerHandler(Type::AuthFinish, std::bind(&AuthService::onFinish, this, _1, _2), false);
    server->addHelloField(QStringLiteral("auth"), QJsonArray{QStringLiteral("SCRAM-SHA-256")});
    server->addHelloField(QStringLiteral("register"), true);
    connect(server, &ChatServer::sessionEnded, this, [this](ServerSession *s) { m_exchanges.remove(s); });
}

void AuthService::setRegistrationAllowed(bool on)
{
    m_allowRegistration = on;
    m_server->addHelloField(QStringLiteral("register"), on);
}

void AuthService::sendLocked(ServerSession *s, const QJsonValue &id, int seconds)
{
    QJsonObject e = makeError(ErrorCode::AuthLocked,
                              tr("Too many failed logins. Try again in %n second(s).", nullptr, seconds), id);
    e.insert(QStringLiteral("retryAfter"), seconds);
    s->send(e);
}

void AuthService::onRegister(ServerSession *s, const Frame &f)
{
    const QJsonValue id = f.header.value(QLatin1String("id"));
    if (!m_allowRegistration) {
        s->sendError(ErrorCode::RegistrationDisabled, tr("This server does not allow registration."), id);
        return;
    }
    const QString user = f.header.value(QLatin1String("user")).toString();
    QString reason;
    if (!UserStore::isValidUserName(user, &reason)) {
        s->sendError(ErrorCode::InvalidUserName, reason, id);
        return;
    }
    ScramVerifier v;
    v.scheme = f.header.value(QLatin1String("scheme")).toInt(0);
    v.salt = QByteArray::fromBase64(f.header.value(QLatin1String("salt")).toString().toLatin1());
    v.iterations = f.header.value(QLatin1String("iterations")).toInt(0);
    v.storedKey = QByteArray::fromBase64(f.header.value(QLatin1String("storedKey")).toString().toLatin1());
    v.serverKey = QByteArray::fromBase64(f.header.value(QLatin1String("serverKey")).toString().toLatin1());
    if (!Credentials::isValidVerifier(v, &reason)) {
        s->sendError(ErrorCode::BadRequest, reason, id);
        return;
    }
    QString error;
    if (!m_users->addUser(user, v, &error)) {
        const bool exists = m_users->lastError() == UserStore::Error::UserExists;
        s->sendError(exists ? ErrorCode::UserExists : ErrorCode::Internal, error, id);
        return;
    }
    QJsonObject reply = makeReply(Type::Registered, f);
    reply.insert(QStringLiteral("user"), user);
    s->send(reply);
    emit userRegistered(user);
}

void AuthService::onStart(ServerSession *s, const Frame &f)
{
    const QJsonValue id = f.header.value(QLatin1String("id"));
    if (s->isAuthenticated()) {
        s->sendError(ErrorCode::BadRequest, tr("Already logged in."), id);
        return;
    }
    if (f.header.value(QLatin1String("mechanism")).toString() != QLatin1String("SCRAM-SHA-256")) {
        s->sendError(ErrorCode::BadRequest, tr("Only SCRAM-SHA-256 is supported."), id);
        return;
    }
    ScramServer scram(m_users->lookup(), m_secret);
    const QByteArray serverFirst = scram.handleClientFirst(f.header.value(QLatin1String("data")).toString().toUtf8());
    if (scram.state() == ScramServer::State::Failed) {
        s->sendError(ErrorCode::AuthFailed, scram.errorString(), id);
        return;
    }
    if (const int locked = m_throttle.lockedFor(scram.user(), s->connection()->peerAddress()); locked > 0) {
        sendLocked(s, id, locked);
        return;
    }
    m_exchanges.insert(s, scram);
    QJsonObject reply = makeReply(Type::AuthChallenge, f);
    reply.insert(QStringLiteral("data"), QString::fromUtf8(serverFirst));
    s->send(reply);
}

void AuthService::onFinish(ServerSession *s, const Frame &f)
{
    const QJsonValue id = f.header.value(QLatin1String("id"));
    auto it = m_exchanges.find(s);
    if (it == m_exchanges.end()) {
        s->sendError(ErrorCode::BadRequest, tr("Send auth.start first."), id);
        return;
    }
    ScramServer scram = *it;
    m_exchanges.erase(it);
    const QByteArray serverFinal = scram.handleClientFinal(f.header.value(QLatin1String("data")).toString().toUtf8());
    const QString user = scram.user();
    const QHostAddress address = s->connection()->peerAddress();
    if (!scram.isAuthenticated()) {
        m_throttle.recordFailure(user, address);
        emit loginFailed(user, s->peerName());
        if (const int locked = m_throttle.lockedFor(user, address); locked > 0)
            sendLocked(s, id, locked);
        else
            s->sendError(ErrorCode::AuthFailed, tr("Wrong user name or password."), id);
        return;
    }
    m_throttle.recordSuccess(user, address);
    QJsonObject reply = makeReply(Type::AuthOk, f);
    reply.insert(QStringLiteral("user"), user);
    reply.insert(QStringLiteral("data"), QString::fromUtf8(serverFinal));
    s->send(reply);
    s->setUser(user); // after auth.ok, so presence and chat frames follow it
    emit loginSucceeded(user, s->peerName());
}

} // namespace Switchboard
