#pragma once
class QCoreApplication;

namespace Switchboard {
// Loads Switchboard's and Qt's translations for the system locale (or SWITCHBOARD_LANG / LANGUAGE).
void installTranslations(QCoreApplication &app);
}
