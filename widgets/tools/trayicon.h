#pragma once
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace Switchboard {

class AppSettings;

// The system tray entry of a window: click to show it, a menu with Show/Hide, the status line
// and Quit, and notifications honouring the settings (on/off, sound). Without a tray (some
// desktops, the offscreen tests) only notified() reports what would have been shown.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    TrayIcon(QWidget *window, AppSettings *settings, QObject *parent = nullptr);

    bool isAvailable() const { return m_tray != nullptr; }
    QMenu *menu() const { return m_menu; }
    QString status() const;
    void setStatus(const QString &text);
    // Shows a notification titled with the room or person unless the user turned them off;
    // returns whether it was shown.
    bool notify(const QString &title, const QString &text);
    void showWindow();
    void toggleWindow();

signals:
    void notified(const QString &title, const QString &text);

private:
    QPointer<QWidget> m_window;
    AppSettings *m_settings;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu;
    QAction *m_toggle;
    QAction *m_status;
};

} // namespace Switchboard
