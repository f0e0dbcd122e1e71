#include "privaterooms.h"

#include "net/storage/database.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Switchboard {

PrivateRooms::PrivateRooms(Database &database)
    : m_database(database)
{
}

bool PrivateRooms::load(QString *error)
{
    Snapshot snapshot;
    if (!read(m_database, &snapshot, error))
        return false;
    adopt(std::move(snapshot));
    return true;
}

bool PrivateRooms::read(Database &database, Snapshot *out, QString *error)
{
    QHash<QString, Room> &rooms = out->rooms;
    rooms.clear();
    QSqlQuery q(database.connection());
    if (!q.exec(QStringLiteral("SELECT name, owner, history_from, created FROM private_rooms"))) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        Room &r = rooms[q.value(0).toString()];
        r.owner = q.value(1).toString();
        r.start = Access{q.value(2).toLongLong(), q.value(3).toLongLong()};
    }
    if (!q.exec(QStringLiteral("SELECT room, \"user\", visible_after, since FROM room_access"))) {
        *error = q.lastError().text();
        rooms.clear();
        return false;
    }
    while (q.next()) {
        const auto it = rooms.find(q.value(0).toString());
        if (it != rooms.end())
            it->members.insert(q.value(1).toString(), Access{q.value(2).toLongLong(), q.value(3).toLongLong()});
    }
    return true;
}

void PrivateRooms::adopt(Snapshot snapshot)
{
    m_rooms = std::move(snapshot.rooms);
}

bool PrivateRooms::hasAccess(const QString &user, const QString &room) const
{
    const auto it = m_rooms.constFind(room);
    return it != m_rooms.constEnd() && it->members.contains(user);
}

PrivateRooms::Access PrivateRooms::wholeHistory(const QString &room) const
{
    return m_rooms.value(room).start;
}

PrivateRooms::Access PrivateRooms::access(const QString &user, const QString &room) const
{
    return m_rooms.value(room).members.value(user);
}

QStringList PrivateRooms::members(const QString &room) const
{
    QStringList out = m_rooms.value(room).members.keys();
    out.sort();
    return out;
}

QStringList PrivateRooms::roomsOf(const QString &user) const
{
    QStringList out;
    for (auto it = m_rooms.constBegin(); it != m_rooms.constEnd(); ++it)
        if (it->members.contains(user))
            out.append(it.key());
    out.sort();
    return out;
}

bool PrivateRooms::exec(Database &database, const QString &sql, const QVariantList &binds, QString *error)
{
    QSqlQuery q(database.connection());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool PrivateRooms::writeCreate(Database &database, const QString &room, const QString &owner, qint64 historyFrom,
                               qint64 now, QString *error)
{
    QSqlDatabase db = database.connection();
    // The room and its owner's access together, or neither.
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    if (!exec(database, QStringLiteral("INSERT INTO private_rooms(name, owner, created, history_from) VALUES(?, ?, ?, ?)"),
              {room, owner, now, historyFrom}, error)
        || !exec(database, QStringLiteral("INSERT INTO room_access(room, \"user\", visible_after, since) VALUES(?, ?, ?, ?)"),
                 {room, owner, historyFrom, now}, error)
        || !db.commit()) {
        if (error->isEmpty())
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

bool PrivateRooms::writeAdd(Database &database, const QString &room, const QString &user, const Access &access,
                            QString *error)
{
    // Two invitations of one user racing each other both succeed (SQLite 3.24 and PostgreSQL 9.5 syntax).
    return exec(database,
                QStringLiteral("INSERT INTO room_access(room, \"user\", visible_after, since) VALUES(?, ?, ?, ?) "
                               "ON CONFLICT DO NOTHING"),
                {room, user, access.visibleAfter, access.sinceMs}, error);
}

bool PrivateRooms::writeRemove(Database &database, const QString &room, const QString &user, QString *error)
{
    return exec(database, QStringLiteral("DELETE FROM room_access WHERE room = ? AND \"user\" = ?"), {room, user}, error);
}

bool PrivateRooms::writeOwner(Database &database, const QString &room, const QString &user, QString *error)
{
    return exec(database, QStringLiteral("UPDATE private_rooms SET owner = ? WHERE name = ?"), {user, room}, error);
}

void PrivateRooms::applyCreate(const QString &room, const QString &owner, qint64 historyFrom, qint64 now)
{
    Room &r = m_rooms[room];
    r.owner = owner;
    r.start = Access{historyFrom, now};
    r.members.insert(owner, r.start);
}

void PrivateRooms::applyAdd(const QString &room, const QString &user, const Access &access)
{
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end() && !it->members.contains(user))
        it->members.insert(user, access);
}

void PrivateRooms::applyRemove(const QString &room, const QString &user)
{
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end())
        it->members.remove(user);
}

void PrivateRooms::applyOwner(const QString &room, const QString &user)
{
    const auto it = m_rooms.find(room);
    if (it != m_rooms.end())
        it->owner = user;
}

bool PrivateRooms::create(const QString &room, const QString &owner, qint64 historyFrom, QString *error)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!writeCreate(m_database, room, owner, historyFrom, now, error))
        return false;
    applyCreate(room, owner, historyFrom, now);
    return true;
}

bool PrivateRooms::add(const QString &room, const QString &user, const Access &access, QString *error)
{
    if (!m_rooms.contains(room) || hasAccess(user, room))
        return true;
    if (!writeAdd(m_database, room, user, access, error))
        return false;
    applyAdd(room, user, access);
    return true;
}

bool PrivateRooms::remove(const QString &room, const QString &user, QString *error)
{
    if (!hasAccess(user, room))
        return true;
    if (!writeRemove(m_database, room, user, error))
        return false;
    applyRemove(room, user);
    return true;
}

bool PrivateRooms::setOwner(const QString &room, const QString &user, QString *error)
{
    if (!hasAccess(user, room))
        return false;
    if (!writeOwner(m_database, room, user, error))
        return false;
    applyOwner(room, user);
    return true;
}

bool PrivateRooms::forgetUser(const QString &user, QString *error)
{
    const QStringList rooms = roomsOf(user);
    if (rooms.isEmpty())
        return true;
    QSqlDatabase db = m_database.connection();
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    bool ok = true;
    for (const QString &room : rooms) {
        ok = ok && writeRemove(m_database, room, user, error);
        if (!ok || owner(room) != user)
            continue;
        QString heir;
        qint64 heirSince = 0;
        const auto &members = m_rooms.value(room).members;
        for (auto it = members.constBegin(); it != members.constEnd(); ++it) {
            if (it.key() == user)
                continue;
            if (heir.isEmpty() || it->sinceMs < heirSince || (it->sinceMs == heirSince && it.key() < heir)) {
                heir = it.key();
                heirSince = it->sinceMs;
            }
        }
        ok = heir.isEmpty() ? exec(m_database, QStringLiteral("DELETE FROM private_rooms WHERE name = ?"), {room}, error)
                            : writeOwner(m_database, room, heir, error);
    }
    if (!ok || !db.commit()) {
        if (error->isEmpty())
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return load(error);
}

} // namespace Switchboard
