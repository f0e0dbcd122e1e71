#pragma once
// A ChatServer on 127.0.0.1 (an ephemeral port) in a thread of its own, so a benchmark's clients
// and the server do not share one event loop, as with a server process of its own.

#include "net/server/chatserver.h"

#include <QThread>

#include <functional>

namespace Switchboard::Bench {

class ChatServerThread
{
public:
    ~ChatServerThread() { stop(); }

    // Makes the server in its thread, runs setUp on it there, and listens; false when it cannot.
    bool start(const std::function<void(ChatServer *)> &setUp = {})
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        bool ok = false;
        QMetaObject::invokeMethod(&m_context, [&] {
            m_server = new ChatServer;
            if (setUp)
                setUp(m_server);
            ok = m_server->listen(QHostAddress::LocalHost, 0);
            if (ok)
                m_port = m_server->listeners().first().port;
        }, Qt::BlockingQueuedConnection);
        return ok;
    }
    quint16 port() const { return m_port; }
    void stop()
    {
        if (!m_thread.isRunning())
            return;
        QMetaObject::invokeMethod(&m_context, [this] {
            delete m_server;
            m_server = nullptr;
        }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

private:
    QThread m_thread;
    QObject m_context;
    ChatServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace Switchboard::Bench
