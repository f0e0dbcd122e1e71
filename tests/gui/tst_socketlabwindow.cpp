// The socket lab window driven through its controls (offscreen): a TCP server with two clients
// (send to all, to the selected one, disconnect one), an auto-reply rule, the TCP client with hex
// and repeat, UDP with GBK, saved packets across windows, the inspector fed, accessible names,
// and Tools ▸ Socket lab in the main window.
#include "net/capture/capturebuffer.h"
#include "net/lab/labclientmodel.h"
#include "net/lab/rawtcpclient.h"
#include "net/lab/rawtcpserver.h"
#include "net/lab/repeatsender.h"
#include "net/lab/savedpackets.h"
#include "net/lab/udpendpoint.h"
#include "widgets/inspector/capturemodel.h"
#include "widgets/inspector/inspectorwidget.h"
#include "widgets/lab/socketlabwindow.h"
#include "widgets/mainwindow.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include "collectingsocket.h"

#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUdpSocket>

#include <memory>

using namespace Switchboard;

namespace {

using Peer = Test::CollectingSocket;

template <typename T>
T *child(QWidget *w, const char *name)
{
    T *c = w->findChild<T *>(QLatin1String(name));
    if (!c)
        qWarning("no child %s", name);
    return c;
}

bool logHas(QTreeWidget *log, const QString &direction, const QString &data)
{
    for (int i = 0; i < log->topLevelItemCount(); ++i)
        if (log->topLevelItem(i)->text(1) == direction && log->topLevelItem(i)->text(4) == data)
            return true;
    return false;
}

} // namespace

class TestSocketLabWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void serverModeWithTwoClients();
    void clientModeHexAndRepeat();
    void udpModeGbk();
    void savedPacketsSurviveTheWindow();
    void accessibleNamesAndTabOrder();
    void openedFromTheMainWindow();
};

