// What a desktop user expects of the window: settings that take effect, the window's size and
// docks remembered, the tray's status and notifications, the Help menu, and a question before
// closing a window that hosts a server others use.
#include "net/capture/capturebuffer.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "net/client/messagelistmodel.h"
#include "net/client/transfermanager.h"
#include "net/server/chatserver.h"
#include "net/server/embeddedserver.h"
#include "net/server/serversession.h"
#include "widgets/chat/chattab.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/dropoverlay.h"
#include "widgets/chat/messagedelegate.h"
#include "widgets/server/serverpanel.h"
#include "widgets/transfer/uploaddialog.h"
#include "testserver.h"
#include "freeport.h"
#include "widgets/help/helpmenu.h"
#include "widgets/help/shortcutsdialog.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "widgets/settings/appsettings.h"
#include "widgets/settings/settingsdialog.h"
#include "widgets/settings/windowplacement.h"
#include "widgets/tools/trayicon.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QMenuBar>
#include <QMimeData>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

class TestDesktop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void settingsTakeEffect();
    void windowPlacementRemembered();
    void firstRunFitsTheScreen();
    void trayShowsStatus();
    void helpMenu();
    void closingWhileHostingAsks();
    void datesOnOlderMessages();
    void attachOpensPickerDropShowsTarget();
    void kickedClientMayReconnect();

private:
    QTemporaryDir m_config; // QSettings go here, never into the user's own
};

void TestDesktop::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_config.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
}

void TestDesktop::init()
{
    QSettings().clear(); // each case starts as a first run
}

void TestDesktop::settingsTakeEffect()
{
    MainWindow window;
    window.show();
    window.showSettings();
    auto *dialog = window.findChild<SettingsDialog *>(QStringLiteral("settingsDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());

    QTemporaryDir downloads;
    auto *folder = dialog->findChild<QLineEdit *>(QStringLiteral("downloadFolderEdit"));
    auto *history = dialog->findChild<QSpinBox *>(QStringLiteral("historyLinesSpin"));
    auto *frames = dialog->findChild<QSpinBox *>(QStringLiteral("inspectorFramesSpin"));
    auto *notifications = dialog->findChild<QCheckBox *>(QStringLiteral("notificationsCheck"));
    QVERIFY(folder && history && frames && notifications);
    QVERIFY(notifications->isChecked()); // on by default
    folder->setText(downloads.path());
    history->setValue(120);
    frames->setValue(5000);
    notifications->setChecked(false);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!window.findChild<SettingsDialog *>());

    // Each took effect at once...
    QCOMPARE(window.session()->transfers()->downloadDirectory(), downloads.path());
    QCOMPARE(window.session()->conversations()->room(QStringLiteral("lobby"))->maxRows(), 120);
    QCOMPARE(window.session()->conversations()->peer(QStringLiteral("new"))->maxRows(), 120);
    QCOMPARE(window.clientCapture()->maxEntries(), 5000);
    QSignalSpy shown(window.trayIcon(), &TrayIcon::notified);
    emit window.chatView()->backgroundMessage(QStringLiteral("#lobby"), QStringLiteral("bob: hi"));
    QCOMPARE(shown.count(), 0); // turned off: not shown (the signal is synchronous)
    window.settings()->setNotifications(true);
    emit window.chatView()->backgroundMessage(QStringLiteral("#lobby"), QStringLiteral("bob: hi"));
    QCOMPARE(shown.count(), 1);
    QCOMPARE(shown.first().at(0).toString(), QStringLiteral("#lobby"));

    // "Ask where to save": opening a file asks for the folder first.
    window.settings()->setAskWhereToSave(true);
    FileInfo file;
    file.id = 5;
    file.name = QStringLiteral("plan.pdf");
    file.size = 10;
    emit window.chatView()->fileActivated(file);
    auto *ask = window.findChild<QFileDialog *>(QStringLiteral("saveIntoDialog"));
    QVERIFY(ask && ask->isVisible());
    QCOMPARE(QDir(ask->directory()).absolutePath(), QDir(downloads.path()).absolutePath());
    ask->reject();
    window.settings()->setAskWhereToSave(false);

    // ...and is kept for the next start.
    MainWindow next;
    QCOMPARE(next.session()->transfers()->downloadDirectory(), downloads.path());
    QCOMPARE(next.session()->conversations()->room(QStringLiteral("lobby"))->maxRows(), 120);
    QCOMPARE(next.clientCapture()->maxEntries(), 5000);
}

void TestDesktop::windowPlacementRemembered()
{
    QRect placed;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QDockWidget *>(QStringLiteral("inspectorDock"))->show();
        window.setGeometry(40, 50, 1000, 900);
        QTRY_VERIFY(window.geometry().width() == 1000);
        placed = window.geometry();
        QVERIFY(placed.size() != WindowPlacement::firstRun(window.screen()->availableGeometry()).size());
        window.close();
    }
    MainWindow again;
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.geometry().size(), placed.size());
    auto *dock = again.findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
    QVERIFY(dock);
    QTRY_VERIFY(dock->isVisible());
}

