#include "chatstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

namespace Switchboard {

ChatStore::ChatStore()
    : m_connectionName(QStringLiteral("chatstore-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

ChatStore::~ChatStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool ChatStore::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = tr("Cannot open the database %1: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    const char *setup[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA busy_timeout=5000",
        "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, ts INTEGER NOT NULL, "
        "room TEXT, recipient TEXT, sender TEXT NOT NULL, text TEXT NOT NULL, file TEXT)",
        "CREATE INDEX IF NOT EXISTS messages_room ON messages(room, id)",
        "CREATE INDEX IF NOT EXISTS messages_private ON messages(sender, recipient, id)",
    };
    for (const char *sql : setup) {
        if (!q.exec(QString::fromLatin1(sql))) {
            *error = tr("Cannot prepare the database %1: %2").arg(path, q.lastError().text());
            return false;
        }
    }
    return true;
}

bool ChatStore::append(ChatMessage *m, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
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
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
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
