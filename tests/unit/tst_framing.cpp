#include "net/framing/framedstream.h"
#include "net/framing/framing.h"
#include "net/framing/streamdecoder.h"

#include <QJsonDocument>
#include <QTest>
#include <QtEndian>

using namespace Switchboard;

namespace {

QByteArray be32(quint32 v)
{
    QByteArray b(4, Qt::Uninitialized);
    qToBigEndian(v, b.data());
    return b;
}

QByteArray le32(qint32 v)
{
    QByteArray b(4, Qt::Uninitialized);
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray jsonHead(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Renders messages to compare decodings: offset, bytes, head, body bounds.
QStringList render(const QList<Framing::Message> &messages)
{
    QStringList out;
    for (const Framing::Message &m : messages)
        out << QStringLiteral("%1|%2|%3|%4+%5|%6+%7")
                   .arg(m.offset)
                   .arg(QString::fromLatin1(m.bytes.toHex()))
                   .arg(QString::fromUtf8(QJsonDocument(m.head).toJson(QJsonDocument::Compact)))
                   .arg(m.headOffset)
                   .arg(m.headLength)
                   .arg(m.bodyOffset)
                   .arg(m.bodyLength);
    return out;
}

QList<Framing::Message> decodeIn(const QString &name, const QList<QByteArrayView> &chunks)
{
    auto framing = Framing::create(name);
    QList<Framing::Message> all;
    for (QByteArrayView c : chunks)
        all += framing->feed(c);
    return all;
}

// Eight messages under the framing, none of whose inner bytes could start a chain of two.
QList<QByteArray> sampleMessages(const QString &name)
{
    QList<QByteArray> out;
    for (int i = 0; i < 8; ++i) {
        const int k = 5 + 3 * i;
        if (name == QLatin1String("v1")) {
            const QByteArray head = jsonHead({{QStringLiteral("type"), QStringLiteral("m")}, {QStringLiteral("size"), k}});
            out << be32(quint32(head.size())) + head + QByteArray(k, 'p');
        } else if (name == QLatin1String("tutorial")) {
            const QByteArray head = jsonHead({{QStringLiteral("filename"), QStringLiteral("f%1").arg(i)}, {QStringLiteral("filesize"), k}});
            out << le32(qint32(head.size())) + head + QByteArray(k, 'q');
        } else if (name == QLatin1String("len:2:be")) {
            const QByteArray text = "record " + QByteArray(k, 'r');
            out << QByteArray(1, char(text.size() >> 8)) + char(text.size() & 0xff) + text;
        } else if (name == QLatin1String("line")) {
            out << "line " + QByteArray(k, 'l') + '\n';
        } else {
            out << "rec " + QByteArray(k, 'd') + "\r\n";
        }
    }
    return out;
}

struct Decoding
{
    QList<Framing::Message> messages;
    QList<StreamDecoder::Skip> skips;
    QList<StreamDecoder::Gap> gaps;
};

// Feeds the stream in pieces of `piece` bytes (0: each side of the gap whole), leaving out [gap, gap + gapLength).
Decoding decodeWithGap(const QString &name, bool resync, const QByteArray &stream, qint64 gap, qint64 gapLength,
                       qsizetype piece)
{
    auto decoder = StreamDecoder::create(name, resync);
    Decoding d;
    auto feed = [&](qint64 from, qint64 to) {
        const qsizetype step = piece > 0 ? piece : qMax<qsizetype>(1, to - from);
        for (qint64 at = from; at < to; at += step)
            d.messages += decoder->feed(at, QByteArrayView(stream).sliced(at, qMin<qint64>(step, to - at)));
    };
    feed(0, gap);
    feed(gap + gapLength, stream.size());
    d.messages += decoder->finish();
    d.skips = decoder->skips();
    d.gaps = decoder->gaps();
    return d;
}

} // namespace

class TestFraming : public QObject
{
    Q_OBJECT
private slots:
    void names_data();
    void names();
    void badNames();
    void everySplitPoint_data();
    void everySplitPoint();
    void rawKeepsChunks();
    void failureOffsets_data();
    void failureOffsets();
    void longStreamLinear();
    void framedStreamExplains();
    void resyncAfterGap_data();
    void resyncAfterGap();
    void resyncAfterMisfit();
};

void TestFraming::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("v1") << "v1" << "v1";
    QTest::newRow("tutorial") << "tutorial" << "tutorial";
    QTest::newRow("len") << "len:2:LE" << "len:2:le";
    QTest::newRow("inclusive") << "len:4:be:inclusive" << "len:4:be:inclusive";
    QTest::newRow("line") << "line" << "line";
    QTest::newRow("delim") << "delim:0D0A" << "delim:0d0a";
    QTest::newRow("fixed") << "fixed:7" << "fixed:7";
    QTest::newRow("raw") << "raw" << "raw";
}

void TestFraming::names()
{
    QFETCH(QString, name);
    QFETCH(QString, canonical);
    QString error;
    auto framing = Framing::create(name, &error);
    QVERIFY2(framing, qPrintable(error));
    QCOMPARE(framing->name(), canonical);
    for (const QString &n : Framing::names())
        QVERIFY2(Framing::create(n), qPrintable(n));
}

void TestFraming::badNames()
{
    for (const char *bad : {"", "v2", "len:3:be", "len:4", "len:4:me", "len:4:be:x", "delim:", "delim:0", "delim:zz",
                            "fixed:0", "fixed:x", "raw:1"}) {
        QString error;
        QVERIFY2(!Framing::create(QString::fromLatin1(bad), &error), bad);
        QVERIFY(!error.isEmpty());
    }
}

void TestFraming::everySplitPoint_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("messages");

