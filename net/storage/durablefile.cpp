#include "durablefile.h"

#include <QFile>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace Switchboard {

#ifdef Q_OS_UNIX
namespace {

bool syncPath(const QString &path, int flags)
{
    const QByteArray native = QFile::encodeName(path);
    int fd = -1;
    do {
        fd = ::open(native.constData(), flags | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return false;
    int rc = 0;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    ::close(fd);
    return rc == 0;
}

} // namespace

bool DurableFile::sync(const QString &path)
{
    return syncPath(path, O_RDONLY);
}

bool DurableFile::syncDirectory(const QString &path)
{
    return syncPath(path, O_RDONLY | O_DIRECTORY);
}
#else
// Elsewhere QFile's flush is all Qt offers; a directory needs no flush on Windows (NTFS journals it).
bool DurableFile::sync(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.flush();
}

bool DurableFile::syncDirectory(const QString &)
{
    return true;
}
#endif

} // namespace Switchboard
