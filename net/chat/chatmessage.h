#pragma once
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Switchboard {

// A stored chat message: to a room, or private (to a user). See docs/PROTOCOL.md section 7.
struct ChatMessage
{
    qint64 id = 0;
    qint64 timestampMs = 0;
    QString room;      // empty for private messages
    QString recipient; // empty for room messages
    QString sender;
    QString text;
    QJsonObject file;  // set for file messages

    QJsonObject toJson() const; // the "chat.message" frame
    static ChatMessage fromJson(const QJsonObject &o);
};

} // namespace Switchboard
Q_DECLARE_METATYPE(Switchboard::ChatMessage)
