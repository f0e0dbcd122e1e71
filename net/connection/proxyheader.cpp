#include "proxyheader.h"

#include <QtEndian>

namespace Switchboard {

namespace {

const QByteArray V2Signature = QByteArrayLiteral("\r\n\r\n\x00\r\nQUIT\n");
const QByteArray V1Prefix = QByteArrayLiteral("PROXY ");
constexpr int V1MaxLength = 107;

// True while data could still grow into prefix (or already starts with it).
bool couldBe(const QByteArray &data, const QByteArray &prefix)
{
    const int n = int(qMin(data.size(), prefix.size()));
    return data.left(n) == prefix.left(n);
}

bool parsePort(const QByteArray &text, quint16 *port)
{
    if (text.isEmpty() || text.size() > 5 || (text.size() > 1 && text.startsWith('0')))
        return false;
    for (char c : text)
        if (c < '0' || c > '9')
            return false;
    const int value = text.toInt();
    if (value > 65535)
        return false;
    *port = quint16(value);
    return true;
}

} // namespace

ProxyHeader::Status ProxyHeader::invalid(const QString &why)
{
    m_error = why;
    return Status::Invalid;
}

ProxyHeader::Status ProxyHeader::parse(const QByteArray &data)
{
    if (couldBe(data, V2Signature)) {
        if (data.size() < V2Signature.size())
            return Status::NeedMore;
        return parseV2(data);
    }
    if (couldBe(data, V1Prefix)) {
        if (data.size() < V1Prefix.size())
            return Status::NeedMore;
        return parseV1(data);
    }
    return invalid(QStringLiteral("the connection does not start with a PROXY protocol header"));
}

ProxyHeader::Status ProxyHeader::parseV1(const QByteArray &data)
{
    const int end = int(data.indexOf("\r\n"));
    if (end < 0)
        return data.size() >= V1MaxLength ? invalid(QStringLiteral("PROXY v1 line longer than 107 bytes")) : Status::NeedMore;
    if (end + 2 > V1MaxLength)
        return invalid(QStringLiteral("PROXY v1 line longer than 107 bytes"));
    const QList<QByteArray> parts = data.left(end).split(' ');
    m_version = 1;
    if (parts.size() >= 2 && parts.at(1) == "UNKNOWN") {
        m_local = true;
        m_consumed = end + 2;
        return Status::Done;
    }
    if (parts.size() != 6 || (parts.at(1) != "TCP4" && parts.at(1) != "TCP6"))
        return invalid(QStringLiteral("PROXY v1 line is not \"PROXY TCP4|TCP6 SRC DST SPORT DPORT\""));
    const QAbstractSocket::NetworkLayerProtocol family =
        parts.at(1) == "TCP4" ? QAbstractSocket::IPv4Protocol : QAbstractSocket::IPv6Protocol;
    if (!m_source.setAddress(QString::fromLatin1(parts.at(2))) || !m_destination.setAddress(QString::fromLatin1(parts.at(3)))
        || m_source.protocol() != family || m_destination.protocol() != family)
        return invalid(QStringLiteral("PROXY v1 addresses do not match %1").arg(QString::fromLatin1(parts.at(1))));
    if (!parsePort(parts.at(4), &m_sourcePort) || !parsePort(parts.at(5), &m_destinationPort))
        return invalid(QStringLiteral("PROXY v1 ports are not numbers from 0 to 65535"));
    m_consumed = end + 2;
    return Status::Done;
}

ProxyHeader::Status ProxyHeader::parseV2(const QByteArray &data)
{
    if (data.size() < 16)
        return Status::NeedMore;
    const auto *p = reinterpret_cast<const uchar *>(data.constData());
    const int versionCommand = p[12];
    if ((versionCommand >> 4) != 2)
        return invalid(QStringLiteral("PROXY v2 header with version %1").arg(versionCommand >> 4));
    const int command = versionCommand & 0x0f;
    if (command > 1)
        return invalid(QStringLiteral("PROXY v2 header with unknown command %1").arg(command));
    const int family = p[13] >> 4;
    const int transport = p[13] & 0x0f;
    const int length = qFromBigEndian<quint16>(p + 14);
    if (16 + length > MaxV2Length)
        return invalid(QStringLiteral("PROXY v2 header of %1 bytes (at most %2 accepted)").arg(16 + length).arg(MaxV2Length));
    if (data.size() < 16 + length)
        return Status::NeedMore;
    m_version = 2;
    m_consumed = 16 + length;
    if (command == 0) { // LOCAL: addresses (if any) are skipped
        m_local = true;
        return Status::Done;
    }
    if (transport != 1) // STREAM only: Switchboard's listeners are TCP
        return invalid(QStringLiteral("PROXY v2 header for a transport other than TCP"));
    const uchar *a = p + 16;
    if (family == 1) {
        if (length < 12)
            return invalid(QStringLiteral("PROXY v2 IPv4 addresses truncated"));
        m_source.setAddress(qFromBigEndian<quint32>(a));
        m_destination.setAddress(qFromBigEndian<quint32>(a + 4));
        m_sourcePort = qFromBigEndian<quint16>(a + 8);
        m_destinationPort = qFromBigEndian<quint16>(a + 10);
        return Status::Done;
    }
    if (family == 2) {
        if (length < 36)
            return invalid(QStringLiteral("PROXY v2 IPv6 addresses truncated"));
        m_source.setAddress(a);
        m_destination.setAddress(a + 16);
        m_sourcePort = qFromBigEndian<quint16>(a + 32);
        m_destinationPort = qFromBigEndian<quint16>(a + 34);
        return Status::Done;
    }
    if (family == 0) { // UNSPEC with PROXY: the proxy does not know; keep the socket's addresses
        m_local = true;
        return Status::Done;
    }
    return invalid(QStringLiteral("PROXY v2 header for address family %1 (unix sockets are not served)").arg(family));
}

QByteArray ProxyHeader::encodeV2(const QHostAddress &source, quint16 sourcePort, const QHostAddress &destination,
                                 quint16 destinationPort)
{
    QByteArray out = V2Signature;
    const bool v4 = source.protocol() == QAbstractSocket::IPv4Protocol;
    out.append(char(0x21));                   // version 2, PROXY
    out.append(char(v4 ? 0x11 : 0x21));       // INET or INET6, STREAM
    const quint16 length = v4 ? 12 : 36;
    char buf[2];
    qToBigEndian<quint16>(length, buf);
    out.append(buf, 2);
    if (v4) {
        char addr[4];
        qToBigEndian<quint32>(source.toIPv4Address(), addr);
        out.append(addr, 4);
        qToBigEndian<quint32>(destination.toIPv4Address(), addr);
        out.append(addr, 4);
    } else {
        const Q_IPV6ADDR s = source.toIPv6Address(), d = destination.toIPv6Address();
        out.append(reinterpret_cast<const char *>(s.c), 16);
        out.append(reinterpret_cast<const char *>(d.c), 16);
    }
    qToBigEndian<quint16>(sourcePort, buf);
    out.append(buf, 2);
    qToBigEndian<quint16>(destinationPort, buf);
    out.append(buf, 2);
    return out;
}

} // namespace Switchboard
