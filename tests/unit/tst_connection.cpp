// Connection (through InMemoryConnection) and a ChatServer driven over in-memory links. The
// Connection tests frame arbitrary headers (framing knows nothing of message types); the server
// tests send typed messages where a well-behaved client would and hand-made frames where the
// point is a misbehaving one, and decode every answer with the protocol's own decoders.
#include "net/connection/inmemoryconnection.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "tests/common/errorcodeprinting.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

QByteArray prefix(quint32 n)
{
    char p[4];
    qToBigEndian<quint32>(n, p);
    return QByteArray(p, 4);
}

struct Message
{
    QJsonObject header;
    QByteArray payload;
};

QList<Message> sampleMessages()
{
    QList<Message> out;
    out.append({QJsonObject{{"type", "hello"}, {"id", 1}, {"versions", QJsonArray{1}}, {"client", "tst"}}, {}});
    out.append({QJsonObject{{"type", "chat.send"}, {"id", 2}, {"text", QStringLiteral(u"grüße 🌍 世界")}}, {}});
    QByteArray bin(1000, Qt::Uninitialized);
    for (int i = 0; i < bin.size(); ++i)
        bin[i] = char(i * 7);
    out.append({QJsonObject{{"type", "file.chunk"}, {"id", 3}}, bin});
    out.append({QJsonObject{{"type", "a"}}, {}});
    out.append({QJsonObject{{"type", "one"}}, QByteArray(1, '\0')});
    out.append({QJsonObject{{"type", "looks-like-prefix"}}, prefix(0) + prefix(0xFFFFFFFFu)});
    for (int i = 0; i < 20; ++i)
        out.append({QJsonObject{{"type", "ping"}, {"id", 100 + i}}, {}});
    return out;
}

// Collects what one side of a link receives.
class Receiver : public QObject
{
public:
    explicit Receiver(Connection *c)
    {
        connect(c, &Connection::frameReceived, this, [this](const Frame &f) { frames.append(f); });
        connect(c, &Connection::protocolError, this, [this](const QString &code, const QString &) { errors.append(code); });
        connect(c, &Connection::disconnected, this, [this] { ++disconnects; });
    }
    QList<Frame> frames;
    QStringList errors;
    int disconnects = 0;

    // The first frame of the given type, or an empty frame.
    Frame first(const QString &type) const
    {
        for (const Frame &f : frames)
            if (f.type() == type)
                return f;
        return Frame();
    }
};

QJsonObject helloHeader(qint64 id = 1, const QList<int> &versions = {Version})
{
    return Hello{id, versions, QStringLiteral("tst_connection")}.toJson();
}

QJsonObject pingHeader(qint64 id, const QJsonValue &t = QJsonValue())
{
    return Ping{id, t}.toJson();
}

// The message a frame carries, or why it is not a well-formed M.
template <class M>
Decoded<M> as(const Frame &f)
{
    if (f.type() != M::Type)
        return DecodeError{QStringLiteral("type"), QStringLiteral("is \"%1\", expected \"%2\"").arg(f.type(), QString(M::Type))};
    return M::fromJson(f.header);
}

#define VERIFY_DECODED(m) QVERIFY2(m, qPrintable(m.error().toString()))

} // namespace

namespace Switchboard {

class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void chunkSizesDeliverIdenticalFrames_data();
    void chunkSizesDeliverIdenticalFrames();
    void coalescedRawWrite();
    void protocolErrorOnceAndNothingAfter_data();
    void protocolErrorOnceAndNothingAfter();
    void limitsApplyPerConnection();
    void closeReachesPeer();

    void serverHelloRequiredFirst();
    void serverVersionMismatch_data();
    void serverVersionMismatch();
    void serverHelloAndPing_data();
    void serverHelloAndPing();
    void serverCoalescedRequests_data();
    void serverCoalescedRequests();
    void serverIgnoresFramesAfterFatalError();
    void serverUnknownTypeIsNotFatal();
    void serverSecondHelloIsNotFatal();
    void serverMalformedFrameOnlyDropsThatClient();
    void serverMaxClients();
    void serverHelloTimeout();
};

void TestConnection::chunkSizesDeliverIdenticalFrames_data()
{
    QTest::addColumn<int>("chunk");
    for (int n : {1, 2, 3, 7, 4096})
        QTest::addRow("chunk %d", n) << n;
}

