#include "userdirectory.h"

#include "chatserver.h"
#include "serversession.h"
#include "net/core/logging.h"

#include <QPointer>

namespace Switchboard {

void UserDirectory::requireUser(ChatServer *server, QObject *receiver, ServerSession &s, qint64 requestId,
                                const QString &user, std::function<void(ServerSession &s)> then) const
{
    const QPointer<ChatServer> guardServer(server);
    const QPointer<ServerSession> session(&s);
    server->hold(&s);
    findUser(user, receiver,
             [guardServer, session, requestId, user, then = std::move(then)](bool exists, const QString &error) {
                 if (!session || !guardServer)
                     return;
                 if (session->state() != ServerSession::State::Closing) {
                     if (!error.isEmpty()) {
                         qCWarning(lcServer).noquote() << "cannot look up user" << user << ":" << error;
                         session->sendError(Protocol::ErrorCode::Internal,
                                            QStringLiteral("The user could not be looked up."), requestId);
                     } else if (!exists) {
                         session->sendError(Protocol::ErrorCode::UnknownUser,
                                            QStringLiteral("There is no user \"%1\".").arg(user), requestId);
                     } else {
                         then(*session);
                     }
                 }
                 guardServer->release(session);
             });
}

} // namespace Switchboard
