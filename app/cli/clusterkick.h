#pragma once
#include "net/server/serverconfig.h"

#include <QCoreApplication>
#include <QStringList>

namespace Switchboard {

// "switchboard-server --cluster URL kick NAME [REASON]": ends NAME's sessions on every node of a
// running cluster (each client is told `kicked`, with REASON). Also what "user del" does on a
// cluster after deleting the account, so the deleted user is not left logged in anywhere.
class ClusterKick
{
    Q_DECLARE_TR_FUNCTIONS(ClusterKick)
public:
    // args: everything after "kick". Returns the exit status.
    static int run(const ServerConfig &config, const QStringList &args);
    // Publishes the kick and waits for Redis (at most TimeoutMs); 0 on success, else prints why.
    static int kick(const ServerConfig &config, const QString &user, const QString &reason);

    static constexpr int TimeoutMs = 5000;
};

} // namespace Switchboard
