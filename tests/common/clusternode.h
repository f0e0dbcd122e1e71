#pragma once
// One node of a test cluster: a whole server on 127.0.0.1 in the test's process, plaintext, with
// its state in a data directory the nodes may share, live state through redisUrl.
#include "net/cluster/clusterbus.h"
#include "net/server/serverruntime.h"

#include <QTest>

namespace Switchboard::Test {

struct ClusterNode
{
    ServerRuntime runtime;
    bool ok = false; // started (and, after waitLive(), live)
    ClusterNode(const QString &dataDir, const QString &redisUrl, const QString &id)
    {
        ServerConfig config;
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = dataDir;
        config.tls = false;
        config.announce = false;
        config.clusterUrl = redisUrl;
        config.nodeId = id;
        QString error;
        ok = runtime.start(config, &error);
        if (!ok)
            qWarning("node %s: %s", qPrintable(id), qPrintable(error));
    }
    quint16 port() const { return runtime.endpoints().value(0).port; }
    bool live() const { return runtime.cluster() && runtime.cluster()->isLive(); }
    // Waits until both Redis connections are up; ok tells whether they came.
    bool waitLive(int timeoutMs = 5000)
    {
        for (int waited = 0; ok && !live() && waited < timeoutMs; waited += 50)
            QTest::qWait(50);
        return ok = ok && live();
    }
};

} // namespace Switchboard::Test
