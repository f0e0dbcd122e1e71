// Every control a keyboard reaches must say what it is to a screen reader: an accessible name,
// a label whose buddy it is, or its own text (buttons, check boxes). Walks the main window's
// focusable widgets on the login screen and in a chat (with the search bar open), and the
// Settings dialog; checks that Tab moves through a chat tab in screen order.
#include "net/client/clientsession.h"
#include "widgets/chat/chattab.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/emojipicker.h"
#include "widgets/chat/messageinput.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "widgets/settings/settingsdialog.h"
#include "widgets/inspector/capturefilewindow.h"
#include "widgets/lab/socketlabwindow.h"
#include "widgets/proxy/proxywindow.h"
#include "testserver.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

class TestAccessibility : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyControlIsNamed();
    void chatTabOrderFollowsTheScreen();
    void toolWindowsAreNamed();

private:
    static QStringList unnamed(QWidget *root);
    void logIn(MainWindow &window, quint16 port);
    QTemporaryDir m_config;
};

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
}

// "objectName (class)" of each visible widget that takes Tab focus and has no name.
QStringList TestAccessibility::unnamed(QWidget *root)
{
    QSet<const QWidget *> labelled;
    for (const QLabel *label : root->findChildren<QLabel *>())
        if (label->buddy() && !label->text().isEmpty())
            labelled.insert(label->buddy());
    QStringList missing;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!(w->focusPolicy() & Qt::TabFocus) || !w->isVisibleTo(root))
            continue;
        // The line edit inside a spin box or editable combo box is named through its owner.
        QWidget *owner = w;
        if (qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || qobject_cast<QComboBox *>(w->parentWidget()))
            owner = w->parentWidget();
        const auto *button = qobject_cast<QAbstractButton *>(owner);
        const bool named = !owner->accessibleName().trimmed().isEmpty() || labelled.contains(owner)
            || (button && !button->text().remove(QLatin1Char('&')).trimmed().isEmpty());
        if (!named)
            missing.append(QStringLiteral("%1 (%2)").arg(owner->objectName(), QString::fromLatin1(owner->metaObject()->className())));
    }
    missing.removeDuplicates();
    return missing;
}

void TestAccessibility::logIn(MainWindow &window, quint16 port)
{
    LoginPanel *panel = window.loginPanel();
    panel->setHostServer(false);
    panel->setEncrypted(false);
    panel->setServer(QStringLiteral("127.0.0.1"), port);
    panel->setUser(QString()); // the panel remembers the last user
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("userName")), QStringLiteral("ada"));
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("password")), QStringLiteral("pw"));
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("registerButton")), Qt::LeftButton);
    QVERIFY(loggedIn.wait(15000));
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->tabForRoom(QStringLiteral("lobby"), false) != nullptr, 5000);
}

void TestAccessibility::everyControlIsNamed()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList missing = unnamed(&window);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("login screen: ") + missing.join(QStringLiteral(", "))));

    logIn(window, server.port());
    window.chatView()->findInHistory(); // the search bar too
    QCoreApplication::processEvents();
    missing = unnamed(&window);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("chat: ") + missing.join(QStringLiteral(", "))));

    SettingsDialog settings(window.settings(), &window);
    settings.show();
    missing = unnamed(&settings);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("settings: ") + missing.join(QStringLiteral(", "))));
}

// The Tools windows: socket lab, framing proxy, capture file.
void TestAccessibility::toolWindowsAreNamed()
{
    QTemporaryDir dir;
    SocketLabWindow lab(dir.filePath(QStringLiteral("packets.json")));
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    QStringList missing = unnamed(&lab);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("socket lab: ") + missing.join(QStringLiteral(", "))));

    ProxyWindow proxy;
    proxy.show();
    QVERIFY(QTest::qWaitForWindowExposed(&proxy));
    missing = unnamed(&proxy);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("framing proxy: ") + missing.join(QStringLiteral(", "))));

    CaptureFileWindow capture;
    capture.show();
    QVERIFY(QTest::qWaitForWindowExposed(&capture));
    missing = unnamed(&capture);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("capture file: ") + missing.join(QStringLiteral(", "))));
}

void TestAccessibility::chatTabOrderFollowsTheScreen()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    logIn(window, server.port());
    ChatTab *tab = window.chatView()->tabForRoom(QStringLiteral("lobby"));
    auto *send = tab->findChild<QPushButton *>(QStringLiteral("sendButton"));
    auto *attach = tab->findChild<QPushButton *>(QStringLiteral("attachButton"));
    QVERIFY(send && attach);
    // From the input, Tab reaches the buttons beside it top down: emoji, Attach, Send.
    QList<QWidget *> order;
    for (QWidget *w = tab->input()->nextInFocusChain(); w != tab->input() && order.size() < 50; w = w->nextInFocusChain())
        if ((w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(tab))
            order.append(w);
    QVERIFY(order.size() >= 3);
    QCOMPARE(order.at(0), static_cast<QWidget *>(tab->emojiPicker()));
    QCOMPARE(order.at(1), static_cast<QWidget *>(attach));
    QCOMPARE(order.at(2), static_cast<QWidget *>(send));
    QVERIFY(attach->mapTo(tab, QPoint()).y() < send->mapTo(tab, QPoint()).y()); // the screen agrees
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
