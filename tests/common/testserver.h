#pragma once
// A real Switchboard server on 127.0.0.1 (ephemeral port) with its own temporary data directory.
// Plaintext, like the clients of the tests that use it; tst_tls starts TLS servers itself.

#include "net/server/serverruntime.h"

#include <QTemporaryDir>
#include <QTest>

namespace Switchboard::Test {

class TestServer
{
public:
    explicit TestServer(ServerConfig config = ServerConfig())
    {
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = m_dir.path();
        config.tls = false;
        QString error;
        m_ok = m_runtime.start(config, &error);
        if (!m_ok)
            qWarning("TestServer: %s", qPrintable(error));
    }
    bool ok() const { return m_ok; }
    quint16 port() const { return m_runtime.endpoints().value(0).port; }
    ServerRuntime &runtime() { return m_runtime; }
    QString dataDir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    ServerRuntime m_runtime;
    bool m_ok = false;
};

} // namespace Switchboard::Test
