// The product's first face, driven as a user would: fill the login panel, log in, send with Enter,
// and see the message arrive in a second client.
#include "widgets/chat/chattab.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/messageinput.h"
#include "net/client/clientsession.h"
#include "net/client/transfermanager.h"
#include "net/client/transfermodel.h"
#include "net/transfer/downloader.h"
#include "net/transfer/uploader.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "widgets/transfer/downloaddialog.h"
#include "widgets/transfer/transferfiltermodel.h"
#include "widgets/transfer/transferlist.h"
#include "widgets/transfer/uploaddialog.h"
#include "net/server/chatserver.h"
#include "net/server/embeddedserver.h"
#include "freeport.h"
#include "testserver.h"

#include <QApplication>
#include <QThread>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace Switchboard;

class TestChatGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void registerLogInAndChat();
    void wrongPasswordShowsError();
    void hostModeStartsEmbeddedServer();
    void unknownServerIsAskedAboutChangedOneStops();
    void shiftEnterMakesNewLine();
    void dropFileOnChatWindowUploadsIt();
};

static void typeLogin(LoginPanel *panel, quint16 port, const QString &user, const QString &password)
{
    panel->setHostServer(false);
    panel->setEncrypted(false); // Test::TestServer is plaintext (tst_tls covers TLS)
    panel->setServer(QStringLiteral("127.0.0.1"), port);
    auto *userEdit = panel->findChild<QLineEdit *>(QStringLiteral("userName"));
    auto *passEdit = panel->findChild<QLineEdit *>(QStringLiteral("password"));
    QVERIFY(userEdit && passEdit);
    userEdit->clear();
    QTest::keyClicks(userEdit, user);
    QTest::keyClicks(passEdit, password);
    QCOMPARE(passEdit->echoMode(), QLineEdit::Password);
}

void TestChatGui::registerLogInAndChat()
{
    Test::TestServer server;
    QVERIFY(server.ok());

    MainWindow window;
    window.show();
    LoginPanel *panel = window.loginPanel();
    typeLogin(panel, server.port(), QStringLiteral("alice"), QStringLiteral("s3cret"));
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("registerButton")), Qt::LeftButton);
    QVERIFY(loggedIn.wait(15000));

    // The chat view replaced the login panel and the lobby tab opened.
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->isVisible(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->tabForRoom(QStringLiteral("lobby"), false) != nullptr, 5000);
    ChatTab *lobby = window.chatView()->tabForRoom(QStringLiteral("lobby"));

    // A second client, bob, in the same room.
    ClientSession bob;
    QSignalSpy bobIn(&bob, &ClientSession::roomJoined);
    bob.logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true);
    QVERIFY(bobIn.wait(15000));
    QSignalSpy bobGot(&bob, &ClientSession::messageReceived);

    // Type and press Enter.
    lobby->input()->setFocus();
    QTest::keyClicks(lobby->input(), QStringLiteral("hello bob "));
    lobby->input()->insertPlainText(QStringLiteral("你好")); // as an input method would commit it
    QTest::keyClick(lobby->input(), Qt::Key_Return);
    QVERIFY(lobby->input()->toPlainText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!bobGot.isEmpty(), 5000);
    const auto m = bobGot.first().first().value<ChatMessage>();
    QCOMPARE(m.text, QStringLiteral("hello bob 你好"));
    QCOMPARE(m.sender, QStringLiteral("alice"));
    QCOMPARE(m.room, QStringLiteral("lobby"));
    QTRY_VERIFY_WITH_TIMEOUT(lobby->plainText().contains(QStringLiteral("hello bob 你好")), 5000);

    // bob answers privately: a private tab opens in alice's window.
    bob.sendToUser(QStringLiteral("alice"), QStringLiteral("hi alice"));
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->tabForUser(QStringLiteral("bob"), false) != nullptr, 5000);
    ChatTab *priv = window.chatView()->tabForUser(QStringLiteral("bob"));
    QTRY_VERIFY_WITH_TIMEOUT(priv->plainText().contains(QStringLiteral("hi alice")), 5000);
    // It arrived in a background tab: the tab shows an unread count.
    QCOMPARE(window.chatView()->unreadCount(priv), 1);
}

void TestChatGui::wrongPasswordShowsError()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    ClientSession carol;
    QSignalSpy reg(&carol, &ClientSession::loggedIn);
    carol.logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("carol"), QStringLiteral("right"), true);
    QVERIFY(reg.wait(15000));

    MainWindow window;
    window.show();
    typeLogin(window.loginPanel(), server.port(), QStringLiteral("carol"), QStringLiteral("wrong"));
    QSignalSpy failed(window.session(), &ClientSession::loginFailed);
    // Enter in the password field submits.
    QTest::keyClick(window.loginPanel()->findChild<QLineEdit *>(QStringLiteral("password")), Qt::Key_Return);
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.first().at(0).value<Protocol::Error>().code, Protocol::ErrorCode::AuthFailed);
    auto *status = window.loginPanel()->findChild<QLabel *>(QStringLiteral("loginStatus"));
    QVERIFY(status->text().contains(QStringLiteral("Wrong user name or password")));
    QVERIFY(window.loginPanel()->isVisible());

    // The right password next: the status bar tells carol about the failure (PROTOCOL 6.6).
    auto *password = window.loginPanel()->findChild<QLineEdit *>(QStringLiteral("password"));
    password->clear();
    QTest::keyClicks(password, QStringLiteral("right"));
    QSignalSpy in(window.session(), &ClientSession::loggedIn);
    QTest::keyClick(password, Qt::Key_Return);
    QVERIFY(in.wait(15000));
    QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                 QStringLiteral("1 failed login attempt(s) since your last login, the last from 127.0.0.1")),
                             5000);
}

