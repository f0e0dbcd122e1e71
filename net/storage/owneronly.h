#pragma once
// Files and directories only their owner can read: the server's data directory, its database,
// stored uploads and capture files hold chat, files and password verifiers.
//
// Each is created with its mode (QFile::open / QDir::mkdir with permissions, further narrowed by the
// umask), never chmod-ed afterwards: there is no moment at which another user could open it.
// Existing files and directories keep whatever mode they have.

#include <QFile>
#include <QString>

namespace Switchboard {

class OwnerOnly
{
public:
    static constexpr QFileDevice::Permissions FileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner; // 0600
    static constexpr QFileDevice::Permissions DirectoryMode =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner; // 0700

    // Opens file with mode; if that creates it, it is created 0600.
    static bool open(QFile &file, QIODevice::OpenMode mode);
    // Creates path (0700) and any missing parents (these with the default mode). True if it exists.
    static bool makeDirectory(const QString &path);
    // Creates an empty 0600 file at path unless something is there already. True if it exists.
    static bool createFile(const QString &path);
};

} // namespace Switchboard
