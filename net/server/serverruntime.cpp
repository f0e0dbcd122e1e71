#include "serverruntime.h"

#include "net/auth/authservice.h"
#include "net/auth/devicetokens.h"
#include "net/auth/failedloginlog.h"
#include "net/auth/userstore.h"
#include "net/chat/chatservice.h"
#include "net/cluster/clusterbus.h"
#include "chatserver.h"
#include "net/core/logging.h"
#include "net/discovery/serverannouncer.h"
#include "net/chat/chatstore.h"
#include "net/chat/chatwriter.h"
#include "net/chat/privaterooms.h"
#include "net/storage/database.h"
#include "net/storage/owneronly.h"
#include "net/storage/storagethread.h"
#include "net/tls/servercertificate.h"
#include "net/transfer/transferservice.h"
#include "net/transfer/uploadstore.h"
#include "net/tutorial/tutorialserver.h"

#include <QDateTime>
#include <QDir>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTimer>

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

namespace {

TransferConfig transferConfig(const ServerConfig &config)
{
    TransferConfig transfer;
    transfer.dataDir = config.dataDir;
    transfer.filesDir = config.filesDir;
    transfer.maxFileSize = config.maxUploadSize;
    transfer.userQuota = config.userQuota;
    transfer.maxOpenTransfers = config.maxOpenTransfers;
    transfer.maxOpenTransfersTotal = config.maxOpenTransfersTotal >= 0 ? config.maxOpenTransfersTotal
                                                                       : TransferConfig::defaultMaxOpenTransfersTotal();
    transfer.minFreeSpace = config.minFreeSpace;
    return transfer;
}

bool parseAddress(const QString &host, QHostAddress *address)
{
    if (host == QLatin1String("localhost"))
        *address = QHostAddress::LocalHost;
    else if (host == QLatin1String("*") || host == QLatin1String("0.0.0.0"))
        *address = QHostAddress::AnyIPv4;
    else if (host == QLatin1String("::"))
        *address = QHostAddress::AnyIPv6;
    else
        return address->setAddress(host);
    return true;
}

} // namespace

bool ServerRuntime::start(const ServerConfig &config, QString *error)
{
    stop();
    m_config = config;
    if (m_config.listen.isEmpty())
        m_config.listen.append(Endpoint{QStringLiteral("127.0.0.1"), ServerConfig::DefaultPort});
    if (m_config.dataDir.isEmpty())
        m_config.dataDir = ServerConfig::defaultDataDir();
    if (!openStorage(error) || !loadCertificate(error) || !joinCluster(error)) {
        stop();
        return false;
    }
    createServices();
    // A remote database: chat COMMITs (round trips) on a thread of their own, not the event loop;
    // likewise the login's and the history's reads.
    if (m_database->dialect() == Database::Dialect::PostgreSql
        && (!m_chat->writer()->startThread(*m_database, error) || !m_storage->start(*m_database, error))) {
        stop();
        return false;
    }
    if (!m_transfers->start(transferConfig(m_config), error)) {
        stop();
        return false;
    }
    announceRecoveredFiles();
    if (!listen(error) || !startAnnouncer(error)) {
        stop();
        return false;
    }
    return true;
}

// A crash between storing a file and announcing it leaves a file nobody hears of: announce it now.
// Its uploader never got upload.done, nor perhaps the uploader of a file stored just before the
// crash: their identical re-offers complete without sending the data again.
void ServerRuntime::announceRecoveredFiles()
{
    constexpr qint64 UnconfirmedSeconds = 600; // stored this shortly before the start: maybe never confirmed
    const QSet<qint64> announced = m_store->announcedFiles();
    const QDateTime recent = QDateTime::currentDateTimeUtc().addSecs(-UnconfirmedSeconds);
    QSet<qint64> recovered;
    for (const FileInfo &f : m_uploads->files()) {
        if (announced.contains(f.id)) {
            if (f.created >= recent)
                recovered.insert(f.id);
            continue;
        }
        recovered.insert(f.id);
        m_chat->shareFile(f);
        const QString line = QStringLiteral("announced file %1 (%2), stored before a crash").arg(f.id).arg(f.name);
        qCInfo(lcTransfer).noquote() << line;
        emit logMessage(line);
    }
    m_uploads->addRecoveredFiles(recovered);
}

