#pragma once
#include <QString>

#include <functional>

class QObject;

namespace Switchboard {

class ChatServer;
class ServerSession;

// What a service needs to know of the accounts: whether one exists. UserStore is one; a
// service given a UserDirectory knows nothing else of where accounts live.
class UserDirectory
{
public:
    using Found = std::function<void(bool exists, const QString &error)>;

    virtual ~UserDirectory() = default;
    virtual bool userExists(const QString &name) const = 0;
    // The same question for a request: `done` runs on `receiver`'s thread, at once here; a
    // directory in a remote database answers later, from its database thread (the caller holds
    // the session meanwhile), and not at all once `receiver` is gone. `error` is non-empty when
    // the look-up failed (then `exists` means nothing).
    virtual void findUser(const QString &name, QObject *receiver, Found done) const
    {
        (void)receiver;
        done(userExists(name), QString());
    }
    // For a request naming a user: `s` is held (ChatServer::hold) while findUser() looks, so its
    // next frames wait; then request `requestId` is answered unknown_user (internal_error when the
    // look-up failed), or `then` runs with the session, which it may hold again to keep the
    // following frames waiting for its own answer. Nothing runs for a session that ended meanwhile.
    void requireUser(ChatServer *server, QObject *receiver, ServerSession &s, qint64 requestId, const QString &user,
                     std::function<void(ServerSession &s)> then) const;
};

} // namespace Switchboard
