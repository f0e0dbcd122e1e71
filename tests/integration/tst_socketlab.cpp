// The socket lab's net side on loopback: a raw TCP server with several clients, a raw TCP client,
// a UDP endpoint, the auto-reply rules, payload encodings, the repeat timer and saved packets;
// every chunk and datagram must reach the capture sink with its stream offset.

#include "net/capture/capturebuffer.h"
#include "net/capture/streamanalyzer.h"
#include "net/lab/autoreplier.h"
#include "net/lab/labclientmodel.h"
#include "net/lab/payloadcodec.h"
#include "net/lab/rawtcpclient.h"
#include "net/lab/rawtcpserver.h"
#include "net/lab/repeatsender.h"
#include "net/lab/savedpackets.h"
#include "net/lab/udpendpoint.h"

#include "collectingsocket.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <QtEndian>

#include <memory>
#include <vector>

using namespace Switchboard;

namespace {

using Peer = Test::CollectingSocket;

QByteArray chunksOf(const CaptureBuffer &buffer, quint64 id, CaptureRecord::Direction dir)
{
    QByteArray out;
    for (const CaptureRecord &r : buffer.snapshot())
        if (r.kind == CaptureRecord::Kind::Chunk && r.connectionId == id && r.direction == dir) {
            if (r.streamOffset != out.size())
                return QByteArrayLiteral("<gap>");
            out += r.bytes;
        }
    return out;
}

AutoReplyRule rule(AutoReplyRule::Kind kind, const QByteArray &reply = {},
                   AutoReplyRule::MatchMode mode = AutoReplyRule::MatchMode::Substring, const QString &pattern = {})
{
    AutoReplyRule r;
    r.kind = kind;
    r.reply = reply;
    r.mode = mode;
    r.pattern = pattern;
    return r;
}

// Listens on a free loopback port (unless listening already) and connects the client to it.
bool connectLab(RawTcpServer &server, RawTcpClient &client)
{
    if (!server.isListening() && !server.listen(QHostAddress::LocalHost, 0))
        return false;
    QSignalSpy connected(&client, &RawTcpClient::connected);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    return connected.wait(5000) && client.isConnected();
}

} // namespace

class TestSocketLab : public QObject
{
    Q_OBJECT
private slots:
    void serverWithSeveralClients();
    void clientTalksToServerThroughRules();
    void autoReplyRules_data();
    void autoReplyRules();
    void invalidRulesAreRefused();
    void udpSendReceiveAndReply();
    void encodings();
    void gbkRoundTrip();
    void repeatTimerCount();
    void savedPacketsPersist();
    void streamUnderTutorialFraming();
};

void TestSocketLab::serverWithSeveralClients()
{
    CaptureBuffer capture;
    RawTcpServer server;
    server.setCaptureSink(&capture);
    QString why;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
    QSignalSpy connected(&server, &RawTcpServer::clientConnected);
    std::vector<std::unique_ptr<Peer>> peers;
    for (int i = 0; i < 3; ++i) {
        peers.push_back(std::make_unique<Peer>());
        peers.back()->socket->connectToHost(QHostAddress::LocalHost, server.serverPort());
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 3, 5000);
    QCOMPARE(connected.count(), 3);
    QCOMPARE(server.clients()->rowCount(), 3);
    const QList<quint64> ids = server.clientIds();

    // Which server-side id belongs to which peer: each says its name.
    QSignalSpy received(&server, &RawTcpServer::received);
    for (int i = 0; i < 3; ++i)
        peers[size_t(i)]->socket->write(QByteArray("peer") + QByteArray::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 3, 5000);
    QHash<quint64, int> peerOf;
    for (const QList<QVariant> &args : received)
        peerOf.insert(args.at(0).toULongLong(), args.at(2).toByteArray().right(1).toInt());
    QCOMPARE(peerOf.size(), 3);

    // To one.
    const quint64 first = ids.at(0);
    QCOMPARE(server.sendTo(first, "just you"), qint64(8));
    Peer &one = *peers[size_t(peerOf.value(first))];
    QTRY_COMPARE_WITH_TIMEOUT(one.received, QByteArray("just you"), 5000);
    for (const auto &p : peers)
        if (p.get() != &one)
            QCOMPARE(p->received, QByteArray());
    QCOMPARE(server.sendTo(999999, "nobody"), qint64(-1));

    // To all.
    QCOMPARE(server.sendToAll("everyone"), 3);
    for (const auto &p : peers)
        QTRY_VERIFY_WITH_TIMEOUT(p->received.endsWith("everyone"), 5000);

    // Disconnect one: it sees the close, the others stay.
    const quint64 second = ids.at(1);
    Peer &gone = *peers[size_t(peerOf.value(second))];
    QSignalSpy closed(gone.socket.get(), &QTcpSocket::disconnected);
    QSignalSpy dropped(&server, &RawTcpServer::clientDisconnected);
    QVERIFY(server.disconnectClient(second));
    QVERIFY(closed.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 2, 5000);
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toULongLong(), second);
    QVERIFY(!server.clientIds().contains(second));
    QCOMPARE(server.sendToAll("rest"), 2);
    for (const auto &p : peers)
        if (p.get() != &gone)
            QTRY_VERIFY_WITH_TIMEOUT(p->received.endsWith("rest"), 5000);
    QVERIFY(!gone.received.endsWith("rest"));

    // The capture holds every byte of each stream, in order, per client.
    const quint64 third = ids.at(2);
    const QByteArray thirdPeer = QByteArray("peer") + QByteArray::number(peerOf.value(third));
    QCOMPARE(chunksOf(capture, third, CaptureRecord::Direction::In), thirdPeer);
    QCOMPARE(chunksOf(capture, first, CaptureRecord::Direction::Out), QByteArray("just youeveryonerest"));
    QCOMPARE(chunksOf(capture, second, CaptureRecord::Direction::Out), QByteArray("everyone"));

    // A client that closes by itself leaves the list too.
    Peer &last = *peers[size_t(peerOf.value(third))];
    last.socket->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);
    server.close();
    QCOMPARE(server.clientCount(), 0);
    QVERIFY(!server.isListening());
}