    const QByteArray h1 = jsonHead({{QStringLiteral("type"), QStringLiteral("chat.send")}, {QStringLiteral("text"), QStringLiteral("例")}});
    const QByteArray h2 = jsonHead({{QStringLiteral("type"), QStringLiteral("upload.chunk")}, {QStringLiteral("size"), 5}});
    QTest::newRow("v1") << "v1" << (be32(h1.size()) + h1 + be32(h2.size()) + h2 + "abcde" + be32(h1.size()) + h1) << 3;

    const QByteArray t1 = jsonHead({{QStringLiteral("filename"), QStringLiteral("a.txt")}, {QStringLiteral("filesize"), 3}});
    const QByteArray t2 = jsonHead({{QStringLiteral("filename"), QStringLiteral("b")}, {QStringLiteral("filesize"), 0}});
    QTest::newRow("tutorial") << "tutorial" << (le32(t1.size()) + t1 + "xyz" + le32(t2.size()) + t2 + le32(t1.size()) + t1 + "123")
                              << 3;
    QTest::newRow("len:1:be") << "len:1:be" << QByteArray("\x03" "abc" "\x00" "\x01" "z", 7) << 3;
    QTest::newRow("len:2:le") << "len:2:le" << QByteArray("\x02\x00" "ab" "\x00\x00" "\x01\x00" "q", 9) << 3;
    QTest::newRow("len:2:be:inclusive") << "len:2:be:inclusive" << QByteArray("\x00\x04" "ab" "\x00\x02" "\x00\x03" "q", 9) << 3;
    QTest::newRow("len:4:be") << "len:4:be" << (be32(3) + "abc" + be32(0) + be32(2) + "zz") << 3;
    QTest::newRow("line") << "line" << QByteArray("hello\n\nworld 例\n") << 3;
    QTest::newRow("delim") << "delim:0d0a" << QByteArray("a\r\nbb\r\r\n\r\n") << 3;
    QTest::newRow("fixed") << "fixed:3" << QByteArray("abcdefghi") << 3;
}

