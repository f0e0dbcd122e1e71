#include "serveroptions.h"

#include "net/core/configfile.h"
#include "net/core/endpoint.h"
#include "net/server/proxygate.h"
#include "net/storage/databaseurl.h"
#include "net/transfer/transferconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

namespace Switchboard {

// --join-key, --allow-command and their limits: only with --tutorial.
static bool parseTutorialFlows(const QCommandLineParser &parser, const QCommandLineOption &joinKey,
                               const QCommandLineOption &allowCommand, const QCommandLineOption &timeout,
                               const QCommandLineOption &maxOutput, ServerConfig *config, QString *error)
{
    const bool any = parser.isSet(joinKey) || parser.isSet(allowCommand) || parser.isSet(timeout) || parser.isSet(maxOutput);
    if (any && config->tutorial.isEmpty()) {
        *error = QCoreApplication::translate("main", "--join-key, --allow-command, --command-timeout and --command-max-output "
                                                     "need --tutorial.");
        return false;
    }
    if (parser.isSet(joinKey)) {
        QFile file(parser.value(joinKey));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QCoreApplication::translate("main", "Cannot read the join key %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        QByteArray key = file.read(1 << 16);
        // `echo secret > key` writes a newline the tutorial's b'secret' does not have.
        if (key.endsWith('\n'))
            key.chop(key.endsWith("\r\n") ? 2 : 1);
        if (key.isEmpty()) {
            *error = QCoreApplication::translate("main", "The join key file %1 is empty.").arg(file.fileName());
            return false;
        }
        config->tutorialJoinKey = key;
    }
    for (const QString &spec : parser.values(allowCommand)) {
        TutorialCommand command;
        if (!TutorialCommand::parse(spec, &command, error))
            return false;
        config->tutorialCommands.append(command);
    }
    bool okTimeout = false, okOutput = false;
    config->tutorialCommandTimeoutMs = parser.value(timeout).toInt(&okTimeout);
    config->tutorialCommandMaxOutput = parser.value(maxOutput).toLongLong(&okOutput);
    if (!okTimeout || !okOutput || config->tutorialCommandTimeoutMs < 1 || config->tutorialCommandTimeoutMs > 3600000
        || config->tutorialCommandMaxOutput < 1 || config->tutorialCommandMaxOutput > (qint64(1) << 30)) {
        *error = QCoreApplication::translate("main", "--command-timeout takes 1 to 3600000 ms, --command-max-output 1 to "
                                                     "1073741824 bytes.");
        return false;
    }
    return true;
}

namespace {

QString defaultEventLoop()
{
#ifdef Q_OS_LINUX
    return QStringLiteral("epoll");
#else
    return QStringLiteral("qt");
#endif
}

} // namespace

QString ServerOptions::eventLoopBeforeStart(const QStringList &programArguments)
{
    QStringList arguments;
    QString ignored; // parse() reports a broken configuration file
    if (!ConfigFile::withConfigArguments(programArguments, QString(), &arguments, &ignored))
        arguments = programArguments;
    QString chosen;
    for (qsizetype i = 1; i < arguments.size(); ++i) { // the last one wins, as for the parser
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a == QLatin1String("--event-loop") && i + 1 < arguments.size())
            chosen = arguments.at(++i);
        else if (a.startsWith(QLatin1String("--event-loop=")))
            chosen = a.mid(13);
    }
    if (chosen.isEmpty())
        chosen = qEnvironmentVariable("SWITCHBOARD_EVENT_LOOP");
    return chosen.isEmpty() ? defaultEventLoop() : chosen;
}

bool ServerOptions::parse(const QStringList &arguments, bool interactive, ServerOptions *out, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Switchboard server: chat rooms, private messages and file transfer over a framed TCP protocol."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption listenOpt(QStringLiteral("listen"),
        QCoreApplication::translate("main", "Listen on HOST:PORT (repeatable; port 0 picks a free port; [::1]:PORT for IPv6). Default 127.0.0.1:5151."),
        QStringLiteral("HOST:PORT"));
    QCommandLineOption dataOpt(QStringLiteral("data"),
        QCoreApplication::translate("main", "Directory for all server state (database, uploads). Default: %1.").arg(ServerConfig::defaultDataDir()),
        QStringLiteral("DIR"));
    QCommandLineOption databaseOpt(QStringLiteral("database"),
        QCoreApplication::translate("main", "The database: postgresql://USER@HOST:PORT/DB (several servers may share it), "
                                            "sqlite:PATH or a PATH. Default: switchboard.db in the data directory."),
        QStringLiteral("URL"));
    QCommandLineOption databasePasswordOpt(QStringLiteral("database-password-file"),
        QCoreApplication::translate("main", "Read the PostgreSQL password from the first line of FILE (never on the command "
                                            "line). Default: the environment variable SWITCHBOARD_DATABASE_PASSWORD, else none "
                                            "(the database server's own authentication)."),
        QStringLiteral("FILE"));
    parser.addOptions({databaseOpt, databasePasswordOpt});
    QCommandLineOption maxClientsOpt(QStringLiteral("max-clients"),
        QCoreApplication::translate("main", "Refuse clients beyond N connections (default %1).").arg(ServerConfig().maxClients),
        QStringLiteral("N"), QString::number(ServerConfig().maxClients));
    QCommandLineOption eventLoopOpt(QStringLiteral("event-loop"),
        QCoreApplication::translate("main", "The server's event loop: epoll (Linux; its cost does not grow with idle "
                                            "connections) or qt (Qt's own, poll() over every socket). Default: %1.")
            .arg(defaultEventLoop()),
        QStringLiteral("epoll|qt"), defaultEventLoop());
    QCommandLineOption maxHeaderOpt(QStringLiteral("max-header"),
        QCoreApplication::translate("main", "Largest frame header accepted, in bytes (default 65536)."), QStringLiteral("BYTES"), QStringLiteral("65536"));
    QCommandLineOption maxPayloadOpt(QStringLiteral("max-payload"),
        QCoreApplication::translate("main", "Largest frame payload accepted, in bytes (default 16777216)."), QStringLiteral("BYTES"), QStringLiteral("16777216"));
    QCommandLineOption maxQueuedOpt(QStringLiteral("max-queued-bytes"),
        QCoreApplication::translate("main", "Drop a client that stops reading once this many bytes wait unsent to it; "
                                            "0 for no bound, else at least 1048576 (default 8388608 = 8 MiB)."),
        QStringLiteral("BYTES"), QString::number(ServerConfig().maxQueuedBytes));
    QCommandLineOption helloTimeoutOpt(QStringLiteral("hello-timeout"),
        QCoreApplication::translate("main", "Disconnect clients that send no hello within MS milliseconds (default 10000)."), QStringLiteral("MS"), QStringLiteral("10000"));
    QCommandLineOption loginTimeoutOpt(QStringLiteral("login-timeout"),
        QCoreApplication::translate("main", "Disconnect clients that have not logged in SECONDS after their hello; 0 never (default 60)."),
        QStringLiteral("SECONDS"), QStringLiteral("60"));
    QCommandLineOption maxPendingOpt(QStringLiteral("max-pending-per-address"),
        QCoreApplication::translate("main", "Refuse connections from an address beyond N that have not logged in; 0 no limit (default 64)."),
        QStringLiteral("N"), QStringLiteral("64"));
    QCommandLineOption idleTimeoutOpt(QStringLiteral("idle-timeout"),
        QCoreApplication::translate("main", "Disconnect clients silent for MS milliseconds; 0 never (default 90000)."), QStringLiteral("MS"), QStringLiteral("90000"));
    QCommandLineOption noRegisterOpt(QStringLiteral("no-register"),
        QCoreApplication::translate("main", "Do not let clients create accounts (use \"user add\" or \"user import\")."));
    QCommandLineOption botOpt(QStringLiteral("bot"),
        QCoreApplication::translate("main", "Add the chat robot \"robot\" to the lobby."));
    QCommandLineOption historyOpt(QStringLiteral("history"),
        QCoreApplication::translate("main", "Messages replayed to a client joining a room (default 50)."), QStringLiteral("N"), QStringLiteral("50"));
    QCommandLineOption commitBatchOpt(QStringLiteral("commit-batch"),
        QCoreApplication::translate("main", "Chat messages stored in one transaction at most (group commit; each is "
                                            "acknowledged after its transaction); 1 stores each alone (default %1).")
            .arg(ServerConfig().chatCommitBatch),
        QStringLiteral("N"), QString::number(ServerConfig().chatCommitBatch));
    QCommandLineOption quotaOpt(QStringLiteral("quota"),
        QCoreApplication::translate("main", "Bytes of files each user may store; 0 for no limit (default 21474836480 = 20 GiB)."),
        QStringLiteral("BYTES"), QString::number(qint64(20) << 30));
    QCommandLineOption maxUploadOpt(QStringLiteral("max-upload-size"),
        QCoreApplication::translate("main", "Largest file accepted, in bytes; 0 for no limit (default 4294967296 = 4 GiB)."),
        QStringLiteral("BYTES"), QString::number(qint64(4) << 30));
    QCommandLineOption maxTransfersOpt(QStringLiteral("max-open-transfers"),
        QCoreApplication::translate("main", "Uploads and downloads one account may have open at once (each holds a file); "
                                            "0 for no limit (default 16)."),
        QStringLiteral("N"), QString::number(ServerConfig().maxOpenTransfers));
    QCommandLineOption maxTransfersTotalOpt(QStringLiteral("max-open-transfers-total"),
        QCoreApplication::translate("main", "Uploads and downloads open at once, all accounts together; 0 for no limit "
                                            "(default: half the open-file limit, now %1).")
            .arg(TransferConfig::defaultMaxOpenTransfersTotal()),
        QStringLiteral("N"));
    QCommandLineOption maxRegistrationsOpt(QStringLiteral("max-registrations-per-hour"),
        QCoreApplication::translate("main", "Accounts one address may create per hour; 0 for no limit (default %1).")
            .arg(ServerConfig().maxRegistrationsPerHour),
        QStringLiteral("N"), QString::number(ServerConfig().maxRegistrationsPerHour));
    QCommandLineOption maxUsersOpt(QStringLiteral("max-users"),
        QCoreApplication::translate("main", "Refuse registrations once the server has N accounts; 0 for no limit (default %1).")
            .arg(ServerConfig().maxUsers),
        QStringLiteral("N"), QString::number(ServerConfig().maxUsers));
    QCommandLineOption minFreeOpt(QStringLiteral("min-free-space"),
        QCoreApplication::translate("main", "Disk space uploads leave free for the database: an offer needs its size plus BYTES "
                                            "free, and an upload stops with disk_full below half of it (default 67108864 = 64 MiB)."),
        QStringLiteral("BYTES"), QString::number(ServerConfig().minFreeSpace));
    QCommandLineOption filesOpt(QStringLiteral("files"),
        QCoreApplication::translate("main", "Store uploaded files in DIR instead of <data>/files: a directory shared by every node "
                                            "of a cluster (with one shared database), so a file uploaded through one node "
                                            "downloads through any other."),
        QStringLiteral("DIR"));
    parser.addOption(filesOpt);
    QCommandLineOption captureOpt(QStringLiteral("capture"),
        QCoreApplication::translate("main", "Write every connection's traffic (read chunks as delivered) to FILE as pcapng; "
                                            "Wireshark decodes it with the Switchboard dissector (switchboard.lua, installed with the package)."),
        QStringLiteral("FILE.pcapng"));
    QCommandLineOption tutorialOpt(QStringLiteral("tutorial"),
        QCoreApplication::translate("main", "Also speak the socket tutorials' protocols on HOST:PORT, TCP and UDP (repeatable): "
                                            "text answered by the robot, struct.pack('i') + JSON head uploads, UDP upper-case echo."),
        QStringLiteral("HOST:PORT"));
    QCommandLineOption noTlsOpt(QStringLiteral("no-tls"),
        QCoreApplication::translate("main", "Serve plaintext instead of TLS, for teaching the raw protocol: chat and files "
                                            "cross the network readable by anyone on the path."));
    QCommandLineOption tlsCertOpt(QStringLiteral("tls-cert"),
        QCoreApplication::translate("main", "TLS certificate chain, PEM (e.g. certbot's fullchain.pem); with --tls-key. "
                                            "Default: a self-signed certificate generated once in the data directory."),
        QStringLiteral("FILE"));
    QCommandLineOption tlsKeyOpt(QStringLiteral("tls-key"),
        QCoreApplication::translate("main", "The certificate's private key, PEM, unencrypted (e.g. certbot's privkey.pem)."),
        QStringLiteral("FILE"));
    QCommandLineOption proxyFromOpt(QStringLiteral("proxy-from"),
        QCoreApplication::translate("main", "Connections from ADDRESS or SUBNET (e.g. 10.0.0.5 or 10.0.0.0/8; repeatable) are a "
                                            "reverse proxy's: each must start with a PROXY protocol header (v1 or v2, as haproxy's "
                                            "send-proxy-v2 or nginx's proxy_protocol write it), whose client address is then used."),
        QStringLiteral("SUBNET"));
    parser.addOptions({noTlsOpt, tlsCertOpt, tlsKeyOpt, proxyFromOpt});
    QCommandLineOption joinKeyOpt(QStringLiteral("join-key"),
        QCoreApplication::translate("main", "With --tutorial: every TCP client must first answer os.urandom(32) with its HMAC under "
                                            "the key in FILE (HMAC-MD5 as Python 2's hmac.new(key, msg), or HMAC-SHA256), or is "
                                            "closed. The key is the file's bytes without one trailing newline."),
        QStringLiteral("FILE"));
    QCommandLineOption allowCommandOpt(QStringLiteral("allow-command"),
        QCoreApplication::translate("main", "With --tutorial: text equal to NAME runs PROGRAM with exactly ARGS (split like a command "
                                            "line, never given to a shell) and is answered struct.pack('i') length + output "
                                            "(repeatable; none by default)."),
        QStringLiteral("NAME=PROGRAM [ARGS...]"));
    QCommandLineOption commandTimeoutOpt(QStringLiteral("command-timeout"),
        QCoreApplication::translate("main", "Milliseconds an allowed command may run before it is killed (default %1).")
            .arg(ServerConfig().tutorialCommandTimeoutMs),
        QStringLiteral("MS"), QString::number(ServerConfig().tutorialCommandTimeoutMs));
    QCommandLineOption commandOutputOpt(QStringLiteral("command-max-output"),
        QCoreApplication::translate("main", "Bytes of output an allowed command may write before it is killed (default %1).")
            .arg(ServerConfig().tutorialCommandMaxOutput),
        QStringLiteral("BYTES"), QString::number(ServerConfig().tutorialCommandMaxOutput));
    parser.addOptions({joinKeyOpt, allowCommandOpt, commandTimeoutOpt, commandOutputOpt});
    QCommandLineOption noAnnounceOpt(QStringLiteral("no-announce"),
        QCoreApplication::translate("main", "Do not announce this server on the LAN nor answer discovery queries (UDP port 5152)."));
    QCommandLineOption announceOnOpt(QStringLiteral("announce-on"),
        QCoreApplication::translate("main", "Announce on interface IFACE only (repeatable). Default: every up interface the server listens on."),
        QStringLiteral("IFACE"));
    QCommandLineOption announceIntervalOpt(QStringLiteral("announce-interval"),
        QCoreApplication::translate("main", "Milliseconds between announcements after the first few (default 60000)."),
        QStringLiteral("MS"), QString::number(ServerConfig().announceIntervalMs));
    QCommandLineOption nameOpt(QStringLiteral("name"),
        QCoreApplication::translate("main", "The name this server announces (default: the host name)."), QStringLiteral("NAME"));
    parser.addOptions({noAnnounceOpt, announceOnOpt, announceIntervalOpt, nameOpt, eventLoopOpt});
    QCommandLineOption clusterOpt(QStringLiteral("cluster"),
        QCoreApplication::translate("main", "Share presence, rooms and deliveries with the other nodes through Redis at URL "
                                            "(redis://HOST:PORT; docs/CLUSTER.md)."),
        QStringLiteral("URL"));
    QCommandLineOption nodeIdOpt(QStringLiteral("node-id"),
        QCoreApplication::translate("main", "This node's name in the cluster (default: host name:process id)."),
        QStringLiteral("NAME"));
    parser.addOptions({clusterOpt, nodeIdOpt});
    parser.addOptions({tutorialOpt, listenOpt, dataOpt, maxClientsOpt, maxHeaderOpt, maxPayloadOpt, maxQueuedOpt, helloTimeoutOpt, loginTimeoutOpt, idleTimeoutOpt, maxPendingOpt,
                       noRegisterOpt, maxRegistrationsOpt, maxUsersOpt, botOpt, historyOpt, commitBatchOpt, quotaOpt, maxUploadOpt,
                       maxTransfersOpt, maxTransfersTotalOpt, minFreeOpt, captureOpt});
    QCommandLineOption configOpt(QStringLiteral("config"),
        QCoreApplication::translate("main", "Read options from FILE first, one \"option = value\" per line (e.g. /etc/switchboard/server.conf); "
                                            "the command line overrides it."),
        QStringLiteral("FILE"));
    parser.addOption(configOpt);
    parser.addPositionalArgument(QStringLiteral("user"),
        QCoreApplication::translate("main", "Account administration instead of serving: user add NAME (password on stdin) | "
                                            "user list | user del NAME | user import FILE (tutorials' userinfo: name|md5hex). "
                                            "With --cluster: kick NAME [REASON] ends NAME's sessions on every node."),
        QStringLiteral("[user ...|kick ...]"));
    if (interactive) {
        parser.process(arguments);
    } else if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    out->dataDir = parser.isSet(dataOpt) ? parser.value(dataOpt) : ServerConfig::defaultDataDir();
    out->positional = parser.positionalArguments();
    out->capturePath = parser.value(captureOpt);
    out->eventLoop = parser.value(eventLoopOpt);
    if (!parser.isSet(eventLoopOpt) && qEnvironmentVariableIsSet("SWITCHBOARD_EVENT_LOOP"))
        out->eventLoop = qEnvironmentVariable("SWITCHBOARD_EVENT_LOOP");
#ifdef Q_OS_LINUX
    const bool knownLoop = out->eventLoop == QLatin1String("epoll") || out->eventLoop == QLatin1String("qt");
#else
    const bool knownLoop = out->eventLoop == QLatin1String("qt");
#endif
    if (!knownLoop) {
        *error = QCoreApplication::translate("main", "--event-loop takes epoll (Linux only) or qt.");
        return false;
    }
    ServerConfig &config = out->config;
    for (const QString &l : parser.values(listenOpt)) {
        Endpoint e;
        QString why;
        if (!Endpoint::parse(l, &e, &why)) {
            *error = why;
            return false;
        }
        config.listen.append(e);
    }
    config.dataDir = out->dataDir;
    config.databaseUrl = parser.value(databaseOpt);
    config.databasePasswordFile = parser.value(databasePasswordOpt);
    if (!config.databaseUrl.isEmpty()) {
        DatabaseUrl url;
        if (!DatabaseUrl::parse(config.databaseUrl, &url, error))
            return false;
    }
    config.filesDir = parser.value(filesOpt);
    for (const QString &l : parser.values(tutorialOpt)) {
        Endpoint e;
        QString why;
        if (!Endpoint::parse(l, &e, &why)) {
            *error = why;
            return false;
        }
        config.tutorial.append(e);
    }
    if (!parseTutorialFlows(parser, joinKeyOpt, allowCommandOpt, commandTimeoutOpt, commandOutputOpt, &config, error))
        return false;
    config.tls = !parser.isSet(noTlsOpt);
    config.tlsCertificate = parser.value(tlsCertOpt);
    config.tlsKey = parser.value(tlsKeyOpt);
    for (const QString &text : parser.values(proxyFromOpt)) {
        ProxyGate::Subnet subnet;
        QString why;
        if (!ProxyGate::parseSubnet(text, &subnet, &why)) {
            *error = why;
            return false;
        }
        config.trustedProxies.append(subnet);
    }
    if (parser.isSet(tlsCertOpt) != parser.isSet(tlsKeyOpt) || (!config.tls && parser.isSet(tlsCertOpt))) {
        *error = QCoreApplication::translate("main", "--tls-cert and --tls-key go together, and not with --no-tls.");
        return false;
    }
    config.allowRegistration = !parser.isSet(noRegisterOpt);
    config.announce = !parser.isSet(noAnnounceOpt);
    config.announceOn = parser.values(announceOnOpt);
    config.name = parser.value(nameOpt);
    config.clusterUrl = parser.value(clusterOpt);
    config.nodeId = parser.value(nodeIdOpt);
    bool okInterval = false;
    config.announceIntervalMs = parser.value(announceIntervalOpt).toInt(&okInterval);
    if (!okInterval || config.announceIntervalMs < 100 || config.announceIntervalMs > 86400000) {
        *error = QCoreApplication::translate("main", "--announce-interval takes 100 to 86400000 milliseconds.");
        return false;
    }
    config.bot = parser.isSet(botOpt);
    bool okHistory = false, okBatch = false;
    config.historyCount = qBound(0, parser.value(historyOpt).toInt(&okHistory), 1000);
    config.chatCommitBatch = qBound(1, parser.value(commitBatchOpt).toInt(&okBatch), 100000);
    if (!okHistory || !okBatch) {
        *error = QCoreApplication::translate("main", "A numeric option has an invalid value.");
        return false;
    }
    bool ok6 = false, ok7 = false, ok11 = false, okFree = false;
    config.minFreeSpace = parser.value(minFreeOpt).toLongLong(&okFree);
    config.userQuota = parser.value(quotaOpt).toLongLong(&ok6);
    config.maxUploadSize = parser.value(maxUploadOpt).toLongLong(&ok7);
    config.maxOpenTransfers = parser.value(maxTransfersOpt).toInt(&ok11);
    bool ok12 = true, ok13 = false, ok14 = false;
    if (parser.isSet(maxTransfersTotalOpt))
        config.maxOpenTransfersTotal = parser.value(maxTransfersTotalOpt).toInt(&ok12);
    config.maxRegistrationsPerHour = parser.value(maxRegistrationsOpt).toInt(&ok13);
    config.maxUsers = parser.value(maxUsersOpt).toInt(&ok14);
    if (!ok11 || !ok12 || !ok13 || !ok14 || !okFree || config.minFreeSpace < 0 || config.maxOpenTransfers < 0
        || config.maxOpenTransfersTotal < -1
        || config.maxRegistrationsPerHour < 0 || config.maxUsers < 0) {
        *error = QCoreApplication::translate("main", "A numeric option has an invalid value.");
        return false;
    }
    if (!ok6 || !ok7 || config.userQuota < 0 || config.maxUploadSize < 0) {
        *error = QCoreApplication::translate("main", "--quota and --max-upload-size take a number of bytes.");
        return false;
    }
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false, ok5 = false, ok8 = false, ok9 = false, ok10 = false;
    config.maxClients = parser.value(maxClientsOpt).toInt(&ok1);
    config.limits.maxHeaderBytes = parser.value(maxHeaderOpt).toUInt(&ok2);
    config.limits.maxPayloadBytes = parser.value(maxPayloadOpt).toLongLong(&ok3);
    config.helloTimeoutMs = parser.value(helloTimeoutOpt).toInt(&ok4);
    config.idleTimeoutMs = parser.value(idleTimeoutOpt).toInt(&ok5);
    config.maxQueuedBytes = parser.value(maxQueuedOpt).toLongLong(&ok8);
    const int loginTimeoutS = parser.value(loginTimeoutOpt).toInt(&ok9);
    config.loginTimeoutMs = loginTimeoutS * 1000;
    config.maxPendingPerAddress = parser.value(maxPendingOpt).toInt(&ok10);
    if (!(ok1 && ok2 && ok3 && ok4 && ok5 && ok8 && ok9 && ok10) || loginTimeoutS < 0 || loginTimeoutS > 86400
        || config.maxPendingPerAddress < 0 || config.limits.maxHeaderBytes < 64 || config.limits.maxPayloadBytes < 0
        || config.maxQueuedBytes < 0 || (config.maxQueuedBytes > 0 && config.maxQueuedBytes < (1 << 20))) {
        *error = QCoreApplication::translate("main", "A numeric option has an invalid value.");
        return false;
    }
    return true;
}

} // namespace Switchboard