void TestSocketLabWindow::serverModeWithTwoClients()
{
    QTemporaryDir dir;
    SocketLabWindow lab(dir.filePath(QStringLiteral("packets.json")));
    lab.show();
    lab.setMode(SocketLabWindow::Mode::TcpServer);
    child<QSpinBox>(&lab, "serverPort")->setValue(0);
    child<QPushButton>(&lab, "listen")->click();
    QVERIFY2(lab.tcpServer()->isListening(), qPrintable(lab.statusLabel()->text()));
    const quint16 port = quint16(child<QSpinBox>(&lab, "serverPort")->value());
    QCOMPARE(port, lab.tcpServer()->serverPort());

    Peer a, b;
    a.socket->connectToHost(QHostAddress::LocalHost, port);
    b.socket->connectToHost(QHostAddress::LocalHost, port);
    auto *clients = child<QListView>(&lab, "clients");
    QTRY_COMPARE_WITH_TIMEOUT(clients->model()->rowCount(), 2, 5000);

    // To all.
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("hi all\\n"));
    QVERIFY(child<QCheckBox>(&lab, "toAll")->isChecked());
    child<QPushButton>(&lab, "send")->click();
    QTRY_COMPARE_WITH_TIMEOUT(a.received, QByteArray("hi all\n"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(b.received, QByteArray("hi all\n"), 5000);
    QVERIFY(logHas(lab.log(), QStringLiteral("out"), QStringLiteral("hi all\\n")));

    // To the selected one: selecting a client unticks "all".
    clients->setCurrentIndex(clients->model()->index(0, 0));
    QVERIFY(!child<QCheckBox>(&lab, "toAll")->isChecked());
    const QString selectedPeer = clients->model()->index(0, 0).data(LabClientModel::PeerRole).toString();
    Peer &selected = selectedPeer.endsWith(QLatin1Char(':') + QString::number(a.socket->localPort())) ? a : b;
    Peer &other = &selected == &a ? b : a;
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("only you"));
    child<QPushButton>(&lab, "send")->click();
    QTRY_COMPARE_WITH_TIMEOUT(selected.received, QByteArray("hi all\nonly you"), 5000);

    // An upper-case echo rule answers each chunk.
    auto *kind = child<QComboBox>(&lab, "ruleKind");
    kind->setCurrentIndex(kind->findData(int(AutoReplyRule::Kind::UpperEcho)));
    child<QPushButton>(&lab, "addRule")->click();
    QCOMPARE(child<QListWidget>(&lab, "rules")->count(), 1);
    other.socket->write("shout");
    QTRY_COMPARE_WITH_TIMEOUT(other.received, QByteArray("hi all\nSHOUT"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(logHas(lab.log(), QStringLiteral("auto-reply"), QStringLiteral("SHOUT")), 5000);
    QVERIFY(logHas(lab.log(), QStringLiteral("in"), QStringLiteral("shout")));
    // Unticked, the rule is off: the next chunk gets no answer (a later send shows it).
    child<QListWidget>(&lab, "rules")->item(0)->setCheckState(Qt::Unchecked);
    QVERIFY(!lab.autoReplier().rules().first().enabled);
    QSignalSpy in(lab.tcpServer(), &RawTcpServer::received);
    other.socket->write("quiet");
    QVERIFY(in.wait(5000));
    child<QCheckBox>(&lab, "toAll")->setChecked(true);
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("."));
    child<QPushButton>(&lab, "send")->click();
    QTRY_COMPARE_WITH_TIMEOUT(other.received, QByteArray("hi all\nSHOUT."), 5000);

    // Disconnect the selected client.
    QSignalSpy closed(selected.socket.get(), &QTcpSocket::disconnected);
    clients->setCurrentIndex(clients->model()->index(0, 0));
    child<QPushButton>(&lab, "dropClient")->click();
    QVERIFY(closed.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(clients->model()->rowCount(), 1, 5000);

    // Everything is in the inspector.
    QTRY_VERIFY_WITH_TIMEOUT(lab.inspector()->model()->rowCount() >= 8, 5000);
    QVERIFY(lab.capture()->count() >= 8);
}

void TestSocketLabWindow::clientModeHexAndRepeat()
{
    QTemporaryDir dir;
    SocketLabWindow lab(dir.filePath(QStringLiteral("packets.json")));
    lab.show();
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray got;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = server.nextPendingConnection();
        connect(s, &QTcpSocket::readyRead, s, [&got, s] {
            got += s->readAll();
            s->write("ack");
        });
    });
    lab.setMode(SocketLabWindow::Mode::TcpClient);
    child<QLineEdit>(&lab, "clientHost")->setText(QStringLiteral("127.0.0.1"));
    child<QSpinBox>(&lab, "clientPort")->setValue(server.serverPort());
    QSignalSpy connected(lab.tcpClient(), &RawTcpClient::connected);
    child<QPushButton>(&lab, "connect")->click();
    QVERIFY(connected.wait(5000));
    QCOMPARE(child<QPushButton>(&lab, "connect")->text(), QObject::tr("Disconnect"));

    child<QCheckBox>(&lab, "hex")->setChecked(true);
    QVERIFY(!child<QComboBox>(&lab, "encoding")->isEnabled());
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("48 69"));
    child<QPushButton>(&lab, "send")->click();
    QTRY_COMPARE_WITH_TIMEOUT(got, QByteArray("Hi"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(logHas(lab.log(), QStringLiteral("in"), QStringLiteral("ack")), 5000);

    // Bad hex: nothing sent, the reason shown.
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("4"));
    child<QPushButton>(&lab, "send")->click();
    QVERIFY(lab.statusLabel()->text().contains(QStringLiteral("digit")));

    // Repeat three times, 10 ms apart.
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("2e"));
    child<QCheckBox>(&lab, "repeat")->setChecked(true);
    child<QSpinBox>(&lab, "interval")->setValue(10);
    child<QSpinBox>(&lab, "count")->setValue(3);
    QSignalSpy finished(lab.repeater(), &RepeatSender::finished);
    child<QPushButton>(&lab, "send")->click();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(got, QByteArray("Hi..."), 5000);

    QSignalSpy gone(lab.tcpClient(), &RawTcpClient::disconnected);
    child<QPushButton>(&lab, "connect")->click();
    QTRY_COMPARE_WITH_TIMEOUT(gone.count(), 1, 5000); // may come at once: nothing was left to write
    QCOMPARE(child<QPushButton>(&lab, "connect")->text(), QObject::tr("Connect"));
}

void TestSocketLabWindow::udpModeGbk()
{
    QTemporaryDir dir;
    SocketLabWindow lab(dir.filePath(QStringLiteral("packets.json")));
    lab.show();
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    lab.setMode(SocketLabWindow::Mode::Udp);
    child<QSpinBox>(&lab, "udpPort")->setValue(0);
    child<QPushButton>(&lab, "bind")->click();
    QVERIFY2(lab.udpEndpoint()->isBound(), qPrintable(lab.statusLabel()->text()));
    child<QLineEdit>(&lab, "udpTargetHost")->setText(QStringLiteral("127.0.0.1"));
    child<QSpinBox>(&lab, "udpTargetPort")->setValue(peer.localPort());
    auto *encoding = child<QComboBox>(&lab, "encoding");
    encoding->setCurrentIndex(encoding->findData(int(PayloadCodec::Format::Gbk)));
    child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("你好"));
    QSignalSpy ready(&peer, &QUdpSocket::readyRead);
    child<QPushButton>(&lab, "send")->click();
    QVERIFY(ready.wait(5000));
    QHostAddress from;
    quint16 fromPort = 0;
    QByteArray datagram(int(peer.pendingDatagramSize()), Qt::Uninitialized);
    peer.readDatagram(datagram.data(), datagram.size(), &from, &fromPort);
    if (PayloadCodec::gbkAvailable())
        QCOMPARE(datagram, QByteArray("\xc4\xe3\xba\xc3"));
    QCOMPARE(fromPort, lab.udpEndpoint()->localPort());

    // The answer shows in the log, decoded as GBK.
    peer.writeDatagram(QByteArray("\xc4\xe3\xba\xc3!"), QHostAddress::LocalHost, fromPort);
    if (PayloadCodec::gbkAvailable())
        QTRY_VERIFY_WITH_TIMEOUT(logHas(lab.log(), QStringLiteral("in"), QStringLiteral("你好!")), 5000);
    int datagrams = 0;
    for (const CaptureRecord &r : lab.capture()->snapshot())
        datagrams += r.kind == CaptureRecord::Kind::Datagram;
    QCOMPARE(datagrams, 2);
}

