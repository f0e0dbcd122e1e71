#include "closequestion.h"

#include "net/client/transfermanager.h"
#include "net/server/chatserver.h"
#include "net/server/serverruntime.h"
#include "net/server/serversession.h"
#include "net/transfer/transfer.h"

#include <QCoreApplication>
#include <QLocale>

namespace Switchboard {

QStringList CloseQuestion::connectedUsers(const ServerRuntime *runtime, const QString &me, int *anonymous)
{
    QStringList users;
    int others = 0;
    if (runtime && runtime->server()) {
        bool meSeen = false;
        for (const ServerSession *s : runtime->server()->sessions()) {
            if (!s->isAuthenticated()) {
                ++others;
            } else if (s->user() == me && !meSeen) {
                meSeen = true; // the host's own window; its other devices still count
            } else if (!users.contains(s->user())) {
                users.append(s->user());
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

QString CloseQuestion::text(const ServerRuntime *runtime, const TransferManager *transfers, const QString &me)
{
    QStringList parts;
    if (runtime && runtime->server()) {
        int anonymous = 0;
        const QStringList users = connectedUsers(runtime, me, &anonymous);
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