void TestDesktop::firstRunFitsTheScreen()
{
    // Pure arithmetic on a few screens, then a real window on the test's screen.
    QCOMPARE(WindowPlacement::firstRun(QRect(0, 0, 1920, 1040)), QRect(192, 104, 1536, 832));
    QCOMPARE(WindowPlacement::firstRun(QRect(0, 0, 3840, 2120)).size(), QSize(1600, 1000));
    QCOMPARE(WindowPlacement::firstRun(QRect(0, 0, 1024, 600)).size(), QSize(819, 560));
    QCOMPARE(WindowPlacement::firstRun(QRect(0, 0, 640, 480)).size(), QSize(640, 480));
    MainWindow window;
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    QCOMPARE(window.geometry().size(), WindowPlacement::firstRun(available).size());
    QVERIFY(available.contains(window.geometry()));
}

void TestDesktop::trayShowsStatus()
{
    MainWindow window;
    TrayIcon *tray = window.trayIcon();
    QVERIFY(tray);
    QCOMPARE(tray->status(), QStringLiteral("Offline"));
    QStringList items;
    for (QAction *a : tray->menu()->actions())
        items.append(a->text());
    QVERIFY2(items.contains(QStringLiteral("&Quit")), qPrintable(items.join(QLatin1Char('|'))));
    QVERIFY(items.contains(QStringLiteral("Show Switchboard")));
    // The menu's first item hides a shown window and shows a hidden one.
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    emit tray->menu()->aboutToShow();
    QCOMPARE(tray->menu()->actions().first()->text(), QStringLiteral("Hide Switchboard"));
    tray->menu()->actions().first()->trigger();
    QVERIFY(!window.isVisible());
    tray->menu()->actions().first()->trigger();
    QVERIFY(window.isVisible());
}

void TestDesktop::helpMenu()
{
    // The guide is found from the build tree, as an installed program finds its copy.
    const QString guide = HelpMenu::userGuidePath();
    QVERIFY2(!guide.isEmpty(), "share/doc/switchboard/user-guide.html missing beside the build's programs");
    QFile page(guide);
    QVERIFY(page.open(QIODevice::ReadOnly));
    QVERIFY(page.readAll().contains("Switchboard user guide"));

    const QString about = HelpMenu::aboutText();
    QVERIFY(about.contains(QStringLiteral(SWITCHBOARD_VERSION)));
    QVERIFY(about.contains(QStringLiteral("GPL-3.0-or-later")));
    QVERIFY(about.contains(QString::fromLatin1(qVersion())));

    // The shortcut list is the window's actions: every one with a key is listed, and a key
    // given to an action later shows up without anyone editing the list.
    MainWindow window;
    ShortcutsDialog dialog(&window);
    QStringList keys;
    for (int row = 0; row < dialog.table()->rowCount(); ++row)
        keys.append(dialog.table()->item(row, 1)->text());
    for (const char *key : {"Ctrl+U", "Ctrl+J", "Ctrl+I", "Ctrl+Q", "F1", "Ctrl+,", "Ctrl+F"})
        QVERIFY2(keys.contains(QLatin1String(key)), key);
    auto *extra = new QAction(QStringLiteral("Frobnicate"), &window);
    extra->setShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+F")));
    window.addAction(extra);
    const auto rows = ShortcutsDialog::actionShortcuts(&window);
    QVERIFY(rows.contains(qMakePair(QStringLiteral("Frobnicate"), QStringLiteral("Ctrl+Alt+F"))));
}

void TestDesktop::closingWhileHostingAsks()
{
    QTemporaryDir data;
    MainWindow::Options options;
    options.host = true;
    options.dataDir = data.path();
    MainWindow window(options);
    window.show();
    LoginPanel *panel = window.loginPanel();
    panel->setServer(QStringLiteral("127.0.0.1"), Test::freePort());
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("userName")), QStringLiteral("host"));
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("password")), QStringLiteral("pw"));
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("registerButton")), Qt::LeftButton);
    QVERIFY(loggedIn.wait(15000));

    ClientSession guest;
    ClientTls tls;
    tls.fingerprints = {window.embeddedServer()->tlsFingerprint()};
    tls.unknownServer = ClientTls::UnknownServer::Refuse;
    guest.setTls(tls);
    QSignalSpy guestIn(&guest, &ClientSession::loggedIn);
    guest.logIn(QStringLiteral("127.0.0.1"), window.embeddedServer()->endpoints().value(0).port, QStringLiteral("guest"),
                QStringLiteral("pw"), true);
    QVERIFY(guestIn.wait(15000));

    // Kicking one's own connection asks first; Cancel kicks nobody.
    auto *panel2 = window.findChild<ServerPanel *>();
    QVERIFY(panel2);
    QTableWidget *clients = panel2->clientTable();
    QTRY_COMPARE(clients->rowCount(), 2);
    int own = -1;
    for (int row = 0; row < clients->rowCount(); ++row)
        if (clients->item(row, 1)->text() == QLatin1String("host"))
            own = row;
    QVERIFY(own >= 0);
    clients->selectRow(own);
    panel2->findChild<QPushButton *>(QStringLiteral("kickButton"))->click();
    QMessageBox *kickBox = nullptr;
    QTRY_VERIFY((kickBox = window.findChild<QMessageBox *>(QStringLiteral("kickSelfBox"))));
    kickBox->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("kickSelfBox")));
    QCOMPARE(window.embeddedServer()->clientCount(), 2);
    QCOMPARE(window.session()->status(), ClientSession::Status::Online);

    // Closing asks, naming who would be cut off; Cancel keeps everything running.
    window.close();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("closeQuestionBox"))));
    QVERIFY2(box->text().contains(QStringLiteral("guest")), qPrintable(box->text()));
    QVERIFY(!box->text().contains(QStringLiteral("host,")));
    QVERIFY(window.isVisible());
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("closeQuestionBox")));
    QVERIFY(window.isVisible());
    QCOMPARE(window.embeddedServer()->clientCount(), 2);

    // Asked again, "Close anyway" closes.
    window.close();
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("closeQuestionBox"))));
    box->findChild<QPushButton *>(QStringLiteral("closeAnywayButton"))->click();
    QTRY_VERIFY(!window.isVisible());
}

