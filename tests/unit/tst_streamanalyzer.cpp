#include "net/capture/framedissector.h"
#include "net/capture/streamanalyzer.h"
#include "net/protocol/frameencoder.h"

#include <QTest>

using namespace Switchboard;
using Chunk = StreamAnalyzer::Chunk;
using SFrame = StreamAnalyzer::Frame;

namespace {

QByteArray frame(const QString &type, int id, const QByteArray &payload = {})
{
    return FrameEncoder::encode(QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("id"), id}}, payload);
}

// Cuts a stream into chunks at the given offsets; chunk i gets number firstSeq + i.
QVector<Chunk> cut(const QByteArray &stream, const QList<qint64> &cuts, quint64 firstSeq = 100, qint64 base = 0)
{
    QVector<Chunk> out;
    qint64 from = 0;
    QList<qint64> all = cuts;
    all.append(stream.size());
    for (qint64 to : all) {
        out.append(Chunk{firstSeq++, base + from, stream.mid(from, to - from), 0});
        from = to;
    }
    return out;
}

QVector<SFrame> framesOf(const QList<QByteArray> &wires, quint64 firstSeq = 1, qint64 base = 0)
{
    QVector<SFrame> out;
    qint64 at = base;
    for (const QByteArray &w : wires) {
        SFrame f;
        f.seq = firstSeq++;
        f.offset = at;
        f.length = w.size();
        f.type = QStringLiteral("ping");
        out.append(f);
        at += w.size();
    }
    return out;
}

} // namespace

class TestStreamAnalyzer : public QObject
{
    Q_OBJECT
private slots:
    void stickyRead()
    {
        const QByteArray a = frame(QStringLiteral("ping"), 1), b = frame(QStringLiteral("ping"), 2),
                         c = frame(QStringLiteral("ping"), 3);
        const auto r = StreamAnalyzer::analyze(cut(a + b + c, {}), framesOf({a, b, c}));
        QCOMPARE(r.chunks.size(), 1);
        QCOMPARE(r.frames.size(), 3);
        QCOMPARE(r.framesOfChunk.at(0), (QVector<int>{0, 1, 2}));
        QCOMPARE(r.stickyChunks, 1);
        QCOMPARE(r.splitFrames, 0);
        QCOMPARE(r.notes.size(), 1);
        QVERIFY(r.notes.first().text.startsWith(QLatin1String("3 frames arrived in one read (No. 100")));
        QVERIFY(r.notes.first().aboutChunk);
    }

    void frameSplitAcrossThreeReads()
    {
        const QByteArray a = frame(QStringLiteral("chat.send"), 1, QByteArray(100, 'p'));
        const auto r = StreamAnalyzer::analyze(cut(a, {2, 20}), framesOf({a}, 7));
        QCOMPARE(r.chunks.size(), 3);
        QCOMPARE(r.chunksOfFrame.at(0), (QVector<int>{0, 1, 2}));
        QCOMPARE(r.splitFrames, 1);
        QCOMPARE(r.stickyChunks, 0);
        QVERIFY2(r.notes.first().text.contains(QLatin1String("was split across 3 reads (No. 100, 101, 102)")),
                 qPrintable(r.notes.first().text));
        QVERIFY(r.notes.first().text.startsWith(QLatin1String("Frame No. 7")));
    }

    void oneToOneIsExplainedToo()
    {
        const QByteArray a = frame(QStringLiteral("ping"), 1), b = frame(QStringLiteral("ping"), 2);
        const auto r = StreamAnalyzer::analyze(cut(a + b, {a.size()}), framesOf({a, b}));
        QCOMPARE(r.stickyChunks, 0);
        QCOMPARE(r.splitFrames, 0);
        QVERIFY(r.notes.isEmpty());
        QVERIFY(r.summary.contains(QLatin1String("no sticky packets")));
    }

    void rawWritesAreDecoded()
    {
        // Writes without frame records (sendRaw): frames are found from the bytes.
        const QByteArray a = frame(QStringLiteral("ping"), 1), b = frame(QStringLiteral("chat.send"), 2, "xyz"),
                         c = frame(QStringLiteral("pong"), 3);
        const QByteArray stream = a + b + c;
        const auto r = StreamAnalyzer::analyze(cut(stream, {a.size() + 5, stream.size() - 4}), {},
                                               CaptureRecord::Direction::Out);
        QCOMPARE(r.frames.size(), 3);
        QCOMPARE(r.frames.at(1).type, QStringLiteral("chat.send"));
        QCOMPARE(r.frames.at(1).seq, quint64(0));
        QCOMPARE(r.frames.at(2).length, qint64(c.size()));
        QCOMPARE(r.stickyChunks, 2);
        QCOMPARE(r.splitFrames, 2);
        bool wroteOut = false;
        for (const auto &n : r.notes)
            wroteOut |= n.text.contains(QLatin1String("write"));
        QVERIFY(wroteOut);
        // The notes follow the stream.
        for (int i = 1; i < r.notes.size(); ++i)
            QVERIFY(r.notes.at(i - 1).offset <= r.notes.at(i).offset);
    }

