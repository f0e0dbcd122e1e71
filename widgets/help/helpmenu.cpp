#include "helpmenu.h"

#include "shortcutsdialog.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QUrl>

namespace Switchboard {

HelpMenu::HelpMenu(QMainWindow *window)
    : QMenu(tr("&Help"), window)
    , m_window(window)
{
    setObjectName(QStringLiteral("helpMenu"));
    QAction *guide = addAction(tr("&User guide"), this, &HelpMenu::openUserGuide);
    guide->setShortcuts(QKeySequence::HelpContents);
    if (guide->shortcuts().isEmpty())
        guide->setShortcut(QKeySequence(Qt::Key_F1));
    addAction(tr("&Keyboard shortcuts"), this, &HelpMenu::showShortcuts);
    addSeparator();
    addAction(tr("&About Switchboard"), this, &HelpMenu::showAbout);
}

QString HelpMenu::userGuidePath()
{
    // <prefix>/bin/switchboard -> <prefix>/share/doc/switchboard; a build keeps the same shape
    // (build/app/switchboard -> build/share/doc/switchboard).
    const QDir bin(QCoreApplication::applicationDirPath());
    const QString path = bin.absoluteFilePath(QStringLiteral("../share/doc/switchboard/user-guide.html"));
    return QFileInfo::exists(path) ? QFileInfo(path).canonicalFilePath() : QString();
}

QString HelpMenu::aboutText()
{
    return tr("<h3>Switchboard %1</h3>"
              "<p>Chat, send files and see what goes over the wire.</p>"
              "<p>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later). "
              "You may share and change it under its terms; it comes with no warranty.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>")
        .arg(QStringLiteral(SWITCHBOARD_VERSION), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void HelpMenu::openUserGuide()
{
    const QString path = userGuidePath();
    if (path.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        QMessageBox::information(m_window, tr("User guide"),
                                 path.isEmpty() ? tr("The user guide is not installed.")
                                                : tr("No program to show web pages was found. The guide is %1.").arg(path));
}

void HelpMenu::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(m_window, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void HelpMenu::showAbout()
{
    QMessageBox::about(m_window, tr("About Switchboard"), aboutText());
}

} // namespace Switchboard
