#include "embeddedserver.h"

#include "chatserver.h"
#include "net/discovery/serverannouncer.h"
#include "serverruntime.h"
#include "serversession.h"

#include <QThread>

namespace Switchboard {

EmbeddedServer::EmbeddedServer(QObject *parent)
    : QObject(parent)
{
}

EmbeddedServer::~EmbeddedServer()
{
    stop();
}

void EmbeddedServer::runThere(const std::function<void()> &f)
{
    QMetaObject::invokeMethod(m_context, f, Qt::BlockingQueuedConnection);
}

bool EmbeddedServer::start(const ServerConfig &config, QString *error)
{
    stop();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("switchboard-server"));
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    m_thread->start();
    const quint64 generation = ++m_generation;

    bool ok = false;
    QString why;
    runThere([&] {
        m_runtime = new ServerRuntime;
        ok = m_runtime->start(config, &why);
        if (!ok)
            return;
        // From now on (what start() logged, the owner reports itself), queued to this object's
        // thread, where its receivers live.
        connect(m_runtime, &ServerRuntime::logMessage, this, &EmbeddedServer::logMessage);
        m_endpoints = m_runtime->endpoints();
        m_tlsFingerprint = m_runtime->tlsFingerprint();
        ChatServer *server = m_runtime->server();
        connect(server, &ChatServer::sessionStarted, m_context, [this, generation](ServerSession *s) {
            connect(s, &ServerSession::userChanged, m_context, [this, generation] { postClients(generation); });
            postClients(generation);
        });
        // Ended sessions leave the server's list after this signal: look once it has returned.
        connect(server, &ChatServer::sessionEnded, m_context, [this, generation] {
            QMetaObject::invokeMethod(m_context, [this, generation] { postClients(generation); }, Qt::QueuedConnection);
        });
    });
    if (!ok) {
        if (error)
            *error = why;
        stop();
        return false;
    }
    m_config = config;
    m_clients.clear();
    return true;
}

bool EmbeddedServer::listenAlso(const QHostAddress &address, const QList<QHostAddress> &announced, QString *why)
{
    if (!m_thread)
        return false;
    bool ok = false;
    const quint16 port = m_endpoints.value(0).port;
    runThere([&] {
        ok = m_runtime->server()->listen(address, port, why);
        if (ok) {
            m_endpoints = m_runtime->endpoints();
            if (ServerAnnouncer *announcer = m_runtime->announcer())
                announcer->setListenAddresses(announced);
        }
    });
    return ok;
}

void EmbeddedServer::stop()
{
    if (!m_thread)
        return;
    runThere([this] {
        if (m_runtime)
            m_runtime->stop(); // goodbyes to the clients, storage closed
        delete m_runtime;
        m_runtime = nullptr;
    });
    m_thread->quit();
    m_thread->wait();
    delete m_context; // its thread has ended: nothing else touches it
    m_context = nullptr;
    delete m_thread;
    m_thread = nullptr;
    m_endpoints.clear();
    m_tlsFingerprint.clear();
    if (!m_clients.isEmpty()) {
        m_clients.clear();
        emit clientsChanged();
    }
}

void EmbeddedServer::postClients(quint64 generation)
{
    QList<Client> now;
    if (m_runtime && m_runtime->server()) {
        for (const ServerSession *s : m_runtime->server()->sessions())
            now.append(Client{s->id(), s->peerName(), s->user(), s->connectedSince()});
    }
    QMetaObject::invokeMethod(this, [this, now, generation] {
        if (!m_thread || generation != m_generation)
            return; // that server has stopped meanwhile
        m_clients = now;
        emit clientsChanged();
    }, Qt::QueuedConnection);
}

void EmbeddedServer::kick(quint64 sessionId, const QString &reason)
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_context, [this, sessionId, reason] {
        if (!m_runtime || !m_runtime->server())
            return;
        for (ServerSession *s : m_runtime->server()->sessions()) {
            if (s->id() == sessionId) {
                m_runtime->server()->kick(s, reason);
                return;
            }
        }
    }, Qt::QueuedConnection);
}

void EmbeddedServer::setCaptureSink(std::shared_ptr<CaptureSink> sink)
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_context, [this, sink] {
        if (m_runtime)
            m_runtime->setCaptureSink(sink);
    }, Qt::QueuedConnection);
}

} // namespace Switchboard
