#pragma once
#include <QString>

namespace Switchboard {

// Puts the Switchboard Lua dissector (shipped inside the app) where Wireshark and tshark load
// the user's Lua plugins, so a saved capture opens decoded with no -X option.
class DissectorInstaller
{
public:
    enum class Result { Installed, Updated, AlreadyCurrent, Failed };

    // ~/.local/lib/wireshark/plugins (Wireshark's "Personal Lua Plugins" folder).
    static QString userPluginDir();
    // Writes <dir>/switchboard.lua (created owner-writable, replacing only our own file);
    // *detail gets the path, or the reason on failure.
    static Result install(const QString &dir, QString *detail);
};

} // namespace Switchboard
