// Serverless UDP rooms (docs/PROTOCOL.md section 13), end to end over real UDP sockets. Everything
// runs in a network namespace of the test's own (tests/common/netns.h): the rooms' broadcasts and
// multicasts reach only loopback and a veth pair with TEST-NET addresses, never a real interface.
#include "docsnippet.h"
#include "netns.h"

#include "net/capture/capturerecord.h"
#include "net/protocol/udproomdatagram.h"
#include "net/udproom/udproom.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <memory>

namespace Switchboard {

namespace {

using State = UdpRoomModel::State;
const QHostAddress LoopbackBroadcast(QStringLiteral("127.255.255.255"));

class RecordingSink : public CaptureSink
{
public:
    void record(const CaptureRecord &r) override { records.append(r); }
    int count(CaptureRecord::Direction direction, const QString &text) const
    {
        int n = 0;
        for (const CaptureRecord &r : records)
            n += r.kind == CaptureRecord::Kind::Datagram && r.transport == CaptureRecord::Transport::Udp
                    && r.direction == direction && r.text == text ? 1 : 0;
        return n;
    }
    QList<CaptureRecord> records;
};

std::unique_ptr<UdpRoom> joined(const QString &room, const QString &name, const QStringList &interfaces = {})
{
    auto r = std::make_unique<UdpRoom>();
    r->setDisplayName(name);
    r->setInterfaces(interfaces);
    QString error;
    if (!r->join(room, &error))
        qWarning("join: %s", qPrintable(error));
    return r;
}

// The row of a peer's message, by sender and sequence number; -1 if none.
int rowOf(const UdpRoom &at, const UdpRoom &from, qint64 seq)
{
    return at.model()->rowOf(from.senderId(), seq);
}

QString textAt(const UdpRoom &room, int row)
{
    return room.model()->index(row).data(UdpRoomModel::TextRole).toString();
}

State stateOf(const UdpRoom &at, const UdpRoom &from, qint64 seq)
{
    const int row = rowOf(at, from, seq);
    return row < 0 ? State::Missing : at.model()->state(row);
}

bool knows(const UdpRoom &room, const UdpRoom &peer)
{
    for (const UdpRoomPeer &p : room.peers())
        if (p.id == peer.senderId())
            return true;
    return false;
}

// A message as a bare socket (a program that is not UdpRoom) would send it.
UdpRooms::Datagram message(const QString &room, const QString &from, qint64 seq, const QString &text)
{
    UdpRooms::Datagram d;
    d.kind = UdpRooms::Datagram::Kind::Message;
    d.room = room;
    d.from = from;
    d.name = from;
    d.seq = seq;
    d.text = text;
    return d;
}

QByteArray resendRequest(const QString &room, const QString &to, QList<qint64> seqs)
{
    UdpRooms::Datagram d;
    d.kind = UdpRooms::Datagram::Kind::Resend;
    d.room = room;
    d.from = QStringLiteral("tester");
    d.to = to;
    d.seqs = seqs;
    return UdpRooms::encode(d);
}

QString cliPath()
{
    return qEnvironmentVariable("SWITCHBOARD_BINARY_DIR") + QStringLiteral("/app/switchboard-cli");
}

} // namespace

class TestUdpRoom : public QObject
{
    Q_OBJECT

private slots:
    void inOwnNamespace();
    void twoRoomsExchangeMessages();
    void lostDatagramIsMarkedAndRecovered();
    void reorderedDatagramIsMarkedLate();
    void lostLastMessageFoundByHello();
    void resendIsAnsweredOnce();
    void unansweredGapIsAskedOnceThenLost();
    void junkIsIgnoredAndCounted();
    void otherRoomsAreNotMixedIn();
    void tooLongTextIsRefused();
    void everyDatagramIsCaptured();
    void interfaceChoice();
    void leavingIsSeen();
    void cliSendsAndListens();
    void documentedPythonClientIsHeard();
};

void TestUdpRoom::inOwnNamespace()
{
    QStringList names;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces())
        names.append(iface.name());
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("lo"), QStringLiteral("sbva"), QStringLiteral("sbvb")}));
}