void TestSocketLab::clientTalksToServerThroughRules()
{
    CaptureBuffer capture;
    AutoReplier upper;
    QVERIFY(upper.setRules({rule(AutoReplyRule::Kind::UpperEcho)}));
    RawTcpServer server;
    server.setAutoReplier(&upper);

    RawTcpClient client;
    client.setCaptureSink(&capture);
    QVERIFY(connectLab(server, client));
    QByteArray back;
    connect(&client, &RawTcpClient::received, this, [&](const QString &, const QByteArray &b) { back += b; });
    QCOMPARE(client.send("hello lab"), qint64(9));
    QTRY_COMPARE_WITH_TIMEOUT(back, QByteArray("HELLO LAB"), 5000);
    QCOMPARE(chunksOf(capture, client.captureId(), CaptureRecord::Direction::Out), QByteArray("hello lab"));
    QCOMPARE(chunksOf(capture, client.captureId(), CaptureRecord::Direction::In), QByteArray("HELLO LAB"));

    QSignalSpy gone(&client, &RawTcpClient::disconnected);
    QTRY_COMPARE_WITH_TIMEOUT(server.clientCount(), 1, 5000);
    server.disconnectClient(server.clientIds().first());
    QVERIFY(gone.wait(5000));
    QVERIFY(!client.isConnected());
    QCOMPARE(client.send("late"), qint64(-1));

    // Connecting to a closed port reports and ends.
    server.close();
    QSignalSpy error(&client, &RawTcpClient::errorOccurred);
    QSignalSpy ended(&client, &RawTcpClient::disconnected);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort() ? server.serverPort() : 1);
    QVERIFY(ended.wait(5000));
    QVERIFY(error.count() >= 1);
}