void TestConnection::chunkSizesDeliverIdenticalFrames()
{
    QFETCH(int, chunk);
    auto [a, b] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownA(a), ownB(b);
    a->setChunkSize(chunk);
    Receiver rx(b);

    const QList<Message> messages = sampleMessages();
    QByteArray expectedWire;
    for (const Message &m : messages) {
        const qint64 n = a->sendFrame(m.header, m.payload);
        const QByteArray encoded = FrameEncoder::encode(m.header, m.payload);
        QCOMPARE(n, qint64(encoded.size()));
        expectedWire += encoded;
    }
    QCOMPARE(a->bytesSent(), qint64(expectedWire.size()));
    QTRY_COMPARE_WITH_TIMEOUT(rx.frames.size(), messages.size(), 10000);

    qint64 offset = 0;
    for (int i = 0; i < messages.size(); ++i) {
        const Frame &f = rx.frames.at(i);
        QJsonObject want = messages.at(i).header;
        if (!messages.at(i).payload.isEmpty())
            want.insert("size", double(messages.at(i).payload.size()));
        QCOMPARE(f.header, want);
        QCOMPARE(f.payload, messages.at(i).payload);
        QCOMPARE(f.streamOffset, offset);
        QCOMPARE(f.wireBytes(), FrameEncoder::encode(messages.at(i).header, messages.at(i).payload));
        offset += f.wireSize();
    }
    QCOMPARE(b->bytesReceived(), qint64(expectedWire.size()));
    QVERIFY(rx.errors.isEmpty());
}

void TestConnection::coalescedRawWrite()
{
    // All frames in one write, delivered as one chunk: the sticky-packet case.
    auto [a, b] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownA(a), ownB(b);
    Receiver rx(b);
    const QList<Message> messages = sampleMessages();
    QByteArray all;
    for (const Message &m : messages)
        all += FrameEncoder::encode(m.header, m.payload);
    QCOMPARE(a->sendRaw(all), qint64(all.size()));
    QTRY_COMPARE(rx.frames.size(), messages.size());
    for (int i = 0; i < messages.size(); ++i)
        QCOMPARE(rx.frames.at(i).payload, messages.at(i).payload);
    QCOMPARE(rx.frames.last().streamOffset + rx.frames.last().wireSize(), qint64(all.size()));
}

void TestConnection::protocolErrorOnceAndNothingAfter_data()
{
    QTest::addColumn<int>("chunk");
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QString>("code");
    const QList<QPair<QByteArray, QString>> cases{
        {prefix(0), "frame_zero_length"},
        {prefix(0xFFFFFFFFu), "frame_header_too_large"},
        {prefix(5) + "hello", "frame_not_json"},
        {prefix(2) + "{}", "frame_missing_type"},
        {prefix(2) + "[]", "frame_not_object"},
    };
    for (int chunk : {0, 1, 3}) {
        for (const auto &c : cases)
            QTest::addRow("%s chunk %d", qPrintable(c.second), chunk) << chunk << c.first << c.second;
    }
}

void TestConnection::protocolErrorOnceAndNothingAfter()
{
    QFETCH(int, chunk);
    QFETCH(QByteArray, bad);
    QFETCH(QString, code);

    auto [a, b] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownA(a), ownB(b);
    a->setChunkSize(chunk);
    Receiver rx(b);
    QSignalSpy errorSpy(b, &Connection::protocolError);

    const QByteArray good = FrameEncoder::encode(QJsonObject{{"type", "before"}});
    const QByteArray after = FrameEncoder::encode(QJsonObject{{"type", "after"}});
    a->sendRaw(good + bad + after);
    // More valid frames and more garbage in later writes.
    for (int i = 0; i < 5; ++i) {
        a->sendFrame(QJsonObject{{"type", "after"}, {"id", i}});
        a->sendRaw(prefix(0));
    }
    // The close is queued behind every byte written above, so once it arrives all of them have been delivered.
    a->close();
    QTRY_COMPARE(rx.disconnects, 1);

    QCOMPARE(rx.frames.size(), 1);
    QCOMPARE(rx.frames.first().type(), QStringLiteral("before"));
    QCOMPARE(errorSpy.count(), 1);
    QCOMPARE(errorSpy.first().at(0).toString(), code);
    QVERIFY(!errorSpy.first().at(1).toString().isEmpty());
}