void TestFraming::everySplitPoint()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, stream);
    QFETCH(int, messages);
    const QList<Framing::Message> whole = decodeIn(name, {stream});
    QCOMPARE(whole.size(), messages);
    QCOMPARE(whole.last().end(), stream.size());
    QByteArray joined;
    for (const auto &m : whole)
        joined += m.bytes;
    QCOMPARE(joined, stream);
    const QStringList expected = render(whole);
    // One cut anywhere, two cuts anywhere, and one byte at a time all decode identically.
    for (qsizetype i = 0; i <= stream.size(); ++i) {
        const QByteArrayView s(stream);
        QCOMPARE(render(decodeIn(name, {s.first(i), s.sliced(i)})), expected);
        for (qsizetype j = i; j <= stream.size(); ++j)
            QCOMPARE(render(decodeIn(name, {s.first(i), s.sliced(i, j - i), s.sliced(j)})), expected);
    }
    auto framing = Framing::create(name);
    QList<Framing::Message> bytewise;
    for (char c : stream)
        bytewise += framing->feed(QByteArrayView(&c, 1));
    QCOMPARE(render(bytewise), expected);
    QVERIFY(!framing->failed());
    QCOMPARE(framing->consumed(), stream.size());
    QVERIFY(framing->pending().isEmpty());
}

void TestFraming::rawKeepsChunks()
{
    const auto messages = decodeIn(QStringLiteral("raw"), {"ab", "c", "defg"});
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(1).offset, 2);
    QCOMPARE(messages.at(2).bytes, QByteArray("defg"));
}

void TestFraming::failureOffsets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("goodMessages");
    QTest::addColumn<qint64>("failOffset");
    const QByteArray h = jsonHead({{QStringLiteral("type"), QStringLiteral("ping")}});
    // A v1 frame, then "GET / HTTP/1.1": "GET " read as a length is 1,195,725,856.
    QTest::newRow("v1 then http") << "v1" << (be32(h.size()) + h + "GET / HTTP/1.1\r\n") << 1 << qint64(4 + h.size());
    QTest::newRow("v1 head not json") << "v1" << (be32(3) + "abc") << 0 << qint64(4);
    // A v1 stream read as tutorial: the big-endian length is huge or negative little-endian.
    QTest::newRow("tutorial of v1") << "tutorial" << (be32(h.size()) + h) << 0 << qint64(0);
    QTest::newRow("negative size") << "tutorial" << (le32(15) + "{\"filesize\":-1}") << 0 << qint64(4);
    QTest::newRow("len huge") << "len:4:be" << (be32(2) + "ok" + be32(0x7fffffff)) << 1 << qint64(6);
    QTest::newRow("inclusive too short") << "len:1:be:inclusive" << QByteArray("\x02" "a" "\x00", 3) << 1 << qint64(2);
}

void TestFraming::failureOffsets()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, stream);
    QFETCH(int, goodMessages);
    QFETCH(qint64, failOffset);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        auto framing = Framing::create(name);
        QList<Framing::Message> got = framing->feed(QByteArrayView(stream).first(cut));
        got += framing->feed(QByteArrayView(stream).sliced(cut));
        QCOMPARE(got.size(), goodMessages);
        QVERIFY(framing->failed());
        QCOMPARE(framing->failure().offset, failOffset);
        QVERIFY(!framing->failure().text.isEmpty());
        QVERIFY(framing->feed("more").isEmpty()); // nothing after a failure
    }
}

void TestFraming::longStreamLinear()
{
    // 200,000 lines fed in 7-byte chunks decode quickly (the buffer is compacted, not shifted per message).
    QByteArray stream;
    for (int i = 0; i < 200000; ++i)
        stream += QByteArray::number(i) + '\n';
    auto framing = Framing::create(QStringLiteral("line"));
    qint64 count = 0;
    for (qsizetype at = 0; at < stream.size(); at += 7)
        count += framing->feed(QByteArrayView(stream).sliced(at, qMin<qsizetype>(7, stream.size() - at))).size();
    QCOMPARE(count, 200000);
    QCOMPARE(framing->consumed(), stream.size());
}

