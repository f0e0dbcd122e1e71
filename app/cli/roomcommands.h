#pragma once
#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace Switchboard {

class CliOutput;
class ClientSession;

// The "room" command of switchboard-cli, through a session that is logged in:
//   room create NAME [--private]    create a room (and join it); private: you own it
//   room invite NAME USER [--share-history]
//   room remove NAME USER           (the owner; or USER is yourself: leave the access list)
//   room owner NAME USER            hand the room over
//   room members NAME               one member per line, the owner marked "(owner)"
// Returns the exit status: 0 success, 1 the server refused, 2 bad usage, 3 connection lost,
// 4 no answer in time.
class RoomCommands
{
    Q_DECLARE_TR_FUNCTIONS(RoomCommands)
public:
    // Adds --private and --share-history to the CLI's parser (before process()).
    static void addOptions(QCommandLineParser &parser);
    // Checks the arguments (after "room") before anything connects; an error message, or empty.
    static QString usageError(const QStringList &arguments);
    // Results and errors through output (with --json: {"type":"room.created"|"room.members"|
    // "room.changed", ...} lines).
    static int run(ClientSession &session, const QStringList &arguments, const QCommandLineParser &parser,
                   const CliOutput &output, int timeoutMs);
};

} // namespace Switchboard
