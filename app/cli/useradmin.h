#pragma once
#include "net/server/serverconfig.h"

#include <QCoreApplication>
#include <QStringList>

namespace Switchboard {

// "switchboard-server user ..." : account administration on a server's database.
//   user add NAME      (password: first line of standard input)
//   user list
//   user del NAME
//   user import FILE   (the tutorials' userinfo file: one "name|md5hex" per line)
class UserAdmin
{
    Q_DECLARE_TR_FUNCTIONS(UserAdmin)
public:
    // args: everything after "user"; the database is the server's (config's databaseUrl, else
    // the SQLite file in its dataDir). Returns the exit status.
    static int run(const ServerConfig &config, const QStringList &args);
};

} // namespace Switchboard
