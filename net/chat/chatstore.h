#pragma once
#include "net/protocol/messages.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

namespace Switchboard {

class Database;

// Chat history in the server's database (Database, migration 2: table "messages").
// A message is committed before append() returns: it survives a crash of the server process.
class ChatStore
{
public:
    // The database must outlive the store.
    explicit ChatStore(Database &database);
    ChatStore(const ChatStore &) = delete;
    ChatStore &operator=(const ChatStore &) = delete;

    // Stores the message and fills in id and timestamp. False (with error) when it could not be stored.
    bool append(ChatMessage *message, QString *error);
    // Last `limit` messages of a room (oldest first), optionally before a message id.
    QList<ChatMessage> roomHistory(const QString &room, int limit, qint64 beforeId = 0) const;
    // Last `limit` private messages between two users (oldest first).
    QList<ChatMessage> privateHistory(const QString &a, const QString &b, int limit, qint64 beforeId = 0) const;

    // Ids of the files some message announces.
    QSet<qint64> announcedFiles() const;

private:
    QList<ChatMessage> query(const QString &where, const QVariantList &binds, int limit, qint64 beforeId) const;
    Database &m_database;
};

} // namespace Switchboard