void TestUdpRoom::twoRoomsExchangeMessages()
{
    auto alice = joined(QStringLiteral("exchange"), QStringLiteral("alice"));
    auto bob = joined(QStringLiteral("exchange"), QStringLiteral("bob"));
    QVERIFY(alice->isJoined() && bob->isJoined());
    QVERIFY(alice->interfaces().contains(QStringLiteral("lo")));
    QVERIFY(alice->interfaces().contains(QStringLiteral("sbva")));
    // Bob's hello reaches alice, who answers at once: each knows the other.
    QTRY_VERIFY_WITH_TIMEOUT(knows(*alice, *bob) && knows(*bob, *alice), 5000);
    QCOMPARE(alice->peers().first().name, QStringLiteral("bob"));

    QVERIFY(alice->send(QStringLiteral("hello bob")));
    QVERIFY(bob->send(QStringLiteral("hi alice, 你好")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 1) >= 0 && rowOf(*alice, *bob, 1) >= 0, 5000);
    QCOMPARE(textAt(*bob, rowOf(*bob, *alice, 1)), QStringLiteral("hello bob"));
    QCOMPARE(textAt(*alice, rowOf(*alice, *bob, 1)), QStringLiteral("hi alice, 你好"));
    QCOMPARE(stateOf(*bob, *alice, 1), State::InOrder);
    QCOMPARE(stateOf(*alice, *alice, 1), State::Own);
    QCOMPARE(bob->model()->index(rowOf(*bob, *alice, 1)).data(UdpRoomModel::SenderRole).toString(), QStringLiteral("alice"));
    // Every message came over IPv4 broadcast and IPv6 multicast at least: the copies were dropped.
    QVERIFY(alice->send(QStringLiteral("second")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 2) >= 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(bob->duplicateCount() >= 1, 5000);
    QCOMPARE(bob->model()->countIn(State::InOrder), 2);
    QCOMPARE(bob->ignoredCount(), 0);
}

void TestUdpRoom::lostDatagramIsMarkedAndRecovered()
{
    auto alice = joined(QStringLiteral("loss"), QStringLiteral("alice"));
    auto bob = joined(QStringLiteral("loss"), QStringLiteral("bob"));
    bob->setResendDelayMs(300);
    QTRY_VERIFY_WITH_TIMEOUT(knows(*bob, *alice), 5000);
    alice->dropOutgoingMessage(2);
    for (const char *text : {"one", "two", "three"})
        QVERIFY(alice->send(QString::fromLatin1(text)));
    // Three arrives, two is a gap in its place, marked until the resend request brings it.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 3) >= 0, 5000);
    const int gap = rowOf(*bob, *alice, 2);
    QVERIFY(gap >= 0);
    QVERIFY(gap < rowOf(*bob, *alice, 3));
    QVERIFY(stateOf(*bob, *alice, 2) == State::Missing || stateOf(*bob, *alice, 2) == State::Asked
            || stateOf(*bob, *alice, 2) == State::Recovered);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*bob, *alice, 2), State::Recovered, 5000);
    QCOMPARE(rowOf(*bob, *alice, 2), gap); // filled in its place
    QCOMPARE(textAt(*bob, gap), QStringLiteral("two"));
    QCOMPARE(bob->model()->kind(gap), UdpRoomModel::Kind::Message);
    QCOMPARE(bob->resendRequestsSent(), 1);
    QCOMPARE(alice->resendsAnswered(), 1);
    QCOMPARE(stateOf(*bob, *alice, 1), State::InOrder);
    QCOMPARE(stateOf(*bob, *alice, 3), State::InOrder);
}

