#pragma once
#include <QString>

namespace Switchboard {

// Makes written data survive a power loss, not only a crash of the process: the kernel's page
// cache is forced to disk (fsync). Used before a file is renamed into place (its data first) and
// after (the directory entry), so a name that is visible always holds its complete content.
// Both block until the disk confirms: call sync() off the event loop for large files.
class DurableFile
{
public:
    // Flushes the file's data and metadata. False if it cannot be opened or synced.
    static bool sync(const QString &path);
    // Flushes a directory, so renames and creations in it persist.
    static bool syncDirectory(const QString &path);
};

} // namespace Switchboard
