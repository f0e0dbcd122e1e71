#pragma once
#include "serverconfig.h"

#include <QObject>
#include <memory>

namespace Switchboard {

class AuthService;
class CaptureSink;
class ChatServer;
class ChatService;
class ChatStore;
class Database;
class TransferService;
class TutorialServer;
class UploadStore;
class UserStore;

// A whole Switchboard server built from a ServerConfig: listeners, storage and every feature.
// switchboard-server runs one headless; the GUI runs one in-process in host mode.
class ServerRuntime : public QObject
{
    Q_OBJECT
public:
    explicit ServerRuntime(QObject *parent = nullptr);
    ~ServerRuntime() override;

    bool start(const ServerConfig &config, QString *error);
    void stop();
    ChatServer *server() const { return m_server; }
    ChatService *chat() const { return m_chat; }
    AuthService *auth() const { return m_auth; }
    TransferService *transfers() const { return m_transfers; }
    TutorialServer *tutorial() const { return m_tutorial; }
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

signals:
    void logMessage(const QString &line);

private:
    ServerConfig m_config;
    std::shared_ptr<CaptureSink> m_sink;
    ChatServer *m_server = nullptr;
    std::unique_ptr<Database> m_database; // the one connection every store uses
    std::unique_ptr<UserStore> m_users;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<UploadStore> m_uploads;
    AuthService *m_auth = nullptr;
    ChatService *m_chat = nullptr;
    TransferService *m_transfers = nullptr;
    TutorialServer *m_tutorial = nullptr;
};

} // namespace Switchboard