void TestFraming::framedStreamExplains()
{
    // "a\nbb\nccc\n" delivered as "a\nb" + "b\ncc" + "c\n": the first two reads carry parts of
    // two lines, two lines are split; offsets start where the chunks do.
    const QVector<StreamAnalyzer::Chunk> chunks{{1, 100, "a\nb", 0}, {2, 103, "b\ncc", 0}, {3, 107, "c\n", 0}};
    FramedStream::Result r = FramedStream::analyze(chunks, QStringLiteral("line"), CaptureRecord::Direction::In);
    QCOMPARE(r.messages.size(), 3);
    QCOMPARE(r.analysis.frames.size(), 3);
    QCOMPARE(r.analysis.frames.at(1).offset, 102);
    QCOMPARE(r.analysis.frames.at(2).type, QStringLiteral("\"ccc\""));
    QCOMPARE(r.analysis.stickyChunks, 2);
    QCOMPARE(r.analysis.splitFrames, 2);
    QVERIFY(!r.failure.isSet());

    // An incomplete message at the end is shown as such; a framing that does not fit says where.
    r = FramedStream::analyze(chunks.mid(0, 2), QStringLiteral("line"), CaptureRecord::Direction::In);
    QCOMPARE(r.pendingBytes, 2);
    QVERIFY(!r.analysis.frames.last().complete);
    r = FramedStream::analyze(chunks, QStringLiteral("v1"), CaptureRecord::Direction::In);
    QVERIFY(r.failure.isSet());
    QCOMPARE(r.failure.offset, 100);
    QVERIFY(r.analysis.notes.first().text.contains(QStringLiteral("does not fit at byte 100")));
    // Nothing is decoded past a gap (a chunk starting beyond the end of the one before).
    QVector<StreamAnalyzer::Chunk> holed = chunks;
    holed[2].offset += 3;
    r = FramedStream::analyze(holed, QStringLiteral("line"), CaptureRecord::Direction::In);
    QCOMPARE(r.messages.size(), 2);
    QCOMPARE(r.gaps.size(), 1);
    QCOMPARE(r.gaps.first().offset, 107);
    QVERIFY(r.analysis.notes.last().text.contains(QStringLiteral("not captured")));
}

void TestFraming::resyncAfterGap_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("where"); // which gap (see below)
    for (const char *name : {"v1", "tutorial", "len:2:be", "line", "delim:0d0a"})
        for (int where = 0; where < 6; ++where)
            QTest::addRow("%s-%d", name, where) << QString::fromLatin1(name) << where;
}

void TestFraming::resyncAfterGap()
{
    QFETCH(QString, name);
    QFETCH(int, where);
    const QList<QByteArray> originals = sampleMessages(name);
    QByteArray stream;
    QList<qint64> offsets;
    for (const QByteArray &m : originals) {
        offsets << stream.size();
        stream += m;
    }
    // Gaps: inside a message's first bytes, exactly from one boundary to the next, across three
    // messages, one byte just before a boundary, inside the second-to-last message (one whole
    // message left after it), and inside the last message (nothing to resync on).
    const qint64 gaps[6][2] = {{offsets[1] + 2, 3},
                               {offsets[2], offsets[3] - offsets[2]},
                               {offsets[1] + 5, offsets[4] + 1 - offsets[1] - 5},
                               {offsets[3] - 1, 1},
                               {offsets[6] + 1, 2},
                               {offsets[7] + 3, 2}};
    const qint64 gap = gaps[where][0], gapEnd = gap + gaps[where][1];
    const bool delimited = name == QLatin1String("line") || name.startsWith(QLatin1String("delim"));
    const qint64 delimiter = name == QLatin1String("line") ? 1 : 2;

    // Without resync decoding stops at the gap, as before.
    Decoding plain = decodeWithGap(name, false, stream, gap, gapEnd - gap, 0);
    int before = 0;
    while (before < offsets.size() && offsets[before] + originals[before].size() <= gap)
        ++before;
    QCOMPARE(plain.messages.size(), before);
    QVERIFY(plain.skips.isEmpty());
    QCOMPARE(plain.gaps.size(), 1);
    QCOMPARE(plain.gaps.first().offset, gap);

    // With it: the messages before the gap, then every message from the first boundary found after it.
    QList<qint64> expected;
    for (int i = 0; i < before; ++i)
        expected << offsets[i];
    QList<qint64> after;
    for (qint64 o : offsets)
        if (delimited ? o >= gapEnd + delimiter : o >= gapEnd)
            after << o;
    if (!delimited && after.size() < Framing::ResyncChain)
        after.clear(); // a lone last message is no chain
    expected += after;
    const Decoding d = decodeWithGap(name, true, stream, gap, gapEnd - gap, 0);
    QList<qint64> got;
    for (const Framing::Message &m : d.messages) {
        got << m.offset;
        QCOMPARE(m.bytes, stream.mid(m.offset, m.bytes.size()));
    }
    QCOMPARE(got, expected);
    // The skipped bytes: the message the gap cut, then what lay between the gap and the boundary.
    QList<QPair<qint64, qint64>> skips;
    for (const StreamDecoder::Skip &k : d.skips) {
        skips << qMakePair(k.offset, k.length);
        QVERIFY(!k.why.isEmpty());
    }
    QList<QPair<qint64, qint64>> expectedSkips;
    if (before < offsets.size() && offsets[before] < gap)
        expectedSkips << qMakePair(offsets[before], gap - offsets[before]);
    const qint64 restart = after.isEmpty() ? stream.size() : after.first();
    if (restart > gapEnd)
        expectedSkips << qMakePair(gapEnd, restart - gapEnd);
    QCOMPARE(skips, expectedSkips);
    QCOMPARE(d.gaps.size(), 1);

    // However the bytes were cut, the same messages and skips.
    const Decoding bytewise = decodeWithGap(name, true, stream, gap, gapEnd - gap, 1);
    QCOMPARE(render(bytewise.messages), render(d.messages));
    QCOMPARE(bytewise.skips.size(), d.skips.size());
    for (int i = 0; i < d.skips.size(); ++i) {
        QCOMPARE(bytewise.skips.at(i).offset, d.skips.at(i).offset);
        QCOMPARE(bytewise.skips.at(i).length, d.skips.at(i).length);
    }
}

