#include "serverruntime.h"

#include "chatserver.h"

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

    m_server = new ChatServer(this);
    m_server->setMaxClients(m_config.maxClients);
    m_server->setLimits(m_config.limits);
    m_server->setHelloTimeout(m_config.helloTimeoutMs);
    m_server->setIdleTimeout(m_config.idleTimeoutMs);
    connect(m_server, &ChatServer::logMessage, this, &ServerRuntime::logMessage);

    for (const Endpoint &e : std::as_const(m_config.listen)) {
        QHostAddress address;
        if (e.host == QLatin1String("localhost"))
            address = QHostAddress::LocalHost;
        else if (e.host == QLatin1String("*") || e.host == QLatin1String("0.0.0.0"))
            address = QHostAddress::AnyIPv4;
        else if (e.host == QLatin1String("::"))
            address = QHostAddress::AnyIPv6;
        else if (!address.setAddress(e.host)) {
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
    m_server->deleteLater();
    m_server = nullptr;
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
