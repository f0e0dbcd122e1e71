#pragma once
#include "devicetokenkeeper.h"

namespace Switchboard {

// Device tokens as one small file per account in an owner-only directory (the CLI's), named by a
// hash of the account. Writes replace one file atomically (QSaveFile) and take no lock, so many
// CLI processes logging in at once never wait for one another; one INI file for every account
// (SettingsTokenKeeper) made 50 concurrent first logins queue on its lock file while each
// rewrote the whole file, long enough for the server's idle timeout.
class FileTokenKeeper : public DeviceTokenKeeper
{
public:
    explicit FileTokenKeeper(const QString &directory);

    QString token(const QString &account) const override;
    // An empty token removes the account's file.
    void setToken(const QString &account, const QString &token) override;

    QString fileOf(const QString &account) const;

private:
    QString m_directory;
};

} // namespace Switchboard
