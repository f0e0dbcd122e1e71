#include "roomcommands.h"

#include "net/client/clientsession.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

namespace Switchboard {

namespace {
// Subcommand and how many arguments it takes after itself.
const QList<std::pair<QString, int>> Subcommands = {
    {QStringLiteral("create"), 1}, {QStringLiteral("invite"), 2}, {QStringLiteral("remove"), 2},
    {QStringLiteral("owner"), 2},  {QStringLiteral("members"), 1},
};
} // namespace

void RoomCommands::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("private"), tr("room create: a private room (you own it).")));
    parser.addOption(QCommandLineOption(QStringLiteral("share-history"),
                                        tr("room invite: let USER read what was said before (owner only).")));
}

QString RoomCommands::usageError(const QStringList &arguments)
{
    const QString usage = tr("Usage: room create NAME [--private] | room invite NAME USER [--share-history] | "
                             "room remove NAME USER | room owner NAME USER | room members NAME");
    for (const auto &[name, count] : Subcommands)
        if (arguments.value(0) == name)
            return arguments.size() == count + 1 ? QString() : usage;
    return usage;
}

int RoomCommands::run(ClientSession &session, const QStringList &arguments, const QCommandLineParser &parser,
                      int timeoutMs)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString command = arguments.value(0);
    const QString room = arguments.value(1);
    const QString user = arguments.value(2);
    QEventLoop loop;
    int status = 0;
    QObject phase;
    QObject::connect(&session, &ClientSession::errorReceived, &phase, [&](const Protocol::Error &e) {
        err << tr("Refused (%1): %2").arg(e.codeString, e.message) << Qt::endl;
        status = 1;
        loop.quit();
    });
    QObject::connect(&session, &ClientSession::disconnected, &phase, [&](const QString &reason) {
        err << tr("Disconnected: %1").arg(reason) << Qt::endl;
        status = 3;
        loop.quit();
    });
    QObject::connect(&session, &ClientSession::roomJoined, &phase, [&](const QString &joined) {
        if (command == QLatin1String("create") && joined == room) {
            out << tr("created %1").arg(room) << Qt::endl;
            loop.quit();
        }
    });
    QObject::connect(&session, &ClientSession::roomMembersReceived, &phase,
                     [&](const QString &which, bool, const QString &owner, const QStringList &members) {
                         if (which != room || command == QLatin1String("create"))
                             return;
                         if (command == QLatin1String("members")) {
                             for (const QString &m : members)
                                 out << (m == owner ? tr("%1 (owner)").arg(m) : m) << Qt::endl;
                         } else {
                             out << tr("%1 %2 %3").arg(command, room, user) << Qt::endl;
                         }
                         loop.quit();
                     });
    QTimer::singleShot(timeoutMs, &phase, [&] {
        err << tr("Timed out.") << Qt::endl;
        status = 4;
        loop.quit();
    });

    qint64 id = 0;
    if (command == QLatin1String("create"))
        id = session.createRoom(room, parser.isSet(QStringLiteral("private")));
    else if (command == QLatin1String("invite"))
        id = session.inviteToRoom(room, user, parser.isSet(QStringLiteral("share-history")));
    else if (command == QLatin1String("remove"))
        id = session.removeFromRoom(room, user);
    else if (command == QLatin1String("owner"))
        id = session.transferOwnership(room, user);
    else
        id = session.requestMembers(room);
    if (id == 0) {
        err << tr("Not connected.") << Qt::endl;
        return 3;
    }
    loop.exec();
    return status;
}

} // namespace Switchboard
