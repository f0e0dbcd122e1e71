#pragma once
// Where a client keeps the device tokens servers issue at login (docs/PROTOCOL.md 6.6), one per
// account (ClientSession::accountKey(): "user@host:port"). ClientSession asks it for the token
// to present and hands it new ones; the GUI keeps them in its QSettings, the CLI in a file next
// to its other state (SettingsTokenKeeper serves both). A token is no password: it only spares
// its device lockouts caused by others.

#include <QString>

namespace Switchboard {

class DeviceTokenKeeper
{
public:
    virtual ~DeviceTokenKeeper() = default;
    // Empty when there is none.
    virtual QString token(const QString &account) const = 0;
    virtual void setToken(const QString &account, const QString &token) = 0;
};

} // namespace Switchboard
