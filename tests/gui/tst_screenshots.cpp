// Renders the main screens with real content. With SWITCHBOARD_SCREENSHOT_DIR set, the PNGs are
// kept there (docs and visual review); either way the test checks the windows render.
#include "widgets/chat/chattab.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/dropoverlay.h"
#include "widgets/chat/emojipicker.h"
#include "widgets/chat/messageinput.h"
#include "widgets/chat/searchbar.h"
#include "widgets/help/shortcutsdialog.h"
#include "widgets/settings/settingsdialog.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "net/protocol/messages.h"
#include "net/client/transfermanager.h"
#include "net/client/transfermodel.h"
#include "net/transfer/uploader.h"
#include "widgets/transfer/transferlist.h"
#include "widgets/transfer/uploaddialog.h"
#include "net/core/translations.h"
#include "widgets/inspector/inspectorwidget.h"
#include "widgets/inspector/streamview.h"
#include "widgets/lab/socketlabwindow.h"
#include "widgets/inspector/capturefilewindow.h"
#include "widgets/inspector/framedstreamview.h"
#include "widgets/proxy/proxywindow.h"
#include "net/capture/capturebuffer.h"
#include "net/lab/rawtcpserver.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "testserver.h"

#include "palettes.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QDockWidget>
#include <QTableView>
#include <QTest>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QtEndian>

using namespace Switchboard;

class TestScreenshots : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The window's remembered size and docks live in QSettings: start from none, every run.
        QVERIFY(m_config.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
        installTranslations(*qApp); // SWITCHBOARD_LANG=zh_CN renders the Chinese screens
    }
    void loginAndChat();
    void uploadDialog();
    void connectingCanBeCancelledAndExplained();
    void socketLab();
    void proxyAndCaptureWindows();

private:
    void save(QWidget *w, const QString &name);
    QTemporaryDir m_config;
};


void TestScreenshots::save(QWidget *w, const QString &name)
{
    QCoreApplication::processEvents();
    const QImage image = w->grab().toImage();
    QVERIFY(!image.isNull());
    // Something was drawn: not a single flat colour.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 10, qPrintable(name));
    const QString dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(image.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }
}

