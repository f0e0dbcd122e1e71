#include "net/capture/capturebuffer.h"
#include "net/protocol/frameencoder.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Switchboard;

namespace {

CaptureRecord chunk(quint64 conn, const QByteArray &bytes, qint64 offset = 0,
                    CaptureRecord::Direction dir = CaptureRecord::Direction::In)
{
    CaptureRecord r;
    r.kind = CaptureRecord::Kind::Chunk;
    r.direction = dir;
    r.connectionId = conn;
    r.timeUs = 1700000000000000LL + offset;
    r.localAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r.localPort = 5151;
    r.peerAddress = QHostAddress(QStringLiteral("127.0.0.2"));
    r.peerPort = quint16(40000 + conn);
    r.bytes = bytes;
    r.streamOffset = offset;
    return r;
}

CaptureRecord frame(quint64 conn, const QJsonObject &header, const QByteArray &payload = {})
{
    const QByteArray wire = FrameEncoder::encode(header, payload);
    CaptureRecord r = chunk(conn, wire);
    r.kind = CaptureRecord::Kind::Frame;
    r.header = header;
    if (!payload.isEmpty())
        r.header.insert(QStringLiteral("size"), double(payload.size()));
    r.headerLength = quint32(wire.size() - 4 - payload.size());
    r.payloadSize = payload.size();
    return r;
}

} // namespace

class TestCaptureBuffer : public QObject
{
    Q_OBJECT
private slots:
    void sequenceNumbers()
    {
        CaptureBuffer buffer;
        QCOMPARE(buffer.firstSequence(), quint64(1));
        QCOMPARE(buffer.endSequence(), quint64(1));
        for (int i = 0; i < 10; ++i)
            buffer.record(chunk(1, QByteArray(1 + i, 'x'), i));
        QCOMPARE(buffer.count(), qint64(10));
        QCOMPARE(buffer.firstSequence(), quint64(1));
        QCOMPARE(buffer.endSequence(), quint64(11));
        for (quint64 seq = 1; seq <= 10; ++seq) {
            const CaptureRecord r = buffer.recordAt(seq);
            QCOMPARE(r.bytes.size(), int(seq));
            QCOMPARE(r.streamOffset, qint64(seq - 1));
        }
        QVERIFY(!buffer.contains(0));
        QVERIFY(!buffer.contains(11));
        CaptureRecord out;
        QVERIFY(!buffer.recordAt(11, &out));
    }

    void capByEntries()
    {
        CaptureBuffer buffer;
        buffer.setMaxEntries(100);
        for (int i = 0; i < 250; ++i)
            buffer.record(chunk(1, QByteArray::number(i), i));
        QCOMPARE(buffer.count(), qint64(100));
        QCOMPARE(buffer.droppedCount(), quint64(150));
        QCOMPARE(buffer.firstSequence(), quint64(151));
        QCOMPARE(buffer.endSequence(), quint64(251));
        // Numbers stay attached to their records.
        QCOMPARE(buffer.recordAt(151).bytes, QByteArray("150"));
        QCOMPARE(buffer.recordAt(250).bytes, QByteArray("249"));
        QVERIFY(!buffer.contains(150));

        // Lowering the limit drops at once.
        buffer.setMaxEntries(10);
        QCOMPARE(buffer.count(), qint64(10));
        QCOMPARE(buffer.droppedCount(), quint64(240));
        QCOMPARE(buffer.firstSequence(), quint64(241));
    }

    void capByBytes()
    {
        CaptureBuffer buffer;
        buffer.setMaxEntries(0);
        buffer.setMaxBytes(1000);
        for (int i = 0; i < 30; ++i)
            buffer.record(chunk(1, QByteArray(100, char('a' + i % 26)), i * 100));
        QCOMPARE(buffer.count(), qint64(10));
        QCOMPARE(buffer.byteCount(), qint64(1000));
        QCOMPARE(buffer.droppedCount(), quint64(20));
        QCOMPARE(buffer.firstSequence(), quint64(21));
        // A record bigger than the limit is kept alone rather than lost.
        buffer.record(chunk(1, QByteArray(5000, 'z'), 3000));
        QCOMPARE(buffer.count(), qint64(1));
        QCOMPARE(buffer.byteCount(), qint64(5000));
        QCOMPARE(buffer.droppedCount(), quint64(30));
        QCOMPARE(buffer.firstSequence(), quint64(31));
        buffer.record(chunk(1, QByteArray(10, 'y'), 8000));
        QCOMPARE(buffer.count(), qint64(1));
        QCOMPARE(buffer.byteCount(), qint64(10));
        const CaptureBuffer::State s = buffer.state();
        QCOMPARE(s.first, quint64(32));
        QCOMPARE(s.end, quint64(33));
        QCOMPARE(s.dropped, quint64(31));
    }