bool ServerRuntime::openStorage(QString *error)
{
    if (!OwnerOnly::makeDirectory(m_config.dataDir)) { // 0700: chat, files and verifiers live there
        *error = tr("Cannot create the data directory %1.").arg(m_config.dataDir);
        return false;
    }
    DatabaseUrl url;
    if (!DatabaseUrl::forServer(m_config.databaseUrl, m_config.databasePasswordFile, databasePath(m_config.dataDir), &url,
                                error))
        return false;
    m_database = std::make_unique<Database>();
    if (!m_database->open(url, error)) {
        m_database.reset();
        return false;
    }
    m_users = std::make_unique<UserStore>(*m_database);
    m_store = std::make_unique<ChatStore>(*m_database);
    m_privateRooms = std::make_unique<PrivateRooms>(*m_database);
    if (!m_privateRooms->load(error)) {
        stop();
        return false;
    }
    m_uploads = std::make_unique<UploadStore>(*m_database);
    m_deviceTokens = std::make_unique<DeviceTokens>(*m_database);
    m_failedLogins = std::make_unique<FailedLoginLog>(*m_database);
    m_storage = std::make_unique<StorageThread>();
    m_storage->setInline(m_database.get());
    m_uploads->setStorage(m_storage.get());
    m_users->setStorage(m_storage.get());
    if (m_database->dialect() == Database::Dialect::PostgreSql) {
        // A PostgreSQL restart is noticed by the storage thread's probe (its round trip off the
        // event loop). This connection serves the start-up reads only (docs/CLUSTER.md): it is
        // neither probed nor opened again, which would be a round trip or a connect here.
        m_reconnect = std::make_unique<QTimer>();
        m_reconnect->setInterval(1000);
        connect(m_reconnect.get(), &QTimer::timeout, m_storage.get(), &StorageThread::probe);
        m_reconnect->start();
    }
    return true;
}

bool ServerRuntime::joinCluster(QString *error)
{
    if (m_config.clusterUrl.isEmpty())
        return true;
    ClusterBus::Settings settings;
    if (!ClusterBus::parseUrl(m_config.clusterUrl, &settings, error))
        return false;
    settings.nodeId = m_config.nodeId;
    m_cluster = std::make_unique<ClusterBus>(settings);
    logServer(QStringLiteral("cluster node %1 on %2").arg(m_cluster->nodeId(), m_config.clusterUrl));
    return true;
}

void ServerRuntime::kickUser(const QString &user, const QString &reason)
{
    if (m_cluster && m_cluster->publish(ClusterEvent{ClusterEvent::Kind::Kick, {}, user, {}, reason, {}, {}}))
        return; // every node, this one too, kicks when the event comes back
    kickHere(user, reason);
}

void ServerRuntime::kickHere(const QString &user, const QString &reason)
{
    if (m_server)
        for (ServerSession *s : m_server->sessionsOf(user))
            m_server->kick(s, reason);
}

bool ServerRuntime::loadCertificate(QString *error)
{
    m_tls = QSslConfiguration();
    m_tlsFingerprint.clear();
    if (!m_config.tls) {
        logServer(QStringLiteral("TLS off (--no-tls): everything after the login travels in clear text"));
        return true;
    }
    ServerCertificate certificate;
    bool generated = false;
    QString why;
    const bool given = !m_config.tlsCertificate.isEmpty() || !m_config.tlsKey.isEmpty();
    if (given ? !certificate.load(m_config.tlsCertificate, m_config.tlsKey, &why)
              : !certificate.loadOrCreate(m_config.dataDir, &why, &generated)) {
        *error = tr("Cannot set up TLS: %1").arg(why);
        return false;
    }
    m_tls = certificate.serverConfiguration();
    m_tlsFingerprint = certificate.fingerprint();
    if (generated)
        logServer(QStringLiteral("generated a self-signed TLS certificate in %1")
                      .arg(ServerCertificate::certificatePath(m_config.dataDir)));
    logServer(QStringLiteral("TLS certificate fingerprint %1").arg(m_tlsFingerprint));
    return true;
}

