#pragma once
#include "serverconfig.h"

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace Switchboard {

class CaptureSink;
class ServerRuntime;

// A whole server (ServerRuntime) hosted by a GUI program, on a thread of its own: its sockets,
// TLS, routing, fan-out and file reads and writes never run on the GUI thread. The GUI thread sees
// it only through this object: what start() learned (endpoints, fingerprint), a snapshot of the
// connected clients kept up to date by clientsChanged(), the server log, and calls that are
// posted to the server's thread (kick, capture).
//
// start() and stop() wait for the server's thread to finish them (opening the database, making a
// TLS key, saying goodbye to the clients), as they did when the server shared the GUI thread.
class EmbeddedServer : public QObject
{
    Q_OBJECT
public:
    struct Client
    {
        quint64 id = 0; // the session's, for kick()
        QString address;
        QString user; // empty: not logged in
        QDateTime since;
    };

    explicit EmbeddedServer(QObject *parent = nullptr);
    ~EmbeddedServer() override; // stop()

    // Starts the server on its thread and waits for it; on failure (error says why) nothing runs.
    bool start(const ServerConfig &config, QString *error);
    // Also listens on address at the first endpoint's port (a LAN host's IPv6 teammates), and has
    // the announcer advertise announced; false (why says why) if it cannot listen there.
    bool listenAlso(const QHostAddress &address, const QList<QHostAddress> &announced, QString *why);
    // Says goodbye to every client and ends the server's thread; waits for both.
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

    const ServerConfig &config() const { return m_config; }
    QList<Endpoint> endpoints() const { return m_endpoints; }
    QString tlsFingerprint() const { return m_tlsFingerprint; }
    // The connected clients, as of the last clientsChanged().
    QList<Client> clients() const { return m_clients; }
    int clientCount() const { return int(m_clients.size()); }

    // Ends the session (posted to the server's thread; clientsChanged() follows).
    void kick(quint64 sessionId, const QString &reason);
    // Reports the server side of every connection to sink (thread-safe sinks only, such as
    // CaptureBuffer); nullptr stops capturing.
    void setCaptureSink(std::shared_ptr<CaptureSink> sink);

    // The server's own thread, for tests.
    QThread *serverThread() const { return m_thread; }

signals:
    void clientsChanged();
    // ServerRuntime::logMessage, delivered in this object's thread.
    void logMessage(const QString &line);

private:
    // Runs f on the server's thread and waits for it.
    void runThere(const std::function<void()> &f);
    // The server's thread: a fresh snapshot to this object's thread, unless that server (one
    // start() of this object) has stopped by then.
    void postClients(quint64 generation);

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr; // lives in m_thread: the target of posted calls
    ServerRuntime *m_runtime = nullptr; // lives in m_thread; touched only there
    ServerConfig m_config;
    QList<Endpoint> m_endpoints;
    QString m_tlsFingerprint;
    QList<Client> m_clients;
    quint64 m_generation = 0; // counts start()s; written only while the server's thread waits or is gone
};

} // namespace Switchboard