void TestChatGui::hostModeStartsEmbeddedServer()
{
    QTemporaryDir data;
    MainWindow::Options options;
    options.host = true;
    options.dataDir = data.path();
    MainWindow window(options);
    window.show();
    LoginPanel *panel = window.loginPanel();
    QVERIFY(panel->hostServer());
    panel->setServer(QStringLiteral("127.0.0.1"), Test::freePort());
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("userName")), QStringLiteral("host"));
    QTest::keyClicks(panel->findChild<QLineEdit *>(QStringLiteral("password")), QStringLiteral("pw"));
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("registerButton")), Qt::LeftButton);
    QVERIFY(loggedIn.wait(15000));
    QVERIFY(window.embeddedServer());
    // The server runs on a thread of its own, never on the GUI thread.
    QVERIFY(window.embeddedServer()->serverThread() && window.embeddedServer()->serverThread() != QThread::currentThread());
    QTRY_COMPARE_WITH_TIMEOUT(window.embeddedServer()->clientCount(), 1, 5000);
    const quint16 port = window.embeddedServer()->endpoints().value(0).port;
    QVERIFY(port != 0);
    // The embedded server speaks TLS and the window trusted its own certificate without asking.
    QVERIFY(window.session()->isEncrypted());
    QCOMPARE(window.session()->serverFingerprint(), window.embeddedServer()->tlsFingerprint());
    QVERIFY(!window.findChild<QMessageBox *>(QStringLiteral("trustServerBox")));
    auto *security = window.findChild<QLabel *>(QStringLiteral("securityStatus"));
    QVERIFY(security && security->text().startsWith(QLatin1String("Encrypted")));

    // A second client joins the embedded server, pinning its fingerprint.
    ClientSession guest;
    ClientTls tls;
    tls.fingerprints = {window.embeddedServer()->tlsFingerprint()};
    tls.unknownServer = ClientTls::UnknownServer::Refuse;
    guest.setTls(tls);
    QSignalSpy guestIn(&guest, &ClientSession::loggedIn);
    guest.logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("guest"), QStringLiteral("pw"), true);
    QVERIFY(guestIn.wait(15000));
    QTRY_COMPARE_WITH_TIMEOUT(window.embeddedServer()->clientCount(), 2, 5000);
}

void TestChatGui::unknownServerIsAskedAboutChangedOneStops()
{
    // The GUI's known servers (in the test-mode data location): start from none.
    const QString known = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/known_servers");
    QFile::remove(known);
    QTemporaryDir firstData, secondData;
    ServerConfig config;
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
    config.dataDir = firstData.path();
    auto server = std::make_unique<ServerRuntime>();
    QString error;
    QVERIFY2(server->start(config, &error), qPrintable(error));
    const quint16 port = server->endpoints().value(0).port;
    const QString fingerprint = server->tlsFingerprint();

    MainWindow window;
    window.show();
    LoginPanel *panel = window.loginPanel();
    typeLogin(panel, port, QStringLiteral("tina"), QStringLiteral("pw"));
    panel->setEncrypted(true);
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("registerButton")), Qt::LeftButton);
    // First connection: the window shows the fingerprint and waits for the user.
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox *>(QStringLiteral("trustServerBox"))) && box->isVisible(),
                             15000);
    QVERIFY2(box->informativeText().contains(fingerprint), qPrintable(box->informativeText()));
    QVERIFY(loggedIn.isEmpty());
    box->findChild<QPushButton *>(QStringLiteral("trustButton"))->click();
    QVERIFY(loggedIn.wait(15000));
    auto *security = window.findChild<QLabel *>(QStringLiteral("securityStatus"));
    QTRY_VERIFY(security->text().startsWith(QLatin1String("Encrypted")));
    QFile file(known);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains(fingerprint.toLatin1()));
    file.close();

    // Another certificate on the same address: stopped, explained, nothing to click through.
    window.session()->logOut();
    server.reset();
    config.dataDir = secondData.path();
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), port}};
    server = std::make_unique<ServerRuntime>();
    QVERIFY2(server->start(config, &error), qPrintable(error));
    QSignalSpy failed(window.session(), &ClientSession::loginFailed);
    window.session()->logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("tina"), QStringLiteral("pw"));
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.first().at(0).value<Protocol::Error>().code, Protocol::ErrorCode::CertificateChanged);
    QMessageBox *changed = nullptr;
    QTRY_VERIFY((changed = window.findChild<QMessageBox *>(QStringLiteral("certificateChangedBox"))) && changed->isVisible());
    QVERIFY(changed->text().contains(fingerprint) && changed->text().contains(server->tlsFingerprint()));
    QCOMPARE(changed->buttons().size(), 1); // OK only
    const auto *asked = window.findChild<QMessageBox *>(QStringLiteral("trustServerBox"));
    QVERIFY(!asked || !asked->isVisible()); // not asked again: a changed server is no question
    changed->close();
}