void ServerRuntime::logServer(const QString &line)
{
    qCInfo(lcServer).noquote() << line;
    emit logMessage(line);
}

// What tutorial mode takes from the configuration, at start and on reload.
static void configureTutorial(TutorialServer &tutorial, const ServerConfig &config)
{
    tutorial.setMaxUploadSize(config.maxUploadSize > 0 ? config.maxUploadSize : qint64(4) << 30);
    tutorial.setJoinKey(config.tutorialJoinKey);
    tutorial.setCommands(config.tutorialCommands);
    tutorial.setCommandLimits(config.tutorialCommandTimeoutMs, config.tutorialCommandMaxOutput);
}

void ServerRuntime::createServices()
{
    m_server = std::make_unique<ChatServer>();
    m_server->setTlsConfiguration(m_tls);
    m_server->setCaptureSink(m_sink);
    connect(m_server.get(), &ChatServer::logMessage, this, &ServerRuntime::logMessage);

    m_auth = std::make_unique<AuthService>(m_server.get(), m_users.get());
    m_auth->setLoginRecords(m_deviceTokens.get(), m_failedLogins.get());
    m_auth->setStorage(m_storage.get());
    connect(m_auth.get(), &AuthService::loginSucceeded, this, [this](const QString &user, const QString &peer) {
        logAuth(QStringLiteral("%1 logged in from %2").arg(user, peer));
    });
    connect(m_auth.get(), &AuthService::loginFailed, this, [this](const QString &user, const QString &peer) {
        logAuth(QStringLiteral("failed login for %1 from %2").arg(user, peer));
    });
    connect(m_auth.get(), &AuthService::userRegistered, this, [this](const QString &user) {
        logAuth(QStringLiteral("new account: %1").arg(user));
    });

    m_chat = std::make_unique<ChatService>(m_server.get(), m_store.get(), m_users.get());
    m_chat->setPrivateRooms(m_privateRooms.get());
    m_chat->setStorage(m_storage.get());
    if (m_config.bot)
        m_chat->enableBot();
    // Where each message went, never what it says; off unless switchboard.chat.debug is on.
    connect(m_chat.get(), &ChatService::messagePosted, this, [](const ChatMessage &m) {
        const QString to = m.room.isEmpty() ? m.recipient : QLatin1Char('#') + m.room;
        qCDebug(lcChat).noquote() << QStringLiteral("message %1 from %2 to %3%4")
                                         .arg(m.id)
                                         .arg(m.sender, to, m.isFile() ? QStringLiteral(" (a file)") : QString());
    });

    if (m_cluster) {
        m_chat->setCluster(m_cluster.get());
        m_auth->setCluster(m_cluster.get());
        connect(m_cluster.get(), &ClusterBus::eventReceived, this, [this](const ClusterEvent &e) {
            if (e.kind == ClusterEvent::Kind::Kick)
                kickHere(e.user, e.text);
        });
        m_cluster->start();
    }

    m_transfers = std::make_unique<TransferService>(m_server.get(), m_uploads.get());
    m_transfers->setRoomMembership(m_chat.get());
    applyLiveSettings();
    m_transfers->setUserDirectory(m_users.get());
    connect(m_transfers.get(), &TransferService::logMessage, this, &ServerRuntime::logMessage);
    m_transfers->setAnnouncer([chat = m_chat.get()](const FileInfo &file, std::function<void()> then) {
        chat->shareFile(file, std::move(then));
    });

    if (!m_config.tutorial.isEmpty()) {
        m_tutorial = std::make_unique<TutorialServer>();
        m_tutorial->setUploadDir(m_config.dataDir + QStringLiteral("/tutorial-uploads"));
        m_tutorial->setAccounts(m_users.get(), &m_auth->throttle());
        configureTutorial(*m_tutorial, m_config);
        m_tutorial->setCaptureSink(m_sink);
        connect(m_tutorial.get(), &TutorialServer::logMessage, this, &ServerRuntime::logMessage);
    }
}

