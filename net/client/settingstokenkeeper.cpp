#include "settingstokenkeeper.h"

#include "net/storage/owneronly.h"

#include <QFileInfo>
#include <QUrl>

namespace Switchboard {

SettingsTokenKeeper::SettingsTokenKeeper()
    : m_settings(std::make_unique<QSettings>())
{
}

SettingsTokenKeeper::SettingsTokenKeeper(const QString &iniPath)
{
    // Made owner-only before QSettings writes into it: a token spares its holder lockouts.
    if (OwnerOnly::makeDirectory(QFileInfo(iniPath).absolutePath()))
        OwnerOnly::createFile(iniPath);
    m_settings = std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
}

SettingsTokenKeeper::~SettingsTokenKeeper() = default;

QString SettingsTokenKeeper::keyOf(const QString &account)
{
    return QStringLiteral("deviceTokens/") + QString::fromLatin1(QUrl::toPercentEncoding(account));
}

QString SettingsTokenKeeper::token(const QString &account) const
{
    return m_settings->value(keyOf(account)).toString();
}

void SettingsTokenKeeper::setToken(const QString &account, const QString &token)
{
    m_settings->setValue(keyOf(account), token);
    m_settings->sync();
}

} // namespace Switchboard
