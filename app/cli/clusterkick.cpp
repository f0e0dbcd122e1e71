#include "clusterkick.h"

#include "net/cluster/clusteradmin.h"

#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

namespace Switchboard {

int ClusterKick::run(const ServerConfig &config, const QStringList &args)
{
    if (args.isEmpty() || args.size() > 2) {
        QTextStream(stderr) << tr("Usage: switchboard-server --cluster redis://HOST:PORT kick NAME [REASON]") << Qt::endl;
        return 2;
    }
    return kick(config, args.at(0), args.value(1));
}

int ClusterKick::kick(const ServerConfig &config, const QString &user, const QString &reason)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (config.clusterUrl.isEmpty()) {
        // A single server has no channel for this; its own window's server panel kicks sessions.
        err << tr("kick needs --cluster redis://HOST:PORT (the Redis of a running cluster)") << Qt::endl;
        return 2;
    }
    ClusterBus::Settings settings;
    QString error;
    if (!ClusterBus::parseUrl(config.clusterUrl, &settings, &error)) {
        err << error << Qt::endl;
        return 2;
    }
    ClusterAdmin admin(settings);
    QEventLoop loop;
    int nodes = -1;
    QObject::connect(&admin, &ClusterAdmin::published, &loop, [&](int n) {
        nodes = n;
        loop.quit();
    });
    QObject::connect(&admin, &ClusterAdmin::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(TimeoutMs, &loop, &QEventLoop::quit);
    admin.kick(user, reason);
    loop.exec();
    if (nodes < 0) {
        err << tr("Redis at %1 did not answer; %2 was not kicked").arg(config.clusterUrl, user) << Qt::endl;
        return 1;
    }
    if (nodes == 0)
        out << tr("no node is connected to %1: nobody to kick").arg(config.clusterUrl) << Qt::endl;
    else
        out << tr("kicked %1 on %n node(s)", nullptr, nodes).arg(user) << Qt::endl;
    return 0;
}

} // namespace Switchboard
