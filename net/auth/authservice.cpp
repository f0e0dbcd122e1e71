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
    connect(server, &ChatServer::sessionEnded, this, [this](ServerSession *s) {
        // An abandoned exchange stays counted as a failure.
        m_exchanges.remove(s);
        m_refused.remove(s);
    });
}

void AuthService::setRegistrationAllowed(bool on)
{
    m_allowRegistration = on;
    m_server->helloTemplate().registration = on;
}

QString AuthService::nameForLog(const QString &name)
{
    QString out;
    int points = 0;
    qsizetype i = 0;
    for (; i < name.size() && points < MaxLogNameChars; ++points) {
        char32_t cp = name.at(i).unicode();
        const bool pair = QChar::isHighSurrogate(cp) && i + 1 < name.size() && name.at(i + 1).isLowSurrogate();
        if (pair)
            cp = QChar::surrogateToUcs4(name.at(i), name.at(i + 1));
        i += pair ? 2 : 1;
        switch (QChar::category(cp)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate: // a lone half of a pair
        case QChar::Other_NotAssigned:
        case QChar::Other_PrivateUse:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            if (cp == U'\n')
                out += QLatin1String("\\n");
            else if (cp == U'\r')
                out += QLatin1String("\\r");
            else
                out += QStringLiteral("\\u{%1}").arg(uint(cp), 4, 16, QLatin1Char('0'));
            break;
        default:
            if (cp == U'\\')
                out += QLatin1String("\\\\");
            else
                out += QString::fromUcs4(&cp, 1);
        }
    }
    return i < name.size() ? out + QLatin1String("...") : out;
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
                    QStringLiteral("A user name has 1 to 32 letters of one script, digits, '_', '-' or '.', in NFC "
                                   "(docs/PROTOCOL.md 6.1)."),
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
                    exists ? QStringLiteral("That user name, a look-alike of it or a reserved name is taken.")
                           : QStringLiteral("The account could not be stored."),
                    request.id);
        return;
    }
    s.send(Registered{request.id, request.user});
    emit userRegistered(nameForLog(request.user));
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
    const QHostAddress address = s.connection()->peerAddress();
    m_exchanges.remove(&s); // a new start abandons the previous exchange (still counted)
    if (const int locked = m_throttle.lockedFor(scram.user(), address); locked > 0) {
        m_refused.insert(&s, LoginThrottle::nameKey(scram.user()));
        sendLocked(s, request.id, locked);
        return;
    }
    m_refused.remove(&s);
    m_throttle.recordAttempt(scram.user(), address);
    m_exchanges.insert(&s, scram);
    s.send(AuthChallenge{request.id, QString::fromUtf8(serverFirst)});
}

void AuthService::onFinish(ServerSession &s, const AuthFinish &request)
{
    auto it = m_exchanges.find(&s);
    if (it == m_exchanges.end()) {
        const auto refused = m_refused.constFind(&s);
        if (refused != m_refused.constEnd()) {
            if (const int locked = m_throttle.lockedFor(*refused, s.connection()->peerAddress()); locked > 0) {
                sendLocked(s, request.id, locked);
                return;
            }
        }
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Send auth.start first."), request.id);
        return;
    }
    ScramServer scram = *it;
    m_exchanges.erase(it);
    const QByteArray serverFinal = scram.handleClientFinal(request.data.toUtf8());
    const QString user = scram.user();
    const QHostAddress address = s.connection()->peerAddress();
    if (!scram.isAuthenticated()) {
        // Already counted at auth.start.
        emit loginFailed(nameForLog(user), s.peerName());
        if (const int locked = m_throttle.lockedFor(user, address); locked > 0)
            sendLocked(s, request.id, locked);
        else
            s.sendError(ErrorCode::AuthFailed, QStringLiteral("Wrong user name or password."), request.id);
        return;
    }
    m_throttle.recordSuccess(user, address);
    s.send(AuthOk{request.id, user, QString::fromUtf8(serverFinal)});
    s.setUser(user); // after auth.ok, so presence and chat frames follow it
    emit loginSucceeded(nameForLog(user), s.peerName());
}

} // namespace Switchboard
