#pragma once
#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace Switchboard {

class CliOutput;
class ClientSession;

// "search ROOM TEXT" (or "search --to USER TEXT") of switchboard-cli, through a logged-in
// session: the newest matches first, one per line ([date time] sender: text; with --json each
// message's JSON), then with --json a last line {"type":"search.end","count":N,"more":BOOL,
// "before":ID}. --limit N matches (default 50, at most 500), --before ID continues an earlier
// search below that message. Exit status as the other commands (1: the server refused).
class SearchCommand
{
    Q_DECLARE_TR_FUNCTIONS(SearchCommand)
public:
    static void addOptions(QCommandLineParser &parser); // --limit, --before
    static int run(ClientSession &session, const QString &room, const QString &to, const QString &text,
                   const QCommandLineParser &parser, const CliOutput &output, int timeoutMs);
};

} // namespace Switchboard