void TestScreenshots::loginAndChat()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    MainWindow window;
    window.resize(1000, 640);
    window.show();
    LoginPanel *panel = window.loginPanel();
    panel->setServer(QStringLiteral("127.0.0.1"), server.port());
    panel->setUser(QStringLiteral("alice"));
    panel->setPassword(QStringLiteral("secret"));
    save(&window, QStringLiteral("login"));
    panel->setEncrypted(false); // Test::TestServer is plaintext

    QSignalSpy loggedIn(window.session(), &ClientSession::loggedIn);
    panel->findChild<QLineEdit *>(QStringLiteral("password"))->setFocus();
    QTest::keyClick(panel->findChild<QLineEdit *>(QStringLiteral("password")), Qt::Key_Return);
    QVERIFY(!loggedIn.wait(3000)); // no such user yet
    save(&window, QStringLiteral("login-error"));

    panel->setPassword(QStringLiteral("secret"));
    window.session()->logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("alice"), QStringLiteral("secret"), true);
    QVERIFY(loggedIn.wait(15000));

    ClientSession bob;
    QSignalSpy bobIn(&bob, &ClientSession::roomJoined);
    bob.logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("小明"), QStringLiteral("pw"), true);
    QVERIFY(bobIn.wait(15000));
    bob.sendToRoom(QStringLiteral("lobby"), QStringLiteral("大家好！今天下午三点开会。"));
    bob.sendToRoom(QStringLiteral("lobby"), QStringLiteral("Docs: https://example.org/switchboard"));
    ChatTab *lobby = window.chatView()->tabForRoom(QStringLiteral("lobby"));
    QTRY_VERIFY_WITH_TIMEOUT(lobby->plainText().contains(QStringLiteral("三点")), 5000);
    window.session()->sendToRoom(QStringLiteral("lobby"), QStringLiteral("OK, see you there 👍"));
    QTRY_VERIFY_WITH_TIMEOUT(lobby->plainText().contains(QStringLiteral("see you")), 5000);
    bob.sendToUser(QStringLiteral("alice"), QStringLiteral("私聊：你收到了吗？"));
    QTRY_VERIFY_WITH_TIMEOUT(window.chatView()->tabForUser(QStringLiteral("小明"), false), 5000);
    // Rows the server does not produce on demand, put straight into the conversation: a file
    // card, a line waiting to be sent, a refused one.
    FileInfo file;
    file.id = 1;
    file.name = QStringLiteral("会议纪要 minutes.pdf");
    file.size = 348160;
    file.owner = QStringLiteral("小明");
    ChatMessage shared;
    shared.id = 100000;
    shared.timestampMs = QDateTime::currentMSecsSinceEpoch();
    shared.room = QStringLiteral("lobby");
    shared.sender = file.owner;
    shared.text = file.name;
    shared.file = file;
    ConversationStore *store = window.session()->conversations();
    store->addMessage(shared);
    store->addPending(QStringLiteral("lobby"), QString(), 900001, QStringLiteral("Sending while the network is down…"));
    store->addPending(QStringLiteral("lobby"), QString(), 900002, QStringLiteral("#general is not a room I joined"));
    store->markRejected(900002, QStringLiteral("Join room \"general\" before sending to it."));
    lobby->input()->insertPlainText(QStringLiteral("typing…"));
    QTRY_VERIFY_WITH_TIMEOUT(lobby->plainText().contains(file.name), 5000);
    save(&window, QStringLiteral("chat"));

    // The same screen in a dark palette: bubbles, links and cards take the palette's colours.
    const QPalette light = QApplication::palette();
    QApplication::setPalette(Test::darkPalette());
    save(&window, QStringLiteral("chat-dark"));
    QApplication::setPalette(light);

    // The inspector under the chat, in both palettes: row tints, hex regions and the stream
    // diagram come from the palette too.
    auto *inspector = window.findChild<InspectorWidget *>();
    QVERIFY(inspector);
    auto *dock = qobject_cast<QDockWidget *>(inspector->parentWidget());
    QVERIFY(dock);
    dock->show();
    window.resize(1100, 900);
    QTRY_VERIFY_WITH_TIMEOUT(inspector->packetList()->model()->rowCount() > 5, 5000);
    inspector->packetList()->selectRow(3);
    save(&window, QStringLiteral("inspector"));
    QApplication::setPalette(Test::darkPalette());
    save(&window, QStringLiteral("inspector-dark"));
    QApplication::setPalette(light);
    dock->hide();
    window.resize(1000, 640);

    // Desktop pieces: history search, the drop target, the emoji grid, Settings, shortcuts.
    window.chatView()->tabs()->setCurrentWidget(lobby);
    window.chatView()->findInHistory();
    SearchBar *search = lobby->searchBar();
    QTest::keyClicks(search->edit(), QStringLiteral("see"));
    QTest::keyClick(search->edit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(search->results()->count() > 0, 5000);
    save(&window, QStringLiteral("chat-search"));
    QApplication::setPalette(Test::darkPalette());
    save(&window, QStringLiteral("chat-search-dark"));
    QApplication::setPalette(light);
    window.chatView()->dropOverlay()->showFor(QStringLiteral("Drop to send the files to the room lobby"));
    save(&window, QStringLiteral("chat-drop"));
    QApplication::setPalette(Test::darkPalette());
    save(&window, QStringLiteral("chat-drop-dark"));
    QApplication::setPalette(light);
    window.chatView()->dropOverlay()->hide();
    QMenu *emoji = lobby->emojiPicker()->popup();
    emoji->popup(lobby->emojiPicker()->mapToGlobal(QPoint()));
    QTRY_VERIFY(emoji->isVisible());
    save(emoji, QStringLiteral("emoji-picker"));
    emoji->close();
    SettingsDialog settings(window.settings(), &window);
    settings.show();
    save(&settings, QStringLiteral("settings"));
    ShortcutsDialog shortcuts(&window, &window);
    shortcuts.show();
    save(&shortcuts, QStringLiteral("shortcuts"));
}

