// SocketConnection (the server's plaintext transport on the bare descriptor) against a
// TcpConnection peer over loopback: the Connection contract TcpConnection keeps, byte for byte
// (frames both ways in any split, writes of one pass sent together, bytesWritten, maxQueuedBytes,
// capture of every chunk, close() flushing before it closes, abort(), the peer's last frames
// before its close). The whole server
// runs on it in tst_server, tst_limits and the other integration tests (plaintext listeners).
#include "net/connection/socketconnection.h"
#include "net/connection/tcpconnection.h"
#include "net/protocol/frameencoder.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Switchboard;

namespace {

// Records what a connection captures.
class RecordingSink : public CaptureSink
{
public:
    void record(const CaptureRecord &r) override { records.append(r); }
    QByteArray chunks(CaptureRecord::Direction d) const
    {
        QByteArray all;
        for (const CaptureRecord &r : records)
            if (r.kind == CaptureRecord::Kind::Chunk && r.direction == d)
                all += r.bytes;
        return all;
    }
    QList<CaptureRecord> records;
};

// Collects what a connection delivers.
struct Received
{
    explicit Received(Connection *c)
    {
        QObject::connect(c, &Connection::frameReceived, c, [this](const Frame &f) { frames.append(f); });
        QObject::connect(c, &Connection::bytesWritten, c, [this](qint64 n) { written += n; });
        QObject::connect(c, &Connection::disconnected, c, [this] { ++disconnects; });
    }
    QList<Frame> frames;
    qint64 written = 0;
    int disconnects = 0;
};

} // namespace

class TestSocketConnection : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void addressesOfBothEnds();
    void framesInAnySplit_data();
    void framesInAnySplit();
    void floodArrivesInOrderOverSeveralPasses();
    void largeReplyQueuesAndReportsBytesWritten();
    void writesOfOnePassLeaveTogetherInOrder();
    void overflowDropsAReceiverThatDoesNotRead();
    void closeFlushesThenCloses();
    void abortDropsAtOnce();
    void peersLastFramesComeBeforeDisconnected();
    void captureRecordsEveryChunk();
    void peerReadsABulkStreamWholeAndInOrder();

private:
    // Connects a TcpConnection peer to a SocketConnection on the accepted descriptor.
    void connectPair();

    int m_listener = -1;
    quint16 m_port = 0;
    std::unique_ptr<SocketConnection> m_server;
    std::unique_ptr<TcpConnection> m_peer;
};

void TestSocketConnection::init()
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(a);
    QVERIFY(::bind(m_listener, reinterpret_cast<sockaddr *>(&a), sizeof(a)) == 0);
    QVERIFY(::listen(m_listener, 8) == 0);
    QVERIFY(::getsockname(m_listener, reinterpret_cast<sockaddr *>(&a), &length) == 0);
    m_port = ntohs(a.sin_port);
    connectPair();
}

void TestSocketConnection::cleanup()
{
    m_server.reset();
    m_peer.reset();
    ::close(m_listener);
}

void TestSocketConnection::connectPair()
{
    auto *socket = new QTcpSocket;
    m_peer = std::make_unique<TcpConnection>(socket);
    QSignalSpy connected(m_peer.get(), &TcpConnection::connected);
    socket->connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(connected.wait(5000));
    const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC); // completed by the kernel already
    QVERIFY(fd >= 0);
    m_server = std::make_unique<SocketConnection>(fd);
    QVERIFY(m_server->isOpen());
}