void TestChatGui::shiftEnterMakesNewLine()
{
    MessageInput input;
    QSignalSpy submitted(&input, &MessageInput::submitted);
    QTest::keyClicks(&input, QStringLiteral("one"));
    QTest::keyClick(&input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(&input, QStringLiteral("two"));
    QCOMPARE(submitted.size(), 0);
    QCOMPARE(input.toPlainText(), QStringLiteral("one\ntwo"));
    QTest::keyClick(&input, Qt::Key_Return);
    QCOMPARE(submitted.size(), 1);
    QCOMPARE(submitted.first().first().toString(), QStringLiteral("one\ntwo"));
}

void TestChatGui::dropFileOnChatWindowUploadsIt()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    MainWindow window;
    window.show();
    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    window.session()->logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("dropper"), QStringLiteral("pw"), true);
    QVERIFY(loggedIn.wait(15000));
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->tabForRoom(QStringLiteral("lobby"), false) != nullptr, 5000);
    ChatTab *lobby = window.chatView()->tabForRoom(QStringLiteral("lobby"));
    window.chatView()->tabs()->setCurrentWidget(lobby);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report 报告.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray content(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (int i = 0; i < content.size(); ++i)
        content[i] = char((i * 131) ^ (i >> 9));
    f.write(content);
    f.close();

    // Drop the file on the chat window, as from a file manager.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint pos = window.chatView()->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.chatView(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.chatView(), &drop);
    QVERIFY(drop.isAccepted());

    UploadDialog *dialog = window.chatView()->findChild<UploadDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->room(), QStringLiteral("lobby"));
    QSignalSpy uploaded(dialog, &UploadDialog::fileUploaded);
    QVERIFY(uploaded.wait(30000));
    // The upload belongs to the session's transfer manager; the dialog's row and overall bar show 100%.
    QCOMPARE(window.session()->transfers()->count(), 1);
    QCOMPARE(dialog->uploads().size(), 1);
    QCOMPARE(dialog->uploads().first()->parent(), window.session()->transfers());
    const QAbstractItemModel *rows = dialog->list()->model();
    QCOMPARE(rows->rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(rows->index(0, 0).data(TransferModel::PercentRole).toInt(), 100, 5000);
    QCOMPARE(rows->index(0, 0).data(TransferModel::StateRole).toInt(), int(Transfer::State::Finished));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->list()->overallBar()->value(), 100, 5000);

    // The file appears in the room as a file message; another user downloads it byte-identical.
    QTRY_VERIFY_WITH_TIMEOUT(lobby->plainText().contains(QStringLiteral("report 报告.bin")), 5000);
    ClientSession bob;
    QSignalSpy bobIn(&bob, &ClientSession::roomJoined);
    bob.logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true);
    QVERIFY(bobIn.wait(15000));
    const auto history = bobIn.first().at(2).value<QList<ChatMessage>>();
    QVERIFY(!history.isEmpty());
    const FileInfo file = history.last().file;
    QCOMPARE(file.name, QStringLiteral("report 报告.bin"));
    QTemporaryDir out;
    DownloadDialog downloads(bob.transfers());
    downloads.setDirectory(out.path());
    QSignalSpy done(&downloads, &DownloadDialog::fileDownloaded);
    downloads.addDownload(file);
    QVERIFY(done.wait(30000));
    QFile got(done.first().at(1).toString());
    QVERIFY(got.open(QIODevice::ReadOnly));
    QVERIFY(got.readAll() == content);

    // Clicking the file in the chat downloads it through the window's session and shows the
    // downloads dialog.
    TransferManager *transfers = window.session()->transfers();
    transfers->setDownloadDirectory(out.filePath(QStringLiteral("alice")));
    emit window.chatView()->fileActivated(file);
    QVERIFY(window.downloadDialog());
    QVERIFY(window.downloadDialog()->isVisible());
    QCOMPARE(window.downloadDialog()->downloads().size(), 1);
    Downloader *own = window.downloadDialog()->downloads().first();
    QCOMPARE(own->fileId(), file.id);
    QTRY_COMPARE_WITH_TIMEOUT(own->state(), Transfer::State::Finished, 30000);
    QCOMPARE(own->savedPath(), out.filePath(QStringLiteral("alice/report 报告.bin")));
}

QTEST_MAIN(TestChatGui)
#include "tst_chatgui.moc"