void TestSocketLab::autoReplyRules_data()
{
    QTest::addColumn<QVector<AutoReplyRule>>("rules");
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<bool>("answered");
    QTest::addColumn<QByteArray>("reply");
    using K = AutoReplyRule::Kind;
    using M = AutoReplyRule::MatchMode;
    const QByteArray gbk("\xc4\xe3\xba\xc3 abc"); // 你好 in GBK: bytes above 0x7f stay as they are
    QTest::newRow("echo") << QVector<AutoReplyRule>{rule(K::Echo)} << QByteArray("ping\r\n") << true << QByteArray("ping\r\n");
    QTest::newRow("upper") << QVector<AutoReplyRule>{rule(K::UpperEcho)} << gbk << true << QByteArray("\xc4\xe3\xba\xc3 ABC");
    QTest::newRow("fixed") << QVector<AutoReplyRule>{rule(K::Fixed, "OK\n")} << QByteArray("anything") << true << QByteArray("OK\n");
    QTest::newRow("substring hit") << QVector<AutoReplyRule>{rule(K::Match, "pong", M::Substring, QStringLiteral("ping"))}
                                   << QByteArray("a ping b") << true << QByteArray("pong");
    QTest::newRow("substring miss") << QVector<AutoReplyRule>{rule(K::Match, "pong", M::Substring, QStringLiteral("ping"))}
                                    << QByteArray("PING") << false << QByteArray();
    QTest::newRow("regex hit") << QVector<AutoReplyRule>{rule(K::Match, "num", M::Regex, QStringLiteral("^id=\\d+$"))}
                               << QByteArray("id=42") << true << QByteArray("num");
    QTest::newRow("regex miss") << QVector<AutoReplyRule>{rule(K::Match, "num", M::Regex, QStringLiteral("^id=\\d+$"))}
                                << QByteArray("id=4x") << false << QByteArray();
    QTest::newRow("hex hit") << QVector<AutoReplyRule>{rule(K::Match, QByteArray("\x06", 1), M::Hex, QStringLiteral("02 ff"))}
                             << QByteArray("\x01\x02\xff\x03", 4) << true << QByteArray("\x06", 1);
    QTest::newRow("hex miss") << QVector<AutoReplyRule>{rule(K::Match, QByteArray("\x06", 1), M::Hex, QStringLiteral("02 ff"))}
                              << QByteArray("\x02\xfe", 2) << false << QByteArray();
    AutoReplyRule off = rule(K::Echo);
    off.enabled = false;
    QTest::newRow("disabled") << QVector<AutoReplyRule>{off} << QByteArray("x") << false << QByteArray();
    QTest::newRow("first match wins")
        << QVector<AutoReplyRule>{rule(K::Match, "A", M::Substring, QStringLiteral("zzz")),
                                  rule(K::Match, "B", M::Substring, QStringLiteral("x")), rule(K::Fixed, "C")}
        << QByteArray("x") << true << QByteArray("B");
}

void TestSocketLab::autoReplyRules()
{
    QFETCH(QVector<AutoReplyRule>, rules);
    QFETCH(QByteArray, in);
    QFETCH(bool, answered);
    QFETCH(QByteArray, reply);
    AutoReplier replier;
    QString why;
    QVERIFY2(replier.setRules(rules, &why), qPrintable(why));
    const auto got = replier.replyTo(in);
    QCOMPARE(got.has_value(), answered);
    if (answered)
        QCOMPARE(*got, reply);
    // Through JSON and back: the same answer.
    AutoReplier again;
    QVERIFY(again.setRules(AutoReplier::fromJson(AutoReplier::toJson(rules))));
    QCOMPARE(again.replyTo(in), got);

    // And over a real socket: the server answers the chunk by the rules.
    RawTcpServer server;
    server.setAutoReplier(&replier);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    Peer peer;
    peer.socket->connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(peer.socket->waitForConnected(5000));
    QSignalSpy received(&server, &RawTcpServer::received);
    QSignalSpy sent(&server, &RawTcpServer::sent);
    peer.socket->write(in);
    QTRY_VERIFY_WITH_TIMEOUT(received.count() >= 1, 5000);
    if (answered) {
        QTRY_COMPARE_WITH_TIMEOUT(peer.received, reply, 5000);
        QCOMPARE(sent.count(), 1);
        QCOMPARE(sent.at(0).at(3).toBool(), true); // marked as an auto-reply
    } else {
        // Prove the silence with a later, positive event: a plain send arrives alone.
        server.sendToAll("marker");
        QTRY_COMPARE_WITH_TIMEOUT(peer.received, QByteArray("marker"), 5000);
    }
}

void TestSocketLab::invalidRulesAreRefused()
{
    AutoReplier replier;
    QVERIFY(replier.setRules({rule(AutoReplyRule::Kind::Echo)}));
    QString why;
    QVERIFY(!replier.setRules({rule(AutoReplyRule::Kind::Match, "x", AutoReplyRule::MatchMode::Regex, QStringLiteral("(a"))}, &why));
    QVERIFY(!why.isEmpty());
    QVERIFY(!replier.setRules({rule(AutoReplyRule::Kind::Match, "x", AutoReplyRule::MatchMode::Hex, QStringLiteral("0g"))}, &why));
    QCOMPARE(replier.rules().size(), 1); // unchanged
    QCOMPARE(replier.rules().first().kind, AutoReplyRule::Kind::Echo);
}

