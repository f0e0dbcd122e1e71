#include "appicon.h"

namespace Switchboard {

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/switchboard-%1.png").arg(size), QSize(size, size));
    return QIcon::fromTheme(QStringLiteral("org.switchboard.Switchboard"), icon);
}

} // namespace Switchboard