void TestDesktop::datesOnOlderMessages()
{
    const QDate today(2026, 12, 1);
    const QDateTime noon(today, QTime(12, 34));
    const QString time = QLocale().toString(QTime(12, 34), QLocale::ShortFormat);
    QCOMPARE(MessageDelegate::stampText(noon, today), time);
    const QDateTime older(QDate(2026, 11, 28), QTime(12, 34));
    const QString stamp = MessageDelegate::stampText(older, today);
    QVERIFY2(stamp.contains(QLocale().toString(QDate(2026, 11, 28), QLocale::ShortFormat)), qPrintable(stamp));
    QVERIFY(stamp.contains(time));
}

static void logInTo(MainWindow &window, quint16 port, const QString &user)
{
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    window.session()->logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw"), true);
    QVERIFY(loggedIn.wait(15000));
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->tabForRoom(QStringLiteral("lobby"), false) != nullptr, 5000);
}

void TestDesktop::attachOpensPickerDropShowsTarget()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    MainWindow window;
    window.show();
    logInTo(window, server.port(), QStringLiteral("sender"));
    if (QTest::currentTestFailed())
        return;

    // Ctrl+U: a file picker at once, not an empty dialog; choosing files queues them.
    QAction *attach = nullptr;
    for (QAction *a : window.menuBar()->findChildren<QAction *>())
        if (a->shortcut() == QKeySequence(QStringLiteral("Ctrl+U")))
            attach = a;
    QVERIFY(attach);
    attach->trigger();
    QFileDialog *picker = nullptr;
    QTRY_VERIFY((picker = window.findChild<QFileDialog *>(QStringLiteral("attachFilesPicker"))));
    QVERIFY(picker->isVisible());
    QCOMPARE(picker->fileMode(), QFileDialog::ExistingFiles);
    QVERIFY(!window.findChild<UploadDialog *>());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("hello");
    f.close();
    emit picker->filesSelected({path});
    auto *uploads = window.findChild<UploadDialog *>();
    QVERIFY(uploads);
    QCOMPARE(uploads->uploads().size(), 1);
    QCOMPARE(uploads->room(), QStringLiteral("lobby"));
    picker->reject();

    // Dragging files over the chat shows where they will go; leaving hides it again.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    DropOverlay *overlay = window.chatView()->dropOverlay();
    QVERIFY(!overlay->isVisible());
    QDragEnterEvent enter(window.chatView()->rect().center(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.chatView(), &enter);
    QVERIFY(enter.isAccepted());
    QVERIFY(overlay->isVisible());
    QVERIFY2(overlay->text().contains(QStringLiteral("lobby")), qPrintable(overlay->text()));
    QDragLeaveEvent leave;
    QApplication::sendEvent(window.chatView(), &leave);
    QVERIFY(!overlay->isVisible());
    // Text being dragged is no file: no target.
    QMimeData text;
    text.setText(QStringLiteral("just words"));
    QDragEnterEvent textEnter(window.chatView()->rect().center(), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.chatView(), &textEnter);
    QVERIFY(!overlay->isVisible());
}

void TestDesktop::kickedClientMayReconnect()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    MainWindow window;
    window.show();
    logInTo(window, server.port(), QStringLiteral("kicked"));
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(server.runtime().server()->clientCount(), 1);
    server.runtime().server()->kick(server.runtime().server()->sessions().first(), QStringLiteral("Go away for now."));
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(QStringLiteral("kickedBox"))), 5000);
    QVERIFY(box->informativeText().contains(QStringLiteral("Go away")));
    // Not back by itself...
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->status(), ClientSession::Status::Offline, 5000);
    // ...but when asked: logged in again as the same user, back in the room.
    box->findChild<QPushButton *>(QStringLiteral("reconnectButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.session()->status(), ClientSession::Status::Online, 15000);
    QTRY_COMPARE(server.runtime().server()->clientCount(), 1);
    QCOMPARE(server.runtime().server()->sessions().first()->user(), QStringLiteral("kicked"));
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->joinedRooms().contains(QStringLiteral("lobby")), 5000);
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
