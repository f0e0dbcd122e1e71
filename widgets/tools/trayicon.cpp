#include "trayicon.h"

#include "appicon.h"
#include "widgets/settings/appsettings.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Switchboard {

TrayIcon::TrayIcon(QWidget *window, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_settings(settings)
    , m_menu(new QMenu(window))
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_toggle = m_menu->addAction(tr("Show Switchboard"), this, [this] {
        if (m_window && m_window->isVisible())
            m_window->hide();
        else
            showWindow();
    });
    m_status = m_menu->addAction(tr("Offline"));
    m_status->setEnabled(false); // a line to read, not a command
    m_menu->addSeparator();
    // Through the window's close(), which asks first while hosting or transferring.
    m_menu->addAction(tr("&Quit"), this, [this] {
        if (!m_window || m_window->close())
            QApplication::quit();
    });
    // The label says what a click does now.
    connect(m_menu, &QMenu::aboutToShow, this, [this] {
        m_toggle->setText(m_window && m_window->isVisible() ? tr("Hide Switchboard") : tr("Show Switchboard"));
    });

    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(appIcon(), this);
    m_tray->setToolTip(tr("Switchboard"));
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            toggleWindow();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::showWindow);
    m_tray->show();
}

QString TrayIcon::status() const
{
    return m_status->text();
}

void TrayIcon::setStatus(const QString &text)
{
    m_status->setText(text);
    if (m_tray)
        m_tray->setToolTip(tr("Switchboard: %1").arg(text));
}

bool TrayIcon::notify(const QString &title, const QString &text)
{
    if (!m_settings->notifications())
        return false;
    if (m_settings->sounds())
        QApplication::beep();
    emit notified(title, text);
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 5000);
    return true;
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void TrayIcon::toggleWindow()
{
    if (m_window && m_window->isVisible() && m_window->isActiveWindow())
        m_window->hide();
    else
        showWindow();
}

} // namespace Switchboard
