#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace Switchboard {

// A completed, verified file on the server (one row of the "files" table).
struct FileInfo
{
    qint64 id = 0;
    QString owner;   // who uploaded it
    QString name;    // sanitized, unique within its room / private conversation
    qint64 size = 0;
    QString hash;    // "xxh3-128:<hex>"
    QString room;    // shared in this room, or
    QString toUser;  // sent privately to this user
    QDateTime created;
    QString path;    // server side only: relative to the data directory

    bool isValid() const { return id > 0; }
    // What clients see: {"file","name","fileSize","hash","owner","created"[,"room"][,"to"]} (no path).
    QJsonObject toJson() const;
    static FileInfo fromJson(const QJsonObject &o);
};

} // namespace Switchboard

Q_DECLARE_METATYPE(Switchboard::FileInfo)