// Everything reconfigure() may change, set the same way at start.
void ServerRuntime::applyLiveSettings()
{
    m_server->setMaxClients(m_config.maxClients);
    m_server->setLimits(m_config.limits);
    m_server->setMaxQueuedBytes(m_config.maxQueuedBytes);
    m_server->setHelloTimeout(m_config.helloTimeoutMs);
    m_server->setLoginTimeout(m_config.loginTimeoutMs);
    m_server->setMaxPendingPerAddress(m_config.maxPendingPerAddress);
    m_server->setIdleTimeout(m_config.idleTimeoutMs);
    m_server->setTrustedProxies(m_config.trustedProxies);
    m_auth->setRegistrationAllowed(m_config.allowRegistration);
    m_auth->setRegistrationLimits(m_config.maxRegistrationsPerHour, m_config.maxUsers);
    m_chat->setHistoryCount(m_config.historyCount);
    m_chat->writer()->setMaxBatch(m_config.chatCommitBatch);
}

QStringList ServerRuntime::reconfigure(const ServerConfig &next)
{
    QStringList restart;
    if (!m_server)
        return restart;
    ServerConfig applied = next;
    if (applied.listen.isEmpty())
        applied.listen.append(Endpoint{QStringLiteral("127.0.0.1"), ServerConfig::DefaultPort});
    if (applied.dataDir.isEmpty())
        applied.dataDir = ServerConfig::defaultDataDir();
    auto endpoints = [](const QList<Endpoint> &list) {
        QStringList out;
        for (const Endpoint &e : list)
            out << e.toString();
        return out;
    };
    // What a restart changes: keep the running value, report the difference.
    if (endpoints(applied.listen) != endpoints(m_config.listen))
        restart << QStringLiteral("listen");
    if (endpoints(applied.tutorial) != endpoints(m_config.tutorial))
        restart << QStringLiteral("tutorial");
    if (applied.dataDir != m_config.dataDir)
        restart << QStringLiteral("data");
    if (applied.databaseUrl != m_config.databaseUrl || applied.databasePasswordFile != m_config.databasePasswordFile)
        restart << QStringLiteral("database");
    if (applied.filesDir != m_config.filesDir)
        restart << QStringLiteral("files");
    if (applied.tls != m_config.tls)
        restart << QStringLiteral("tls");
    if (applied.bot != m_config.bot)
        restart << QStringLiteral("bot");
    if (applied.clusterUrl != m_config.clusterUrl || applied.nodeId != m_config.nodeId)
        restart << QStringLiteral("cluster");
    applied.listen = m_config.listen;
    applied.tutorial = m_config.tutorial;
    applied.dataDir = m_config.dataDir;
    applied.databaseUrl = m_config.databaseUrl;
    applied.databasePasswordFile = m_config.databasePasswordFile;
    applied.filesDir = m_config.filesDir;
    applied.tls = m_config.tls;
    applied.bot = m_config.bot;
    applied.clusterUrl = m_config.clusterUrl;
    applied.nodeId = m_config.nodeId;

    const ServerConfig previous = m_config;
    m_config = applied;
    if (m_config.tls) {
        QString why;
        if (loadCertificate(&why)) {
            m_server->setTlsConfiguration(m_tls);
        } else { // a broken renewal must not take TLS away: keep serving the old certificate
            qCWarning(lcServer).noquote() << "reload: keeping the current TLS certificate:" << why;
            m_config.tlsCertificate = previous.tlsCertificate;
            m_config.tlsKey = previous.tlsKey;
            loadCertificate(&why);
        }
    }
    applyLiveSettings();
    m_transfers->applyLimits(transferConfig(m_config));
    if (m_tutorial)
        configureTutorial(*m_tutorial, m_config);
    return restart;
}

