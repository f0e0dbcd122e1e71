#include "closequestion.h"

#include "net/client/transfermanager.h"
#include "net/server/embeddedserver.h"
#include "net/transfer/transfer.h"

#include <QCoreApplication>
#include <QLocale>

namespace Switchboard {

QStringList CloseQuestion::connectedUsers(const EmbeddedServer *server, const QString &me, int *anonymous)
{
    QStringList users;
    int others = 0;
    if (server && server->isRunning()) {
        bool meSeen = false;
        for (const EmbeddedServer::Client &c : server->clients()) {
            if (c.user.isEmpty()) {
                ++others;
            } else if (c.user == me && !meSeen) {
                meSeen = true; // the host's own window; its other devices still count
            } else if (!users.contains(c.user)) {
                users.append(c.user);
            }
        }
    }
    if (anonymous)
        *anonymous = others;
    return users;
}

QStringList CloseQuestion::activeTransfers(const TransferManager *transfers)
{
    QStringList names;
    if (!transfers)
        return names;
    for (const Transfer *t : transfers->transfers()) {
        switch (transfers->stateOf(t)) {
        case Transfer::State::Finished:
        case Transfer::State::Cancelled:
        case Transfer::State::Failed:
        case Transfer::State::Paused:
            break;
        default:
            names.append(t->displayName());
        }
    }
    return names;
}

QString CloseQuestion::text(const EmbeddedServer *server, const TransferManager *transfers, const QString &me)
{
    QStringList parts;
    if (server && server->isRunning()) {
        int anonymous = 0;
        const QStringList users = connectedUsers(server, me, &anonymous);
        if (users.isEmpty() && anonymous == 0)
            parts.append(tr("This program hosts a server; nobody else is connected to it now."));
        else if (users.isEmpty())
            parts.append(tr("This program hosts a server with %n connection(s) not logged in; they will be cut off.", nullptr, anonymous));
        else
            parts.append(tr("This program hosts a server and %n user(s) are connected: %1. They will be cut off.", nullptr,
                            int(users.size()))
                             .arg(QLocale().createSeparatedList(users)));
    }
    const QStringList running = activeTransfers(transfers);
    if (!running.isEmpty())
        parts.append(tr("%n transfer(s) have not finished: %1. They resume the next time you log in.", nullptr, int(running.size()))
                         .arg(QLocale().createSeparatedList(running.mid(0, 5))));
    return parts.join(QStringLiteral("\n\n"));
}

} // namespace Switchboard