void TestConnection::limitsApplyPerConnection()
{
    auto [a, b] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownA(a), ownB(b);
    b->setLimits(FrameLimits{65536, 10});
    QCOMPARE(b->limits().maxPayloadBytes, 10);
    Receiver rx(b);
    a->sendFrame(QJsonObject{{"type", "ok"}}, QByteArray(10, 'x'));
    a->sendFrame(QJsonObject{{"type", "too-big"}}, QByteArray(11, 'x'));
    QTRY_COMPARE(rx.errors.size(), 1);
    QCOMPARE(rx.errors.first(), QStringLiteral("frame_payload_too_large"));
    QCOMPARE(rx.frames.size(), 1);
    QCOMPARE(rx.frames.first().type(), QStringLiteral("ok"));
}

void TestConnection::closeReachesPeer()
{
    auto [a, b] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownA(a), ownB(b);
    Receiver rxB(b);
    Receiver rxA(a);
    a->sendFrame(QJsonObject{{"type", "last"}});
    a->close();
    QVERIFY(!a->isOpen());
    QCOMPARE(a->sendFrame(QJsonObject{{"type", "late"}}), 0); // nothing goes out after close
    QTRY_COMPARE(rxB.disconnects, 1);
    QTRY_COMPARE(rxA.disconnects, 1);
    QCOMPARE(rxB.frames.size(), 1); // data before the close arrives first
    QVERIFY(!b->isOpen());
}

// ---- ChatServer over in-memory connections ----

void TestConnection::serverHelloRequiredFirst()
{
    ChatServer server;
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    server.addConnection(serverSide);
    QCOMPARE(server.clientCount(), 1);
    Receiver rx(client);

    client->sendFrame(pingHeader(5));
    QTRY_COMPARE(rx.disconnects, 1);
    QCOMPARE(rx.frames.size(), 1);
    const auto err = as<Error>(rx.frames.first());
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::HelloRequired);
    QCOMPARE(err->fatal, true);
    QCOMPARE(err->id, 5);
    QVERIFY(!err->message.isEmpty());
    QTRY_COMPARE(server.clientCount(), 0);
}

void TestConnection::serverVersionMismatch_data()
{
    QTest::addColumn<QJsonObject>("hello");
    QTest::newRow("no common version") << helloHeader(1, {2, 3});
    // A string is not a version number, even "1".
    QJsonObject stringOne = helloHeader(1, {2, 3});
    stringOne.insert(QStringLiteral("versions"), QJsonArray{2, 3, "1"});
    QTest::newRow("\"1\" as a string") << stringOne;
}

void TestConnection::serverVersionMismatch()
{
    QFETCH(QJsonObject, hello);
    ChatServer server;
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    server.addConnection(serverSide);
    Receiver rx(client);

    client->sendFrame(hello);
    QTRY_COMPARE(rx.disconnects, 1);
    QCOMPARE(rx.frames.size(), 1);
    const auto err = as<Error>(rx.frames.first());
    VERIFY_DECODED(err);
    QEXPECT_FAIL("\"1\" as a string",
                 "Hello::fromJson refuses a non-integer in \"versions\" (answered bad_request); v1 answered "
                 "version_unsupported. Reported to the lead.",
                 Continue);
    QCOMPARE(err->code, ErrorCode::VersionUnsupported);
    QCOMPARE(err->fatal, true);
    QCOMPARE(err->id, 1);
    QTRY_COMPARE(server.clientCount(), 0);
}

void TestConnection::serverHelloAndPing_data()
{
    QTest::addColumn<int>("chunk");
    QTest::newRow("whole") << 0;
    QTest::newRow("bytewise") << 1;
    QTest::newRow("chunk 7") << 7;
}

