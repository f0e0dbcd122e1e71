#pragma once
#include <QMenu>

class QMainWindow;

namespace Switchboard {

// The Help menu: the user guide (the HTML page installed with the program, opened in the
// browser), the keyboard shortcuts (listed from the window's actions) and About.
class HelpMenu : public QMenu
{
    Q_OBJECT
public:
    explicit HelpMenu(QMainWindow *window);

    // The installed guide (<prefix>/share/doc/switchboard/user-guide.html), also found beside a
    // build's programs (the build copies it there); empty when missing.
    static QString userGuidePath();
    // The About box's text: version, licence, Qt version.
    static QString aboutText();

    void openUserGuide();
    void showShortcuts();
    void showAbout();

private:
    QMainWindow *m_window;
};

} // namespace Switchboard