void TestUdpRoom::reorderedDatagramIsMarkedLate()
{
    auto alice = joined(QStringLiteral("reorder"), QStringLiteral("alice"));
    auto bob = joined(QStringLiteral("reorder"), QStringLiteral("bob"));
    bob->setResendDelayMs(3000); // long enough that the late one comes before anyone asks
    QTRY_VERIFY_WITH_TIMEOUT(knows(*bob, *alice), 5000);
    alice->holdOutgoingMessage(2); // sent right after three
    for (const char *text : {"one", "two", "three"})
        QVERIFY(alice->send(QString::fromLatin1(text)));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 2) >= 0 && bob->model()->kind(rowOf(*bob, *alice, 2)) == UdpRoomModel::Kind::Message,
                             5000);
    QCOMPARE(stateOf(*bob, *alice, 2), State::Late);
    QCOMPARE(textAt(*bob, rowOf(*bob, *alice, 2)), QStringLiteral("two"));
    QVERIFY(rowOf(*bob, *alice, 2) < rowOf(*bob, *alice, 3)); // shown where it belongs
    QCOMPARE(bob->resendRequestsSent(), 0);
}

void TestUdpRoom::lostLastMessageFoundByHello()
{
    // Nothing comes after the lost message: the sender's next hello carries its last sequence
    // number, which shows the gap.
    auto alice = std::make_unique<UdpRoom>();
    alice->setDisplayName(QStringLiteral("alice"));
    alice->setHelloIntervalMs(300);
    QVERIFY(alice->join(QStringLiteral("tail")));
    auto bob = joined(QStringLiteral("tail"), QStringLiteral("bob"));
    bob->setResendDelayMs(100);
    QTRY_VERIFY_WITH_TIMEOUT(knows(*bob, *alice), 5000);
    QVERIFY(alice->send(QStringLiteral("first")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 1) >= 0, 5000);
    alice->dropOutgoingMessage(2);
    QVERIFY(alice->send(QStringLiteral("last words")));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*bob, *alice, 2), State::Recovered, 5000);
    QCOMPARE(textAt(*bob, rowOf(*bob, *alice, 2)), QStringLiteral("last words"));
}

void TestUdpRoom::resendIsAnsweredOnce()
{
    auto alice = joined(QStringLiteral("once"), QStringLiteral("alice"));
    QVERIFY(alice->send(QStringLiteral("m1")));
    QVERIFY(alice->send(QStringLiteral("m2")));
    QUdpSocket asker;
    QVERIFY(asker.bind(QHostAddress::LocalHost, 0));
    // Asked twice for 1 (a repeated or forged request), then for 2; for 9, never sent: nothing.
    QVERIFY(asker.writeDatagram(resendRequest(QStringLiteral("once"), alice->senderId(), {1, 9}), LoopbackBroadcast, alice->port()) > 0);
    QVERIFY(asker.writeDatagram(resendRequest(QStringLiteral("once"), alice->senderId(), {1}), LoopbackBroadcast, alice->port()) > 0);
    QVERIFY(asker.writeDatagram(resendRequest(QStringLiteral("once"), alice->senderId(), {2}), LoopbackBroadcast, alice->port()) > 0);
    QList<qint64> answers;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 while (asker.hasPendingDatagrams()) {
                                     const auto d = UdpRooms::decode(asker.receiveDatagram().data());
                                     if (d && d->kind == UdpRooms::Datagram::Kind::Message)
                                         answers.append(d->seq);
                                 }
                                 return answers.contains(2);
                             }()),
                             5000);
    // Datagrams on loopback keep their order: the answer to 2 came after any second answer to 1.
    QCOMPARE(answers, (QList<qint64>{1, 2}));
    QCOMPARE(alice->resendsAnswered(), 2);
}

