#include "dissectorinstaller.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace Switchboard {

QString DissectorInstaller::userPluginDir()
{
    return QDir::homePath() + QStringLiteral("/.local/lib/wireshark/plugins");
}

DissectorInstaller::Result DissectorInstaller::install(const QString &dir, QString *detail)
{
    QFile source(QStringLiteral(":/switchboard.lua"));
    if (!source.open(QIODevice::ReadOnly)) {
        *detail = source.errorString();
        return Result::Failed;
    }
    const QByteArray script = source.readAll();
    const QString path = QDir(dir).filePath(QStringLiteral("switchboard.lua"));
    *detail = path;
    QFile existing(path);
    const bool existed = existing.exists();
    if (existed && existing.open(QIODevice::ReadOnly) && existing.readAll() == script)
        return Result::AlreadyCurrent;
    if (!QDir().mkpath(dir)) {
        *detail = QStringLiteral("%1: cannot create the folder").arg(dir);
        return Result::Failed;
    }
    QSaveFile out(path); // never a half-written plugin that would break Wireshark's start
    if (!out.open(QIODevice::WriteOnly) || out.write(script) != script.size() || !out.commit()) {
        *detail = QStringLiteral("%1: %2").arg(path, out.errorString());
        return Result::Failed;
    }
    return existed ? Result::Updated : Result::Installed;
}

} // namespace Switchboard
