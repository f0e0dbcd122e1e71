#include "chatstore.h"

#include "net/storage/database.h"

#include "searchindex.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <memory>

namespace Switchboard {

ChatStore::ChatStore(Database &database)
    : m_database(database)
{
}

bool ChatStore::append(ChatMessage *m, QString *error)
{
    bool repeated = false;
    return insert(m, QString(), &repeated, error);
}

bool ChatStore::appendAll(QList<ChatMessage> *messages, QString *error)
{
    QList<bool> repeated;
    return appendAll(messages, QStringList(), &repeated, error);
}

bool ChatStore::appendAll(QList<ChatMessage> *messages, const QStringList &keys, QList<bool> *repeated, QString *error)
{
    repeated->fill(false, messages->size());
    QSqlDatabase db = m_database.connection();
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    bool ok = true;
    for (qsizetype i = 0; i < messages->size(); ++i) {
        if (!insert(&(*messages)[i], keys.value(i), &(*repeated)[i], error)) {
            ok = false;
            break;
        }
    }
    if (ok && !db.commit()) {
        *error = db.lastError().text();
        ok = false;
    }
    if (!ok) {
        // A failed COMMIT (a deferred constraint, a full disk) leaves the transaction open.
        db.rollback();
        for (ChatMessage &m : *messages)
            m.id = 0;
        repeated->fill(false);
    }
    return ok;
}

bool ChatStore::insert(ChatMessage *m, const QString &key, bool *repeated, QString *error)
{
    // Id and timestamp come from the database: unique and ordered for every node sharing it. A
    // key already stored for this sender inserts nothing (ON CONFLICT ... DO NOTHING: SQLite and
    // PostgreSQL alike; no row comes back), and the first message's id and time are read back.
    QSqlQuery *q = m_database.prepared(
        QStringLiteral("INSERT INTO messages(ts, room, recipient, sender, text, file, client_key) VALUES({now_ms},?,?,?,?,?,?) "
                       "ON CONFLICT(sender, client_key) DO NOTHING RETURNING id, ts"),
        error);
    if (!q)
        return false;
    q->bindValue(0, m->room.isEmpty() ? QVariant() : QVariant(m->room));
    q->bindValue(1, m->recipient.isEmpty() ? QVariant() : QVariant(m->recipient));
    q->bindValue(2, m->sender);
    q->bindValue(3, m->text);
    q->bindValue(4, !m->file.isValid() ? QVariant() : QVariant(QString::fromUtf8(QJsonDocument(m->file.toJson()).toJson(QJsonDocument::Compact))));
    q->bindValue(5, key.isEmpty() ? QVariant() : QVariant(key));
    if (!q->exec()) {
        *error = q->lastError().text();
        q->finish();
        return false;
    }
    if (q->next()) {
        *repeated = false;
        m->id = q->value(0).toLongLong();
        m->timestampMs = q->value(1).toLongLong();
        q->finish();
        return true;
    }
    if (key.isEmpty()) {
        *error = QStringLiteral("the insert returned no id");
        q->finish();
        return false;
    }
    *repeated = true;
    q->finish();
    QSqlQuery *known = m_database.prepared(QStringLiteral("SELECT id, ts FROM messages WHERE sender = ? AND client_key = ?"), error);
    if (!known)
        return false;
    known->bindValue(0, m->sender);
    known->bindValue(1, key);
    if (!known->exec() || !known->next()) {
        *error = known->lastError().text();
        if (error->isEmpty())
            *error = QStringLiteral("a message key conflicted but its message was not found");
        known->finish();
        return false;
    }
    m->id = known->value(0).toLongLong();
    m->timestampMs = known->value(1).toLongLong();
    known->finish();
    return true;
}

QList<ChatMessage> ChatStore::query(const QString &where, const QVariantList &binds, int limit, qint64 beforeId,
                                   Read read, bool *ok) const
{
    if (ok)
        *ok = false;
    // Each variant (room or private, with or without "before", indexed or not) prepared once; a
    // join replays history. Indexed: the FTS5 table yields candidates newest first, so LIMIT
    // stops the walk as the LIKE scan's ORDER BY id DESC does (CROSS JOIN keeps it outside).
    const bool indexed = read == Read::Indexed;
    const QString key = indexed ? QStringLiteral("messages_fts.rowid") : QStringLiteral("m.id");
    QString sql = QStringLiteral("SELECT m.id, m.ts, m.room, m.recipient, m.sender, m.text, m.file FROM ")
        + (indexed ? QStringLiteral("messages_fts CROSS JOIN messages m ON m.id = messages_fts.rowid")
                   : QStringLiteral("messages m"))
        + QStringLiteral(" WHERE ") + where;
    if (beforeId > 0)
        sql += QStringLiteral(" AND %1 < ?").arg(key);
    sql += QStringLiteral(" ORDER BY %1 DESC LIMIT ?").arg(key);
    QList<ChatMessage> out;
    std::unique_ptr<QSqlQuery> planned;
    QSqlQuery *q = nullptr;
    if (read == Read::Planned) {
        planned = std::make_unique<QSqlQuery>(m_database.connection());
        if (planned->prepare(m_database.sql(sql)))
            q = planned.get();
    } else {
        q = m_database.prepared(sql);
    }
    if (!q)
        return out;
    int index = 0;
    for (const QVariant &b : binds)
        q->bindValue(index++, b);
    if (beforeId > 0)
        q->bindValue(index++, beforeId);
    q->bindValue(index, limit);
    if (!q->exec())
        return out;
    if (ok)
        *ok = true;
    while (q->next()) {
        ChatMessage m;
        m.id = q->value(0).toLongLong();
        m.timestampMs = q->value(1).toLongLong();
        m.room = q->value(2).toString();
        m.recipient = q->value(3).toString();
        m.sender = q->value(4).toString();
        m.text = q->value(5).toString();
        // The file column holds the file's wire description (FileInfo::toJson).
        if (!q->value(6).isNull()) {
            if (const auto f = FileInfo::fromJson(QJsonDocument::fromJson(q->value(6).toString().toUtf8()).object()))
                m.file = f.value();
        }
        out.append(m);
    }
    q->finish();
    std::reverse(out.begin(), out.end());
    return out;
}

QSet<qint64> ChatStore::announcedFiles() const
{
    QSet<qint64> ids;
    QSqlQuery q(m_database.connection());
    if (!q.exec(QStringLiteral("SELECT file FROM messages WHERE file IS NOT NULL")))
        return ids;
    while (q.next()) {
        if (const auto f = FileInfo::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object()))
            ids.insert(f.value().id);
    }
    return ids;
}

