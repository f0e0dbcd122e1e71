#pragma once
#include "net/protocol/messages.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Switchboard {

// Chat history in SQLite (table "messages" of the server database).
// WAL mode: a committed message survives a crash of the server process.
class ChatStore
{
    Q_DECLARE_TR_FUNCTIONS(ChatStore)
public:
    ChatStore();
    ~ChatStore();
    ChatStore(const ChatStore &) = delete;
    ChatStore &operator=(const ChatStore &) = delete;

    bool open(const QString &path, QString *error);
    // Stores the message and fills in id and timestamp. False (with error) when it could not be stored.
    bool append(ChatMessage *message, QString *error);
    // Last `limit` messages of a room (oldest first), optionally before a message id.
    QList<ChatMessage> roomHistory(const QString &room, int limit, qint64 beforeId = 0) const;
    // Last `limit` private messages between two users (oldest first).
    QList<ChatMessage> privateHistory(const QString &a, const QString &b, int limit, qint64 beforeId = 0) const;

private:
    QList<ChatMessage> query(const QString &where, const QVariantList &binds, int limit, qint64 beforeId) const;
    QString m_connectionName;
};

} // namespace Switchboard
