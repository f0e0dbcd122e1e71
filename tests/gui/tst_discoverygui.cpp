// The LAN as a new user meets it: host "on my local network", find the server in a second
// window's login panel and join with a click; a taken port is asked about; Stop server. Runs in a
// network namespace of its own (tests/common/netns.h): its broadcasts reach no real interface.
#include "netns.h"

#include "net/client/clientsession.h"
#include "net/discovery/discoveredserversmodel.h"
#include "net/discovery/serverbrowser.h"
#include "net/server/chatserver.h"
#include "net/server/embeddedserver.h"
#include "widgets/login/discoveredserverslist.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "widgets/server/serverpanel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace Switchboard {

namespace {

void typeCredentials(LoginPanel *panel, const QString &user, const QString &password)
{
    panel->setUser(user);
    panel->setPassword(password);
}

QMessageBox *visibleMessageBox(QWidget *parent)
{
    for (QMessageBox *box : parent->findChildren<QMessageBox *>())
        if (box->isVisible())
            return box;
    return nullptr;
}

} // namespace

class TestDiscoveryGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void hostOnNetworkIsFoundAndJoinedWithAClick();
    void takenPortIsAskedAbout();
};

void TestDiscoveryGui::hostOnNetworkIsFoundAndJoinedWithAClick()
{
    // The host: "My local network".
    QTemporaryDir data;
    MainWindow::Options options;
    options.host = true;
    options.dataDir = data.path();
    MainWindow host(options);
    host.show();
    LoginPanel *hostPanel = host.loginPanel();
    hostPanel->setHostServer(true);
    // Plaintext, so the teammate's first connection asks no trust question (tst_chatgui covers it).
    hostPanel->setEncrypted(false);
    hostPanel->setHostScope(LanHosting::Scope::LocalNetwork);
    hostPanel->setServer(QStringLiteral("127.0.0.1"), 5151);
    typeCredentials(hostPanel, QStringLiteral("host"), QStringLiteral("pw"));
    QSignalSpy hostIn(host.session(), &ClientSession::loggedIn);
    QTest::mouseClick(hostPanel->findChild<QPushButton *>(QStringLiteral("registerButton")), Qt::LeftButton);
    QVERIFY(hostIn.wait(15000));
    EmbeddedServer *runtime = host.embeddedServer();
    QVERIFY(runtime);
    QCOMPARE(runtime->endpoints().value(0).host, QStringLiteral("0.0.0.0"));
    QCOMPARE(runtime->endpoints().value(0).port, quint16(5151));
    // The server panel says where teammates connect.
    auto *reachable = host.findChild<ServerPanel *>()->reachableLabel();
    QTRY_VERIFY(reachable->text().contains(QStringLiteral("192.0.2.1:5151")));
    QVERIFY(!reachable->text().contains(QStringLiteral("127.0.0.1")));

    // A teammate's account, made beforehand.
    {
        ClientSession guest;
        QSignalSpy in(&guest, &ClientSession::loggedIn);
        guest.logIn(QStringLiteral("192.0.2.1"), 5151, QStringLiteral("guest"), QStringLiteral("pw"), true);
        QVERIFY(in.wait(15000));
        guest.logOut();
    }

    // The teammate's window lists the server without anyone typing an address...
    MainWindow teammate;
    ServerBrowser browser;
    DiscoveredServersModel model(&browser);
    teammate.loginPanel()->setDiscoveredServers(&model);
    QVERIFY(browser.start());
    teammate.show();
    LoginPanel *panel = teammate.loginPanel();
    panel->setHostServer(false);
    panel->setEncrypted(false);
    panel->setServer(QString(), 1);
    typeCredentials(panel, QStringLiteral("guest"), QStringLiteral("pw"));
    QListView *view = panel->discoveredServers()->view();
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, 5000);
    QTRY_VERIFY(view->isVisible());
    QVERIFY(view->model()->index(0, 0).data().toString().contains(QStringLiteral("5151")));

    // ...and one click joins it.
    QSignalSpy in(teammate.session(), &ClientSession::loggedIn);
    const QRect row = view->visualRect(view->model()->index(0, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row.center());
    QVERIFY(in.wait(15000));
    QCOMPARE(panel->port(), quint16(5151));
    QCOMPARE(teammate.session()->serverAddress(), QStringLiteral("192.0.2.1:5151"));
    QTRY_COMPARE_WITH_TIMEOUT(runtime->clientCount(), 2, 5000);

    // Stop server: everyone is disconnected, the host is back at the login panel, and the
    // server leaves the teammate's list at once (its goodbye).
    QSignalSpy teammateLost(teammate.session(), &ClientSession::disconnected);
    QPushButton *stop = host.findChild<QPushButton *>(QStringLiteral("stopServerButton"));
    QVERIFY(stop->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(!host.embeddedServer());
    QCOMPARE(host.session()->status(), ClientSession::Status::Offline);
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 0, 5000);
    QVERIFY(teammateLost.size() > 0 || teammateLost.wait(5000));
}

void TestDiscoveryGui::takenPortIsAskedAbout()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = squatter.serverPort();

    QTemporaryDir data;
    MainWindow::Options options;
    options.host = true;
    options.dataDir = data.path();
    MainWindow window(options);
    window.show();
    LoginPanel *panel = window.loginPanel();
    panel->setHostServer(true);
    panel->setHostScope(LanHosting::Scope::ThisComputer);
    panel->setServer(QStringLiteral("127.0.0.1"), taken);
    typeCredentials(panel, QStringLiteral("host"), QStringLiteral("pw"));
    QPushButton *registerButton = panel->findChild<QPushButton *>(QStringLiteral("registerButton"));

    // Cancel: no server, and the panel says why.
    QTest::mouseClick(registerButton, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleMessageBox(&window)) != nullptr);
    QVERIFY(box->text().contains(QString::number(taken)));
    box->button(QMessageBox::Cancel)->click();
    QVERIFY(!window.embeddedServer());
    QTRY_VERIFY(panel->findChild<QLabel *>(QStringLiteral("loginStatus"))->text().contains(QString::number(taken)));

    // Use a free port: the server starts elsewhere and the panel shows the port it took.
    QSignalSpy in(window.session(), &ClientSession::loggedIn);
    QTest::mouseClick(registerButton, Qt::LeftButton);
    QTRY_VERIFY((box = visibleMessageBox(&window)) != nullptr);
    box->findChild<QPushButton *>(QStringLiteral("useFreePortButton"))->click();
    QVERIFY(in.wait(15000));
    QVERIFY(window.embeddedServer());
    const quint16 port = window.embeddedServer()->endpoints().value(0).port;
    QVERIFY(port != taken);
    QCOMPARE(panel->port(), port);
}

} // namespace Switchboard

int main(int argc, char **argv)
{
    if (const auto status = Switchboard::Test::enterTestNetwork(argc, argv))
        return *status;
    QApplication app(argc, argv);
    Switchboard::TestDiscoveryGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_discoverygui.moc"
