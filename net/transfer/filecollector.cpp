#include "filecollector.h"

#include <QDirIterator>
#include <QFileInfo>

namespace Switchboard {

QStringList FileCollector::collect(const QStringList &paths, QStringList *problems)
{
    QStringList out;
    for (const QString &path : paths) {
        const QFileInfo fi(path);
        if (fi.isFile()) {
            if (fi.isReadable())
                out.append(fi.absoluteFilePath());
            else if (problems)
                problems->append(tr("Cannot read %1.").arg(path));
        } else if (fi.isDir()) {
            QStringList found;
            QDirIterator it(fi.absoluteFilePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                it.next();
                const QFileInfo entry = it.fileInfo();
                if (entry.isFile() && entry.isReadable())
                    found.append(entry.absoluteFilePath());
            }
            found.sort();
            out += found;
        } else if (problems) {
            problems->append(tr("No such file or folder: %1").arg(path));
        }
    }
    return out;
}

} // namespace Switchboard