QList<ChatMessage> ChatStore::roomHistory(const QString &room, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("room = ?"), {room}, limit, beforeId);
}

QList<ChatMessage> ChatStore::roomHistorySince(const QString &room, qint64 afterId, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("room = ? AND id > ?"), {room, afterId}, limit, beforeId);
}

QList<ChatMessage> ChatStore::messagesAfter(qint64 afterId, int limit, qint64 beforeId, bool *ok) const
{
    return query(QStringLiteral("id > ?"), {afterId}, limit, beforeId, Read::Prepared, ok);
}

qint64 ChatStore::fileMessageId(const QString &room, qint64 fileId) const
{
    // The file column holds FileInfo::toJson() in compact form with sorted keys, where "file" is
    // always followed by "fileSize": the pattern matches that one id only.
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("SELECT id FROM messages WHERE room = ? AND file LIKE ? ORDER BY id LIMIT 1"));
    q.addBindValue(room);
    q.addBindValue(QStringLiteral("%\"file\":%1,%").arg(fileId));
    if (!q.exec() || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

qint64 ChatStore::lastMessageId() const
{
    QSqlQuery q(m_database.connection());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM messages")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

namespace {

// "50%_off" -> %50\%\_off% for LIKE ... ESCAPE '\': the user's text, matched literally.
QString likePattern(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            escaped.append(QLatin1Char('\\'));
        escaped.append(c);
    }
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

QList<ChatMessage> ChatStore::search(const QString &where, QVariantList binds, const QString &text, int limit,
                                    qint64 beforeId) const
{
    binds.append(likePattern(text));
    const QString like = QStringLiteral(" AND m.text {like} ? ESCAPE '\\'");
    if (m_database.dialect() == Database::Dialect::PostgreSql)
        return query(where + like, binds, limit, beforeId, Read::Planned);
    if (SearchIndex::usable(text) && SearchIndex::existsIn(m_database)) {
        binds.prepend(SearchIndex::phrase(text));
        return query(QStringLiteral("messages_fts MATCH ? AND ") + where + like, binds, limit, beforeId, Read::Indexed);
    }
    return query(where + like, binds, limit, beforeId);
}

QList<ChatMessage> ChatStore::searchRoom(const QString &room, qint64 afterId, const QString &text, int limit,
                                         qint64 beforeId) const
{
    return search(QStringLiteral("m.room = ? AND m.id > ?"), {room, afterId}, text, limit, beforeId);
}

QList<ChatMessage> ChatStore::searchPrivate(const QString &a, const QString &b, const QString &text, int limit,
                                            qint64 beforeId) const
{
    return search(QStringLiteral("((m.sender = ? AND m.recipient = ?) OR (m.sender = ? AND m.recipient = ?))"),
                  {a, b, b, a}, text, limit, beforeId);
}

QList<ChatMessage> ChatStore::privateHistory(const QString &a, const QString &b, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("((sender = ? AND recipient = ?) OR (sender = ? AND recipient = ?))"), {a, b, b, a},
                 limit, beforeId);
}

} // namespace Switchboard
