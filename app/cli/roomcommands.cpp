#include "roomcommands.h"

#include "clioutput.h"
#include "commandwait.h"
#include "net/client/clientsession.h"

#include <QJsonArray>

#include <QCommandLineParser>

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
                      const CliOutput &output, int timeoutMs)
{
    const QString command = arguments.value(0);
    const QString room = arguments.value(1);
    const QString user = arguments.value(2);
    CommandWait wait(output);
    QObject::connect(&session, &ClientSession::errorReceived, wait.phase(), [&](const Protocol::Error &e) { wait.refuse(e); });
    wait.watch(session, timeoutMs);
    QObject::connect(&session, &ClientSession::roomJoined, wait.phase(), [&](const QString &joined) {
        if (command == QLatin1String("create") && joined == room) {
            output.result({{QStringLiteral("type"), QStringLiteral("room.created")}, {QStringLiteral("room"), room}},
                          tr("created %1").arg(room));
            wait.done();
        }
    });
    QObject::connect(&session, &ClientSession::roomMembersReceived, wait.phase(),
                     [&](const QString &which, bool, const QString &owner, const QStringList &members) {
                         if (which != room || command == QLatin1String("create"))
                             return;
                         if (command == QLatin1String("members")) {
                             QStringList lines;
                             for (const QString &m : members)
                                 lines.append(m == owner ? tr("%1 (owner)").arg(m) : m);
                             output.result({{QStringLiteral("type"), QStringLiteral("room.members")},
                                            {QStringLiteral("room"), room},
                                            {QStringLiteral("owner"), owner},
                                            {QStringLiteral("members"), QJsonArray::fromStringList(members)}},
                                           lines.join(QLatin1Char('\n')));
                         } else {
                             output.result({{QStringLiteral("type"), QStringLiteral("room.changed")},
                                            {QStringLiteral("action"), command},
                                            {QStringLiteral("room"), room},
                                            {QStringLiteral("user"), user}},
                                           tr("%1 %2 %3").arg(command, room, user));
                         }
                         wait.done();
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
        output.error(QStringLiteral("not_connected"), tr("Not connected."));
        return 3;
    }
    return wait.exec();
}

} // namespace Switchboard
