// A real server and clients on loopback, captured on both sides: the capture must hold exactly the
// frames the decoders produced and exactly the bytes of each stream, and must show sticky and
// split packets when they are provoked.

#include "net/capture/capturebuffer.h"
#include "net/capture/streamanalyzer.h"
#include "net/client/chatclient.h"
#include "net/connection/inmemoryconnection.h"
#include "net/connection/tcpconnection.h"
#include "net/protocol/frameencoder.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "testlogin.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Switchboard;

namespace {

struct SeenFrame
{
    qint64 offset;
    QByteArray wire;
    QString type;
};

QByteArray concatChunks(const CaptureBuffer &buffer, quint64 connection, CaptureRecord::Direction dir, bool *contiguous)
{
    QByteArray out;
    *contiguous = true;
    for (const CaptureRecord &r : buffer.snapshot()) {
        if (r.kind != CaptureRecord::Kind::Chunk || r.connectionId != connection || r.direction != dir)
            continue;
        if (r.streamOffset != out.size())
            *contiguous = false;
        out.append(r.bytes);
    }
    return out;
}

QList<SeenFrame> capturedFrames(const CaptureBuffer &buffer, quint64 connection, CaptureRecord::Direction dir)
{
    QList<SeenFrame> out;
    for (const CaptureRecord &r : buffer.snapshot())
        if (r.kind == CaptureRecord::Kind::Frame && r.connectionId == connection && r.direction == dir)
            out.append({r.streamOffset, r.bytes, r.typeName()});
    return out;
}

QByteArray ping(int id)
{
    return FrameEncoder::encode(QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}, {QStringLiteral("id"), id}});
}

} // namespace

class TestCapture : public QObject
{
    Q_OBJECT
private:
    ChatServer *m_server = nullptr;
    std::shared_ptr<CaptureBuffer> m_serverCapture; // shared with the server's connections
    CaptureBuffer *m_clientCapture = nullptr;
    quint16 m_port = 0;
    QList<QPointer<Connection>> m_serverConnections;
    QHash<quint64, QList<SeenFrame>> m_serverDecoded; // by connection id

    // Connects a client that records the frames its decoder produced.
    ChatClient *connectClient(QList<SeenFrame> *decoded)
    {
        auto *client = new ChatClient(this);
        client->setKeepaliveInterval(0);
        client->setCaptureSink(m_clientCapture);
        QSignalSpy ready(client, &ChatClient::ready);
        QObject::connect(client, &ChatClient::stateChanged, this, [client, decoded](ChatClient::State s) {
            if (s == ChatClient::State::Negotiating) {
                QObject::connect(client->connection(), &Connection::frameReceived, client, [decoded](const Frame &f) {
                    decoded->append({f.streamOffset, f.wireBytes(), f.type()});
                });
            }
        });
        client->connectToServer(QStringLiteral("127.0.0.1"), m_port);
        if (!ready.wait(10000))
            return nullptr;
        return client;
    }

    Connection *serverSideOf(ChatClient *client)
    {
        for (Connection *c : std::as_const(m_serverConnections))
            if (c && c->peerPort() == client->connection()->localPort())
                return c;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_serverCapture = std::make_shared<CaptureBuffer>();
        m_clientCapture = new CaptureBuffer(this);
        m_server = new ChatServer(this);
        m_server->setCaptureSink(m_serverCapture);
        Test::installTrustLogin(*m_server); // frames with a payload need a login
        QString error;
        QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        m_port = m_server->listeners().first().port;
        connect(m_server, &ChatServer::sessionStarted, this, [this](ServerSession *s) {
            Connection *c = s->connection();
            m_serverConnections.append(c);
            connect(c, &Connection::frameReceived, this, [this, c](const Frame &f) {
                m_serverDecoded[c->id()].append({f.streamOffset, f.wireBytes(), f.type()});
            });
        });
    }

    void cleanupTestCase()
    {
        delete m_server;
        m_server = nullptr;
    }