void TestUdpRoom::unansweredGapIsAskedOnceThenLost()
{
    auto bob = joined(QStringLiteral("lost"), QStringLiteral("bob"));
    bob->setResendDelayMs(100);
    // Carol is a bare socket: the request comes to her own port, and nobody answers it.
    QUdpSocket carol;
    QVERIFY(carol.bind(QHostAddress::AnyIPv4, 0));
    const QString room = QStringLiteral("lost");
    const QString id = QStringLiteral("c0ffee");
    QVERIFY(carol.writeDatagram(UdpRooms::encode(message(room, id, 1, QStringLiteral("one"))), LoopbackBroadcast, bob->port()) > 0);
    QVERIFY(carol.writeDatagram(UdpRooms::encode(message(room, id, 4, QStringLiteral("four"))), LoopbackBroadcast, bob->port()) > 0);
    QTRY_VERIFY_WITH_TIMEOUT(carol.hasPendingDatagrams(), 5000);
    const auto request = UdpRooms::decode(carol.receiveDatagram().data());
    QVERIFY(request);
    QCOMPARE(int(request->kind), int(UdpRooms::Datagram::Kind::Resend));
    QCOMPARE(request->from, bob->senderId());
    QCOMPARE(request->to, id);
    QCOMPARE(request->seqs, (QList<qint64>{2, 3}));
    QTRY_COMPARE_WITH_TIMEOUT(bob->model()->state(bob->model()->rowOf(id, 2)), State::Lost, 5000);
    QCOMPARE(bob->model()->state(bob->model()->rowOf(id, 3)), State::Lost);
    QCOMPARE(bob->resendRequestsSent(), 1);
    // Once lost, a late answer still fills the gap.
    QVERIFY(carol.writeDatagram(UdpRooms::encode(message(room, id, 2, QStringLiteral("two, at last"))), LoopbackBroadcast, bob->port()) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(bob->model()->state(bob->model()->rowOf(id, 2)), State::Recovered, 5000);
    QCOMPARE(bob->resendRequestsSent(), 1); // asked once, never again
    QVERIFY(!carol.hasPendingDatagrams());
}

void TestUdpRoom::junkIsIgnoredAndCounted()
{
    auto alice = joined(QStringLiteral("junk"), QStringLiteral("alice"));
    auto bob = joined(QStringLiteral("junk"), QStringLiteral("bob"));
    QSignalSpy ignored(bob.get(), &UdpRoom::ignored);
    QUdpSocket attacker;
    QVERIFY(attacker.bind(QHostAddress::AnyIPv4, 0));
    QJsonObject outOfRange
        = QJsonDocument::fromJson(UdpRooms::encode(message(QStringLiteral("junk"), QStringLiteral("mallory"), 1, QStringLiteral("x")))).object();
    outOfRange.insert(QStringLiteral("seq"), 1e300);
    const QList<QByteArray> junk{QByteArray("not json at all"), QByteArray(1300, '{'), QByteArray(),
                                 QByteArray(R"({"magic":"switchboard-udproom","v":1,"type":"msg"})"),
                                 QJsonDocument(outOfRange).toJson(QJsonDocument::Compact),
                                 QByteArray(R"({"magic":"switchboard-discovery","type":"query","v":1})")};
    for (const QByteArray &j : junk)
        QVERIFY(attacker.writeDatagram(j, LoopbackBroadcast, bob->port()) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(bob->ignoredCount(), qint64(junk.size()), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(alice->ignoredCount(), qint64(junk.size()), 5000);
    QCOMPARE(ignored.count(), junk.size());
    QCOMPARE(ignored.at(1).at(1).toString(), QStringLiteral("oversized"));
    // Still working: a real message after the junk arrives.
    QVERIFY(alice->send(QStringLiteral("after the junk")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 1) >= 0, 5000);
    QCOMPARE(bob->model()->countIn(State::InOrder), 1);
}

void TestUdpRoom::otherRoomsAreNotMixedIn()
{
    auto alice = joined(QStringLiteral("room-a"), QStringLiteral("alice"));
    auto carol = joined(QStringLiteral("room-b"), QStringLiteral("carol"));
    auto bob = joined(QStringLiteral("room-a"), QStringLiteral("bob"));
    QVERIFY(carol->send(QStringLiteral("for room b")));
    QVERIFY(alice->send(QStringLiteral("for room a")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*bob, *alice, 1) >= 0, 5000);
    // Carol sent first, on the same port, and loopback keeps the order: bob has seen and dropped it.
    QCOMPARE(rowOf(*bob, *carol, 1), -1);
    QVERIFY(!knows(*bob, *carol));
    QCOMPARE(bob->ignoredCount(), 0); // another room is not junk
}

void TestUdpRoom::tooLongTextIsRefused()
{
    auto alice = joined(QStringLiteral("long"), QStringLiteral("alice"));
    QString error;
    QVERIFY(!alice->send(QString(2000, u'x'), &error));
    QVERIFY2(error.contains(QStringLiteral("1200")), qPrintable(error));
    QVERIFY(!alice->send(QStringLiteral("   "), &error));
    QVERIFY(alice->send(QString(1000, u'x'), &error));
    QCOMPARE(alice->model()->countIn(State::Own), 1);
    UdpRoom notJoined;
    QVERIFY(!notJoined.send(QStringLiteral("hi"), &error));
    QVERIFY(!notJoined.join(QStringLiteral("bad\x01room"), &error));
}

void TestUdpRoom::everyDatagramIsCaptured()
{
    RecordingSink aliceSink;
    RecordingSink bobSink;
    auto alice = std::make_unique<UdpRoom>();
    alice->setCaptureSink(&aliceSink);
    alice->setDisplayName(QStringLiteral("alice"));
    QVERIFY(alice->join(QStringLiteral("captured")));
    auto bob = std::make_unique<UdpRoom>();
    bob->setCaptureSink(&bobSink);
    bob->setResendDelayMs(100);
    QVERIFY(bob->join(QStringLiteral("captured")));
    QTRY_VERIFY_WITH_TIMEOUT(knows(*bob, *alice), 5000);
    alice->dropOutgoingMessage(1);
    QVERIFY(alice->send(QStringLiteral("dropped")));
    QVERIFY(alice->send(QStringLiteral("kept")));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*bob, *alice, 1), State::Recovered, 5000);
    QVERIFY(aliceSink.count(CaptureRecord::Direction::Out, QStringLiteral("udp-room hello")) >= 1);
    QVERIFY(aliceSink.count(CaptureRecord::Direction::Out, QStringLiteral("udp-room msg")) >= 2); // kept + the resend
    QCOMPARE(aliceSink.count(CaptureRecord::Direction::In, QStringLiteral("udp-room resend")), 1);
    QCOMPARE(bobSink.count(CaptureRecord::Direction::Out, QStringLiteral("udp-room resend")), 1);
    QVERIFY(bobSink.count(CaptureRecord::Direction::In, QStringLiteral("udp-room msg")) >= 2);
    // The bytes captured are the datagram as sent.
    for (const CaptureRecord &r : std::as_const(bobSink.records))
        if (r.direction == CaptureRecord::Direction::Out) {
            QVERIFY(UdpRooms::decode(r.bytes));
            QVERIFY(r.peerPort != 0);
        }
}

void TestUdpRoom::interfaceChoice()
{
    auto onLo = joined(QStringLiteral("iface"), QStringLiteral("lo only"), {QStringLiteral("lo")});
    QCOMPARE(onLo->interfaces(), QStringList{QStringLiteral("lo")});
    auto onVeth = joined(QStringLiteral("iface"), QStringLiteral("veth only"), {QStringLiteral("sbva")});
    QCOMPARE(onVeth->interfaces(), QStringList{QStringLiteral("sbva")});
    // The veth's broadcast (192.0.2.255) is delivered locally too: the two meet.
    QVERIFY(onVeth->send(QStringLiteral("via 192.0.2.255")));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(*onLo, *onVeth, 1) >= 0, 5000);
    UdpRoom nowhere;
    nowhere.setInterfaces({QStringLiteral("nosuch0")});
    QString error;
    QVERIFY(!nowhere.join(QStringLiteral("iface"), &error));
    QVERIFY2(error.contains(QStringLiteral("nosuch0")), qPrintable(error));
    QVERIFY(!nowhere.isJoined());
}

