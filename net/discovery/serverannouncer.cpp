#include "serverannouncer.h"

#include "discoverysocket.h"
#include "net/core/logging.h"
#include "net/storage/owneronly.h"

#include <QFile>
#include <QUuid>

namespace Switchboard {

namespace {

// The announcements at start (ms after it), then one every interval.
constexpr int StartSchedule[] = {0, 1000, 3000};
// Answers to one source address: a burst of 10, then one a second.
constexpr double AnswerBurst = 10;
constexpr double AnswersPerSecond = 1;
constexpr int MaxTrackedSources = 4096;
// Queries arrive in bursts (several clients starting); interfaces are re-read at most this often.
constexpr qint64 RefreshForAnswersMs = 5000;

} // namespace

ServerAnnouncer::ServerAnnouncer(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ServerAnnouncer::announce);
    m_clock.start();
}

ServerAnnouncer::~ServerAnnouncer()
{
    stop();
}

QString ServerAnnouncer::loadOrCreateId(const QString &dataDir, QString *error)
{
    const QString path = dataDir + QStringLiteral("/server-id");
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QString id = QString::fromLatin1(file.readAll()).trimmed();
        if (!QUuid::fromString(id).isNull())
            return id;
        file.close();
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!OwnerOnly::open(file, QIODevice::WriteOnly | QIODevice::Truncate) || file.write(id.toLatin1() + '\n') < 0) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return QString();
    }
    return id;
}

void ServerAnnouncer::start(const Settings &settings)
{
    stop();
    m_settings = settings;
    m_scope.setInterfaceNames(settings.interfaces);
    m_scope.setListenAddresses(settings.listen);
    m_socket = new DiscoverySocket(this);
    QString why;
    if (!m_socket->bind(m_settings.discoveryPort, true, &why)) {
        log(QStringLiteral("discovery: cannot bind UDP port %1 (%2): announcing without answering queries")
                .arg(m_settings.discoveryPort)
                .arg(why));
        m_socket->bind(0, false, nullptr);
    }
    connect(m_socket, &DiscoverySocket::received, this, &ServerAnnouncer::onReceived);
    connect(m_socket, &DiscoverySocket::ignored, this, [](const QHostAddress &sender, const QString &why) {
        qCDebug(lcServer).noquote() << QStringLiteral("discovery: ignored a datagram from %1: %2").arg(sender.toString(), why);
    });
    m_rounds = 0;
    m_ignoredLogged = 0;
    announce();
}

void ServerAnnouncer::stop()
{
    m_timer.stop();
    if (!m_socket)
        return;
    // Clients drop the server at once instead of waiting for it to age out.
    m_socket->send(Discovery::encodeGoodbye(m_settings.announcement), m_scope.targets(), m_settings.discoveryPort);
    delete m_socket;
    m_socket = nullptr;
    m_buckets.clear();
}

void ServerAnnouncer::setListenAddresses(const QList<QHostAddress> &listen)
{
    m_settings.listen = listen;
    m_scope.setListenAddresses(listen);
    if (m_socket)
        announce();
}

qint64 ServerAnnouncer::ignoredCount() const
{
    return m_socket ? m_socket->ignoredCount() : 0;
}

void ServerAnnouncer::announce()
{
    m_scope.refresh();
    m_lastRefreshMs = m_clock.elapsed();
    const QStringList names = m_scope.interfaceNames();
    if (names != m_lastInterfaces) {
        log(names.isEmpty() ? QStringLiteral("discovery: no interface to announce on")
                            : QStringLiteral("discovery: announcing on %1").arg(names.join(QStringLiteral(", "))));
        m_lastInterfaces = names;
    }
    m_socket->send(Discovery::encodeAnnouncement(m_settings.announcement), m_scope.targets(), m_settings.discoveryPort);
    // One line per interval at most, however many junk datagrams arrive (each is at debug level).
    if (const qint64 ignored = m_socket->ignoredCount(); ignored > m_ignoredLogged) {
        log(QStringLiteral("discovery: ignored %1 datagram(s) that were not discovery datagrams (%2 in all; %3 queries refused by the rate limit in all)")
                .arg(ignored - m_ignoredLogged)
                .arg(ignored)
                .arg(m_refused));
        m_ignoredLogged = ignored;
    }
    ++m_rounds;
    const int interval = m_settings.announcement.intervalMs;
    const int round = int(m_rounds);
    int next = interval;
    if (round < int(std::size(StartSchedule)) && StartSchedule[round] < interval)
        next = StartSchedule[round] - StartSchedule[round - 1];
    m_timer.start(next);
    emit announced();
}

void ServerAnnouncer::onReceived(const Discovery::Datagram &d, const QHostAddress &sender, quint16 port)
{
    if (d.kind != Discovery::Datagram::Kind::Query)
        return; // other servers' announcements, our own broadcasts coming back
    if (m_clock.elapsed() - m_lastRefreshMs > RefreshForAnswersMs) {
        m_scope.refresh();
        m_lastRefreshMs = m_clock.elapsed();
    }
    // Only askers on a network we announce on: a server on 127.0.0.1 does not answer the LAN.
    if (!m_scope.covers(sender)) {
        qCDebug(lcServer).noquote() << QStringLiteral("discovery: query from %1 outside the announced networks").arg(sender.toString());
        return;
    }
    if (!allowAnswer(sender)) {
        ++m_refused;
        return;
    }
    if (m_socket->sendTo(Discovery::encodeAnnouncement(m_settings.announcement), sender, port))
        ++m_answered;
}

bool ServerAnnouncer::allowAnswer(const QHostAddress &sender)
{
    const qint64 now = m_clock.elapsed();
    if (m_buckets.size() >= MaxTrackedSources && !m_buckets.contains(sender)) {
        // Forget sources whose bucket has refilled: they would start full anyway.
        for (auto it = m_buckets.begin(); it != m_buckets.end();) {
            if (it->tokens + (now - it->lastMs) / 1000.0 * AnswersPerSecond >= AnswerBurst)
                it = m_buckets.erase(it);
            else
                ++it;
        }
        if (m_buckets.size() >= MaxTrackedSources)
            return false;
    }
    auto it = m_buckets.find(sender);
    if (it == m_buckets.end())
        it = m_buckets.insert(sender, Bucket{AnswerBurst, now});
    it->tokens = qMin(AnswerBurst, it->tokens + (now - it->lastMs) / 1000.0 * AnswersPerSecond);
    it->lastMs = now;
    if (it->tokens < 1)
        return false;
    it->tokens -= 1;
    return true;
}

void ServerAnnouncer::log(const QString &line)
{
    qCInfo(lcServer).noquote() << line;
    emit logMessage(line);
}

} // namespace Switchboard
