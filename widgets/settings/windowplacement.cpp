#include "windowplacement.h"

#include "appsettings.h"

#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>

namespace Switchboard {

QRect WindowPlacement::firstRun(const QRect &available)
{
    QSize size(available.width() * 4 / 5, available.height() * 4 / 5);
    size = size.boundedTo(QSize(1600, 1000)).expandedTo(QSize(800, 560)).boundedTo(available.size());
    QRect r(QPoint(), size);
    r.moveCenter(available.center());
    return r;
}

bool WindowPlacement::restore(QMainWindow *window, const AppSettings &settings)
{
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty() && window->restoreGeometry(geometry)) {
        window->restoreState(settings.windowState());
        return true;
    }
    QScreen *screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (screen)
        window->setGeometry(firstRun(screen->availableGeometry()));
    return false;
}

void WindowPlacement::save(const QMainWindow *window, AppSettings &settings)
{
    settings.setWindow(window->saveGeometry(), window->saveState());
    settings.sync();
}

} // namespace Switchboard
