#pragma once
#include <QIcon>

namespace Switchboard {

// Switchboard's icon at every size it is drawn (window, tray, dialogs), from the resources;
// the theme's icon of the same name wins when installed (so a desktop theme may restyle it).
QIcon appIcon();

} // namespace Switchboard
