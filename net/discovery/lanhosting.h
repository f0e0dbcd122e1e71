#pragma once
// Hosting a server from the GUI: for this computer only (127.0.0.1) or for the local network
// (every interface), and the addresses a teammate can type to reach it.

#include "net/core/endpoint.h"

#include <QList>
#include <QStringList>

namespace Switchboard {

class LanHosting
{
public:
    enum class Scope { ThisComputer, LocalNetwork };

    // Where to listen: 127.0.0.1, or 0.0.0.0 (IPv6 is added by addIpv6Listener once the port is known).
    static Endpoint listenEndpoint(Scope scope, quint16 port);
    // Whether something already listens on that TCP port (for the "port taken" question).
    static bool portTaken(Scope scope, quint16 port);
    // The addresses of this computer's up interfaces a teammate can connect to: IPv4 first, then
    // routable IPv6; never loopback or link-local. Empty when there is no network.
    static QStringList reachableAddresses();
    // The same for a server listening on endpoints: HOST:PORT for each address it can be reached
    // on, loopback ones included when it listens there.
    static QStringList reachableEndpoints(const QList<Endpoint> &endpoints);
};

} // namespace Switchboard
