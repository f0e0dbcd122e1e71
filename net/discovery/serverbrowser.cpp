#include "serverbrowser.h"

#include "discoverysocket.h"

#include <algorithm>

namespace Switchboard {

namespace {

constexpr int DefaultQueryIntervalMs = 30000;
constexpr int AgeIntervals = 3; // announcements a server may miss before it is forgotten
constexpr int MaxServers = 256;  // a flood of fake ids must not grow without bound
constexpr int MaxHostsPerServer = 16;

int rank(const QHostAddress &a)
{
    const bool v4 = a.protocol() == QAbstractSocket::IPv4Protocol;
    if (v4 && !a.isLoopback())
        return 0;
    if (v4)
        return 1;
    if (!a.isLinkLocal() && !a.isLoopback())
        return 2;
    return a.isLoopback() ? 3 : 4;
}

} // namespace

QString DiscoveredServer::hostText() const
{
    return host().toString();
}

ServerBrowser::ServerBrowser(QObject *parent)
    : QObject(parent)
{
    m_queryTimer.setInterval(DefaultQueryIntervalMs);
    connect(&m_queryTimer, &QTimer::timeout, this, &ServerBrowser::query);
    m_expiryTimer.setSingleShot(true);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ServerBrowser::expire);
    m_clock.start();
}

ServerBrowser::~ServerBrowser() = default;

bool ServerBrowser::start(QString *error)
{
    stop();
    m_listener = new DiscoverySocket(this);
    if (!m_listener->bind(m_port, true, error)) {
        delete m_listener;
        m_listener = nullptr;
        return false;
    }
    m_asker = new DiscoverySocket(this);
    m_asker->bind(0, false, nullptr);
    for (DiscoverySocket *s : {m_listener, m_asker})
        connect(s, &DiscoverySocket::received, this, &ServerBrowser::onReceived);
    m_queryTimer.start();
    query();
    return true;
}

void ServerBrowser::stop()
{
    m_queryTimer.stop();
    m_expiryTimer.stop();
    delete m_listener;
    delete m_asker;
    m_listener = m_asker = nullptr;
    while (!m_servers.isEmpty()) {
        m_servers.removeLast();
        m_heard.removeLast();
        emit serverRemoved(int(m_servers.size()));
    }
}

qint64 ServerBrowser::ignoredCount() const
{
    return (m_listener ? m_listener->ignoredCount() : 0) + (m_asker ? m_asker->ignoredCount() : 0);
}

void ServerBrowser::query()
{
    if (!m_asker)
        return;
    m_scope.refresh(); // interfaces come and go
    m_asker->send(Discovery::encodeQuery(), m_scope.targets(), m_port);
    ++m_queries;
}

int ServerBrowser::indexOf(const QString &id) const
{
    for (int i = 0; i < m_servers.size(); ++i)
        if (m_servers.at(i).announcement.id == id)
            return i;
    return -1;
}

void ServerBrowser::onReceived(const Discovery::Datagram &d, const QHostAddress &sender, quint16)
{
    using Kind = Discovery::Datagram::Kind;
    if (d.kind == Kind::Query)
        return; // other clients asking
    const int row = indexOf(d.announcement.id);
    if (d.kind == Kind::Goodbye) {
        if (row >= 0 && m_servers.at(row).announcement.port == d.announcement.port
            && m_servers.at(row).hosts.contains(sender)) {
            m_servers.removeAt(row);
            m_heard.removeAt(row);
            emit serverRemoved(row);
        }
        return;
    }
    const qint64 now = m_clock.elapsed();
    if (row < 0) {
        if (m_servers.size() >= MaxServers)
            return;
        m_servers.append(DiscoveredServer{d.announcement, {sender}});
        m_heard.append({Heard{sender, now}});
        emit serverAdded(int(m_servers.size() - 1));
        scheduleExpiry();
        return;
    }
    DiscoveredServer &s = m_servers[row];
    QList<Heard> &heard = m_heard[row];
    const bool changed = s.announcement.name != d.announcement.name || s.announcement.port != d.announcement.port
        || s.announcement.tls != d.announcement.tls || s.announcement.fingerprint != d.announcement.fingerprint
        || s.announcement.version != d.announcement.version || !s.hosts.contains(sender);
    s.announcement = d.announcement;
    auto it = std::find_if(heard.begin(), heard.end(), [&](const Heard &h) { return h.host == sender; });
    if (it != heard.end())
        it->lastMs = now;
    else if (heard.size() < MaxHostsPerServer)
        heard.append(Heard{sender, now});
    sortHosts(row);
    if (changed)
        emit serverChanged(row);
    scheduleExpiry();
}

void ServerBrowser::sortHosts(int row)
{
    QList<Heard> &heard = m_heard[row];
    std::stable_sort(heard.begin(), heard.end(), [](const Heard &a, const Heard &b) { return rank(a.host) < rank(b.host); });
    QList<QHostAddress> hosts;
    for (const Heard &h : std::as_const(heard))
        hosts.append(h.host);
    m_servers[row].hosts = hosts;
}

void ServerBrowser::expire()
{
    const qint64 now = m_clock.elapsed();
    for (int row = int(m_servers.size()) - 1; row >= 0; --row) {
        const qint64 maxAge = qint64(AgeIntervals) * m_servers.at(row).announcement.intervalMs;
        QList<Heard> &heard = m_heard[row];
        const auto before = heard.size();
        heard.removeIf([&](const Heard &h) { return now - h.lastMs > maxAge; });
        if (heard.isEmpty()) {
            m_servers.removeAt(row);
            m_heard.removeAt(row);
            emit serverRemoved(row);
        } else if (heard.size() != before) {
            sortHosts(row);
            emit serverChanged(row);
        }
    }
    scheduleExpiry();
}

void ServerBrowser::scheduleExpiry()
{
    qint64 next = -1;
    for (int row = 0; row < m_servers.size(); ++row) {
        const qint64 maxAge = qint64(AgeIntervals) * m_servers.at(row).announcement.intervalMs;
        for (const Heard &h : m_heard.at(row))
            next = next < 0 ? h.lastMs + maxAge : qMin(next, h.lastMs + maxAge);
    }
    if (next < 0) {
        m_expiryTimer.stop();
        return;
    }
    m_expiryTimer.start(int(qBound(qint64(0), next - m_clock.elapsed() + 1, qint64(86400000))));
}

} // namespace Switchboard
