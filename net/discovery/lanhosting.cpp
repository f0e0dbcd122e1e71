#include "lanhosting.h"

#include "discoveryscope.h"

#include <QNetworkInterface>
#include <QTcpServer>

namespace Switchboard {

Endpoint LanHosting::listenEndpoint(Scope scope, quint16 port)
{
    return Endpoint{scope == Scope::LocalNetwork ? QStringLiteral("0.0.0.0") : QStringLiteral("127.0.0.1"), port};
}

bool LanHosting::portTaken(Scope scope, quint16 port)
{
    if (port == 0)
        return false;
    QTcpServer probe;
    const QHostAddress address = scope == Scope::LocalNetwork ? QHostAddress(QHostAddress::AnyIPv4) : QHostAddress(QHostAddress::LocalHost);
    return !probe.listen(address, port) && probe.serverError() == QAbstractSocket::AddressInUseError;
}

QStringList LanHosting::reachableAddresses()
{
    QStringList v4, v6;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (!iface.flags().testFlag(QNetworkInterface::IsUp) || iface.flags().testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &e : iface.addressEntries()) {
            const QHostAddress ip = e.ip();
            if (ip.isLoopback() || ip.isLinkLocal())
                continue;
            (ip.protocol() == QAbstractSocket::IPv4Protocol ? v4 : v6).append(ip.toString());
        }
    }
    v4.removeDuplicates();
    v6.removeDuplicates();
    return v4 + v6;
}

QStringList LanHosting::reachableEndpoints(const QList<Endpoint> &endpoints)
{
    QStringList out;
    for (const Endpoint &e : endpoints) {
        QHostAddress address(e.host);
        const bool any4 = DiscoveryScope::isWildcard(address, QAbstractSocket::IPv4Protocol);
        const bool any6 = DiscoveryScope::isWildcard(address, QAbstractSocket::IPv6Protocol);
        if (!any4 && !any6) {
            out.append(e.toString());
            continue;
        }
        for (const QString &ip : reachableAddresses()) {
            const bool v6 = ip.contains(QLatin1Char(':'));
            if ((v6 && any6) || (!v6 && any4))
                out.append(Endpoint::format(QHostAddress(ip), e.port));
        }
    }
    out.removeDuplicates();
    return out;
}

} // namespace Switchboard
