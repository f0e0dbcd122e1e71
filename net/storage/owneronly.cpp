#include "owneronly.h"

#include <QDir>
#include <QFileInfo>

namespace Switchboard {

bool OwnerOnly::open(QFile &file, QIODevice::OpenMode mode)
{
    return file.open(mode, FileMode);
}

bool OwnerOnly::makeDirectory(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return true;
    const QString absolute = info.absoluteFilePath();
    const QString parent = QFileInfo(absolute).absolutePath();
    if (parent != absolute && !QDir().mkpath(parent))
        return false;
    // mkdir fails if another process made it meanwhile: what counts is that it is there.
    return QDir().mkdir(absolute, DirectoryMode) || QFileInfo(absolute).isDir();
}

bool OwnerOnly::createFile(const QString &path)
{
    if (QFileInfo::exists(path))
        return true;
    QFile file(path);
    // NewOnly: never truncate a file that appeared meanwhile.
    return open(file, QIODevice::WriteOnly | QIODevice::NewOnly) || QFileInfo::exists(path);
}

} // namespace Switchboard
