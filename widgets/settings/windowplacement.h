#pragma once
#include <QRect>
#include <QSize>

class QMainWindow;

namespace Switchboard {

class AppSettings;

// Where the main window opens: as it was left (geometry and dock layout), or on the first run
// sized to the screen it opens on.
class WindowPlacement
{
public:
    // 80 % of the available area, at most 1600×1000, at least 800×560 (or the whole area when
    // smaller), centred.
    static QRect firstRun(const QRect &available);
    // Restores what save() stored, or applies firstRun(); returns whether something was restored.
    static bool restore(QMainWindow *window, const AppSettings &settings);
    static void save(const QMainWindow *window, AppSettings &settings);
};

} // namespace Switchboard
