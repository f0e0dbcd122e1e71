#pragma once
#include <QHash>
#include <QList>
#include <QString>

namespace Switchboard {

class ServerSession;

// The server's sessions grouped by the user they are logged in as, so "this user's sessions"
// (asked at every login, logout and private message) costs that user's sessions, not a scan of
// every connection: with 10,000 connected, the scan was three quarters of the server's CPU while
// they came and went. Kept by ChatServer as sessions log in and end.
class SessionsByUser
{
public:
    // The session is now `user`'s (empty: nobody's); it leaves its previous user's list.
    void setUser(ServerSession *session, const QString &user);
    void remove(ServerSession *session) { setUser(session, QString()); }
    // In the order they logged in.
    QList<ServerSession *> of(const QString &user) const { return m_byUser.value(user); }

private:
    QHash<QString, QList<ServerSession *>> m_byUser;
    QHash<ServerSession *, QString> m_userOf;
};

} // namespace Switchboard
