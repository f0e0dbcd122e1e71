#include "chatmessage.h"

#include "net/protocol/protocol.h"

namespace Switchboard {

QJsonObject ChatMessage::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), Protocol::Type::ChatMessage},
                  {QStringLiteral("msg"), double(id)},
                  {QStringLiteral("ts"), double(timestampMs)},
                  {QStringLiteral("from"), sender},
                  {QStringLiteral("text"), text}};
    if (!room.isEmpty())
        o.insert(QStringLiteral("room"), room);
    else
        o.insert(QStringLiteral("to"), recipient);
    if (!file.isEmpty())
        o.insert(QStringLiteral("file"), file);
    return o;
}

ChatMessage ChatMessage::fromJson(const QJsonObject &o)
{
    ChatMessage m;
    m.id = o.value(QLatin1String("msg")).toInteger();
    m.timestampMs = o.value(QLatin1String("ts")).toInteger();
    m.room = o.value(QLatin1String("room")).toString();
    m.recipient = o.value(QLatin1String("to")).toString();
    m.sender = o.value(QLatin1String("from")).toString();
    m.text = o.value(QLatin1String("text")).toString();
    m.file = o.value(QLatin1String("file")).toObject();
    return m;
}

} // namespace Switchboard
