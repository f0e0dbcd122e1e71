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

// Registration and SCRAM-SHA-256 login over frames (docs/PROTOCOL.md section 6),
// with lockout after repeated failures per account and per source address.
class AuthService : public QObject
{
    Q_OBJECT
public:
    AuthService(ChatServer *server, UserStore *users, QObject *parent = nullptr);

    void setRegistrationAllowed(bool on);
    LoginThrottle &throttle() { return m_throttle; }

signals:
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
};

} // namespace Switchboard
