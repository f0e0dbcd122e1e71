#include "discoveryscope.h"

namespace Switchboard {

bool DiscoveryScope::isWildcard(const QHostAddress &a, QAbstractSocket::NetworkLayerProtocol family)
{
    // Compared by protocol and value: Qt's equality treats Any, AnyIPv4 and AnyIPv6 as one.
    if (a.protocol() == QAbstractSocket::AnyIPProtocol)
        return true;
    if (a.protocol() != family)
        return false;
    return family == QAbstractSocket::IPv4Protocol ? a.toIPv4Address() == 0
                                                   : a.isEqual(QHostAddress(QHostAddress::AnyIPv6), QHostAddress::StrictConversion);
}

QHostAddress DiscoveryScope::normalized(const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    return ok ? QHostAddress(v4) : address;
}

bool DiscoveryScope::listensOn(const QNetworkInterface &iface, QAbstractSocket::NetworkLayerProtocol family) const
{
    if (m_listen.isEmpty())
        return true;
    for (const QHostAddress &l : m_listen) {
        if (isWildcard(l, family))
            return true;
        if (l.protocol() != family)
            continue;
        for (const QNetworkAddressEntry &e : iface.addressEntries())
            if (e.ip().isEqual(l, QHostAddress::StrictConversion))
                return true;
    }
    return false;
}

void DiscoveryScope::refresh()
{
    m_interfaces.clear();
    m_targets.clear();
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (!iface.flags().testFlag(QNetworkInterface::IsUp))
            continue;
        if (!m_names.isEmpty() && !m_names.contains(iface.name()))
            continue;
        const bool v4 = listensOn(iface, QAbstractSocket::IPv4Protocol);
        const bool v6 = listensOn(iface, QAbstractSocket::IPv6Protocol);
        const bool loopback = iface.flags().testFlag(QNetworkInterface::IsLoopBack);
        QList<QHostAddress> targets;
        for (const QNetworkAddressEntry &e : iface.addressEntries()) {
            const QHostAddress ip = e.ip();
            if (ip.protocol() == QAbstractSocket::IPv4Protocol && v4) {
                // Loopback has no broadcast flag, yet 127.255.255.255 reaches every local socket.
                if (loopback)
                    targets.append(QHostAddress(QStringLiteral("127.255.255.255")));
                else if (iface.flags().testFlag(QNetworkInterface::CanBroadcast) && !e.broadcast().isNull())
                    targets.append(e.broadcast());
            } else if (ip.protocol() == QAbstractSocket::IPv6Protocol && v6) {
                if (loopback) {
                    targets.append(QHostAddress(QHostAddress::LocalHostIPv6));
                } else if (ip.isLinkLocal() && iface.flags().testFlag(QNetworkInterface::CanMulticast)) {
                    QHostAddress allNodes(QStringLiteral("ff02::1"));
                    allNodes.setScopeId(iface.name());
                    targets.append(allNodes);
                }
            }
        }
        bool added = false;
        for (const QHostAddress &t : std::as_const(targets))
            if (!m_targets.contains(t)) {
                m_targets.append(t);
                added = true;
            }
        if (added)
            m_interfaces.append(iface);
    }
}

QStringList DiscoveryScope::interfaceNames() const
{
    QStringList names;
    for (const QNetworkInterface &iface : m_interfaces)
        names.append(iface.name());
    return names;
}

bool DiscoveryScope::covers(const QHostAddress &source) const
{
    const QHostAddress s = normalized(source);
    for (const QNetworkInterface &iface : m_interfaces) {
        // An IPv6 asker of a server on 0.0.0.0 could not connect: no answer for it.
        if (!listensOn(iface, s.protocol()))
            continue;
        if (iface.flags().testFlag(QNetworkInterface::IsLoopBack) && s.isLoopback())
            return true;
        if (s.isLinkLocal() && s.protocol() == QAbstractSocket::IPv6Protocol) {
            if (s.scopeId() == iface.name() || s.scopeId() == QString::number(iface.index()))
                return true;
            continue;
        }
        for (const QNetworkAddressEntry &e : iface.addressEntries())
            if (e.prefixLength() >= 0 && s.isInSubnet(e.ip(), e.prefixLength()))
                return true;
    }
    return false;
}

} // namespace Switchboard