void TestFraming::resyncAfterMisfit()
{
    // Eight v1 messages with 8 stray bytes after the third: without resync decoding stops there;
    // with it the stray bytes are skipped and the rest decodes at their true offsets.
    const QList<QByteArray> originals = sampleMessages(QStringLiteral("v1"));
    QByteArray stream;
    qint64 stray = 0;
    for (int i = 0; i < originals.size(); ++i) {
        if (i == 3) {
            stray = stream.size();
            stream += "GARBAGE!";
        }
        stream += originals[i];
    }
    for (bool resync : {false, true}) {
        auto decoder = StreamDecoder::create(QStringLiteral("v1"), resync);
        QList<Framing::Message> messages;
        for (qsizetype at = 0; at < stream.size(); at += 5)
            messages += decoder->feed(at, QByteArrayView(stream).sliced(at, qMin<qsizetype>(5, stream.size() - at)));
        messages += decoder->finish();
        QCOMPARE(decoder->failures().size(), 1);
        QCOMPARE(decoder->failures().first().offset, stray);
        QCOMPARE(decoder->stopped(), !resync);
        QCOMPARE(messages.size(), resync ? originals.size() : 3);
        for (int i = 0; i < messages.size(); ++i)
            QCOMPARE(messages.at(i).bytes, originals.at(i));
        if (resync) {
            QCOMPARE(messages.at(3).offset, stray + 8);
            QCOMPARE(decoder->skips().size(), 1);
            QCOMPARE(decoder->skips().first().offset, stray);
            QCOMPARE(decoder->skips().first().length, 8);
            QCOMPARE(decoder->pendingBytes(), 0);
        } else {
            QVERIFY(decoder->skips().isEmpty());
        }
    }
    // FramedStream says so in its notes.
    const QVector<StreamAnalyzer::Chunk> chunks{{1, 0, stream, 0}};
    const FramedStream::Result r = FramedStream::analyze(chunks, QStringLiteral("v1"), CaptureRecord::Direction::In, true);
    QCOMPARE(r.messages.size(), originals.size());
    QCOMPARE(r.skips.size(), 1);
    QVERIFY(r.analysis.notes.first().text.contains(QStringLiteral("does not fit at byte %1").arg(stray)));
    QVERIFY(r.analysis.notes.last().text.contains(QStringLiteral("Skipped 8 bytes at %1..%2").arg(stray).arg(stray + 7)));
}

QTEST_GUILESS_MAIN(TestFraming)
#include "tst_framing.moc"
