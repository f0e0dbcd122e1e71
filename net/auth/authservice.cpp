#include "authservice.h"

#include "credentials.h"
#include "devicetokens.h"
#include "failedloginlog.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "userstore.h"

#include "net/core/logging.h"
#include "net/storage/database.h"

#include <QPointer>

namespace Switchboard {

using namespace Protocol;

AuthService::AuthService(ChatServer *server, UserStore *users, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_users(users)
    , m_secret(users->serverSecret())
{
    m_inlineStorage.setInline(&users->database());
    const int anonymous = ChatServer::Anonymous;
    server->route<Register>([this](ServerSession &s, const Register &m, const Frame &) { onRegister(s, m); }, anonymous);
    server->route<AuthStart>([this](ServerSession &s, const AuthStart &m, const Frame &) { onStart(s, m); }, anonymous);
    server->route<AuthFinish>([this](ServerSession &s, const AuthFinish &m, const Frame &) { onFinish(s, m); }, anonymous);
    server->helloTemplate().auth = QStringList{QStringLiteral("SCRAM-SHA-256")};
    server->helloTemplate().registration = m_allowRegistration;
    connect(server, &ChatServer::sessionEnded, this, [this](ServerSession *s) {
        // An abandoned exchange stays counted as a failure.
        m_pending.remove(s);
    });
}

void AuthService::setRegistrationLimits(int perHour, int maxUsers)
{
    m_registrations.setPerHour(perHour);
    m_maxUsers = qMax(0, maxUsers);
}

void AuthService::setLoginRecords(DeviceTokens *tokens, FailedLoginLog *failures)
{
    m_tokens = tokens;
    m_failures = failures;
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
    if (refuseRegistration(s, request.id))
        return;
    // Messages on the wire are English; clients explain the code in their own language. A full
    // server is answered first (its count is read on the storage thread, with the insert).
    QString reason;
    ErrorCode invalid = ErrorCode::None;
    QString invalidText;
    ScramVerifier v;
    v.scheme = request.scheme;
    v.salt = request.salt;
    v.iterations = request.iterations;
    v.storedKey = request.storedKey;
    v.serverKey = request.serverKey;
    if (!UserStore::isValidUserName(request.user, &reason)) {
        invalid = ErrorCode::InvalidUserName;
        invalidText = QStringLiteral("A user name has 1 to 32 letters of one script, digits, '_', '-' or '.', in NFC "
                                     "(docs/PROTOCOL.md 6.1).");
    } else if (!Credentials::isValidVerifier(v, &reason)) {
        invalid = ErrorCode::BadRequest;
        invalidText = QStringLiteral("Invalid verifier: scheme 1, salt 8 to 64 bytes, 4096 to 1000000 iterations, "
                                     "32-byte keys.");
    }
    if (invalid != ErrorCode::None && m_maxUsers == 0) {
        s.sendError(invalid, invalidText, request.id);
        return;
    }
    const int maxUsers = m_maxUsers;
    const bool tokens = m_tokens != nullptr;
    const bool failures = m_failures != nullptr;
    const bool insert = invalid == ErrorCode::None;
    QPointer<ServerSession> session(&s);
    m_server->hold(&s);
    storage()->run(
        this,
        [request, v, maxUsers, tokens, failures, insert](Database &db) {
            RegisterResult result;
            UserStore users(db);
            // SQLite counts from the page headers of the smallest index, not the rows (measured
            // 37 us at 100,000 users); names are looked up by their indexed key (addUser).
            if (maxUsers > 0 && users.userCount() >= maxUsers) {
                result.full = true;
                return result;
            }
            if (!insert)
                return result;
            result.added = users.addUser(request.user, v, &result.error);
            result.exists = !result.added && users.lastError() == UserStore::Error::UserExists;
            if (result.added) {
                if (tokens) // left by an earlier account of this name (deleted by the operator)
                    DeviceTokens(db).revokeAll(request.user);
                if (failures)
                    FailedLoginLog(db).take(request.user);
            }
            return result;
        },
        [this, session, request, invalid, invalidText](const RegisterResult &result, const QString &error) {
            if (!session)
                return;
            if (session->state() != ServerSession::State::Closing)
                answerRegister(*session, request, result, error, invalid, invalidText);
            m_server->release(session);
        });
}

void AuthService::answerRegister(ServerSession &s, const Register &request, const RegisterResult &result,
                                 const QString &error, ErrorCode invalid, const QString &invalidText)
{
    if (result.full) {
        s.sendError(ErrorCode::TooManyUsers,
                    QStringLiteral("This server has its maximum number of accounts (%1).").arg(m_maxUsers), request.id);
        return;
    }
    if (invalid != ErrorCode::None) {
        s.sendError(invalid, invalidText, request.id);
        return;
    }
    if (!result.added) {
        if (!result.exists)
            qCWarning(lcAuth).noquote() << "cannot register" << nameForLog(request.user) << ":"
                                        << (error.isEmpty() ? result.error : error);
        s.sendError(result.exists ? ErrorCode::UserExists : ErrorCode::Internal,
                    result.exists ? QStringLiteral("That user name, a look-alike of it or a reserved name is taken.")
                                  : QStringLiteral("The account could not be stored."),
                    request.id);
        return;
    }
    m_registrations.record(s.connection()->peerAddress());
    s.send(Registered{request.id, request.user});
    emit userRegistered(nameForLog(request.user));
}

bool AuthService::refuseRegistration(ServerSession &s, qint64 id)
{
    if (!m_allowRegistration) {
        s.sendError(ErrorCode::RegistrationDisabled, QStringLiteral("This server does not allow registration."), id);
        return true;
    }
    if (const int wait = m_registrations.blockedFor(s.connection()->peerAddress()); wait > 0) {
        Error e = Error::make(ErrorCode::TooManyRegistrations,
                              QStringLiteral("This address has created %1 accounts in the last hour; try again in %2 "
                                             "second(s).").arg(m_registrations.perHour()).arg(wait),
                              id);
        e.retryAfter = wait;
        s.send(e);
        return true;
    }
    return false;
}

void AuthService::recordFailure(const QString &user, const QHostAddress &address)
{
    if (!m_failures)
        return;
    // Only accounts that exist: the log is bounded by the users, not by what attackers type.
    // Nothing waits for it; a later login's take() is queued after it.
    const QString from = LoginThrottle::addressKey(address);
    const qint64 when = QDateTime::currentMSecsSinceEpoch();
    storage()->run(
        this,
        [user, from, when](Database &db) {
            if (UserStore(db).contains(user))
                FailedLoginLog(db).record(user, from, when);
            return true;
        },
        [user](bool, const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcAuth).noquote() << "cannot record a failed login for" << nameForLog(user) << ":" << error;
        });
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
    // The user named, parsed once without the database (continueStart() parses again with the
    // verifier read on the storage thread; parsing costs microseconds).
    QString user;
    ScramServer probe([&user](const QString &name) {
        user = name;
        return std::optional<ScramVerifier>();
    }, m_secret);
    probe.handleClientFirst(request.data.toUtf8());
    if (probe.state() == ScramServer::State::Failed) {
        s.sendError(ErrorCode::AuthFailed, QStringLiteral("Malformed SCRAM client-first message."), request.id);
        return;
    }
    const QString token = m_tokens ? request.deviceToken : QString();
    QPointer<ServerSession> session(&s);
    m_server->hold(&s);
    storage()->run(
        this,
        [user, token](Database &db) {
            StartLookup found;
            found.verifier = UserStore(db).verifier(user);
            // A valid device token of this account: only failures that presented it can lock it out.
            if (!token.isEmpty())
                found.device = DeviceTokens(db).validKey(user, token);
            return found;
        },
        [this, session, request, user](const StartLookup &found, const QString &error) {
            if (!session)
                return;
            if (session->state() == ServerSession::State::Closing) { // ended while it waited
                m_server->release(session);
                return;
            }
            if (!error.isEmpty()) {
                qCWarning(lcAuth).noquote() << "cannot look up" << nameForLog(user) << ":" << error;
                session->sendError(ErrorCode::Internal, QStringLiteral("The account could not be read."), request.id);
            } else if (m_sharedThrottle) {
                // The cluster's counts first (one Redis round trip); the session stays held.
                m_sharedThrottle->attempt(user, session->connection()->peerAddress(), found.device,
                                          [this, session, request, found](const ClusterThrottle::Verdict &shared) {
                                              if (!session)
                                                  return;
                                              if (session->state() != ServerSession::State::Closing)
                                                  continueStart(*session, request, found, shared);
                                              m_server->release(session);
                                          });
                return;
            } else {
                continueStart(*session, request, found);
            }
            m_server->release(session);
        });
}

void AuthService::continueStart(ServerSession &s, const AuthStart &request, const StartLookup &found,
                                const ClusterThrottle::Verdict &shared)
{
    const std::optional<ScramVerifier> verifier = found.verifier;
    ScramServer scram([verifier](const QString &) { return verifier; }, m_secret);
    const QByteArray serverFirst = scram.handleClientFirst(request.data.toUtf8());
    if (scram.state() == ScramServer::State::Failed) {
        s.sendError(ErrorCode::AuthFailed, QStringLiteral("Malformed SCRAM client-first message."), request.id);
        return;
    }
    const QHostAddress address = s.connection()->peerAddress();
    const QString &device = found.device;
    // A new start abandons the previous exchange (still counted).
    Pending &pending = m_pending[&s];
    pending = Pending{std::nullopt, LoginThrottle::nameKey(scram.user()), device, shared.lockEnds,
                      shared.answered && shared.lockedSeconds == 0};
    if (const int locked = qMax(m_throttle.lockedFor(scram.user(), address, device), shared.lockedSeconds);
        locked > 0) {
        sendLocked(s, request.id, locked);
        return;
    }
    m_throttle.recordAttempt(scram.user(), address, device); // also while the cluster counts: the fallback
    pending.scram = scram;
    s.send(AuthChallenge{request.id, QString::fromUtf8(serverFirst)});
}

void AuthService::onFinish(ServerSession &s, const AuthFinish &request)
{
    const auto it = m_pending.constFind(&s);
    if (it == m_pending.constEnd()) {
        s.sendError(ErrorCode::BadRequest, QStringLiteral("Send auth.start first."), request.id);
        return;
    }
    const Pending pending = *it;
    m_pending.erase(it);
    const QHostAddress address = s.connection()->peerAddress();
    if (!pending.scram) { // its auth.start was refused as locked
        if (const int locked = lockedFor(pending, address); locked > 0)
            sendLocked(s, request.id, locked);
        else
            s.sendError(ErrorCode::BadRequest, QStringLiteral("Send auth.start first."), request.id);
        return;
    }
    ScramServer scram = *pending.scram;
    const QByteArray serverFinal = scram.handleClientFinal(request.data.toUtf8());
    const QString user = scram.user();
    if (!scram.isAuthenticated()) {
        // Already counted at auth.start (with a token: for the token; the address counts it now).
        if (!pending.device.isEmpty()) {
            m_throttle.recordDeviceFailure(address);
            if (m_sharedThrottle)
                m_sharedThrottle->recordDeviceFailure(address);
        }
        emit loginFailed(nameForLog(user), s.peerName());
        recordFailure(user, address);
        if (const int locked = lockedFor(pending, address); locked > 0)
            sendLocked(s, request.id, locked);
        else
            s.sendError(ErrorCode::AuthFailed, QStringLiteral("Wrong user name or password."), request.id);
        return;
    }
    m_throttle.recordSuccess(user, address, pending.device);
    if (m_sharedThrottle && pending.sharedCount) // nothing to take back where nothing was counted
        m_sharedThrottle->recordSuccess(user, address, pending.device);
    AuthOk ok{request.id, user, QString::fromUtf8(serverFinal), {}, {}};
    if (!m_tokens && !m_failures) {
        finishLogin(s, ok);
        return;
    }
    // The device token and the failures since the last login, stored and read before auth.ok.
    const bool tokens = m_tokens != nullptr;
    const bool failures = m_failures != nullptr;
    const QString device = pending.device;
    QPointer<ServerSession> session(&s);
    m_server->hold(&s);
    storage()->run(
        this,
        [ok, tokens, failures, device](Database &db) mutable {
            if (tokens) {
                if (device.isEmpty())
                    ok.deviceToken = DeviceTokens(db).issue(ok.user);
                else
                    DeviceTokens(db).markUsed(device);
            }
            if (failures)
                ok.failedLogins = FailedLoginLog(db).take(ok.user);
            return ok;
        },
        [this, session, id = request.id, user](const AuthOk &ok, const QString &error) {
            if (!session)
                return;
            if (session->state() == ServerSession::State::Closing) { // ended while it waited
                m_server->release(session);
                return;
            }
            if (!error.isEmpty()) {
                qCWarning(lcAuth).noquote() << "cannot complete the login of" << nameForLog(user) << ":" << error;
                session->sendError(ErrorCode::Internal, QStringLiteral("The login could not be stored."), id);
            } else {
                finishLogin(*session, ok);
            }
            m_server->release(session);
        });
}

void AuthService::finishLogin(ServerSession &s, const AuthOk &ok)
{
    s.send(ok);
    s.setUser(ok.user); // after auth.ok, so presence and chat frames follow it
    emit loginSucceeded(nameForLog(ok.user), s.peerName());
}

void AuthService::setCluster(ClusterBus *bus)
{
    delete m_sharedThrottle;
    m_sharedThrottle = new ClusterThrottle(bus, m_throttle.policy(), this);
}

int AuthService::lockedFor(const Pending &pending, const QHostAddress &address) const
{
    const qint64 shared = pending.sharedLock.remainingTime(); // 0 once expired (never forever)
    return qMax(m_throttle.lockedFor(pending.user, address, pending.device), int((shared + 999) / 1000));
}

} // namespace Switchboard
