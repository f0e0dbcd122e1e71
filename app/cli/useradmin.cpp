#include "useradmin.h"

#include "clusterkick.h"

#include "net/auth/credentials.h"
#include "net/auth/devicetokens.h"
#include "net/auth/failedloginlog.h"
#include "net/auth/userstore.h"
#include "net/chat/privaterooms.h"
#include "net/server/serverruntime.h"
#include "net/storage/database.h"

#include <QDir>
#include <QTextStream>

#include <iostream>
#include <string>

namespace Switchboard {

int UserAdmin::run(const ServerConfig &config, const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString usage = tr("Usage: switchboard-server [--data DIR | --database URL] user add NAME | list | del NAME | import FILE");
    if (args.isEmpty()) {
        err << usage << Qt::endl;
        return 2;
    }
    Database database; // creates the data directory owner-only when it is missing (SQLite)
    QString error;
    DatabaseUrl url;
    if (!DatabaseUrl::forServer(config.databaseUrl, config.databasePasswordFile,
                                ServerRuntime::databasePath(config.dataDir), &url, &error)
        || !database.open(url, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    UserStore store(database);
    const QString verb = args.first();
    if (verb == QLatin1String("list") && args.size() == 1) {
        for (const QString &u : store.users())
            out << u << Qt::endl;
        return 0;
    }
    if (verb == QLatin1String("add") && args.size() == 2) {
        std::string line;
        std::getline(std::cin, line);
        QString password = QString::fromStdString(line);
        if (password.endsWith(QLatin1Char('\r')))
            password.chop(1);
        if (password.isEmpty()) {
            err << tr("Give the password on standard input, e.g.: echo secret | switchboard-server user add alice") << Qt::endl;
            return 2;
        }
        const QString name = args.at(1);
        const ScramVerifier v = Credentials::deriveVerifier(Credentials::md5Credential(name, password).toLatin1());
        if (!store.addUser(name, v, &error)) {
            err << error << Qt::endl;
            return 1;
        }
        out << tr("added %1").arg(name) << Qt::endl;
        return 0;
    }
    if (verb == QLatin1String("del") && args.size() == 2) {
        PrivateRooms rooms(database);
        if (!store.removeUser(args.at(1), &error) || !rooms.load(&error) || !rooms.forgetUser(args.at(1), &error)) {
            err << error << Qt::endl;
            return 1;
        }
        // Its device tokens and failure count must not pass to a later account of that name.
        DeviceTokens(database).revokeAll(args.at(1));
        FailedLoginLog(database).take(args.at(1));
        out << tr("deleted %1").arg(args.at(1)) << Qt::endl;
        // On a cluster its sessions end everywhere now, not when they next log in.
        return config.clusterUrl.isEmpty() ? 0 : ClusterKick::kick(config, args.at(1), tr("account deleted"));
    }
    if (verb == QLatin1String("import") && args.size() == 2) {
        UserStore::ImportReport report;
        const bool ok = store.importUserInfo(args.at(1), Credentials::DefaultIterations, &report);
        for (const QString &m : report.messages())
            err << m << Qt::endl;
        out << tr("imported %n user(s)", nullptr, report.imported) << Qt::endl;
        return ok ? 0 : 1;
    }
    err << usage << Qt::endl;
    return 2;
}

} // namespace Switchboard