void TestSocketLab::udpSendReceiveAndReply()
{
    CaptureBuffer capture;
    AutoReplier echo;
    QVERIFY(echo.setRules({rule(AutoReplyRule::Kind::UpperEcho)}));
    UdpEndpoint listener;
    listener.setAutoReplier(&echo);
    listener.setCaptureSink(&capture);
    QString why;
    QVERIFY2(listener.bind(QHostAddress::LocalHost, 0, &why), qPrintable(why));

    UdpEndpoint sender;
    sender.setCaptureSink(&capture);
    QVERIFY(sender.bind(QHostAddress::LocalHost, 0));
    QSignalSpy heard(&listener, &UdpEndpoint::received);
    QSignalSpy answer(&sender, &UdpEndpoint::received);
    QCOMPARE(sender.sendTo(QHostAddress::LocalHost, listener.localPort(), "udp hello", &why), qint64(9));
    QVERIFY(answer.wait(5000));
    QCOMPARE(heard.count(), 1);
    QCOMPARE(heard.at(0).at(1).toByteArray(), QByteArray("udp hello"));
    QCOMPARE(heard.at(0).at(0).toString(), QStringLiteral("127.0.0.1:%1").arg(sender.localPort()));
    QCOMPARE(answer.at(0).at(1).toByteArray(), QByteArray("UDP HELLO"));

    // Four datagrams recorded: out and in on each endpoint, with the right peers.
    int datagrams = 0;
    for (const CaptureRecord &r : capture.snapshot()) {
        if (r.kind != CaptureRecord::Kind::Datagram)
            continue;
        ++datagrams;
        QCOMPARE(r.transport, CaptureRecord::Transport::Udp);
        const bool onListener = r.connectionId == listener.captureId();
        QVERIFY(onListener || r.connectionId == sender.captureId());
        QCOMPARE(r.peerPort, onListener ? sender.localPort() : listener.localPort());
        QCOMPARE(r.bytes.toUpper(), QByteArray("UDP HELLO"));
    }
    QCOMPARE(datagrams, 4);

    // An unbound endpoint binds itself when it first sends, and hears the answer.
    UdpEndpoint fresh;
    QVERIFY(!fresh.isBound());
    QSignalSpy freshAnswer(&fresh, &UdpEndpoint::received);
    QVERIFY(fresh.sendTo(QHostAddress::LocalHost, listener.localPort(), "again") == 5);
    QVERIFY(fresh.isBound());
    QVERIFY(freshAnswer.wait(5000));
    QCOMPARE(freshAnswer.at(0).at(1).toByteArray(), QByteArray("AGAIN"));
}

void TestSocketLab::encodings()
{
    using F = PayloadCodec::Format;
    QString why;
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("48 65 6c"), F::Hex), QByteArray("Hel"));
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("48656c6C6f"), F::Hex), QByteArray("Hello"));
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("0x48,0x69"), F::Hex), QByteArray("Hi"));
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("de:ad:be:ef"), F::Hex), QByteArray("\xde\xad\xbe\xef"));
    QVERIFY(!PayloadCodec::encode(QStringLiteral("486"), F::Hex, false, &why));
    QVERIFY(why.contains(QStringLiteral("Odd")));
    QVERIFY(!PayloadCodec::encode(QStringLiteral("4 8"), F::Hex, false, &why));
    QVERIFY(!PayloadCodec::encode(QStringLiteral("zz"), F::Hex, false, &why));
    QVERIFY(why.contains(QStringLiteral("z")));

    QCOMPARE(*PayloadCodec::encode(QStringLiteral("a\\r\\nb"), F::Utf8, false), QByteArray("a\\r\\nb"));
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("a\\r\\nb\\t\\\\\\x00\\xff\\q"), F::Utf8, true),
             QByteArray("a\r\nb\t\\\x00\xff\\q", 10));
    QVERIFY(!PayloadCodec::encode(QStringLiteral("\\x4"), F::Utf8, true, &why));
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("例"), F::Utf8), QByteArray("\xe4\xbe\x8b"));

    QCOMPARE(PayloadCodec::toHex("Hel"), QStringLiteral("48 65 6c"));
    bool isText = false;
    QCOMPARE(PayloadCodec::display("hi\n", F::Utf8, &isText), QStringLiteral("hi\n"));
    QVERIFY(isText);
    QCOMPARE(PayloadCodec::display(QByteArray("\xff\x00", 2), F::Utf8, &isText), QStringLiteral("ff 00"));
    QVERIFY(!isText);
    QCOMPARE(PayloadCodec::display(QByteArray("a\x01", 2), F::Utf8, &isText), QStringLiteral("61 01"));
    QCOMPARE(PayloadCodec::displayLine("a\r\n\tb", F::Utf8), QStringLiteral("a\\r\\n\\tb"));
    QCOMPARE(PayloadCodec::formatFromName(QStringLiteral("UTF-8")), std::optional<F>(F::Utf8));
    QCOMPARE(PayloadCodec::formatFromName(QStringLiteral("gbk")), std::optional<F>(F::Gbk));
    QVERIFY(!PayloadCodec::formatFromName(QStringLiteral("latin9")));
}

