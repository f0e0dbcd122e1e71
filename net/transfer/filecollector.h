#pragma once
#include <QCoreApplication>
#include <QStringList>

namespace Switchboard {

// Expands files and folders into the regular files to upload: folders are walked recursively
// (symbolic links to folders are not followed, so link loops cannot trap us), hidden entries
// included, results sorted per folder. Paths that do not exist or cannot be read are reported.
class FileCollector
{
    Q_DECLARE_TR_FUNCTIONS(FileCollector)
public:
    static QStringList collect(const QStringList &paths, QStringList *problems = nullptr);
};

} // namespace Switchboard
