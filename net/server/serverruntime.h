#pragma once
// A whole Switchboard server built from a ServerConfig. Dependency direction (A -> B: A uses B;
// nothing uses the runtime, and no service knows another service):
//
//   ServerRuntime            owns and composes everything below; holds no logic of its own
//     AuthService     -> ChatServer, UserStore
//     ChatService     -> ChatServer, ChatStore, PrivateRooms, UserDirectory (is a RoomMembership)
//     TransferService -> ChatServer, UploadStore, RoomMembership, UserDirectory
//     TutorialServer     (its own sockets)
//     ServerAnnouncer    (LAN discovery: its own UDP socket; knows only the listen addresses)
//     ChatServer      -> ServerSession, Connection    (routes frames to the handlers services
//                                                      register; knows no service)
//     UserStore (is a UserDirectory), ChatStore, PrivateRooms, UploadStore -> Database
//
// RoomMembership and UserDirectory are small interfaces in net/server/. The runtime hands
// ChatService to TransferService as its RoomMembership and UserStore to both as their
// UserDirectory, and has TransferService announce files through ChatService::shareFile: the only
// places where one feature meets another. Construction follows the arrows upwards (database,
// stores, server, services); stop() tears down in the reverse order.

#include "serverconfig.h"

#include <QObject>
#include <QSslConfiguration>
#include <memory>

class QTimer;

namespace Switchboard {

class AuthService;
class CaptureSink;
class ChatServer;
class ChatService;
class ChatStore;
class ClusterBus;
class Database;
class ServerAnnouncer;
class DeviceTokens;
class FailedLoginLog;
class PrivateRooms;
class TransferService;
class TutorialServer;
class UploadStore;
class UserStore;
class StorageThread;

// switchboard-server runs one headless; the GUI runs one in-process in host mode.
class ServerRuntime : public QObject
{
    Q_OBJECT
public:
    explicit ServerRuntime(QObject *parent = nullptr);
    ~ServerRuntime() override;

    // Starts (restarting if running); on failure everything started so far is stopped again.
    bool start(const ServerConfig &config, QString *error);
    void stop();
    // Applies a new configuration to the running server without dropping anyone: limits,
    // timeouts, registration, history, commit batch, transfer limits, and the TLS certificate
    // (read again from its files, e.g. renewed by certbot). Returns the settings that differ but
    // only change with a restart (listen and tutorial endpoints, data directory, TLS on/off, bot).
    QStringList reconfigure(const ServerConfig &next);
    ChatServer *server() const { return m_server.get(); }
    ChatService *chat() const { return m_chat.get(); }
    AuthService *auth() const { return m_auth.get(); }
    TransferService *transfers() const { return m_transfers.get(); }
    TutorialServer *tutorial() const { return m_tutorial.get(); }
    ServerAnnouncer *announcer() const { return m_announcer.get(); } // null with announce off
    ClusterBus *cluster() const { return m_cluster.get(); }          // null without --cluster
    // Ends every session of the user, on every node of the cluster.
    void kickUser(const QString &user, const QString &reason);
    // Reports the traffic of every connection (framed and tutorial) to the sink, now and after
    // a later start(); the connections share its ownership. nullptr stops capturing.
    void setCaptureSink(std::shared_ptr<CaptureSink> sink);
    UserStore *users() const { return m_users.get(); }
    Database *database() const { return m_database.get(); }
    // The SQLite database holding users, history and files.
    static QString databasePath(const QString &dataDir);
    const ServerConfig &config() const { return m_config; }
    // The real bound endpoints, after start().
    QList<Endpoint> endpoints() const;
    // The TLS certificate's fingerprint ("SHA256:..."), after start(); empty without TLS.
    QString tlsFingerprint() const { return m_tlsFingerprint; }

signals:
    // Server events (logins, refused and timed-out sessions, uploads, tutorial mode), in English,
    // for a GUI's server log; each is also logged to its switchboard.* category.
    void logMessage(const QString &line);

private:
    bool openStorage(QString *error);
    bool joinCluster(QString *error);
    void kickHere(const QString &user, const QString &reason);
    bool loadCertificate(QString *error);
    void createServices();
    void announceRecoveredFiles();
    void applyLiveSettings();
    bool listen(QString *error);
    bool startAnnouncer(QString *error);
    void logAuth(const QString &line);
    void logServer(const QString &line);

    ServerConfig m_config;
    QSslConfiguration m_tls; // null without TLS
    QString m_tlsFingerprint;
    std::shared_ptr<CaptureSink> m_sink;
    // In construction order; stop() resets them in reverse.
    std::unique_ptr<Database> m_database; // the one connection every store uses
    // Login and history reads: on their own connection and thread with PostgreSQL, else inline.
    std::unique_ptr<StorageThread> m_storage;
    std::unique_ptr<QTimer> m_reconnect; // PostgreSQL: probes via m_storage; reopens m_database after a restart
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<PrivateRooms> m_privateRooms;
    std::unique_ptr<UploadStore> m_uploads;
    std::unique_ptr<DeviceTokens> m_deviceTokens;
    std::unique_ptr<FailedLoginLog> m_failedLogins;
    std::unique_ptr<ClusterBus> m_cluster; // null when alone
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<TransferService> m_transfers;
    std::unique_ptr<TutorialServer> m_tutorial;
    std::unique_ptr<ServerAnnouncer> m_announcer; // last: announces only what is listening
};

} // namespace Switchboard
