#pragma once
// Where discovery datagrams go: the interfaces chosen (by name, or those a server listens on)
// and, on each, the addresses that reach every host of its link. Re-enumerated on refresh(),
// because interfaces come and go (Wi-Fi, VPNs, docking).

#include <QHostAddress>
#include <QList>
#include <QNetworkInterface>
#include <QStringList>

namespace Switchboard {

class DiscoveryScope
{
public:
    // Only these interfaces (by name); empty: every up interface allowed by the listen addresses.
    void setInterfaceNames(const QStringList &names) { m_names = names; }
    // The addresses a server listens on: a wildcard (0.0.0.0, ::) allows every interface of its
    // family, a specific address only the interface holding it. Empty (a client): everything.
    void setListenAddresses(const QList<QHostAddress> &addresses) { m_listen = addresses; }
    void refresh();

    // Broadcast addresses of the IPv4 networks, ff02::1 scoped to each IPv6 interface, and
    // 127.255.255.255 / ::1 on loopback.
    QList<QHostAddress> targets() const { return m_targets; }
    QStringList interfaceNames() const;
    // Whether source (a query's sender) is on one of the chosen interfaces' networks, in an
    // address family the server listens on there.
    bool covers(const QHostAddress &source) const;

    // Whether a listen address accepts every address of family (0.0.0.0 for IPv4, :: for IPv6,
    // Any for both).
    static bool isWildcard(const QHostAddress &address, QAbstractSocket::NetworkLayerProtocol family);
    // A v4-mapped IPv6 address (from a dual-stack socket) as IPv4; anything else unchanged.
    static QHostAddress normalized(const QHostAddress &address);

private:
    bool listensOn(const QNetworkInterface &iface, QAbstractSocket::NetworkLayerProtocol family) const;

    QStringList m_names;
    QList<QHostAddress> m_listen;
    QList<QNetworkInterface> m_interfaces;
    QList<QHostAddress> m_targets;
};

} // namespace Switchboard