    void captureMatchesDecoderAndStream()
    {
        QList<SeenFrame> decodedA, decodedB;
        ChatClient *a = connectClient(&decodedA);
        QVERIFY(a);
        ChatClient *b = connectClient(&decodedB);
        QVERIFY(b);
        QSignalSpy pongsA(a, &ChatClient::pongReceived);
        QSignalSpy pongsB(b, &ChatClient::pongReceived);
        for (int i = 0; i < 20; ++i) {
            a->ping();
            if (i % 2)
                b->ping();
        }
        // A frame with a payload (after login: none is accepted before), answered with an error
        // (unknown type) by the server.
        QVERIFY(Test::trustLogIn(*a, QStringLiteral("a"), 10000).ok());
        a->connection()->sendFrame(QJsonObject{{QStringLiteral("type"), QStringLiteral("test.blob")}, {QStringLiteral("id"), 999}},
                                   QByteArray(70000, 'x'));
        QTRY_COMPARE_WITH_TIMEOUT(pongsA.count(), 20, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(pongsB.count(), 10, 10000);

        Connection *serverA = serverSideOf(a);
        Connection *serverB = serverSideOf(b);
        QVERIFY(serverA && serverB);
        QTRY_VERIFY_WITH_TIMEOUT(serverA->bytesReceived() == a->connection()->bytesSent(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(a->connection()->bytesReceived() == serverA->bytesSent(), 10000);

        using D = CaptureRecord::Direction;
        const struct
        {
            ChatClient *client;
            Connection *server;
            QList<SeenFrame> *decoded;
        } pairs[] = {{a, serverA, &decodedA}, {b, serverB, &decodedB}};
        for (const auto &p : pairs) {
            const quint64 cid = p.client->connection()->id();
            const quint64 sid = p.server->id();
            // Frames in the capture == frames the decoder produced, in order, byte for byte.
            const QList<SeenFrame> clientIn = capturedFrames(*m_clientCapture, cid, D::In);
            QVERIFY(p.decoded->size() >= 11); // hello + at least 10 pongs
            QCOMPARE(clientIn.size(), p.decoded->size());
            for (int i = 0; i < clientIn.size(); ++i) {
                QCOMPARE(clientIn.at(i).offset, p.decoded->at(i).offset);
                QCOMPARE(clientIn.at(i).wire, p.decoded->at(i).wire);
                QCOMPARE(clientIn.at(i).type, p.decoded->at(i).type);
            }
            const QList<SeenFrame> serverIn = capturedFrames(*m_serverCapture, sid, D::In);
            const QList<SeenFrame> &serverDecoded = m_serverDecoded.value(p.server->id());
            QVERIFY(serverDecoded.size() >= 11);
            QCOMPARE(serverIn.size(), serverDecoded.size());
            for (int i = 0; i < serverIn.size(); ++i) {
                QCOMPARE(serverIn.at(i).offset, serverDecoded.at(i).offset);
                QCOMPARE(serverIn.at(i).wire, serverDecoded.at(i).wire);
            }
            // What one side wrote is what the other read, and the frames tile the stream.
            bool c1, c2, c3, c4;
            const QByteArray clientOut = concatChunks(*m_clientCapture, cid, D::Out, &c1);
            const QByteArray serverInBytes = concatChunks(*m_serverCapture, sid, D::In, &c2);
            const QByteArray serverOut = concatChunks(*m_serverCapture, sid, D::Out, &c3);
            const QByteArray clientInBytes = concatChunks(*m_clientCapture, cid, D::In, &c4);
            QVERIFY(c1 && c2 && c3 && c4);
            QCOMPARE(clientOut.size(), int(p.client->connection()->bytesSent()));
            QCOMPARE(serverInBytes, clientOut);
            QCOMPARE(clientInBytes, serverOut);
            QByteArray tiled;
            for (const SeenFrame &f : serverIn) {
                QCOMPARE(f.offset, qint64(tiled.size()));
                tiled.append(f.wire);
            }
            QCOMPARE(tiled, serverInBytes);
            // Outgoing frame records match the chunks written for them.
            QByteArray outTiled;
            for (const SeenFrame &f : capturedFrames(*m_clientCapture, cid, D::Out))
                outTiled.append(f.wire);
            QCOMPARE(outTiled, clientOut);
        }
        // The big frame went out as one write but the server needed several reads for it.
        const QList<SeenFrame> serverInA = capturedFrames(*m_serverCapture, serverA->id(), D::In);
        const auto blob = std::find_if(serverInA.cbegin(), serverInA.cend(),
                                       [](const SeenFrame &f) { return f.type == QLatin1String("test.blob"); });
        QVERIFY(blob != serverInA.cend());
        QCOMPARE(blob->wire.size() > 70000, true);
        delete a;
        delete b;
    }

    void stickyPackets()
    {
        QList<SeenFrame> decoded;
        ChatClient *client = connectClient(&decoded);
        QVERIFY(client);
        QSignalSpy pongs(client, &ChatClient::pongReceived);
        TcpConnection *conn = client->connection();
        const QByteArray three = ping(1001) + ping(1002) + ping(1003);
        const qint64 offset = conn->bytesSent();
        const quint64 before = m_clientCapture->endSequence();
        QCOMPARE(conn->sendRaw(three), qint64(three.size()));

        // The client wrote one chunk holding three frames.
        CaptureRecord written;
        bool found = false;
        for (quint64 seq = before; seq < m_clientCapture->endSequence(); ++seq) {
            const CaptureRecord r = m_clientCapture->recordAt(seq);
            if (r.kind == CaptureRecord::Kind::Chunk && r.connectionId == conn->id()
                && r.direction == CaptureRecord::Direction::Out) {
                written = r;
                found = true;
            }
        }
        QVERIFY(found);
        QCOMPARE(written.bytes, three);
        QCOMPARE(written.streamOffset, offset);
        const quint64 writtenSeq = m_clientCapture->endSequence() - 1;
        const StreamAnalyzer::Result out =
            StreamAnalyzer::collect(*m_clientCapture, conn->id(), CaptureRecord::Direction::Out, writtenSeq);
        const int ci = out.chunkIndex(writtenSeq);
        QVERIFY(ci >= 0);
        QCOMPARE(out.framesOfChunk.at(ci).size(), 3); // decoded from the raw write

        // The server read them in one chunk: three frames in one read.
        Connection *server = serverSideOf(client);
        QVERIFY(server);
        QTRY_COMPARE_WITH_TIMEOUT(server->bytesReceived(), conn->bytesSent(), 10000);
        quint64 readSeq = 0;
        for (quint64 seq = m_serverCapture->firstSequence(); seq < m_serverCapture->endSequence(); ++seq) {
            const CaptureRecord r = m_serverCapture->recordAt(seq);
            if (r.kind == CaptureRecord::Kind::Chunk && r.connectionId == server->id()
                && r.direction == CaptureRecord::Direction::In && r.streamOffset == offset)
                readSeq = seq;
        }
        QVERIFY(readSeq);
        const CaptureRecord read = m_serverCapture->recordAt(readSeq);
        QCOMPARE(read.bytes, three); // loopback delivers one small write in one read
        const StreamAnalyzer::Result in =
            StreamAnalyzer::collect(*m_serverCapture, server->id(), CaptureRecord::Direction::In, readSeq);
        const int ri = in.chunkIndex(readSeq);
        QVERIFY(ri >= 0);
        QCOMPARE(in.framesOfChunk.at(ri).size(), 3);
        for (int fi : in.framesOfChunk.at(ri))
            QVERIFY(in.frames.at(fi).seq != 0); // recorded by the decoder, not guessed
        bool explained = false;
        for (const StreamAnalyzer::Note &n : in.notes)
            if (n.seq == readSeq && n.text.startsWith(QLatin1String("3 frames arrived in one read")))
                explained = true;
        QVERIFY2(explained, qPrintable(in.summary));
        QVERIFY(in.stickyChunks >= 1);
        // The server answered all three (the client ignores pongs to pings it did not send).
        QTRY_COMPARE_WITH_TIMEOUT(capturedFrames(*m_clientCapture, conn->id(), CaptureRecord::Direction::In).size(),
                                  decoded.size(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(decoded.size() >= 4, 5000); // hello + 3 pongs
        QCOMPARE(pongs.count(), 0);
        delete client;
    }

    void splitFrame()
    {
        QList<SeenFrame> decoded;
        ChatClient *client = connectClient(&decoded);
        QVERIFY(client);
        TcpConnection *conn = client->connection();
        Connection *server = serverSideOf(client);
        QVERIFY(server);
        const QByteArray frame = ping(2001);
        const qint64 offset = conn->bytesSent();
        conn->sendRaw(frame.left(10)); // cut inside the header
        QTRY_COMPARE_WITH_TIMEOUT(server->bytesReceived(), offset + 10, 10000);
        conn->sendRaw(frame.mid(10));
        QTRY_COMPARE_WITH_TIMEOUT(server->bytesReceived(), offset + frame.size(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!capturedFrames(*m_serverCapture, server->id(), CaptureRecord::Direction::In).isEmpty(), 5000);

        quint64 frameSeq = 0;
        for (quint64 seq = m_serverCapture->firstSequence(); seq < m_serverCapture->endSequence(); ++seq) {
            const CaptureRecord r = m_serverCapture->recordAt(seq);
            if (r.kind == CaptureRecord::Kind::Frame && r.connectionId == server->id() && r.streamOffset == offset)
                frameSeq = seq;
        }
        QVERIFY(frameSeq);
        QCOMPARE(m_serverCapture->recordAt(frameSeq).bytes, frame);
        const StreamAnalyzer::Result in =
            StreamAnalyzer::collect(*m_serverCapture, server->id(), CaptureRecord::Direction::In, frameSeq);
        const int fi = in.frameIndex(frameSeq);
        QVERIFY(fi >= 0);
        QCOMPARE(in.chunksOfFrame.at(fi).size(), 2);
        bool explained = false;
        for (const StreamAnalyzer::Note &n : in.notes)
            if (n.seq == frameSeq && n.text.contains(QLatin1String("was split across 2 reads")))
                explained = true;
        QVERIFY2(explained, qPrintable(in.summary));
        delete client;
    }

    void serverSinkOwnedByItsConnections()
    {
        // Whoever made the sink may let go of it first: the server and its connections keep it
        // while they report to it, and it goes with them.
        auto *server = new ChatServer;
        std::weak_ptr<CaptureBuffer> watch;
        {
            auto sink = std::make_shared<CaptureBuffer>();
            watch = sink;
            server->setCaptureSink(sink);
        }
        QVERIFY(!watch.expired()); // the server holds it
        auto [client, serverSide] = InMemoryConnection::createPair();
        std::unique_ptr<InMemoryConnection> clientOwner(client);
        server->addConnection(serverSide);
        client->sendRaw(ping(1));
        QTRY_VERIFY_WITH_TIMEOUT(watch.lock() && watch.lock()->count() > 0, 5000);
        delete server; // and its connection with it
        QVERIFY(watch.expired());
    }
};

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"