    void incompleteTail()
    {
        const QByteArray a = frame(QStringLiteral("ping"), 1), b = frame(QStringLiteral("file.chunk"), 2, QByteArray(500, 'z'));
        const QByteArray shown = a + b.left(50);
        const auto r = StreamAnalyzer::analyze(cut(shown, {}), {});
        QCOMPARE(r.frames.size(), 2);
        QVERIFY(r.frames.at(0).complete);
        QVERIFY(!r.frames.at(1).complete);
        QCOMPARE(r.frames.at(1).type, QStringLiteral("file.chunk"));
        QCOMPARE(r.frames.at(1).end(), qint64(shown.size()));
        // Header not even complete: the frame is there, its type unknown.
        const auto r2 = StreamAnalyzer::analyze(cut(a + b.left(10), {}), {});
        QCOMPARE(r2.frames.size(), 2);
        QVERIFY(r2.frames.at(1).type.isEmpty());
        QVERIFY(!r2.frames.at(1).complete);
    }

    void windowStartsMidFrame()
    {
        // The first chunk shown starts inside a frame whose start was not captured.
        const QByteArray a = frame(QStringLiteral("ping"), 1), b = frame(QStringLiteral("ping"), 2);
        const QByteArray stream = a + b;
        QVector<Chunk> chunks = cut(stream.mid(10), {}, 100, 10);
        const auto r = StreamAnalyzer::analyze(chunks, framesOf({b}, 5, a.size()));
        QCOMPARE(r.frames.size(), 1);
        QCOMPARE(r.frames.first().seq, quint64(5));
        // Without any record of a boundary nothing is guessed.
        const auto r2 = StreamAnalyzer::analyze(chunks, {});
        QCOMPARE(r2.frames.size(), 0);
    }

    void garbageStopsDecoding()
    {
        const QByteArray good = frame(QStringLiteral("ping"), 1);
        const QByteArray bad("\xff\xff\xff\xff garbage", 12);
        const auto r = StreamAnalyzer::analyze(cut(good + bad, {}), {});
        QCOMPARE(r.frames.size(), 1);
    }

    void dissector()
    {
        const QByteArray json = " { \"type\" : \"chat.send\", \"nested\": {\"a\": [1, \"}\"]}, \"text\":\"say \\\"hi\\\" }\", \"n\": -1.5e3 } ";
        QList<FrameDissector::Member> members;
        QVERIFY(FrameDissector::scanMembers(json, &members));
        QCOMPARE(members.size(), 4);
        QCOMPARE(members.at(0).key, QStringLiteral("type"));
        QCOMPARE(json.mid(members.at(1).valueOffset, members.at(1).valueLength), QByteArray("{\"a\": [1, \"}\"]}"));
        QCOMPARE(json.mid(members.at(2).valueOffset, members.at(2).valueLength), QByteArray("\"say \\\"hi\\\" }\""));
        QCOMPARE(json.mid(members.at(3).offset, members.at(3).length), QByteArray("\"n\": -1.5e3"));
        QVERIFY(!FrameDissector::scanMembers("[1,2]", &members));
        QVERIFY(!FrameDissector::scanMembers("{\"a\":", &members));

        const QByteArray wire = frame(QStringLiteral("chat.send"), 4, "hello");
        QCOMPARE(FrameDissector::frameLength(wire), qint64(wire.size()));
        QCOMPARE(FrameDissector::frameLength(wire.left(3)), qint64(0));
        QCOMPARE(FrameDissector::frameLength(wire.left(10)), qint64(0));
        QCOMPARE(FrameDissector::frameLength(QByteArray(4, '\0')), qint64(-1));
        const FrameDissector::Field whole = FrameDissector::dissectFrame(wire, 100);
        QCOMPARE(whole.value, QStringLiteral("chat.send"));
        QCOMPARE(whole.children.size(), 3);
        QCOMPARE(whole.children.at(0).offset, qint64(100));
        QCOMPARE(whole.children.at(1).offset, qint64(104));
        QCOMPARE(whole.children.at(2).length, qint64(5));
        QCOMPARE(whole.children.at(1).children.size(), 3); // id, size, type
        const FrameDissector::Field partial = FrameDissector::dissectFrame(wire.left(12));
        QCOMPARE(partial.children.size(), 2);
        QVERIFY(partial.children.at(1).value.contains(QLatin1String("incomplete")));
    }
};

QTEST_GUILESS_MAIN(TestStreamAnalyzer)
#include "tst_streamanalyzer.moc"
