#include "filetokenkeeper.h"

#include "net/storage/owneronly.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace Switchboard {

namespace {
constexpr qint64 MaxTokenBytes = 1024; // a token is 43 characters; anything longer is not ours
}

FileTokenKeeper::FileTokenKeeper(const QString &directory)
    : m_directory(directory)
{
}

QString FileTokenKeeper::fileOf(const QString &account) const
{
    const QByteArray hash = QCryptographicHash::hash(account.toUtf8(), QCryptographicHash::Sha256).toHex();
    return m_directory + QLatin1Char('/') + QString::fromLatin1(hash.left(32));
}

QString FileTokenKeeper::token(const QString &account) const
{
    QFile file(fileOf(account));
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    // "account\ntoken": the account is kept to tell a hash collision from a match.
    const QList<QByteArray> lines = file.read(MaxTokenBytes).split('\n');
    if (lines.size() < 2 || QString::fromUtf8(lines.at(0)) != account)
        return QString();
    return QString::fromUtf8(lines.at(1).trimmed());
}

void FileTokenKeeper::setToken(const QString &account, const QString &token)
{
    const QString path = fileOf(account);
    if (token.isEmpty()) {
        QFile::remove(path);
        return;
    }
    if (!OwnerOnly::makeDirectory(m_directory))
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.setPermissions(OwnerOnly::FileMode);
    file.write(account.toUtf8() + '\n' + token.toUtf8() + '\n');
    file.commit();
}

} // namespace Switchboard