void TestConnection::serverHelloAndPing()
{
    QFETCH(int, chunk);
    ChatServer server;
    server.setServerName("tst-server");
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    client->setChunkSize(chunk);
    serverSide->setChunkSize(chunk);
    QSignalSpy started(&server, &ChatServer::sessionStarted);
    server.addConnection(serverSide);
    QCOMPARE(started.count(), 1);
    Receiver rx(client);

    client->sendFrame(helloHeader(1, {7, 1}));
    QTRY_COMPARE(rx.frames.size(), 1);
    const auto hello = as<HelloReply>(rx.frames.first());
    VERIFY_DECODED(hello);
    QCOMPARE(hello->id, 1);
    QCOMPARE(hello->version, Version);
    QCOMPARE(hello->server, QStringLiteral("tst-server"));
    QCOMPARE(hello->limits.maxHeader, qint64(server.limits().maxHeaderBytes));
    QCOMPARE(hello->limits.maxPayload, qint64(server.limits().maxPayloadBytes));
    QVERIFY(hello->limits.maxText > 0);
    QCOMPARE(server.sessions().first()->state(), ServerSession::State::Ready);

    // Several pings written back to back (coalesced on the wire when chunk is 0).
    for (int i = 0; i < 5; ++i)
        client->sendFrame(pingHeader(10 + i));
    client->sendFrame(pingHeader(20, 12345));
    QTRY_COMPARE(rx.frames.size(), 7);
    for (int i = 0; i < 5; ++i) {
        const auto pong = as<Pong>(rx.frames.at(1 + i));
        VERIFY_DECODED(pong);
        QCOMPARE(pong->id, 10 + i);
    }
    const auto echoed = as<Pong>(rx.frames.at(6));
    VERIFY_DECODED(echoed);
    QCOMPARE(echoed->id, 20);
    QCOMPARE(echoed->t.toInt(), 12345);
    QCOMPARE(rx.disconnects, 0);
    QCOMPARE(server.clientCount(), 1);

    // A client pong is accepted silently; the next ping still works.
    client->sendFrame(Pong{99, QJsonValue()}.toJson());
    client->sendFrame(pingHeader(30));
    QTRY_COMPARE(rx.frames.size(), 8);
    const auto last = as<Pong>(rx.frames.at(7));
    VERIFY_DECODED(last);
    QCOMPARE(last->id, 30);

    QSignalSpy ended(&server, &ChatServer::sessionEnded);
    client->close();
    QTRY_COMPARE(ended.count(), 1);
    QCOMPARE(server.clientCount(), 0);
}

void TestConnection::serverCoalescedRequests_data()
{
    QTest::addColumn<int>("chunk");
    QTest::newRow("one chunk") << 0;
    QTest::newRow("bytewise") << 1;
    QTest::newRow("chunk 5") << 5;
}

void TestConnection::serverCoalescedRequests()
{
    // Hello and several requests written at once: every one is answered, in order.
    QFETCH(int, chunk);
    ChatServer server;
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    client->setChunkSize(chunk);
    server.addConnection(serverSide);
    Receiver rx(client);
    client->sendRaw(FrameEncoder::encode(helloHeader(1)) + FrameEncoder::encode(pingHeader(2))
                    + FrameEncoder::encode(QJsonObject{{"type", "nope"}, {"id", 3}})
                    + FrameEncoder::encode(pingHeader(4)));
    QTRY_COMPARE(rx.frames.size(), 4);
    const auto hello = as<HelloReply>(rx.frames.at(0));
    VERIFY_DECODED(hello);
    QCOMPARE(hello->id, 1);
    const auto pong = as<Pong>(rx.frames.at(1));
    VERIFY_DECODED(pong);
    QCOMPARE(pong->id, 2);
    const auto err = as<Error>(rx.frames.at(2));
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::UnknownType);
    QCOMPARE(err->id, 3);
    const auto pong2 = as<Pong>(rx.frames.at(3));
    VERIFY_DECODED(pong2);
    QCOMPARE(pong2->id, 4);
}

void TestConnection::serverIgnoresFramesAfterFatalError()
{
    // A fatal error ends the conversation even when more frames arrived in the same chunk.
    ChatServer server;
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    server.addConnection(serverSide);
    Receiver rx(client);
    client->sendRaw(FrameEncoder::encode(pingHeader(1)) + FrameEncoder::encode(helloHeader(2))
                    + FrameEncoder::encode(pingHeader(3)));
    QTRY_COMPARE(rx.disconnects, 1);
    QCOMPARE(rx.frames.size(), 1);
    const auto err = as<Error>(rx.frames.first());
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::HelloRequired);
    QCOMPARE(err->id, 1);
}

void TestConnection::serverUnknownTypeIsNotFatal()
{
    ChatServer server;
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    server.addConnection(serverSide);
    Receiver rx(client);
    client->sendFrame(helloHeader());
    client->sendFrame(QJsonObject{{"type", "no.such.thing"}, {"id", 7}});
    client->sendFrame(pingHeader(8));
    QTRY_COMPARE(rx.frames.size(), 3);
    const auto err = as<Error>(rx.frames.at(1));
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::UnknownType);
    QCOMPARE(err->id, 7);
    QVERIFY(!err->fatal);
    const auto pong = as<Pong>(rx.frames.at(2));
    VERIFY_DECODED(pong);
    QCOMPARE(pong->id, 8);
    QCOMPARE(rx.disconnects, 0);
    QVERIFY(client->isOpen());
}

