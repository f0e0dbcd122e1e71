#pragma once
class QCoreApplication;
class QLocale;
class QTranslator;

namespace Switchboard {
// Loads Switchboard's and Qt's translations for the system locale (or SWITCHBOARD_LANG / LANGUAGE).
void installTranslations(QCoreApplication &app);

// Loads Switchboard's own translation for locale from :/i18n into translator. A locale without
// one (en_US, but also C/POSIX, de_DE, ...) shows the English source texts, so it gets
// switchboard_en.qm: the English singular and plural of every "%n file(s)" message.
bool loadSwitchboardTranslation(QTranslator &translator, const QLocale &locale);
}
