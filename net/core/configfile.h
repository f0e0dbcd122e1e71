#pragma once
#include <QString>
#include <QStringList>

namespace Switchboard {

// A server configuration file: one option of the command line per line, written without its
// dashes ("max-clients = 500", "listen = 0.0.0.0:5151", "no-register = true"). Blank lines
// and lines starting with '#' are ignored; a repeatable option may appear on several lines.
// The file becomes command-line arguments placed before the real ones, so every option the
// program has can be set here (no second list to keep in step) and the command line wins.
namespace ConfigFile {

// The arguments the file stands for ("--max-clients=500", "--no-register"), or false with
// "FILE:LINE: reason" in *error. A flag with "false"/"no"/"off"/"0" is left out.
bool toArguments(const QString &path, QStringList *arguments, QString *error);

// The program's arguments with those of --config FILE (or --config=FILE) inserted after
// argv[0]. Without --config, defaultPath is read when it exists (empty: none). The --config
// option stays in the list so that the parser accepts it.
bool withConfigArguments(const QStringList &programArguments, const QString &defaultPath,
                         QStringList *out, QString *error, QString *usedPath = nullptr);

} // namespace ConfigFile
} // namespace Switchboard