void TestConnection::serverSecondHelloIsNotFatal()
{
    ChatServer server;
    auto [client, serverSide] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownClient(client);
    server.addConnection(serverSide);
    Receiver rx(client);
    client->sendFrame(helloHeader(1));
    client->sendFrame(helloHeader(2));
    client->sendFrame(pingHeader(3));
    QTRY_COMPARE(rx.frames.size(), 3);
    const auto err = as<Error>(rx.frames.at(1));
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::BadRequest);
    QCOMPARE(err->id, 2);
    QVERIFY(!err->fatal);
    const auto pong = as<Pong>(rx.frames.at(2));
    VERIFY_DECODED(pong);
    QCOMPARE(pong->id, 3);
}

void TestConnection::serverMalformedFrameOnlyDropsThatClient()
{
    ChatServer server;
    auto [good, goodServer] = InMemoryConnection::createPair();
    auto [bad, badServer] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> ownGood(good), ownBad(bad);
    server.addConnection(goodServer);
    server.addConnection(badServer);
    Receiver rxGood(good);
    Receiver rxBad(bad);
    good->sendFrame(helloHeader());
    bad->sendFrame(helloHeader());
    QTRY_COMPARE(rxGood.frames.size(), 1);
    QTRY_COMPARE(rxBad.frames.size(), 1);

    bad->sendRaw(prefix(3) + "{\"t"); // a complete 3-byte header that is not JSON
    QTRY_COMPARE(rxBad.disconnects, 1);
    QCOMPARE(rxBad.frames.size(), 2);
    const auto err = as<Error>(rxBad.frames.at(1));
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::FrameNotJson);
    QCOMPARE(err->codeString, QStringLiteral("frame_not_json")); // the wire string Connection reports
    QCOMPARE(err->fatal, true);
    QTRY_COMPARE(server.clientCount(), 1);

    good->sendFrame(pingHeader(2));
    QTRY_COMPARE(rxGood.frames.size(), 2);
    const auto pong = as<Pong>(rxGood.frames.at(1));
    VERIFY_DECODED(pong);
    QCOMPARE(pong->id, 2);
    QCOMPARE(rxGood.disconnects, 0);
}

void TestConnection::serverMaxClients()
{
    ChatServer server;
    server.setMaxClients(2);
    std::vector<std::unique_ptr<InMemoryConnection>> clients;
    std::vector<std::unique_ptr<Receiver>> receivers;
    for (int i = 0; i < 3; ++i) {
        auto [c, s] = InMemoryConnection::createPair();
        clients.emplace_back(c);
        receivers.emplace_back(new Receiver(c));
        server.addConnection(s);
    }
    QTRY_COMPARE(receivers[2]->disconnects, 1);
    QCOMPARE(receivers[2]->frames.size(), 1);
    const auto err = as<Error>(receivers[2]->frames.first());
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::ServerFull);
    QCOMPARE(err->fatal, true);
    QTRY_COMPARE(server.clientCount(), 2);
    for (int i = 0; i < 2; ++i) {
        clients[i]->sendFrame(helloHeader());
        QTRY_COMPARE(receivers[i]->frames.size(), 1);
        VERIFY_DECODED(as<HelloReply>(receivers[i]->frames.first()));
    }
}

void TestConnection::serverHelloTimeout()
{
    ChatServer server;
    server.setHelloTimeout(200);
    auto [silent, s1] = InMemoryConnection::createPair();
    auto [polite, s2] = InMemoryConnection::createPair();
    std::unique_ptr<InMemoryConnection> own1(silent), own2(polite);
    server.addConnection(s1);
    server.addConnection(s2);
    Receiver rxSilent(silent);
    Receiver rxPolite(polite);
    polite->sendFrame(helloHeader());
    QTRY_COMPARE_WITH_TIMEOUT(rxSilent.disconnects, 1, 10000);
    QCOMPARE(rxSilent.frames.size(), 1);
    const auto err = as<Error>(rxSilent.frames.first());
    VERIFY_DECODED(err);
    QCOMPARE(err->code, ErrorCode::HelloTimeout);
    QCOMPARE(err->fatal, true);
    QCOMPARE(rxPolite.disconnects, 0);
    QCOMPARE(rxPolite.frames.size(), 1);
    VERIFY_DECODED(as<HelloReply>(rxPolite.frames.first()));
}

} // namespace Switchboard

QTEST_GUILESS_MAIN(Switchboard::TestConnection)
#include "tst_connection.moc"
