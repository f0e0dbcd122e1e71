// The UDP room tab (widgets/chat/udproomtab.h) in the main window: opened from the Chat menu with
// no server, marked UDP with the warning, gaps, late and recovered messages marked, sending from
// the input, datagrams in the inspector's capture. Runs in a network namespace of its own
// (tests/common/netns.h): the rooms' broadcasts reach no real interface. With
// SWITCHBOARD_SCREENSHOT_DIR set, the tab's PNGs (light and dark) are kept there.
#include "netns.h"

#include "net/capture/capturebuffer.h"
#include "net/protocol/udproomdatagram.h"
#include "net/udproom/udproom.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/udproomtab.h"
#include "widgets/inspector/inspectorwidget.h"
#include "widgets/login/loginpanel.h"
#include "widgets/mainwindow.h"
#include "palettes.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QUdpSocket>

namespace Switchboard {

namespace {

using State = UdpRoomModel::State;

QByteArray carolSays(qint64 seq, const QString &text)
{
    UdpRooms::Datagram d;
    d.kind = UdpRooms::Datagram::Kind::Message;
    d.room = QStringLiteral("lan party");
    d.from = QStringLiteral("c0ffee");
    d.name = QStringLiteral("carol");
    d.seq = seq;
    d.timeMs = QDateTime::currentMSecsSinceEpoch();
    d.text = text;
    return UdpRooms::encode(d);
}

} // namespace

class TestUdpRoomGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void udpRoomTab();

private:
    void save(QWidget *w, const QString &name);
};

void TestUdpRoomGui::save(QWidget *w, const QString &name)
{
    QCoreApplication::processEvents();
    const QImage image = w->grab().toImage();
    QVERIFY(!image.isNull());
    const QString dir = qEnvironmentVariable("SWITCHBOARD_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(image.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
    }
}

void TestUdpRoomGui::udpRoomTab()
{
    MainWindow window;
    window.resize(1000, 640);
    window.show();
    auto *stack = window.findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(window.loginPanel()));
    // The menu entry is there (the dialog itself is modal: the test opens the room directly).
    bool found = false;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu())
            for (QAction *a : menu->menu()->actions())
                found = found || a->text().contains(QStringLiteral("UDP room"));
    QVERIFY(found);

    // No server, no login: the room opens and the chat area shows it.
    QString error;
    UdpRoomTab *tab = window.chatView()->openUdpRoom(QStringLiteral("lan party"), QStringLiteral("alice"), {QStringLiteral("lo")}, &error);
    QVERIFY2(tab, qPrintable(error));
    QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(window.chatView()));
    QTabWidget *tabs = window.chatView()->tabs();
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(tab));
    QVERIFY(tabs->tabText(tabs->currentIndex()).startsWith(QStringLiteral("UDP")));
    QVERIFY(tab->warning()->isVisible());
    QVERIFY(tab->warning()->text().contains(QStringLiteral("unauthenticated and unencrypted")));
    tab->room()->setResendDelayMs(200);

    // Bob loses his 2nd message (asked for, recovered) and sends his 4th after his 5th (late).
    UdpRoom bob;
    bob.setDisplayName(QStringLiteral("bob"));
    bob.setInterfaces({QStringLiteral("lo")});
    QVERIFY(bob.join(QStringLiteral("lan party")));
    QTRY_COMPARE_WITH_TIMEOUT(tab->peerList()->count(), 1, 5000);
    QVERIFY(tab->peerList()->item(0)->text().startsWith(QStringLiteral("bob")));
    bob.dropOutgoingMessage(2);
    bob.holdOutgoingMessage(4);
    const QStringList lines{QStringLiteral("anyone up for a game?"), QStringLiteral("I brought the cables"), QStringLiteral("room 204"),
                            QStringLiteral("bring snacks"), QStringLiteral("starting at 8")};
    for (const QString &l : lines)
        QVERIFY(bob.send(l));
    UdpRoomModel *model = tab->room()->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->countIn(State::Recovered), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(model->countIn(State::Late), 1, 5000);
    // Carol (a raw socket: nobody answers for her) loses her 2nd: asked for, then lost.
    QUdpSocket carol;
    QVERIFY(carol.bind(QHostAddress::LocalHost, 0));
    QVERIFY(carol.writeDatagram(carolSays(1, QStringLiteral("hi all")), QHostAddress(QStringLiteral("127.255.255.255")), tab->room()->port()) > 0);
    QVERIFY(carol.writeDatagram(carolSays(3, QStringLiteral("did you get that?")), QHostAddress(QStringLiteral("127.255.255.255")), tab->room()->port()) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(model->countIn(State::Asked), 1, 5000);

    // Sending from the input line; a text too long for a datagram stays there with the reason.
    QTest::keyClicks(tab->input(), QStringLiteral("count me in"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    QVERIFY(tab->input()->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(bob.model()->rowOf(tab->room()->senderId(), 1) >= 0, 5000);
    const QString text = tab->plainText();
    QVERIFY2(text.contains(QStringLiteral("recovered")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("late")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("message 2 from carol missing")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("alice: count me in")));
    save(&window, QStringLiteral("udp-room"));
    const QPalette light = QApplication::palette();
    QApplication::setPalette(Test::darkPalette());
    save(&window, QStringLiteral("udp-room-dark"));
    QApplication::setPalette(light);

    tab->input()->setText(QString(1500, u'x'));
    tab->sendInput();
    auto *errorLabel = tab->findChild<QLabel *>(QStringLiteral("udpRoomError"));
    QVERIFY(errorLabel->isVisible());
    QVERIFY(errorLabel->text().contains(QStringLiteral("1200")));
    QCOMPARE(tab->input()->text().size(), 1500);

    // Every datagram went to the window's capture (the client inspector).
    const QVector<CaptureRecord> records = window.clientCapture()->snapshot();
    int in = 0;
    int out = 0;
    for (const CaptureRecord &r : records)
        if (r.kind == CaptureRecord::Kind::Datagram && r.transport == CaptureRecord::Transport::Udp)
            ++(r.direction == CaptureRecord::Direction::In ? in : out);
    QVERIFY(in >= 6);
    QVERIFY(out >= 3); // hello, the resend requests, the message
    // And the inspector lists them.
    InspectorWidget *inspector = window.inspector();
    qobject_cast<QDockWidget *>(inspector->parentWidget())->show();
    window.resize(1000, 900);
    QTRY_VERIFY_WITH_TIMEOUT(inspector->packetList()->model()->rowCount() >= in + out, 5000);
    inspector->packetList()->selectRow(2);
    save(&window, QStringLiteral("udp-room-inspector"));

    // Closing the tab leaves the room (bob hears the bye) and, not logged in, shows the login panel.
    const QString aliceId = tab->room()->senderId();
    auto bobKnowsAlice = [&] {
        for (const UdpRoomPeer &p : bob.peers())
            if (p.id == aliceId)
                return true;
        return false;
    };
    QVERIFY(bobKnowsAlice());
    QSignalSpy changed(window.chatView(), &ChatView::udpRoomsChanged);
    emit tabs->tabCloseRequested(tabs->indexOf(tab));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(window.loginPanel()));
    QTRY_VERIFY_WITH_TIMEOUT(!bobKnowsAlice(), 5000);
}

} // namespace Switchboard

int main(int argc, char **argv)
{
    if (const auto status = Switchboard::Test::enterTestNetwork(argc, argv))
        return *status;
    QApplication app(argc, argv);
    Switchboard::TestUdpRoomGui test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_udproomgui.moc"
