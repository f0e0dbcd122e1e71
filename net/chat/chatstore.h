#pragma once
#include "net/protocol/messages.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

namespace Switchboard {

class Database;

// Chat history in the server's database (Database, migration 2: table "messages").
// A message is committed before append() / appendAll() returns: it survives a crash of the server
// process (WAL, synchronous=NORMAL: not a power loss, see docs/ARCHITECTURE.md "Storage").
class ChatStore
{
public:
    // The database must outlive the store.
    explicit ChatStore(Database &database);
    ChatStore(const ChatStore &) = delete;
    ChatStore &operator=(const ChatStore &) = delete;

    // Stores the message and fills in id and timestamp. False (with error) when it could not be stored.
    bool append(ChatMessage *message, QString *error);
    // Stores the messages in one transaction (ChatWriter's group commit) and fills in ids and
    // timestamps, all or none: after a failure nothing of them is stored and every id is 0.
    bool appendAll(QList<ChatMessage> *messages, QString *error);
    // The same with chat.send's idempotency keys (keys[i] for messages[i], empty: none). A message
    // whose sender already stored one with that key (in the database, whichever node wrote it, or
    // earlier in this batch) is not stored again: it gets the first one's id and timestamp and
    // (*repeated)[i] is true.
    bool appendAll(QList<ChatMessage> *messages, const QStringList &keys, QList<bool> *repeated, QString *error);
    // Last `limit` messages of a room (oldest first), optionally before a message id.
    QList<ChatMessage> roomHistory(const QString &room, int limit, qint64 beforeId = 0) const;
    // Last `limit` private messages between two users (oldest first).
    QList<ChatMessage> privateHistory(const QString &a, const QString &b, int limit, qint64 beforeId = 0) const;
    // Last `limit` messages of a room with an id above afterId (what a private room's member may
    // read: from when they were added).
    QList<ChatMessage> roomHistorySince(const QString &room, qint64 afterId, int limit, qint64 beforeId = 0) const;
    // Up to `limit` messages containing text (LIKE, its % _ and \ matched literally; ASCII
    // letters case-insensitively), oldest first: the newest matches of a room with an id above
    // afterId, or of the private chat between a and b (room empty), before beforeId. Through
    // the trigram index of migration 8 when there is one and text has 3 characters or more
    // (net/chat/searchindex.h); the same results either way.
    QList<ChatMessage> searchRoom(const QString &room, qint64 afterId, const QString &text, int limit, qint64 beforeId = 0) const;
    QList<ChatMessage> searchPrivate(const QString &a, const QString &b, const QString &text, int limit, qint64 beforeId = 0) const;
    // Up to `limit` messages of any room or private chat with an id above afterId, the newest of
    // them (oldest first), optionally before a message id: what a node missed while it was cut
    // off from the other nodes (ChatService's replay). *ok (if given) is false when the read
    // failed, so that "nothing missed" and "could not read" differ.
    QList<ChatMessage> messagesAfter(qint64 afterId, int limit, qint64 beforeId = 0, bool *ok = nullptr) const;
    // The id of the message that announced a file in a room (0: none).
    qint64 fileMessageId(const QString &room, qint64 fileId) const;
    // The id of the newest message stored (0: none).
    qint64 lastMessageId() const;

    // Ids of the files some message announces.
    QSet<qint64> announcedFiles() const;

    // The database this store works on (a StorageThread's inline database).
    Database &database() const { return m_database; }

private:
    bool insert(ChatMessage *message, const QString &key, bool *repeated, QString *error);
    // How query() reads: a statement prepared once per connection (history pages); SQLite's
    // FTS5 index joined to messages; or (PostgreSQL's search) a statement planned for its
    // values: a reused one turns generic after five runs, and a generic plan cannot use the
    // trigram index for a pattern it does not know (it walks the whole room: 174 ms, not 0.2).
    enum class Read { Prepared, Indexed, Planned };
    QList<ChatMessage> query(const QString &where, const QVariantList &binds, int limit, qint64 beforeId,
                             Read read = Read::Prepared, bool *ok = nullptr) const;
    QList<ChatMessage> search(const QString &where, QVariantList binds, const QString &text, int limit, qint64 beforeId) const;
    Database &m_database;
};

} // namespace Switchboard