    void framesKeepTheirHeader()
    {
        CaptureBuffer buffer;
        const QJsonObject header{{QStringLiteral("type"), QStringLiteral("chat.send")},
                                 {QStringLiteral("id"), 7},
                                 {QStringLiteral("room"), QStringLiteral("lobby")}};
        buffer.record(frame(3, header, "hello"));
        CaptureRecord noBytes = frame(3, QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}});
        noBytes.bytes.clear();
        buffer.record(noBytes);
        CaptureRecord err;
        err.kind = CaptureRecord::Kind::Error;
        err.connectionId = 3;
        err.text = QStringLiteral("frame_zero_length: The frame's length prefix is zero.");
        buffer.record(err);

        const CaptureRecord r = buffer.recordAt(1);
        QCOMPARE(r.kind, CaptureRecord::Kind::Frame);
        QCOMPARE(r.typeName(), QStringLiteral("chat.send"));
        QCOMPARE(r.header.value(QStringLiteral("room")).toString(), QStringLiteral("lobby"));
        QCOMPARE(r.header.value(QStringLiteral("size")).toInt(), 5);
        QCOMPARE(r.payloadSize, qint64(5));
        QCOMPARE(r.peerPort, quint16(40003));
        QCOMPARE(r.peerString(), QStringLiteral("127.0.0.2:40003"));
        QCOMPARE(buffer.recordAt(2).typeName(), QStringLiteral("ping"));
        QCOMPARE(buffer.recordAt(3).text, err.text);
        QVERIFY(buffer.recordAt(3).bytes.isEmpty());

        CaptureBuffer::Entry e;
        CaptureBuffer::Endpoint ep;
        QVERIFY(buffer.entryAt(1, &e, &ep));
        QCOMPARE(buffer.typeName(e), QStringLiteral("chat.send"));
        QCOMPARE(ep.peerString, QStringLiteral("127.0.0.2:40003"));
        QVERIFY(e.headerText().startsWith("{"));
        QCOMPARE(e.wireLength(), qint64(r.bytes.size()));
    }

    void snapshotAndVisit()
    {
        CaptureBuffer buffer;
        buffer.setMaxEntries(50);
        for (int i = 0; i < 80; ++i)
            buffer.record(chunk(quint64(i % 3), QByteArray::number(i), i));
        const QVector<CaptureRecord> all = buffer.snapshot();
        QCOMPARE(all.size(), 50);
        QCOMPARE(all.first().bytes, QByteArray("30"));
        const QVector<CaptureRecord> some = buffer.snapshot(40, 45);
        QCOMPARE(some.size(), 5);
        QCOMPARE(some.first().bytes, QByteArray("39"));
        int visited = 0;
        quint64 expect = 31;
        const quint64 next = buffer.visit(0, 1000, [&](quint64 seq, const CaptureBuffer::Entry &e,
                                                       const CaptureBuffer::Endpoint &ep, const QString &) {
            QCOMPARE(seq, expect++);
            QCOMPARE(ep.peerPort, quint16(40000 + e.connectionId));
            ++visited;
        });
        QCOMPARE(visited, 50);
        QCOMPARE(next, quint64(81));
    }

    void pauseAndClear()
    {
        CaptureBuffer buffer;
        buffer.record(chunk(1, "a"));
        buffer.setPaused(true);
        QVERIFY(buffer.isPaused());
        buffer.record(chunk(1, "b"));
        QCOMPARE(buffer.count(), qint64(1));
        QCOMPARE(buffer.state().ignored, quint64(1));
        buffer.setPaused(false);
        buffer.record(chunk(1, "c"));
        QCOMPARE(buffer.count(), qint64(2));
        const quint64 generation = buffer.state().generation;
        buffer.clear();
        QCOMPARE(buffer.count(), qint64(0));
        QCOMPARE(buffer.byteCount(), qint64(0));
        QCOMPARE(buffer.firstSequence(), quint64(1));
        QVERIFY(buffer.state().generation != generation);
        buffer.record(chunk(1, "d"));
        QCOMPARE(buffer.recordAt(1).bytes, QByteArray("d"));
    }

    void notificationsAreCoalesced()
    {
        CaptureBuffer buffer;
        buffer.setNotifyInterval(50);
        QSignalSpy spy(&buffer, &CaptureBuffer::updated);
        for (int i = 0; i < 1000; ++i)
            buffer.record(chunk(1, "x", i));
        QCOMPARE(spy.count(), 0); // never synchronously
        QVERIFY(spy.wait(1000));
        QTest::qWait(20);
        for (int i = 0; i < 1000; ++i)
            buffer.record(chunk(1, "y", i));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 1000);
        QTest::qWait(120);
        QCOMPARE(spy.count(), 2);
    }

    void recordFromManyThreads()
    {
        CaptureBuffer buffer;
        buffer.setMaxEntries(20000);
        QSignalSpy spy(&buffer, &CaptureBuffer::updated);
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&buffer, t] {
                for (int i = 0; i < 10000; ++i)
                    buffer.record(chunk(quint64(t + 1), QByteArray(16, 'q'), qint64(i) * 16));
            }));
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(20000));
            delete t;
        }
        QCOMPARE(buffer.count(), qint64(20000));
        QCOMPARE(buffer.droppedCount(), quint64(20000));
        QCOMPARE(buffer.endSequence(), quint64(40001));
        QCOMPARE(buffer.byteCount(), qint64(20000 * 16));
        QVERIFY(spy.wait(1000));
    }

    void endpointsAreRecycled()
    {
        CaptureBuffer buffer;
        buffer.setMaxEntries(10);
        // Many short connections: the endpoint table must not keep growing.
        for (int i = 0; i < 5000; ++i)
            buffer.record(chunk(quint64(i + 1), "z"));
        for (quint64 seq = buffer.firstSequence(); seq < buffer.endSequence(); ++seq)
            QCOMPARE(buffer.recordAt(seq).connectionId, seq);
        QCOMPARE(buffer.recordAt(buffer.endSequence() - 1).peerPort, quint16(40000 + 5000));
    }
};

QTEST_GUILESS_MAIN(TestCaptureBuffer)
#include "tst_capturebuffer.moc"
