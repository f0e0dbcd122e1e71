#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Switchboard {

bool loadSwitchboardTranslation(QTranslator &translator, const QLocale &locale)
{
    const QString dir = QStringLiteral(":/i18n");
    return translator.load(locale, QStringLiteral("switchboard"), QStringLiteral("_"), dir)
        || translator.load(QStringLiteral("switchboard_en"), dir);
}

void installTranslations(QCoreApplication &app)
{
    const QByteArray forced = qgetenv("SWITCHBOARD_LANG");
    const QLocale locale = forced.isEmpty() ? QLocale::system() : QLocale(QString::fromLatin1(forced));
    if (!forced.isEmpty())
        QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    if (loadSwitchboardTranslation(*own, locale))
        app.installTranslator(own);
    else
        delete own;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
}

} // namespace Switchboard
