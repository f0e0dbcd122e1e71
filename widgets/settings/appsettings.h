#pragma once
#include <QObject>
#include <QSettings>

namespace Switchboard {

// The desktop client's preferences, kept with QSettings (the application's own file unless a
// path is given). Not a singleton: the main window owns one and hands it to whoever needs it;
// setters store at once and changed() tells the owners to apply the new values.
class AppSettings : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultHistoryLines = 5000;
    static constexpr qint64 DefaultInspectorFrames = 1000000;
    static constexpr int DefaultInspectorMiB = 256;

    explicit AppSettings(QObject *parent = nullptr);
    AppSettings(const QString &iniPath, QObject *parent = nullptr);

    bool notifications() const;
    void setNotifications(bool on);
    bool sounds() const;
    void setSounds(bool on);
    // Where downloads are saved (default: the user's Downloads folder).
    QString downloadFolder() const;
    void setDownloadFolder(const QString &dir);
    // Ask for a folder at every download instead of using downloadFolder().
    bool askWhereToSave() const;
    void setAskWhereToSave(bool on);
    // Rows each conversation keeps on screen (older ones page back in when scrolled to).
    int historyLines() const;
    void setHistoryLines(int lines);
    // The packet inspector's capture limits (frames, and MiB of chunk and frame bytes).
    qint64 inspectorFrames() const;
    void setInspectorFrames(qint64 frames);
    int inspectorMiB() const;
    void setInspectorMiB(int mib);
    // A locale name such as "zh_CN"; empty: the system's. Read once at start.
    QString language() const;
    void setLanguage(const QString &language);
    bool startHidden() const;
    void setStartHidden(bool on);

    // The main window's geometry and dock layout (QMainWindow::saveGeometry/saveState).
    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray &geometry, const QByteArray &state);

    void sync() { m_settings.sync(); }

signals:
    void changed();

private:
    QVariant value(const char *key, const QVariant &fallback) const;
    void set(const char *key, const QVariant &value);

    QSettings m_settings;
};

} // namespace Switchboard