void TestScreenshots::uploadDialog()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    ClientSession session;
    QSignalSpy joined(&session, &ClientSession::roomJoined);
    session.logIn(QStringLiteral("127.0.0.1"), server.port(), QStringLiteral("alice"), QStringLiteral("secret"), true);
    QVERIFY(joined.wait(15000));
    TransferManager *transfers = session.transfers();
    transfers->setMaxConcurrent(TransferManager::Direction::Upload, 1);

    QTemporaryDir dir;
    auto file = [&](const QString &name, qint64 size) {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(QByteArray(size, 'x'));
        return path;
    };
    UploadDialog *dialog = UploadDialog::forTarget(transfers, QStringLiteral("lobby"), QString(), nullptr);
    dialog->resize(640, 480);
    dialog->show();
    // Done, failed (the file vanished), paused half way, done.
    dialog->addPaths({file(QStringLiteral("季度报告 Q3.pdf"), 300000), file(QStringLiteral("notes.txt"), 1000)});
    QFile::remove(dir.filePath(QStringLiteral("notes.txt")));
    dialog->addPaths({file(QStringLiteral("holiday-video.mp4"), 48 << 20), file(QStringLiteral("photos.zip"), 24 << 20)});
    const QList<Uploader *> ups = dialog->uploads();
    QCOMPARE(ups.size(), 4);
    ups[2]->setSendWindow(16 * 1024);
    // Paused as soon as a third is sent (polling could miss it: loopback is fast).
    connect(ups[2], &Transfer::progress, transfers, [transfers, up = ups[2]](qint64 done, qint64 total) {
        if (done > total / 3)
            transfers->pause(up);
    });
    QTRY_COMPARE_WITH_TIMEOUT(ups[2]->state(), Transfer::State::Paused, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(ups[3]->state(), Transfer::State::Finished, 30000);
    // The list has caught up with the transfers (the model reports within 100 ms).
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->list()->sourceModel()->hasPendingChanges(), 5000);
    QCOMPARE(ups[0]->state(), Transfer::State::Finished);
    QCOMPARE(ups[1]->state(), Transfer::State::Failed);
    QCOMPARE(ups[2]->state(), Transfer::State::Paused);
    save(dialog, QStringLiteral("upload-dialog"));
    delete dialog;
}

// The socket lab serving two raw clients (one auto-reply rule, a saved packet), then its inspector
// showing one client's reads through the tutorials' framing.
void TestScreenshots::socketLab()
{
    QTemporaryDir dir;
    SocketLabWindow lab(dir.filePath(QStringLiteral("packets.json")));
    lab.resize(1200, 900);
    lab.show();
    lab.setMode(SocketLabWindow::Mode::TcpServer);
    lab.findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(0);
    lab.findChild<QPushButton *>(QStringLiteral("listen"))->click();
    QVERIFY(lab.tcpServer()->isListening());
    QTcpSocket a, b;
    a.connectToHost(QHostAddress::LocalHost, lab.tcpServer()->serverPort());
    b.connectToHost(QHostAddress::LocalHost, lab.tcpServer()->serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(lab.tcpServer()->clientCount(), 2, 5000);
    AutoReplyRule match;
    match.kind = AutoReplyRule::Kind::Match;
    match.pattern = QStringLiteral("ping");
    match.reply = "pong\n";
    lab.addRule(match);
    AutoReplyRule upper;
    upper.kind = AutoReplyRule::Kind::UpperEcho;
    lab.addRule(upper);
    lab.findChild<QPlainTextEdit *>(QStringLiteral("sendEdit"))->setPlainText(QStringLiteral("hello, clients\\r\\n"));
    lab.savePacket(QStringLiteral("greeting"));
    lab.findChild<QPushButton *>(QStringLiteral("send"))->click();
    b.write("ping from b\n");
    // Two tutorial uploads written badly cut: sticky and split under the tutorial framing.
    auto message = [](const QByteArray &name, const QByteArray &data) {
        const QByteArray head = "{\"filename\": \"" + name + "\", \"filesize\": " + QByteArray::number(data.size()) + "}";
        QByteArray out(4, Qt::Uninitialized);
        qToLittleEndian<qint32>(qint32(head.size()), out.data());
        return out + head + data;
    };
    const QByteArray two = message("notes.txt", "first file") + message("photo.jpg", QByteArray(120, '\xff'));
    a.write(two.left(two.size() - 60));
    QTRY_VERIFY_WITH_TIMEOUT(lab.log()->topLevelItemCount() >= 8, 5000);
    a.write(two.right(60));
    QTRY_VERIFY_WITH_TIMEOUT(lab.log()->topLevelItemCount() >= 10, 5000);
    save(&lab, QStringLiteral("socket-lab"));

    // The inspector's stream view of client a's reads, through the tutorials' framing.
    quint64 connection = 0, seq = 0;
    for (const CaptureRecord &r : lab.capture()->snapshot())
        if (r.kind == CaptureRecord::Kind::Chunk && r.direction == CaptureRecord::Direction::In && r.peerPort == a.localPort())
            connection = r.connectionId;
    QVERIFY(connection);
    seq = lab.capture()->endSequence() - 1;
    lab.showInspector();
    InspectorWidget *inspector = lab.inspector();
    inspector->findChild<QTabWidget *>()->setCurrentWidget(inspector->streamView());
    inspector->streamView()->setFraming(StreamAnalyzer::Framing::Tutorial);
    inspector->streamView()->showConnection(connection, CaptureRecord::Direction::In, seq);
    QCOMPARE(inspector->streamView()->result().frames.size(), 2);
    save(&lab, QStringLiteral("socket-lab-stream"));
}

// Tools ▸ Framing proxy cutting a tutorial-style upload into 3-byte pieces, and File ▸ Open
// capture on a tcpdump capture of such an upload; each in the light and the dark palette.
void TestScreenshots::proxyAndCaptureWindows()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost));
    ProxyWindow proxy;
    proxy.resize(1200, 860);
    proxy.show();
    ProxyKnobs split;
    split.splitMin = split.splitMax = 3;
    split.splitDelayMs = 0;
    proxy.setKnobs(0, split);
    QString why;
    QVERIFY2(proxy.startProxy(QStringLiteral("127.0.0.1:0"), QStringLiteral("127.0.0.1:%1").arg(target.serverPort()), &why),
             qPrintable(why));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, proxy.proxies().first().listenPort);
    QTRY_VERIFY(target.hasPendingConnections());
    QTcpSocket *server = target.nextPendingConnection();
    QByteArray got;
    connect(server, &QTcpSocket::readyRead, this, [&] { got += server->readAll(); });
    const QByteArray head = R"({"cmd": "upload", "filename": "例.txt", "filesize": 12})";
    QByteArray message(4, Qt::Uninitialized);
    qToLittleEndian<qint32>(qint32(head.size()), message.data());
    message += head + "hello, world";
    client.write(message);
    QTRY_COMPARE_WITH_TIMEOUT(got, message, 5000);
    QTRY_COMPARE(proxy.connectionRows(), 1);
    proxy.streamView()->setFraming(QStringLiteral("tutorial"));
    proxy.showConnection(0);
    QCOMPARE(proxy.streamView()->result().messages.size(), 1);
    save(&proxy, QStringLiteral("proxy"));
    const QPalette light = QApplication::palette();
    QApplication::setPalette(Test::darkPalette());
    save(&proxy, QStringLiteral("proxy-dark"));
    QApplication::setPalette(light);

    CaptureFileWindow capture;
    capture.resize(1200, 800);
    capture.show();
    QSignalSpy loaded(&capture, &CaptureFileWindow::loaded);
    capture.openFile(qEnvironmentVariable("SWITCHBOARD_SOURCE_DIR") + QStringLiteral("/tests/fuzz/corpus/pcapimport/tutorial_lo.pcap"));
    QVERIFY(loaded.wait(10000));
    capture.showConversation(0);
    QTest::qWait(200);
    save(&capture, QStringLiteral("capture"));
    QApplication::setPalette(Test::darkPalette());
    save(&capture, QStringLiteral("capture-dark"));
    QApplication::setPalette(light);
}