void TestSocketLab::gbkRoundTrip()
{
    using F = PayloadCodec::Format;
    QString why;
    if (!PayloadCodec::gbkAvailable()) {
        // The fallback must say so plainly rather than send something else.
        QVERIFY(!PayloadCodec::encode(QStringLiteral("你好"), F::Gbk, false, &why));
        QVERIFY(why.contains(QStringLiteral("GBK")));
        QSKIP("Qt was built without ICU: GBK is not available");
    }
    const QByteArray gbk("\xc4\xe3\xba\xc3", 4);
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("你好"), F::Gbk, false, &why), gbk);
    QCOMPARE(*PayloadCodec::encode(QStringLiteral("你好\\r\\n"), F::Gbk, true, &why), gbk + "\r\n");
    QCOMPARE(*PayloadCodec::decode(gbk, F::Gbk), QStringLiteral("你好"));
    QVERIFY(!PayloadCodec::decode(gbk, F::Utf8)); // not UTF-8
    QCOMPARE(PayloadCodec::display(gbk, F::Gbk), QStringLiteral("你好"));
    QCOMPARE(PayloadCodec::display(gbk, F::Utf8), QStringLiteral("c4 e3 ba c3"));

    // Over the wire: GBK bytes arrive unchanged.
    RawTcpServer server;
    RawTcpClient client;
    QVERIFY(connectLab(server, client));
    QSignalSpy received(&server, &RawTcpServer::received);
    client.send(*PayloadCodec::encode(QStringLiteral("你好"), F::Gbk));
    QVERIFY(received.wait(5000));
    QCOMPARE(received.at(0).at(2).toByteArray(), gbk);
}

void TestSocketLab::repeatTimerCount()
{
    RawTcpServer server;
    RawTcpClient client;
    QVERIFY(connectLab(server, client));
    QByteArray got;
    connect(&server, &RawTcpServer::received, this, [&](quint64, const QString &, const QByteArray &b) { got += b; });

    RepeatSender repeat;
    QSignalSpy progress(&repeat, &RepeatSender::progress);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    repeat.start(10, 5, [&] { return client.send("tick;") >= 0; });
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.at(0).at(0).toInt(), 5);
    QCOMPARE(progress.count(), 5);
    QCOMPARE(repeat.sentCount(), 5);
    QVERIFY(!repeat.isActive());
    QTRY_COMPARE_WITH_TIMEOUT(got, QByteArray("tick;").repeated(5), 5000);

    // A send that fails (the connection went) stops the repetition.
    int calls = 0;
    repeat.start(10, 0, [&] { return ++calls < 3; });
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.last().at(0).toInt(), 2);
    QCOMPARE(calls, 3);
}

