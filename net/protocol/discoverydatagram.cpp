#include "discoverydatagram.h"

#include "datagramfields.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Switchboard::Discovery {

using DatagramFields::isInteger;

namespace {

const QLatin1String Magic("switchboard-discovery");

QJsonObject header(const char *type)
{
    return QJsonObject{{QStringLiteral("magic"), Magic},
                       {QStringLiteral("v"), FormatVersion},
                       {QStringLiteral("type"), QLatin1String(type)}};
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray encodeQuery()
{
    return compact(header("query"));
}

QByteArray encodeAnnouncement(const Announcement &a)
{
    QJsonObject o = header("announce");
    o.insert(QStringLiteral("id"), a.id);
    o.insert(QStringLiteral("name"), a.name.left(MaxNameChars));
    o.insert(QStringLiteral("port"), a.port);
    o.insert(QStringLiteral("version"), a.version);
    o.insert(QStringLiteral("server"), a.server.left(MaxNameChars));
    o.insert(QStringLiteral("tls"), a.tls);
    if (a.tls && !a.fingerprint.isEmpty())
        o.insert(QStringLiteral("fingerprint"), a.fingerprint);
    o.insert(QStringLiteral("interval"), a.intervalMs);
    return compact(o);
}

QByteArray encodeGoodbye(const Announcement &a)
{
    QJsonObject o = header("goodbye");
    o.insert(QStringLiteral("id"), a.id);
    o.insert(QStringLiteral("port"), a.port);
    return compact(o);
}

std::optional<Datagram> decode(const QByteArray &bytes)
{
    const std::optional<QJsonObject> object = DatagramFields::objectOf(bytes, MaxDatagramBytes, Magic, FormatVersion);
    if (!object)
        return std::nullopt;
    const QJsonObject &o = *object;
    const QString type = o.value(QStringLiteral("type")).toString();
    Datagram d;
    if (type == QLatin1String("query"))
        return d;
    if (type != QLatin1String("announce") && type != QLatin1String("goodbye"))
        return std::nullopt;
    const QJsonValue id = o.value(QStringLiteral("id"));
    const QJsonValue port = o.value(QStringLiteral("port"));
    if (!DatagramFields::isShortString(id, MaxIdChars, false) || !isInteger(port, 1, 65535))
        return std::nullopt;
    Announcement &a = d.announcement;
    a.id = id.toString();
    a.port = quint16(port.toInt());
    if (type == QLatin1String("goodbye")) {
        d.kind = Datagram::Kind::Goodbye;
        return d;
    }
    d.kind = Datagram::Kind::Announce;
    const QJsonValue name = o.value(QStringLiteral("name"));
    const QJsonValue version = o.value(QStringLiteral("version"));
    const QJsonValue server = o.value(QStringLiteral("server"));
    const QJsonValue tls = o.value(QStringLiteral("tls"));
    const QJsonValue fingerprint = o.value(QStringLiteral("fingerprint"));
    const QJsonValue interval = o.value(QStringLiteral("interval"));
    if (!DatagramFields::isShortString(name, MaxNameChars, true) || !isInteger(version, 1, 65535)
        || !(server.isUndefined() || DatagramFields::isShortString(server, MaxNameChars, true))
        || !(tls.isUndefined() || tls.isBool())
        || !(fingerprint.isUndefined() || DatagramFields::isShortString(fingerprint, 256, true))
        || !(interval.isUndefined() || isInteger(interval, 100, 86400000)))
        return std::nullopt;
    a.name = name.toString();
    a.version = version.toInt();
    a.server = server.toString();
    a.tls = tls.toBool();
    if (a.tls) // a fingerprint means nothing for a plaintext server (and is not sent for one)
        a.fingerprint = fingerprint.toString();
    a.intervalMs = interval.isUndefined() ? 60000 : interval.toInt();
    return d;
}

} // namespace Switchboard::Discovery
