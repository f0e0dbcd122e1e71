#include "chatstore.h"

#include "net/storage/database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Switchboard {

ChatStore::ChatStore(Database &database)
    : m_database(database)
{
}

bool ChatStore::append(ChatMessage *m, QString *error)
{
    QSqlQuery q(m_database.connection());
    q.prepare(QStringLiteral("INSERT INTO messages(ts, room, recipient, sender, text, file) VALUES(?,?,?,?,?,?)"));
    m->timestampMs = QDateTime::currentMSecsSinceEpoch();
    q.addBindValue(m->timestampMs);
    q.addBindValue(m->room.isEmpty() ? QVariant() : QVariant(m->room));
    q.addBindValue(m->recipient.isEmpty() ? QVariant() : QVariant(m->recipient));
    q.addBindValue(m->sender);
    q.addBindValue(m->text);
    q.addBindValue(!m->file.isValid() ? QVariant() : QVariant(QString::fromUtf8(QJsonDocument(m->file.toJson()).toJson(QJsonDocument::Compact))));
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    m->id = q.lastInsertId().toLongLong();
    return true;
}

QList<ChatMessage> ChatStore::query(const QString &where, const QVariantList &binds, int limit, qint64 beforeId) const
{
    QSqlQuery q(m_database.connection());
    QString sql = QStringLiteral("SELECT id, ts, room, recipient, sender, text, file FROM messages WHERE ") + where;
    if (beforeId > 0)
        sql += QStringLiteral(" AND id < ?");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (beforeId > 0)
        q.addBindValue(beforeId);
    q.addBindValue(limit);
    QList<ChatMessage> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        ChatMessage m;
        m.id = q.value(0).toLongLong();
        m.timestampMs = q.value(1).toLongLong();
        m.room = q.value(2).toString();
        m.recipient = q.value(3).toString();
        m.sender = q.value(4).toString();
        m.text = q.value(5).toString();
        // The file column holds the file's wire description (FileInfo::toJson).
        if (!q.value(6).isNull()) {
            if (const auto f = FileInfo::fromJson(QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object()))
                m.file = f.value();
        }
        out.append(m);
    }
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

QList<ChatMessage> ChatStore::privateHistory(const QString &a, const QString &b, int limit, qint64 beforeId) const
{
    return query(QStringLiteral("((sender = ? AND recipient = ?) OR (sender = ? AND recipient = ?))"), {a, b, b, a},
                 limit, beforeId);
}

} // namespace Switchboard