void TestSocketLab::savedPacketsPersist()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sub/lab-packets.json"));
    SavedPackets list;
    QVERIFY(list.load(path)); // missing: empty
    QCOMPARE(list.rowCount(), 0);
    list.add({QStringLiteral("hello"), QStringLiteral("127.0.0.1:9000"), QStringLiteral("tcp-client"),
              PayloadCodec::Format::Utf8, true, QStringLiteral("hi\\r\\n")});
    list.add({QStringLiteral("bytes"), QString(), QStringLiteral("udp"), PayloadCodec::Format::Hex, false,
              QStringLiteral("de ad")});
    QCOMPARE(list.add({QStringLiteral("hello"), QStringLiteral("127.0.0.1:9001"), QStringLiteral("tcp-client"),
                       PayloadCodec::Format::Utf8, true, QStringLiteral("hey\\n")}),
             0); // same name replaces
    QString why;
    QVERIFY2(list.save(path, &why), qPrintable(why));

    SavedPackets again;
    QVERIFY(again.load(path, &why));
    QCOMPARE(again.rowCount(), 2);
    QCOMPARE(again.at(0).target, QStringLiteral("127.0.0.1:9001"));
    QCOMPARE(*again.at(0).bytes(), QByteArray("hey\n"));
    QCOMPARE(again.at(1).format, PayloadCodec::Format::Hex);
    QCOMPARE(*again.at(1).bytes(), QByteArray("\xde\xad"));
    again.remove(0);
    QCOMPARE(again.rowCount(), 1);

    QFile junk(dir.filePath(QStringLiteral("junk.json")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not json");
    junk.close();
    QVERIFY(!again.load(junk.fileName(), &why));
    QCOMPARE(again.rowCount(), 1); // unchanged
}

// The tutorials' framing: struct.pack('i', len(head)) + JSON head + filesize bytes.
static QByteArray tutorialMessage(const QByteArray &name, const QByteArray &data)
{
    const QByteArray head = "{\"filename\": \"" + name + "\", \"filesize\": " + QByteArray::number(data.size()) + "}";
    QByteArray out(4, Qt::Uninitialized);
    qToLittleEndian<qint32>(qint32(head.size()), out.data());
    return out + head + data;
}

void TestSocketLab::streamUnderTutorialFraming()
{
    QCOMPARE(StreamAnalyzer::tutorialFrameLength(QByteArray("\x05\x00", 2)), qint64(0));
    QCOMPARE(StreamAnalyzer::tutorialFrameLength(QByteArray("\x00\x00\x00\x00", 4)), qint64(-1));
    QCOMPARE(StreamAnalyzer::tutorialFrameLength(QByteArray("\xff\xff\xff\x7f")), qint64(-1));
    QCOMPARE(StreamAnalyzer::tutorialFrameLength(QByteArray("\x02\x00\x00\x00[]", 6)), qint64(-1));
    const QByteArray first = tutorialMessage("a.txt", "hello");
    const QByteArray second = tutorialMessage("b.bin", QByteArray(300, 'x'));
    QCOMPARE(StreamAnalyzer::tutorialFrameLength(first + second), qint64(first.size()));
    QCOMPARE(StreamAnalyzer::tutorialFrameLength(second.left(10)), qint64(0));

    // The lab's client writes the two messages cut badly: the first write carries the whole first
    // message and 3 bytes of the second (sticky), the second write the rest (split).
    CaptureBuffer capture;
    RawTcpServer server;
    server.setCaptureSink(&capture);
    RawTcpClient client;
    client.setCaptureSink(&capture);
    QVERIFY(connectLab(server, client));
    QByteArray arrived;
    connect(&server, &RawTcpServer::received, this, [&](quint64, const QString &, const QByteArray &b) { arrived += b; });
    client.send(first + second.left(3));
    client.send(second.mid(3));
    QTRY_COMPARE_WITH_TIMEOUT(arrived, first + second, 5000);

    const quint64 end = capture.endSequence();
    const auto out = StreamAnalyzer::collect(capture, client.captureId(), CaptureRecord::Direction::Out, end, 4000, 400,
                                             StreamAnalyzer::Framing::Tutorial);
    QCOMPARE(out.chunks.size(), 2);
    QCOMPARE(out.frames.size(), 2);
    QCOMPARE(out.frames.at(0).type, QStringLiteral("a.txt"));
    QCOMPARE(out.frames.at(1).type, QStringLiteral("b.bin"));
    QCOMPARE(out.frames.at(1).length, qint64(second.size()));
    QVERIFY(out.frames.at(1).complete);
    QCOMPARE(out.stickyChunks, 1);
    QCOMPARE(out.splitFrames, 1);
    QVERIFY(!out.notes.isEmpty());

    // The server's reads, however the OS cut them, reassemble to the same two messages.
    const quint64 serverSide = server.clientIds().first();
    const auto in = StreamAnalyzer::collect(capture, serverSide, CaptureRecord::Direction::In, end, 4000, 400,
                                            StreamAnalyzer::Framing::Tutorial);
    QCOMPARE(in.frames.size(), 2);
    QCOMPARE(in.frames.at(0).length + in.frames.at(1).length, qint64(first.size() + second.size()));

    // Under Switchboard's framing the same bytes are no frames at all.
    const auto v1 = StreamAnalyzer::collect(capture, client.captureId(), CaptureRecord::Direction::Out, end);
    QCOMPARE(v1.frames.size(), 0);
}

QTEST_MAIN(TestSocketLab)
#include "tst_socketlab.moc"