void TestSocketConnection::addressesOfBothEnds()
{
    QCOMPARE(m_server->peerAddress(), m_peer->localAddress());
    QCOMPARE(m_server->peerPort(), m_peer->localPort());
    QCOMPARE(m_server->localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(m_server->localPort(), m_port);
    QCOMPARE(m_server->peerName(), QStringLiteral("127.0.0.1:%1").arg(m_peer->localPort()));
}

void TestSocketConnection::framesInAnySplit_data()
{
    QTest::addColumn<int>("split");
    QTest::newRow("whole") << 0;
    QTest::newRow("1 byte") << 1;
    QTest::newRow("3 bytes") << 3;
    QTest::newRow("1000 bytes") << 1000;
}

void TestSocketConnection::framesInAnySplit()
{
    QFETCH(int, split);
    Received atServer(m_server.get());
    Received atPeer(m_peer.get());
    QByteArray wire;
    QList<QJsonObject> headers;
    for (int i = 0; i < 50; ++i) {
        headers.append(QJsonObject{{"type", "t"}, {"id", i}, {"text", QString(i * 37, QChar(u'é'))}});
        wire += FrameEncoder::encode(headers.last(), QByteArray(i * 11, char(i)));
    }
    if (split == 0) {
        m_peer->sendRaw(wire);
    } else {
        // Each piece its own write, flushed at once: the server reads them as they come.
        for (qsizetype at = 0; at < wire.size(); at += split) {
            m_peer->sendRaw(wire.mid(at, split));
            m_peer->socket()->flush();
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(atServer.frames.size(), 50, 10000);
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(atServer.frames.at(i).header.value("id").toInt(), i);
        QCOMPARE(atServer.frames.at(i).payload, QByteArray(i * 11, char(i)));
    }
    QCOMPARE(m_server->bytesReceived(), wire.size());
    // And back: the server's frames arrive whole and in order.
    for (const QJsonObject &h : std::as_const(headers))
        m_server->sendFrame(h, QByteArray(5, 'p'));
    QTRY_COMPARE_WITH_TIMEOUT(atPeer.frames.size(), 50, 10000);
    QJsonObject last = atPeer.frames.last().header;
    QCOMPARE(last.take("size").toInt(), 5);
    QCOMPARE(last, headers.last());
    QCOMPARE(m_server->bytesToWrite(), 0);
}

void TestSocketConnection::floodArrivesInOrderOverSeveralPasses()
{
    // Far more than the 10 ms delivery budget handles at once: the read notifier pauses while
    // frames wait for their pass and resumes after, and nothing is lost or reordered.
    constexpr int Count = 20000;
    QByteArray wire;
    for (int i = 0; i < Count; ++i)
        wire += FrameEncoder::encode(QJsonObject{{"type", "ping"}, {"id", i}});
    QList<int> ids;
    connect(m_server.get(), &Connection::frameReceived, this, [&](const Frame &f) {
        ids.append(f.header.value("id").toInt());
        QThread::usleep(2); // a handler that takes time
    });
    m_peer->sendRaw(wire);
    QTRY_COMPARE_WITH_TIMEOUT(ids.size(), Count, 30000);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(ids.at(i), i);
}

void TestSocketConnection::largeReplyQueuesAndReportsBytesWritten()
{
    Received atServer(m_server.get());
    Received atPeer(m_peer.get());
    m_peer->setLimits(FrameLimits{65536, 64 << 20});
    const QByteArray payload(16 << 20, 'z'); // more than the kernel takes at once
    const qint64 sent = m_server->sendFrame(QJsonObject{{"type", "big"}}, payload);
    QVERIFY(m_server->bytesToWrite() > 0); // the rest waits in the queue, sent as the peer reads
    QCOMPARE(m_server->peakQueuedBytes(), m_server->bytesToWrite());
    QTRY_COMPARE_WITH_TIMEOUT(atPeer.frames.size(), 1, 30000);
    QCOMPARE(atPeer.frames.first().payload, payload);
    QCOMPARE(m_server->bytesToWrite(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(atServer.written, sent, 5000);
}

void TestSocketConnection::writesOfOnePassLeaveTogetherInOrder()
{
    // Small frames written in one pass wait (by reference) for the pass to end and then leave in
    // one send; a large payload in between makes everything queued before it leave at once.
    // Either way the peer gets every byte, in order, and bytesWritten() accounts for all of them.
    Received atServer(m_server.get());
    Received atPeer(m_peer.get());
    m_peer->setLimits(FrameLimits{65536, 64 << 20});
    qint64 sent = 0;
    for (int i = 0; i < 500; ++i)
        sent += m_server->sendFrame(QJsonObject{{"type", "small"}, {"id", i}});
    QCOMPARE(m_server->bytesToWrite(), sent); // nothing sent inside the pass
    const QByteArray big(256 << 10, 'b');
    sent += m_server->sendFrame(QJsonObject{{"type", "big"}, {"id", 500}}, big);
    QVERIFY(m_server->bytesToWrite() < sent); // bulk data went to the kernel straight away
    for (int i = 501; i < 1000; ++i)
        sent += m_server->sendFrame(QJsonObject{{"type", "small"}, {"id", i}});
    QTRY_COMPARE_WITH_TIMEOUT(atPeer.frames.size(), 1000, 10000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(atPeer.frames.at(i).header.value("id").toInt(), i);
    QCOMPARE(atPeer.frames.at(500).payload, big);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->bytesToWrite(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(atServer.written, sent, 5000);
    QCOMPARE(m_peer->bytesReceived(), sent);
}

void TestSocketConnection::overflowDropsAReceiverThatDoesNotRead()
{
    m_peer->socket()->setReadBufferSize(4096); // the peer reads no more than this
    m_server->setMaxQueuedBytes(1 << 20);
    Received atServer(m_server.get());
    QSignalSpy overflow(m_server.get(), &Connection::sendOverflow);
    const QByteArray payload(64 << 10, 'o');
    int sent = 0;
    while (!m_server->hasOverflowed() && sent < 10000) {
        m_server->sendFrame(QJsonObject{{"type", "chunk"}}, payload);
        ++sent;
    }
    QVERIFY(m_server->hasOverflowed());
    QCOMPARE(overflow.count(), 1);
    QVERIFY(m_server->bytesToWrite() <= (1 << 20));
    // One write still fits in the reserve: the notice its owner sends (ChatServer: slow_consumer).
    QVERIFY(m_server->sendFrame(QJsonObject{{"type", "notice"}}) > 0);
    QCOMPARE(m_server->sendFrame(QJsonObject{{"type", "more"}}), 0); // nothing more is taken
    QVERIFY(m_server->bytesToWrite() <= (1 << 20));
    m_server->abort(); // the owner drops it (ChatServer closes once the notice drained)
    QTRY_COMPARE_WITH_TIMEOUT(atServer.disconnects, 1, 5000);
    QVERIFY(!m_server->isOpen());
    QCOMPARE(m_server->bytesToWrite(), 0); // the queue is gone with the connection
}

void TestSocketConnection::closeFlushesThenCloses()
{
    Received atServer(m_server.get());
    Received atPeer(m_peer.get());
    m_peer->setLimits(FrameLimits{65536, 64 << 20});
    const QByteArray payload(8 << 20, 'c');
    m_server->sendFrame(QJsonObject{{"type", "last"}}, payload);
    QVERIFY(m_server->bytesToWrite() > 0);
    m_server->close();
    QVERIFY(!m_server->isOpen());
    QCOMPARE(m_server->sendFrame(QJsonObject{{"type", "after close"}}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(atPeer.disconnects, 1, 30000);
    QCOMPARE(atPeer.frames.size(), 1); // everything queued arrived before the close
    QCOMPARE(atPeer.frames.first().payload, payload);
    QTRY_COMPARE_WITH_TIMEOUT(atServer.disconnects, 1, 5000);
}

void TestSocketConnection::abortDropsAtOnce()
{
    Received atServer(m_server.get());
    Received atPeer(m_peer.get());
    m_server->sendFrame(QJsonObject{{"type", "x"}}, QByteArray(8 << 20, 'a'));
    m_server->abort();
    QVERIFY(!m_server->isOpen());
    QCOMPARE(m_server->bytesToWrite(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(atServer.disconnects, 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(atPeer.disconnects, 1, 5000);
    QVERIFY(atPeer.frames.isEmpty()); // the 8 MiB frame never completed
    QCoreApplication::processEvents();
    QCOMPARE(atServer.disconnects, 1); // once, however it ended
}

void TestSocketConnection::peersLastFramesComeBeforeDisconnected()
{
    QStringList events;
    connect(m_server.get(), &Connection::frameReceived, this, [&](const Frame &f) { events << f.type(); });
    connect(m_server.get(), &Connection::disconnected, this, [&] { events << "disconnected"; });
    m_peer->sendFrame(QJsonObject{{"type", "one"}});
    m_peer->sendFrame(QJsonObject{{"type", "two"}});
    m_peer->close();
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 3, 5000);
    QCOMPARE(events, (QStringList{"one", "two", "disconnected"}));
    QVERIFY(!m_server->isOpen());
}

void TestSocketConnection::captureRecordsEveryChunk()
{
    auto sink = std::make_shared<RecordingSink>();
    m_server->setCaptureSink(sink);
    Received atServer(m_server.get());
    Received atPeer(m_peer.get());
    const QByteArray in = FrameEncoder::encode(QJsonObject{{"type", "a"}}) + FrameEncoder::encode(QJsonObject{{"type", "b"}}, "xyz");
    m_peer->sendRaw(in);
    QTRY_COMPARE_WITH_TIMEOUT(atServer.frames.size(), 2, 5000);
    m_server->sendFrame(QJsonObject{{"type", "c"}});
    QTRY_COMPARE_WITH_TIMEOUT(atPeer.frames.size(), 1, 5000);
    QCOMPARE(sink->chunks(CaptureRecord::Direction::In), in);
    QCOMPARE(sink->chunks(CaptureRecord::Direction::Out), FrameEncoder::encode(QJsonObject{{"type", "c"}}));
    int framesIn = 0;
    for (const CaptureRecord &r : std::as_const(sink->records))
        if (r.kind == CaptureRecord::Kind::Frame && r.direction == CaptureRecord::Direction::In)
            ++framesIn;
    QCOMPARE(framesIn, 2);
    m_server->close();
    QTRY_COMPARE_WITH_TIMEOUT(atServer.disconnects, 1, 5000);
    QVERIFY(std::any_of(sink->records.cbegin(), sink->records.cend(), [](const CaptureRecord &r) {
        return r.kind == CaptureRecord::Kind::Event && r.text == QLatin1String("close");
    }));
}

void TestSocketConnection::peerReadsABulkStreamWholeAndInOrder()
{
    // The TcpConnection peer (the plaintext client) reads what its QTcpSocket buffered first and
    // then straight from the kernel (TcpConnection::readChunk): frames of every size, sent faster
    // than one pass handles, arrive whole and in order, each byte is captured once in order, and
    // the server's close comes after its last frame.
    auto sink = std::make_shared<RecordingSink>();
    m_peer->setCaptureSink(sink);
    QByteArray wire;
    QList<QByteArray> payloads;
    for (int i = 0; i < 120; ++i) {
        QByteArray payload((i * 7919) % (1 << 19), char('a' + i % 26)); // 0 B to 512 KiB, ~30 MB in all
        if (!payload.isEmpty())
            payload[0] = char(i);
        payloads.append(payload);
        wire += FrameEncoder::encode(QJsonObject{{"type", "chunk"}, {"i", i}}, payload);
    }
    QStringList events;
    int next = 0;
    bool inOrder = true;
    connect(m_peer.get(), &Connection::frameReceived, this, [&](const Frame &f) {
        inOrder = inOrder && f.header.value("i").toInt() == next && f.payload == payloads.value(next);
        ++next;
        events << f.type();
    });
    connect(m_peer.get(), &Connection::disconnected, this, [&] { events << "disconnected"; });
    m_server->sendRaw(wire);
    m_server->close();
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 121, 30000);
    QVERIFY(inOrder);
    QCOMPARE(events.last(), QStringLiteral("disconnected"));
    QCOMPARE(sink->chunks(CaptureRecord::Direction::In), wire);
}

QTEST_GUILESS_MAIN(TestSocketConnection)
#include "tst_socketconnection.moc"
