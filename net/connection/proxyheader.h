#pragma once
#include <QByteArray>
#include <QHostAddress>
#include <QString>

namespace Switchboard {

// The PROXY protocol header (HAProxy's spec, versions 1 and 2) that a reverse proxy such as
// haproxy ("send-proxy-v2") or nginx's stream module ("proxy_protocol on", version 1) writes
// before the client's own bytes, so the server learns the client's address. It is read before
// TLS starts and only from proxies the server is told to trust: from anyone else it would let a
// client pick the address that logging and login throttling see.
class ProxyHeader
{
public:
    enum class Status { NeedMore, Done, Invalid };

    // Largest header accepted: v1 is at most 107 bytes; v2 is 16 bytes plus its addresses and
    // TLVs, which we cap (TLVs are skipped, not interpreted).
    static constexpr int MaxV2Length = 16 + 512;

    // Looks at the first bytes of a connection. Done: consumed() bytes are the header, the
    // rest belongs to the client. NeedMore: nothing is decided yet (call again with more).
    // Invalid: not a PROXY header, or a broken one (error() says why).
    Status parse(const QByteArray &data);

    int consumed() const { return m_consumed; }
    int version() const { return m_version; }
    // LOCAL (v2) or UNKNOWN (v1): the proxy's own connection (a health check); the addresses
    // stay those of the socket.
    bool isLocal() const { return m_local; }
    QHostAddress sourceAddress() const { return m_source; }
    quint16 sourcePort() const { return m_sourcePort; }
    QHostAddress destinationAddress() const { return m_destination; }
    quint16 destinationPort() const { return m_destinationPort; }
    QString error() const { return m_error; }

    // Encodes a v2 PROXY header for a TCP connection (tests, and a proxy that forwards).
    static QByteArray encodeV2(const QHostAddress &source, quint16 sourcePort,
                               const QHostAddress &destination, quint16 destinationPort);

private:
    Status parseV1(const QByteArray &data);
    Status parseV2(const QByteArray &data);
    Status invalid(const QString &why);

    int m_consumed = 0;
    int m_version = 0;
    bool m_local = false;
    QHostAddress m_source, m_destination;
    quint16 m_sourcePort = 0, m_destinationPort = 0;
    QString m_error;
};

} // namespace Switchboard
