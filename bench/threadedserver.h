#pragma once
// A real server on 127.0.0.1 (ephemeral port, temporary data directory) running in a thread of
// its own, as a separate process would: the benchmark's thread measures only its clients.

#include "net/server/serverruntime.h"

#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

namespace Switchboard::Bench {

class ThreadedServer
{
public:
    explicit ThreadedServer(ServerConfig config = ServerConfig())
    {
        m_thread.start();
        m_runtime = new ServerRuntime;
        m_runtime->moveToThread(&m_thread);
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = m_dir.path();
        config.tls = false; // the benchmarks' clients speak plaintext
        run([&] {
            QString error;
            if (!m_runtime->start(config, &error))
                std::fprintf(stderr, "server: %s\n", qPrintable(error));
            m_port = m_runtime->endpoints().value(0).port;
        });
    }
    ~ThreadedServer()
    {
        run([this] { delete m_runtime; });
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    // The runtime lives in the server thread: touch it only inside run().
    ServerRuntime *runtime() const { return m_runtime; }
    // Runs f in the server thread and waits for it.
    template <typename F> void run(F f) { QMetaObject::invokeMethod(m_runtime, f, Qt::BlockingQueuedConnection); }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    ServerRuntime *m_runtime = nullptr;
    quint16 m_port = 0;
};

} // namespace Switchboard::Bench
