#pragma once
#include <QCoreApplication>
#include <QStringList>

class QCommandLineParser;

namespace Switchboard {

class CliOutput;
class Transfer;
class TransferManager;

// The "upload" and "download" commands of switchboard-cli, through the transfer manager of a
// session that is logged in (the same queue the GUI uses, one file at a time). Each spins an event loop until done and returns the exit status: 0 success,
// 1 a transfer failed, 2 bad usage, 3 connection lost. On a terminal a progress line is drawn on
// stderr; otherwise nothing but the results (stdout) and errors (stderr) is printed, through a
// CliOutput (with --json: {"type":"uploaded"|"downloaded", ...} lines).
class TransferCommands
{
    Q_DECLARE_TR_FUNCTIONS(TransferCommands)
public:
    // Adds --room ROOM, --to USER and -o/--output PATH to the CLI's parser (before process()).
    static void addOptions(QCommandLineParser &parser);
    static bool handles(const QString &command);
    // command is "upload" or "download"; arguments are the positional arguments after it.
    static int run(TransferManager &manager, const QString &command, const QStringList &arguments,
                   const QCommandLineParser &parser, const CliOutput &output);

    // upload FILE... (folders are walked) to exactly one of room / toUser.
    static int upload(TransferManager &manager, const QStringList &paths, const QString &room, const QString &toUser,
                      const CliOutput &output);
    // download ID [-o PATH]: PATH an existing folder (or empty: the current folder) saves under the
    // server's name without overwriting anything; "-" writes the file to standard output (after
    // its checksum was verified; the result line then goes to stderr); any other PATH is the file
    // to write (replaced).
    static int download(TransferManager &manager, qint64 fileId, const QString &outputPath, const CliOutput &output);

private:
    static int wait(TransferManager &manager, Transfer &transfer, const CliOutput &output);
};

} // namespace Switchboard
