#include "serverruntime.h"

#include "net/auth/authservice.h"
#include "net/auth/userstore.h"
#include "net/chat/chatservice.h"
#include "net/chat/chatstore.h"
#include "chatserver.h"
#include "net/transfer/transferservice.h"
#include "net/tutorial/tutorialserver.h"

#include <QDir>
#include <QStandardPaths>

namespace Switchboard {

QString ServerConfig::defaultDataDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/switchboard/server");
}

ServerRuntime::ServerRuntime(QObject *parent)
    : QObject(parent)
{
}

ServerRuntime::~ServerRuntime()
{
    stop();
}

QString ServerRuntime::databasePath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/switchboard.db");
}

bool ServerRuntime::start(const ServerConfig &config, QString *error)
{
    m_config = config;
    if (m_config.listen.isEmpty())
        m_config.listen.append(Endpoint{QStringLiteral("127.0.0.1"), ServerConfig::DefaultPort});
    if (m_config.dataDir.isEmpty())
        m_config.dataDir = ServerConfig::defaultDataDir();
    if (!QDir().mkpath(m_config.dataDir)) {
        *error = tr("Cannot create the data directory %1.").arg(m_config.dataDir);
        return false;
    }

    m_users = std::make_unique<UserStore>();
    m_store = std::make_unique<ChatStore>();
    const QString db = databasePath(m_config.dataDir);
    if (!m_users->open(db, error) || !m_store->open(db, error)) {
        m_users.reset();
        m_store.reset();
        return false;
    }

    m_server = new ChatServer(this);
    m_server->setMaxClients(m_config.maxClients);
    m_server->setLimits(m_config.limits);
    m_server->setHelloTimeout(m_config.helloTimeoutMs);
    m_server->setIdleTimeout(m_config.idleTimeoutMs);
    connect(m_server, &ChatServer::logMessage, this, &ServerRuntime::logMessage);

    m_auth = new AuthService(m_server, m_users.get(), m_server);
    m_auth->setRegistrationAllowed(m_config.allowRegistration);
    connect(m_auth, &AuthService::loginSucceeded, this, [this](const QString &user, const QString &peer) {
        emit logMessage(tr("%1 logged in from %2").arg(user, peer));
    });
    connect(m_auth, &AuthService::loginFailed, this, [this](const QString &user, const QString &peer) {
        emit logMessage(tr("failed login for %1 from %2").arg(user, peer));
    });
    connect(m_auth, &AuthService::userRegistered, this, [this](const QString &user) {
        emit logMessage(tr("new account: %1").arg(user));
    });
    m_chat = new ChatService(m_server, m_store.get(), m_server);
    m_chat->setHistoryCount(m_config.historyCount);
    UserStore *users = m_users.get();
    m_chat->setUserExists([users](const QString &name) { return users->contains(name); });
    if (m_config.bot)
        m_chat->enableBot();

    m_transfers = new TransferService(m_server, m_server);
    TransferConfig transfer;
    transfer.dataDir = m_config.dataDir;
    transfer.databasePath = db;
    transfer.maxFileSize = m_config.maxUploadSize;
    transfer.userQuota = m_config.userQuota;
    if (!m_transfers->start(transfer, error)) {
        stop();
        return false;
    }
    ChatService *chat = m_chat;
    m_transfers->setRoomAccess([chat](const QString &user, const QString &room) { return chat->isMember(user, room); });
    m_transfers->setUserCheck([users](const QString &name) { return users->contains(name); });
    connect(m_transfers, &TransferService::logMessage, this, &ServerRuntime::logMessage);
    // A verified upload appears in its room (or private chat) as a file message.
    connect(m_transfers, &TransferService::fileShared, this, [this](const FileInfo &file) {
        ChatMessage m;
        m.sender = file.owner;
        m.room = file.room;
        m.recipient = file.toUser;
        m.text = file.name;
        m.file = file;
        m_chat->post(m);
    });

    auto parseAddress = [](const QString &host, QHostAddress *address) {
        if (host == QLatin1String("localhost"))
            *address = QHostAddress::LocalHost;
        else if (host == QLatin1String("*") || host == QLatin1String("0.0.0.0"))
            *address = QHostAddress::AnyIPv4;
        else if (host == QLatin1String("::"))
            *address = QHostAddress::AnyIPv6;
        else
            return address->setAddress(host);
        return true;
    };
    if (!m_config.tutorial.isEmpty()) {
        m_tutorial = new TutorialServer(m_server);
        m_tutorial->setUploadDir(m_config.dataDir + QStringLiteral("/tutorial-uploads"));
        m_tutorial->setMaxUploadSize(m_config.maxUploadSize > 0 ? m_config.maxUploadSize : qint64(4) << 30);
        connect(m_tutorial, &TutorialServer::logMessage, this, &ServerRuntime::logMessage);
        for (const Endpoint &e : std::as_const(m_config.tutorial)) {
            QHostAddress address;
            QString why;
            if (!parseAddress(e.host, &address)) {
                *error = tr("Not an IP address: %1").arg(e.host);
                stop();
                return false;
            }
            if (!m_tutorial->listenTcp(address, e.port, &why)
                || !m_tutorial->listenUdp(address, m_tutorial->tcpEndpoints().constLast().port, &why)) {
                *error = tr("Cannot listen on %1: %2").arg(e.toString(), why);
                stop();
                return false;
            }
        }
    }

    for (const Endpoint &e : std::as_const(m_config.listen)) {
        QHostAddress address;
        if (!parseAddress(e.host, &address)) {
            *error = tr("Not an IP address: %1").arg(e.host);
            stop();
            return false;
        }
        QString why;
        if (!m_server->listen(address, e.port, &why)) {
            *error = tr("Cannot listen on %1: %2").arg(e.toString(), why);
            stop();
            return false;
        }
    }
    return true;
}

void ServerRuntime::stop()
{
    if (!m_server)
        return;
    m_server->close();
    // Services are children of the server; they go with it. Stores outlive every handler call.
    delete m_server;
    m_server = nullptr;
    m_auth = nullptr;
    m_chat = nullptr;
    m_transfers = nullptr;
    m_tutorial = nullptr;
    m_store.reset();
    m_users.reset();
}

void ServerRuntime::setCaptureSink(CaptureSink *sink)
{
    if (m_server)
        m_server->setCaptureSink(sink);
    if (m_tutorial)
        m_tutorial->setCaptureSink(sink);
}

QList<Endpoint> ServerRuntime::endpoints() const
{
    QList<Endpoint> out;
    if (m_server)
        for (const auto &l : m_server->listeners())
            out.append(Endpoint{l.address.toString(), l.port});
    return out;
}

} // namespace Switchboard