void TestSocketLabWindow::savedPacketsSurviveTheWindow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("packets.json"));
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    {
        SocketLabWindow lab(path);
        lab.setMode(SocketLabWindow::Mode::Udp);
        child<QLineEdit>(&lab, "udpTargetHost")->setText(QStringLiteral("127.0.0.1"));
        child<QSpinBox>(&lab, "udpTargetPort")->setValue(peer.localPort());
        child<QPlainTextEdit>(&lab, "sendEdit")->setPlainText(QStringLiteral("saved\\r\\n"));
        lab.savePacket(QStringLiteral("greeting"));
        QCOMPARE(lab.savedPackets()->rowCount(), 1);
    }
    QVERIFY(QFile::exists(path));
    SocketLabWindow lab(path);
    QCOMPARE(lab.savedPackets()->rowCount(), 1);
    QCOMPARE(lab.savedPackets()->at(0).target, QStringLiteral("127.0.0.1:%1").arg(peer.localPort()));
    QSignalSpy ready(&peer, &QUdpSocket::readyRead);
    lab.sendSaved(0); // one click: its mode, its target
    QVERIFY(ready.wait(5000));
    QCOMPARE(lab.mode(), SocketLabWindow::Mode::Udp);
    QByteArray datagram(int(peer.pendingDatagramSize()), Qt::Uninitialized);
    peer.readDatagram(datagram.data(), datagram.size());
    QCOMPARE(datagram, QByteArray("saved\r\n"));
}

void TestSocketLabWindow::accessibleNamesAndTabOrder()
{
    QTemporaryDir dir;
    SocketLabWindow lab(dir.filePath(QStringLiteral("packets.json")));
    lab.show();
    QSet<QWidget *> labelled;
    for (QLabel *label : lab.findChildren<QLabel *>())
        if (label->buddy())
            labelled.insert(label->buddy());
    QStringList missing;
    for (QWidget *w : lab.findChildren<QWidget *>()) {
        if (lab.inspector()->isAncestorOf(w) || w->focusPolicy() == Qt::NoFocus || w->window() != &lab)
            continue;
        const bool needsName = qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                               || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractItemView *>(w)
                               || qobject_cast<QPlainTextEdit *>(w);
        if (!needsName || qobject_cast<QLineEdit *>(w->parentWidget()) || qobject_cast<QAbstractSpinBox *>(w->parentWidget())
            || qobject_cast<QComboBox *>(w->parentWidget()))
            continue; // the line edit inside a spin box or combo box
        if (w->accessibleName().isEmpty() && !labelled.contains(w))
            missing << QStringLiteral("%1 %2").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));

    // Tab goes down the screen: host, port, connect; send box, encoding, hex, escapes.
    auto after = [](QWidget *w) {
        QWidget *n = w->nextInFocusChain();
        while (n && (n->focusPolicy() == Qt::NoFocus || w->isAncestorOf(n)))
            n = n->nextInFocusChain();
        return n;
    };
    QCOMPARE(after(child<QLineEdit>(&lab, "clientHost")), child<QSpinBox>(&lab, "clientPort"));
    QCOMPARE(after(child<QSpinBox>(&lab, "clientPort")), child<QPushButton>(&lab, "connect"));
    QCOMPARE(after(child<QPlainTextEdit>(&lab, "sendEdit")), child<QComboBox>(&lab, "encoding"));
    QCOMPARE(after(child<QComboBox>(&lab, "encoding")), child<QCheckBox>(&lab, "hex"));
}

void TestSocketLabWindow::openedFromTheMainWindow()
{
    MainWindow window;
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("socketLabAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+L")));
    action->trigger();
    auto *lab = window.findChild<SocketLabWindow *>();
    QVERIFY(lab);
    QTRY_VERIFY(lab->isVisible());
    QVERIFY(lab->isWindow());
    action->trigger(); // the same window again
    QCOMPARE(window.findChildren<SocketLabWindow *>().size(), 1);
}

QTEST_MAIN(TestSocketLabWindow)
#include "tst_socketlabwindow.moc"
