#pragma once
#include <QHash>
#include <QString>
#include <QStringList>

namespace Switchboard {

class Database;

// The private rooms of a server (docs/PROTOCOL.md section 7.7): each has an owner and a
// persistent access list, unlike public rooms, whose membership is who is present. Kept in
// memory and written through to the database (migration 5: private_rooms, room_access); every
// change is committed before the call returns. Rules (who may invite whom) are the chat
// service's; this class only records.
class PrivateRooms
{
public:
    struct Access
    {
        qint64 visibleAfter = 0; // history: only messages with a greater id (0: all of it)
        qint64 sinceMs = 0;      // when the member was added (files posted before are hidden too)
    };

    // The database must outlive this object.
    explicit PrivateRooms(Database &database);
    PrivateRooms(const PrivateRooms &) = delete;
    PrivateRooms &operator=(const PrivateRooms &) = delete;

    // Reads every private room from the database (on failure the rooms known before stay).
    bool load(QString *error);
    // The same in two steps, for a database thread: read() on any thread's connection (false
    // with error when it failed), then adopt() here.
    struct Snapshot;
    static bool read(Database &database, Snapshot *out, QString *error);
    void adopt(Snapshot snapshot);

    bool contains(const QString &room) const { return m_rooms.contains(room); }
    bool hasAccess(const QString &user, const QString &room) const;
    QString owner(const QString &room) const { return m_rooms.value(room).owner; }
    // What a member may read when the owner shares the room's whole history: everything since the
    // room was made (not what an earlier public room of the same name held).
    Access wholeHistory(const QString &room) const;
    Access access(const QString &user, const QString &room) const;
    QStringList members(const QString &room) const; // sorted
    QStringList roomsOf(const QString &user) const; // sorted

    // Each returns false (with error) when the database refused; nothing changes then.
    // historyFrom: the last message id now; the owner reads from there.
    bool create(const QString &room, const QString &owner, qint64 historyFrom, QString *error);
    bool add(const QString &room, const QString &user, const Access &access, QString *error);
    bool remove(const QString &room, const QString &user, QString *error);
    bool setOwner(const QString &room, const QString &user, QString *error);

    // The same changes in two steps, for a database thread (StorageThread): write*() commit the
    // change on `database` (any thread's connection; false with error when refused), apply*()
    // then make it here (the owner's thread). `now`: milliseconds since the epoch, UTC.
    static bool writeCreate(Database &database, const QString &room, const QString &owner, qint64 historyFrom,
                            qint64 now, QString *error);
    static bool writeAdd(Database &database, const QString &room, const QString &user, const Access &access,
                         QString *error); // a member already listed is no error
    static bool writeRemove(Database &database, const QString &room, const QString &user, QString *error);
    static bool writeOwner(Database &database, const QString &room, const QString &user, QString *error);
    void applyCreate(const QString &room, const QString &owner, qint64 historyFrom, qint64 now);
    void applyAdd(const QString &room, const QString &user, const Access &access);
    void applyRemove(const QString &room, const QString &user);
    void applyOwner(const QString &room, const QString &user);
    // A deleted account leaves every access list, so a new account of the same name inherits
    // nothing; a room it owned passes to its longest-standing member, or goes with its last one.
    bool forgetUser(const QString &user, QString *error);

private:
    struct Room
    {
        QString owner;
        Access start; // the room's own history: from its creation
        QHash<QString, Access> members; // the owner included
    };

    static bool exec(Database &database, const QString &sql, const QVariantList &binds, QString *error);

    Database &m_database;
    QHash<QString, Room> m_rooms;

public:
    struct Snapshot
    {
        QHash<QString, Room> rooms;
    };
};

} // namespace Switchboard