QTEST_MAIN(TestScreenshots)
// Logging in to a port that accepts and says nothing shows Cancel, which gives the panel back;
// a port that speaks another protocol (an SSH banner) is explained in plain words.
void TestScreenshots::connectingCanBeCancelledAndExplained()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QTcpServer ssh;
    QVERIFY(ssh.listen(QHostAddress::LocalHost, 0));
    connect(&ssh, &QTcpServer::newConnection, this, [&ssh] {
        while (QTcpSocket *s = ssh.nextPendingConnection())
            s->write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
    });
    MainWindow window;
    window.resize(1000, 640);
    window.show();
    LoginPanel *panel = window.loginPanel();
    auto *cancel = panel->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    auto *login = panel->findChild<QPushButton *>(QStringLiteral("loginButton"));
    QVERIFY(cancel && login);
    QVERIFY(!cancel->isVisible());
    panel->setServer(QStringLiteral("127.0.0.1"), silent.serverPort());
    panel->setEncrypted(false); // how the protocol layer meets a peer that does not speak it
    panel->setUser(QStringLiteral("alice"));
    panel->setPassword(QStringLiteral("secret"));
    login->click();
    QTRY_VERIFY(cancel->isVisible() && cancel->isEnabled());
    QVERIFY(!login->isEnabled());
    save(&window, QStringLiteral("login-connecting"));
    cancel->click();
    QTRY_VERIFY(!cancel->isVisible());
    QVERIFY(login->isEnabled());
    QCOMPARE(window.session()->status(), ClientSession::Status::Offline);

    QSignalSpy failed(window.session(), &ClientSession::loginFailed);
    panel->setServer(QStringLiteral("127.0.0.1"), ssh.serverPort());
    panel->setPassword(QStringLiteral("secret"));
    login->click();
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).value<Protocol::Error>().code, Protocol::ErrorCode::NotSwitchboard);
    auto *status = panel->findChild<QLabel *>(QStringLiteral("loginStatus"));
    QVERIFY(status->text().contains(QLatin1String("SSH-2.0-OpenSSH_9.2p1")));
    QVERIFY(login->isEnabled());
    save(&window, QStringLiteral("login-not-switchboard"));
}

#include "tst_screenshots.moc"

