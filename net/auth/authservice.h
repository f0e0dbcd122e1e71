#pragma once
#include "loginthrottle.h"
#include "net/protocol/messages.h"
#include "scramserver.h"

#include <QHash>
#include <QObject>

namespace Switchboard {

class ChatServer;
class ServerSession;
class UserStore;

// Registration and SCRAM-SHA-256 login over frames (docs/PROTOCOL.md section 6), with lockout
// after repeated failures per (account, source address) and per source address (LoginThrottle).
// A login counts as a failure from its accepted auth.start until it succeeds, so parallel
// connections cannot guess past the limit.
class AuthService : public QObject
{
    Q_OBJECT
public:
    AuthService(ChatServer *server, UserStore *users, QObject *parent = nullptr);

    void setRegistrationAllowed(bool on);
    LoginThrottle &throttle() { return m_throttle; }

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

    ChatServer *m_server;
    UserStore *m_users;
    QByteArray m_secret;
    bool m_allowRegistration = true;
    LoginThrottle m_throttle;
    QHash<ServerSession *, ScramServer> m_exchanges;
    // Sessions whose last auth.start was refused as locked, with the name it gave: their
    // auth.finish is answered auth_locked too.
    QHash<ServerSession *, QString> m_refused;
};

} // namespace Switchboard
