#pragma once
#include "devicetokenkeeper.h"

#include <QSettings>

#include <memory>

namespace Switchboard {

// Device tokens in a QSettings group "deviceTokens", one key per account (percent-encoded, so
// an IPv6 host or any name is one key). Either in the application's QSettings (the GUI's), or
// in an INI file of its own, created owner-only (the CLI's).
class SettingsTokenKeeper : public DeviceTokenKeeper
{
public:
    SettingsTokenKeeper();
    explicit SettingsTokenKeeper(const QString &iniPath);
    ~SettingsTokenKeeper() override;

    QString token(const QString &account) const override;
    void setToken(const QString &account, const QString &token) override;

private:
    static QString keyOf(const QString &account);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Switchboard