void TestUdpRoom::leavingIsSeen()
{
    auto alice = joined(QStringLiteral("leaving"), QStringLiteral("alice"));
    auto bob = joined(QStringLiteral("leaving"), QStringLiteral("bob"));
    QTRY_VERIFY_WITH_TIMEOUT(knows(*alice, *bob), 5000);
    bob->leave();
    QTRY_VERIFY_WITH_TIMEOUT(!knows(*alice, *bob), 5000);
}

void TestUdpRoom::cliSendsAndListens()
{
    auto alice = joined(QStringLiteral("cli"), QStringLiteral("alice"));
    QProcess listener;
    listener.start(cliPath(), {QStringLiteral("udp-room"), QStringLiteral("cli"), QStringLiteral("--listen"), QStringLiteral("--json"),
                               QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--name"), QStringLiteral("script")});
    QVERIFY(listener.waitForStarted(5000));
    // The listener is in once alice has heard its hello.
    QTRY_VERIFY_WITH_TIMEOUT(!alice->peers().isEmpty(), 10000);
    QCOMPARE(alice->peers().first().name, QStringLiteral("script"));
    QVERIFY(alice->send(QStringLiteral("to the script")));
    QTRY_VERIFY_WITH_TIMEOUT(listener.state() == QProcess::NotRunning, 10000);
    QCOMPARE(listener.exitCode(), 0);
    const QJsonObject line = QJsonDocument::fromJson(listener.readAllStandardOutput().trimmed().split('\n').last()).object();
    QCOMPARE(line.value(QStringLiteral("text")).toString(), QStringLiteral("to the script"));
    QCOMPARE(line.value(QStringLiteral("name")).toString(), QStringLiteral("alice"));
    QCOMPARE(line.value(QStringLiteral("seq")).toInt(), 1);
    QCOMPARE(line.value(QStringLiteral("state")).toString(), QStringLiteral("in-order"));

    QProcess sender;
    sender.start(cliPath(), {QStringLiteral("udp-room"), QStringLiteral("cli"), QStringLiteral("--send"), QStringLiteral("from the script"),
                             QStringLiteral("--on"), QStringLiteral("lo")});
    QVERIFY(sender.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(alice->model()->countIn(State::InOrder), 1, 10000);
    const auto rows = alice->model()->match(alice->model()->index(0), UdpRoomModel::TextRole, QStringLiteral("from the script"), -1,
                                            Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(UdpRoomModel::StateRole).value<State>(), State::InOrder);
    QTRY_VERIFY_WITH_TIMEOUT(sender.state() == QProcess::NotRunning, 10000);
    QCOMPARE(sender.exitCode(), 0);
    // Too long for a datagram: refused with a clear message and a non-zero status.
    QProcess tooLong;
    tooLong.start(cliPath(), {QStringLiteral("udp-room"), QStringLiteral("cli"), QStringLiteral("--send"), QString(1500, u'x')});
    QVERIFY(tooLong.waitForFinished(10000));
    QCOMPARE(tooLong.exitCode(), 2);
    QVERIFY(tooLong.readAllStandardError().contains("1200"));
}

void TestUdpRoom::documentedPythonClientIsHeard()
{
    // A stranger's client: the Python snippet of PROTOCOL.md section 13, as it is printed there.
    const QString snippet = Test::protocolSnippet(QStringLiteral("## 13. UDP rooms"));
    QVERIFY(!snippet.isEmpty());
    auto bob = joined(QStringLiteral("py"), QStringLiteral("bob"));
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), snippet + QStringLiteral("say('from python, 你好', room='py')\n")});
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 10000);
    if (python.error() == QProcess::FailedToStart)
        QSKIP("python3 is not installed");
    QCOMPARE(python.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(bob->model()->countIn(State::InOrder), 1, 5000);
    const auto rows = bob->model()->match(bob->model()->index(0), UdpRoomModel::TextRole, QStringLiteral("from python, 你好"), -1,
                                          Qt::MatchExactly);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().data(UdpRoomModel::SenderRole).toString(), QStringLiteral("py"));
    QCOMPARE(bob->ignoredCount(), 0);
}

} // namespace Switchboard

int main(int argc, char **argv)
{
    if (const auto status = Switchboard::Test::enterTestNetwork(argc, argv))
        return *status;
    QCoreApplication app(argc, argv);
    Switchboard::TestUdpRoom test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_udproom.moc"
