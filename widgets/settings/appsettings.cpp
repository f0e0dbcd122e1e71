#include "appsettings.h"

#include <QStandardPaths>

namespace Switchboard {

AppSettings::AppSettings(QObject *parent)
    : QObject(parent)
{
}

AppSettings::AppSettings(const QString &iniPath, QObject *parent)
    : QObject(parent)
    , m_settings(iniPath, QSettings::IniFormat)
{
}

QVariant AppSettings::value(const char *key, const QVariant &fallback) const
{
    return m_settings.value(QLatin1String(key), fallback);
}

void AppSettings::set(const char *key, const QVariant &value)
{
    if (m_settings.value(QLatin1String(key)) == value)
        return;
    m_settings.setValue(QLatin1String(key), value);
    emit changed();
}

bool AppSettings::notifications() const { return value("notifications/enabled", true).toBool(); }
void AppSettings::setNotifications(bool on) { set("notifications/enabled", on); }
bool AppSettings::sounds() const { return value("notifications/sounds", false).toBool(); }
void AppSettings::setSounds(bool on) { set("notifications/sounds", on); }

QString AppSettings::downloadFolder() const
{
    return value("downloads/folder", QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)).toString();
}
void AppSettings::setDownloadFolder(const QString &dir) { set("downloads/folder", dir); }
bool AppSettings::askWhereToSave() const { return value("downloads/askWhereToSave", false).toBool(); }
void AppSettings::setAskWhereToSave(bool on) { set("downloads/askWhereToSave", on); }

int AppSettings::historyLines() const
{
    return qMax(10, value("chat/historyLines", DefaultHistoryLines).toInt());
}
void AppSettings::setHistoryLines(int lines) { set("chat/historyLines", qMax(10, lines)); }

qint64 AppSettings::inspectorFrames() const
{
    return value("inspector/maxFrames", DefaultInspectorFrames).toLongLong();
}
void AppSettings::setInspectorFrames(qint64 frames) { set("inspector/maxFrames", frames); }
int AppSettings::inspectorMiB() const { return value("inspector/maxMiB", DefaultInspectorMiB).toInt(); }
void AppSettings::setInspectorMiB(int mib) { set("inspector/maxMiB", mib); }

QString AppSettings::language() const { return value("general/language", QString()).toString(); }
void AppSettings::setLanguage(const QString &language) { set("general/language", language); }
bool AppSettings::startHidden() const { return value("general/startHidden", false).toBool(); }
void AppSettings::setStartHidden(bool on) { set("general/startHidden", on); }

QByteArray AppSettings::windowGeometry() const { return value("window/geometry", QByteArray()).toByteArray(); }
QByteArray AppSettings::windowState() const { return value("window/state", QByteArray()).toByteArray(); }

void AppSettings::setWindow(const QByteArray &geometry, const QByteArray &state)
{
    // Not a preference change: nobody needs to re-apply anything.
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
    m_settings.setValue(QStringLiteral("window/state"), state);
}

} // namespace Switchboard
