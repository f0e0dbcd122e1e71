#pragma once
#include "loginthrottle.h"
#include "net/cluster/clusterthrottle.h"
#include "net/protocol/messages.h"
#include "registrationlimiter.h"
#include "scramserver.h"

#include "net/storage/storagethread.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>

#include <optional>

namespace Switchboard {

class ChatServer;
class ClusterBus;
class DeviceTokens;
class FailedLoginLog;
class ServerSession;
class UserStore;

// Registration and SCRAM-SHA-256 login over frames (docs/PROTOCOL.md section 6), with lockout
// after repeated failures per (account, source address) and per source address (LoginThrottle).
// A login counts as a failure from its accepted auth.start until it succeeds, so parallel
// connections cannot guess past the limit.
//
// With DeviceTokens and a FailedLoginLog set (docs/PROTOCOL.md 6.6): a successful login gets a
// device token, a login presenting a valid one is counted against that token only, and the
// owner learns at the next login how many logins failed since the last. Registrations are
// limited per source address per hour and in total (6.3).
class AuthService : public QObject
{
    Q_OBJECT
public:
    AuthService(ChatServer *server, UserStore *users, QObject *parent = nullptr);

    void setRegistrationAllowed(bool on);
    // perHour: accounts one source address may create per hour; maxUsers: accounts in all.
    // 0 = no limit.
    void setRegistrationLimits(int perHour, int maxUsers);
    // Both outlive this service; null (the default) turns the feature off.
    void setLoginRecords(DeviceTokens *tokens, FailedLoginLog *failures);
    // The login's storage calls (verifier, device token, failed-login records) go through
    // `storage` (must outlive the service): on its database thread with PostgreSQL. Unset: run
    // inline on the UserStore's database.
    void setStorage(StorageThread *storage) { m_storage = storage; }
    // This node's own counts (alone: the only ones).
    LoginThrottle &throttle() { return m_throttle; }
    // Counts login attempts in Redis too, shared by every node (ClusterThrottle; the bus must
    // outlive the service). The longer lock of the two decides.
    void setCluster(ClusterBus *bus);
    RegistrationLimiter &registrationLimiter() { return m_registrations; }

    // `name` made safe for one log line: control, format and separator characters (a newline, a
    // bidi override) and the backslash written as escapes (\n, \r, \u{202e}, \\), cut to
    // MaxLogNameChars code points with "..." appended.
    static QString nameForLog(const QString &name);
    static constexpr int MaxLogNameChars = 64;

signals:
    // The user names these carry are already escaped with nameForLog() for the log.
    void userRegistered(const QString &user);
    void loginSucceeded(const QString &user, const QString &peer);
    void loginFailed(const QString &user, const QString &peer);

private:
    void onRegister(ServerSession &s, const Protocol::Register &request);
    void onStart(ServerSession &s, const Protocol::AuthStart &request);
    void onFinish(ServerSession &s, const Protocol::AuthFinish &request);
    void sendLocked(ServerSession &s, qint64 id, int seconds);
    // What auth.start needs from the database (read on the storage thread).
    struct StartLookup
    {
        std::optional<ScramVerifier> verifier;
        QString device; // throttle key of the valid device token presented, else empty
    };
    void continueStart(ServerSession &s, const Protocol::AuthStart &request, const StartLookup &found,
                       const ClusterThrottle::Verdict &shared = {});
    // What registration did on the storage thread.
    struct RegisterResult
    {
        bool full = false;   // --max-users reached: nothing inserted
        bool added = false;
        bool exists = false; // the name or a look-alike is taken
        QString error;       // the database's words, for the log
    };
    // `invalid`: the name or verifier was refused before the count (ErrorCode::None: valid).
    void answerRegister(ServerSession &s, const Protocol::Register &request, const RegisterResult &result,
                        const QString &error, Protocol::ErrorCode invalid, const QString &invalidText);
    void finishLogin(ServerSession &s, const Protocol::AuthOk &ok);
    StorageThread *storage() { return m_storage ? m_storage : &m_inlineStorage; }

    bool refuseRegistration(ServerSession &s, qint64 id);
    void recordFailure(const QString &user, const QHostAddress &address);

    // A started exchange, or (scram unset) an auth.start refused as locked, whose auth.finish is
    // answered auth_locked too. `device` is the throttle key of a valid device token presented.
    struct Pending
    {
        std::optional<ScramServer> scram;
        QString user;
        QString device;
        QDeadlineTimer sharedLock; // the cluster's lock as counted at auth.start
        bool sharedCount = false;  // the cluster counted this attempt
    };
    // Seconds the exchange's account (or token) is locked for here or in the cluster.
    int lockedFor(const Pending &pending, const QHostAddress &address) const;

    ChatServer *m_server;
    UserStore *m_users;
    DeviceTokens *m_tokens = nullptr;
    FailedLoginLog *m_failures = nullptr;
    QByteArray m_secret;
    bool m_allowRegistration = true;
    int m_maxUsers = 0;
    LoginThrottle m_throttle;
    RegistrationLimiter m_registrations;
    QHash<ServerSession *, Pending> m_pending;
    ClusterThrottle *m_sharedThrottle = nullptr; // clustered only
    StorageThread *m_storage = nullptr;
    StorageThread m_inlineStorage; // never started: runs on the UserStore's database
};

} // namespace Switchboard
