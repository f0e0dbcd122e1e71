#include "fileinfo.h"

#include "transferprotocol.h"

namespace Switchboard {

using namespace TransferProtocol;

QJsonObject FileInfo::toJson() const
{
    QJsonObject o{{Field::File, double(id)},
                  {Field::Name, name},
                  {Field::FileSize, double(size)},
                  {Field::Hash, hash},
                  {Field::Owner, owner},
                  {Field::Created, created.toUTC().toString(Qt::ISODateWithMs)}};
    if (!room.isEmpty())
        o.insert(Field::Room, room);
    if (!toUser.isEmpty())
        o.insert(Field::To, toUser);
    return o;
}

FileInfo FileInfo::fromJson(const QJsonObject &o)
{
    FileInfo f;
    f.id = o.value(Field::File).toInteger();
    f.name = o.value(Field::Name).toString();
    f.size = o.value(Field::FileSize).toInteger();
    f.hash = o.value(Field::Hash).toString();
    f.owner = o.value(Field::Owner).toString();
    f.created = QDateTime::fromString(o.value(Field::Created).toString(), Qt::ISODateWithMs);
    f.room = o.value(Field::Room).toString();
    f.toUser = o.value(Field::To).toString();
    return f;
}

} // namespace Switchboard