bool ServerRuntime::listen(QString *error)
{
    for (const Endpoint &e : std::as_const(m_config.tutorial)) {
        QHostAddress address;
        QString why;
        if (!parseAddress(e.host, &address)) {
            *error = tr("Not an IP address: %1").arg(e.host);
            return false;
        }
        if (!m_tutorial->listenTcp(address, e.port, &why)
            || !m_tutorial->listenUdp(address, m_tutorial->tcpEndpoints().constLast().port, &why)) {
            *error = tr("Cannot listen on %1: %2").arg(e.toString(), why);
            return false;
        }
    }
    for (const Endpoint &e : std::as_const(m_config.listen)) {
        QHostAddress address;
        QString why;
        if (!parseAddress(e.host, &address)) {
            *error = tr("Not an IP address: %1").arg(e.host);
            return false;
        }
        if (!m_server->listen(address, e.port, &why)) {
            *error = tr("Cannot listen on %1: %2").arg(e.toString(), why);
            return false;
        }
    }
    return true;
}

bool ServerRuntime::startAnnouncer(QString *error)
{
    if (!m_config.announce)
        return true;
    ServerAnnouncer::Settings settings;
    Discovery::Announcement &a = settings.announcement;
    a.id = ServerAnnouncer::loadOrCreateId(m_config.dataDir, error);
    if (a.id.isEmpty())
        return false;
    a.name = m_config.name.isEmpty() ? QSysInfo::machineHostName() : m_config.name;
    a.port = m_server->listeners().constFirst().port;
    a.server = QStringLiteral("switchboard/") + QStringLiteral(SWITCHBOARD_VERSION);
    a.intervalMs = m_config.announceIntervalMs;
    // Lets a finder show whether the server is encrypted and what it will present; trust is
    // still decided at the TLS handshake (an announcement is unauthenticated).
    a.tls = !m_tlsFingerprint.isEmpty();
    a.fingerprint = m_tlsFingerprint;
    for (const auto &l : m_server->listeners())
        settings.listen.append(l.address);
    settings.interfaces = m_config.announceOn;
    m_announcer = std::make_unique<ServerAnnouncer>();
    connect(m_announcer.get(), &ServerAnnouncer::logMessage, this, &ServerRuntime::logMessage);
    m_announcer->start(settings);
    return true;
}

void ServerRuntime::logAuth(const QString &line)
{
    qCInfo(lcAuth).noquote() << line;
    emit logMessage(line);
}

void ServerRuntime::stop()
{
    // Goodbyes first, while every service still listens to the sessions ending; then the
    // reverse of construction, so nothing outlives what it uses.
    m_announcer.reset(); // says goodbye to the LAN
    if (m_server)
        m_server->close();
    m_tutorial.reset();
    m_storage.reset(); // before the services it calls back
    if (m_uploads)
        m_uploads->setStorage(nullptr); // inline from here on
    if (m_users)
        m_users->setStorage(nullptr);
    m_reconnect.reset();
    m_transfers.reset();
    m_chat.reset();
    m_auth.reset();
    m_server.reset();
    m_cluster.reset();
    m_failedLogins.reset();
    m_deviceTokens.reset();
    m_uploads.reset();
    m_privateRooms.reset();
    m_store.reset();
    m_users.reset();
    m_database.reset();
}

void ServerRuntime::setCaptureSink(std::shared_ptr<CaptureSink> sink)
{
    m_sink = std::move(sink);
    if (m_server)
        m_server->setCaptureSink(m_sink);
    if (m_tutorial)
        m_tutorial->setCaptureSink(m_sink);
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
