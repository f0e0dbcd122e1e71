#include "udproomdatagram.h"

#include "datagramfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Switchboard::UdpRooms {

using DatagramFields::isInteger;
using DatagramFields::isShortString;

namespace {

const QLatin1String Magic("switchboard-udproom");

// A message text: not empty, and no control character but tab and line feed.
bool isText(const QJsonValue &v)
{
    if (!v.isString())
        return false;
    const QString s = v.toString();
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t')
            return false;
    return true;
}

std::optional<Datagram::Kind> kindFrom(const QString &type)
{
    for (auto k : {Datagram::Kind::Message, Datagram::Kind::Resend, Datagram::Kind::Hello, Datagram::Kind::Bye})
        if (type == kindName(k))
            return k;
    return std::nullopt;
}

} // namespace

QString kindName(Datagram::Kind kind)
{
    switch (kind) {
    case Datagram::Kind::Message: return QStringLiteral("msg");
    case Datagram::Kind::Resend: return QStringLiteral("resend");
    case Datagram::Kind::Hello: return QStringLiteral("hello");
    case Datagram::Kind::Bye: return QStringLiteral("bye");
    }
    return QString();
}

QByteArray encode(const Datagram &d)
{
    QJsonObject o{{QStringLiteral("magic"), Magic},
                  {QStringLiteral("v"), FormatVersion},
                  {QStringLiteral("type"), kindName(d.kind)},
                  {QStringLiteral("room"), d.room},
                  {QStringLiteral("from"), d.from}};
    switch (d.kind) {
    case Datagram::Kind::Message:
        o.insert(QStringLiteral("name"), d.name.left(MaxNameChars));
        o.insert(QStringLiteral("seq"), d.seq);
        o.insert(QStringLiteral("ts"), d.timeMs);
        o.insert(QStringLiteral("text"), d.text);
        break;
    case Datagram::Kind::Resend: {
        QJsonArray seqs;
        for (qint64 s : d.seqs.mid(0, MaxResendSeqs))
            seqs.append(s);
        o.insert(QStringLiteral("to"), d.to);
        o.insert(QStringLiteral("seqs"), seqs);
        break;
    }
    case Datagram::Kind::Hello:
        o.insert(QStringLiteral("name"), d.name.left(MaxNameChars));
        o.insert(QStringLiteral("seq"), d.seq);
        o.insert(QStringLiteral("interval"), d.intervalMs);
        break;
    case Datagram::Kind::Bye:
        break;
    }
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return bytes.size() <= MaxDatagramBytes ? bytes : QByteArray();
}

std::optional<Datagram> decode(const QByteArray &bytes)
{
    const std::optional<QJsonObject> object = DatagramFields::objectOf(bytes, MaxDatagramBytes, Magic, FormatVersion);
    if (!object)
        return std::nullopt;
    const QJsonObject &o = *object;
    const auto kind = kindFrom(o.value(QStringLiteral("type")).toString());
    const QJsonValue room = o.value(QStringLiteral("room"));
    const QJsonValue from = o.value(QStringLiteral("from"));
    if (!kind || !isShortString(room, MaxRoomChars, false) || !isShortString(from, MaxIdChars, false))
        return std::nullopt;
    Datagram d;
    d.kind = *kind;
    d.room = room.toString();
    d.from = from.toString();
    const QJsonValue name = o.value(QStringLiteral("name"));
    const QJsonValue seq = o.value(QStringLiteral("seq"));
    switch (d.kind) {
    case Datagram::Kind::Message: {
        const QJsonValue ts = o.value(QStringLiteral("ts"));
        const QJsonValue text = o.value(QStringLiteral("text"));
        if (!isShortString(name, MaxNameChars, true) || !isInteger(seq, 1, double(MaxSeq))
            || !isInteger(ts, 0, double(MaxSeq)) || !isText(text))
            return std::nullopt;
        d.name = name.toString();
        d.seq = qint64(seq.toDouble());
        d.timeMs = qint64(ts.toDouble());
        d.text = text.toString();
        break;
    }
    case Datagram::Kind::Resend: {
        const QJsonValue to = o.value(QStringLiteral("to"));
        const QJsonValue seqs = o.value(QStringLiteral("seqs"));
        if (!isShortString(to, MaxIdChars, false) || !seqs.isArray())
            return std::nullopt;
        const QJsonArray list = seqs.toArray();
        if (list.isEmpty() || list.size() > MaxResendSeqs)
            return std::nullopt;
        for (const QJsonValue &s : list) {
            if (!isInteger(s, 1, double(MaxSeq)))
                return std::nullopt;
            d.seqs.append(qint64(s.toDouble()));
        }
        d.to = to.toString();
        break;
    }
    case Datagram::Kind::Hello: {
        const QJsonValue interval = o.value(QStringLiteral("interval"));
        if (!isShortString(name, MaxNameChars, true) || !isInteger(seq, 0, double(MaxSeq))
            || !(interval.isUndefined() || isInteger(interval, 100, 86400000)))
            return std::nullopt;
        d.name = name.toString();
        d.seq = qint64(seq.toDouble());
        d.intervalMs = interval.isUndefined() ? DefaultHelloIntervalMs : interval.toInt();
        break;
    }
    case Datagram::Kind::Bye:
        break;
    }
    return d;
}

} // namespace Switchboard::UdpRooms
