#include "net/capture/captureimport.h"
#include "net/capture/capturefilereader.h"
#include "net/capture/pcapngwriter.h"
#include "net/capture/tcpreassembler.h"
#include "net/framing/framing.h"

#include "craftedcapture.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Switchboard;
using namespace Switchboard::Test;

namespace {

QByteArray joined(const QVector<CaptureImport::Chunk> &chunks)
{
    QByteArray out;
    for (const auto &c : chunks) {
        if (c.offset != out.size())
            return "offset mismatch at " + QByteArray::number(c.offset);
        out += c.bytes;
    }
    return out;
}

} // namespace

class TestPcapImport : public QObject
{
    Q_OBJECT
private slots:
    void reassemblerOrders();
    void reassemblerWraps();
    void reassemblerGap();
    void linkTypes_data();
    void linkTypes();
    void reorderedAndDuplicated();
    void udpFlows();
    void portReuse();
    void switchboardPcapng();
    void pcapngResolution();
    void damagedFile();
    void cancel();
    void notACapture();
    void fragments_data();
    void fragments();
    void overlappingFragments();
    void fragmentedTcp();
    void fragmentBounds();

private:
    QTemporaryDir m_dir;
};

void TestPcapImport::reassemblerOrders()
{
    // Every byte once, in order, whatever the order and overlap of the segments.
    const QByteArray data("The quick brown fox jumps over the lazy dog");
    const QList<QPair<int, int>> segments{{10, 20}, {0, 5}, {0, 5}, {3, 12}, {30, 43}, {20, 35}, {25, 30}};
    TcpReassembler r;
    QVector<TcpReassembler::Piece> out;
    r.segment(99, 0x02, {}, 0, &out); // SYN: offset 0 is seq 100
    for (const auto &[from, to] : segments)
        r.segment(100 + quint32(from), 0x18, QByteArrayView(data).sliced(from, to - from), 0, &out);
    r.finish(&out);
    QByteArray got;
    for (const auto &p : out) {
        QCOMPARE(p.offset, got.size());
        got += p.bytes;
    }
    QCOMPARE(got, data);
    QVERIFY(r.gaps().isEmpty());
    QVERIFY(r.repeatedBytes() > 0);
    QVERIFY(r.outOfOrderSegments() >= 1);
}

void TestPcapImport::reassemblerWraps()
{
    TcpReassembler r;
    QVector<TcpReassembler::Piece> out;
    const quint32 isn = 0xFFFFFFF0u;
    r.segment(isn - 1, 0x02, {}, 0, &out);
    QByteArray data(64, 'x');
    for (int i = 0; i < 64; ++i)
        data[i] = char('A' + i % 26);
    r.segment(isn + 32, 0x18, QByteArrayView(data).sliced(32), 0, &out); // past the wrap, early
    r.segment(isn, 0x18, QByteArrayView(data).first(32), 0, &out);
    QCOMPARE(r.delivered(), 64);
    QByteArray got;
    for (const auto &p : out)
        got += p.bytes;
    QCOMPARE(got, data);
}

void TestPcapImport::reassemblerGap()
{
    TcpReassembler r;
    QVector<TcpReassembler::Piece> out;
    r.segment(1, 0x18, "aaaa", 0, &out);  // no SYN: the first byte seen is offset 0
    r.segment(9, 0x18, "cccc", 0, &out);  // bytes 4..7 never come
    QCOMPARE(r.delivered(), 4);
    r.finish(&out);
    QCOMPARE(r.gaps().size(), 1);
    QCOMPARE(r.gaps().first().offset, 4);
    QCOMPARE(r.gaps().first().length, 4);
    QCOMPARE(out.last().offset, 8);
    QCOMPARE(out.last().bytes, QByteArray("cccc"));
}

void TestPcapImport::linkTypes_data()
{
    QTest::addColumn<quint32>("linkType");
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<bool>("nanoseconds");
    QTest::addColumn<bool>("v6");
    QTest::newRow("ethernet le usec v4") << 1u << false << false << false;
    QTest::newRow("ethernet be nsec v6") << 1u << true << true << true;
    QTest::newRow("sll v4") << 113u << false << true << false;
    QTest::newRow("sll2 v6") << 276u << true << false << true;
    QTest::newRow("null v4") << 0u << false << false << false;
    QTest::newRow("null v6") << 0u << false << false << true;
    QTest::newRow("raw v4") << 101u << true << false << false;
    QTest::newRow("raw ipv6") << 229u << false << false << true;
}

void TestPcapImport::linkTypes()
{
    QFETCH(quint32, linkType);
    QFETCH(bool, bigEndian);
    QFETCH(bool, nanoseconds);
    QFETCH(bool, v6);
    Connection c;
    c.v6 = v6;
    if (v6) {
        c.client = QHostAddress(QStringLiteral("fd00::1"));
        c.server = QHostAddress(QStringLiteral("fd00::2"));
    }
    const QList<Segment> segments{{true, 0, 0x02, {}, 0},          {false, 0, 0x12, {}, 1},
                                  {true, 1, 0x10, {}, 2},          {true, 1, 0x18, "hello\n", 3},
                                  {false, 1, 0x18, "HELLO\n", 4},  {true, 7, 0x11, {}, 5},
                                  {false, 7, 0x11, {}, 6}};
    QList<QPair<qint64, QByteArray>> packets;
    for (const Segment &s : segments)
        packets.append({BaseUs + 123 * s.timeUs + 7, linkFrame(linkType, c.packet(s))});
    const QString path = writeTemp(m_dir, QStringLiteral("link.pcap"), pcapFile(linkType, bigEndian, nanoseconds, packets));
    CaptureImport import;
    QVERIFY2(import.read(path, 0), qPrintable(import.errorString()));
    QCOMPARE(import.skippedPackets(), 0);
    QCOMPARE(import.conversations().size(), 1);
    const auto &conv = import.conversations().first();
    QCOMPARE(conv.addressA, c.client);
    QCOMPARE(conv.portB, quint16(9000));
    QVERIFY(conv.handshakeSeen);
    QCOMPARE(conv.firstUs, BaseUs + 7);
    QCOMPARE(conv.packets, 7);
    QCOMPARE(joined(import.stream().chunks[0]), QByteArray("hello\n"));
    QCOMPARE(joined(import.stream().chunks[1]), QByteArray("HELLO\n"));
    QCOMPARE(import.stream().chunks[1].first().timeUs, BaseUs + 123 * 4 + 7);
    QVERIFY(conv.finSeen[0] && conv.finSeen[1]);
}

void TestPcapImport::reorderedAndDuplicated()
{
    // Three v1 frames sent in 7-byte segments, delivered shuffled, some twice, some overlapping.
    QByteArray stream;
    for (int i = 0; i < 3; ++i) {
        const QByteArray head = QByteArray(R"({"type":"chat.send","text":"例 )") + QByteArray::number(i) + "\"}";
        char len[4];
        qToBigEndian(quint32(head.size()), len);
        stream += QByteArray(len, 4) + head;
    }
    Connection c;
    QList<Segment> segments{{true, 0, 0x02, {}, 0}, {false, 0, 0x12, {}, 0}, {true, 1, 0x10, {}, 0}};
    QList<Segment> data;
    for (int at = 0; at < stream.size(); at += 7)
        data.append({true, quint32(1 + at), 0x18, stream.mid(at, 7), 0});
    // Shuffle deterministically: reverse pairs, duplicate every third, add an overlapping resend.
    QList<Segment> shuffled;
    for (int i = 0; i + 1 < data.size(); i += 2)
        shuffled << data.at(i + 1) << data.at(i);
    if (data.size() % 2)
        shuffled << data.last();
    for (int i = 0; i < data.size(); i += 3)
        shuffled.insert(qMin(int(shuffled.size()), i + 4), data.at(i));
    shuffled.insert(5, Segment{true, 1 + 3, 0x18, stream.mid(3, 11), 0});
    segments += shuffled;
    QList<QPair<qint64, QByteArray>> packets;
    qint64 t = BaseUs;
    for (const Segment &s : segments)
        packets.append({t += 10, linkFrame(1, c.packet(s))});
    const QString path = writeTemp(m_dir, QStringLiteral("shuffled.pcap"), pcapFile(1, false, false, packets));

    CaptureImport import;
    QVERIFY2(import.read(path, 0), qPrintable(import.errorString()));
    const auto &conv = import.conversations().first();
    QCOMPARE(joined(import.stream().chunks[0]), stream);
    QCOMPARE(conv.bytes[0], stream.size());
    QCOMPARE(conv.gapBytes[0], 0);
    QVERIFY(conv.repeatedBytes[0] >= 7 * (data.size() / 3));
    QVERIFY(conv.outOfOrder[0] > 0);

    auto framing = Framing::create(QStringLiteral("v1"));
    QList<Framing::Message> messages;
    for (const auto &chunk : import.stream().chunks[0])
        messages += framing->feed(chunk.bytes);
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(2).head.value(QStringLiteral("text")).toString(), QStringLiteral("例 2"));

    // Without the middle segment the rest is delivered after a reported gap.
    QList<QPair<qint64, QByteArray>> holed;
    for (const Segment &s : segments.mid(0, 3) + data.mid(0, 2) + data.mid(3))
        holed.append({t += 10, linkFrame(1, c.packet(s))});
    const QString holedPath = writeTemp(m_dir, QStringLiteral("holed.pcap"), pcapFile(1, false, false, holed));
    QVERIFY(import.read(holedPath, 0));
    QCOMPARE(import.stream().gaps[0].size(), 1);
    QCOMPARE(import.stream().gaps[0].first().offset, 14);
    QCOMPARE(import.stream().gaps[0].first().length, 7);
    QCOMPARE(import.conversations().first().gapBytes[0], 7);
    QCOMPARE(import.stream().chunks[0].last().bytes, data.last().payload);
}

void TestPcapImport::udpFlows()
{
    const QHostAddress a(QStringLiteral("192.168.1.5")), b(QStringLiteral("192.168.1.9"));
    QList<QPair<qint64, QByteArray>> packets{
        {BaseUs, linkFrame(1, ipPacket(false, 17, a, 5000, b, 53, 0, 0, "query"))},
        {BaseUs + 1, linkFrame(1, ipPacket(false, 17, b, 53, a, 5000, 0, 0, "answer"))},
        {BaseUs + 2, linkFrame(1, ipPacket(false, 17, a, 5000, b, 53, 0, 0, "again"))},
        {BaseUs + 3, linkFrame(1, ipPacket(false, 17, a, 5001, b, 53, 0, 0, "other"))},
    };
    const QString path = writeTemp(m_dir, QStringLiteral("udp.pcap"), pcapFile(1, false, false, packets));
    CaptureImport import;
    QVERIFY(import.read(path, 0));
    QCOMPARE(import.conversations().size(), 2);
    QCOMPARE(import.conversations().first().transport, CaptureRecord::Transport::Udp);
    QCOMPARE(import.stream().chunks[0].size(), 2);
    QCOMPARE(import.stream().chunks[0].at(1).offset, 5);
    QCOMPARE(import.stream().chunks[1].first().bytes, QByteArray("answer"));
}

void TestPcapImport::portReuse()
{
    Connection c;
    QList<QPair<qint64, QByteArray>> packets;
    for (quint32 isn : {1000u, 900000u}) {
        c.clientIsn = isn;
        for (const Segment &s : {Segment{true, 0, 0x02, {}, 0}, Segment{true, 1, 0x18, "x" + QByteArray::number(isn), 0},
                                 Segment{true, 1, 0x02, {}, 0}}) // a repeated SYN is not a new connection
            packets.append({BaseUs, linkFrame(1, c.packet(s.flags == 0x02 && s.seq == 1 ? Segment{true, 0, 0x02, {}, 0} : s))});
    }
    const QString path = writeTemp(m_dir, QStringLiteral("reuse.pcap"), pcapFile(1, false, false, packets));
    CaptureImport import;
    QVERIFY(import.read(path, 1));
    QCOMPARE(import.conversations().size(), 2);
    QCOMPARE(joined(import.stream().chunks[0]), QByteArray("x900000"));
}

void TestPcapImport::switchboardPcapng()
{
    // Switchboard's own captures: chunks as synthesized segments, both ends of a connection.
    QBuffer file;
    file.open(QIODevice::WriteOnly);
    PcapngWriter writer(&file);
    QVERIFY(writer.writeHeader());
    QByteArray up, down;
    qint64 upOffset = 0, downOffset = 0;
    for (int i = 0; i < 50; ++i) {
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Chunk;
        r.connectionId = 1;
        r.localAddress = QHostAddress(QStringLiteral("::1"));
        r.localPort = 41000;
        r.peerAddress = QHostAddress(QStringLiteral("::1"));
        r.peerPort = 5151;
        r.timeUs = BaseUs + i;
        r.direction = i % 3 == 1 ? CaptureRecord::Direction::In : CaptureRecord::Direction::Out; // the first is sent: A is local
        r.bytes = QByteArray(1 + i * 37 % 70000, char('a' + i % 26));
        qint64 &offset = r.direction == CaptureRecord::Direction::Out ? upOffset : downOffset;
        r.streamOffset = offset;
        offset += r.bytes.size();
        (r.direction == CaptureRecord::Direction::Out ? up : down) += r.bytes;
        QVERIFY(writer.write(r));
    }
    const QString path = writeTemp(m_dir, QStringLiteral("own.pcapng"), file.data());
    CaptureImport import;
    QVERIFY2(import.read(path, 0), qPrintable(import.errorString()));
    QCOMPARE(import.conversations().size(), 1);
    QCOMPARE(joined(import.stream().chunks[0]), up);
    QCOMPARE(joined(import.stream().chunks[1]), down);
}

void TestPcapImport::pcapngResolution()
{
    // A pcapng interface with nanosecond timestamps (if_tsresol = 9), big-endian section.
    auto block = [](quint32 type, const QByteArray &body) {
        QByteArray b;
        const quint32 length = quint32(12 + body.size());
        put<quint32>(b, type, true);
        put<quint32>(b, length, true);
        b += body;
        put<quint32>(b, length, true);
        return b;
    };
    QByteArray shb;
    put<quint32>(shb, 0x1A2B3C4D, true);
    put<quint16>(shb, 1, true);
    put<quint16>(shb, 0, true);
    put<quint64>(shb, ~quint64(0), true);
    QByteArray idb;
    put<quint16>(idb, 101, true);
    put<quint16>(idb, 0, true);
    put<quint32>(idb, 0, true);
    put<quint16>(idb, 9, true);
    put<quint16>(idb, 1, true);
    idb += QByteArray("\x09\0\0\0", 4);
    put<quint32>(idb, 0, true);
    const QByteArray ip = ipPacket(false, 17, QHostAddress(QStringLiteral("1.2.3.4")), 1, QHostAddress(QStringLiteral("5.6.7.8")), 2, 0, 0, "hi");
    QByteArray epb;
    const quint64 ns = quint64(BaseUs) * 1000 + 999;
    put<quint32>(epb, 0, true);
    put<quint32>(epb, quint32(ns >> 32), true);
    put<quint32>(epb, quint32(ns), true);
    put<quint32>(epb, quint32(ip.size()), true);
    put<quint32>(epb, quint32(ip.size()), true);
    epb += ip + QByteArray((4 - ip.size() % 4) % 4, '\0');
    const QString path = writeTemp(m_dir, QStringLiteral("ns.pcapng"),
                                   block(0x0A0D0D0A, shb) + block(1, idb) + block(6, epb));
    CaptureImport import;
    QVERIFY2(import.read(path, 0), qPrintable(import.errorString()));
    QCOMPARE(import.conversations().size(), 1);
    QCOMPARE(import.conversations().first().firstUs, BaseUs);
    QCOMPARE(import.stream().chunks[0].first().bytes, QByteArray("hi"));
}

void TestPcapImport::damagedFile()
{
    Connection c;
    QList<QPair<qint64, QByteArray>> packets;
    for (quint32 i = 0; i < 4; ++i)
        packets.append({BaseUs, linkFrame(1, c.packet(Segment{true, 1 + i * 2, 0x18, "ab", 0}))});
    QByteArray bytes = pcapFile(1, false, false, packets);
    bytes.chop(5);
    const QString path = writeTemp(m_dir, QStringLiteral("cut.pcap"), bytes);
    CaptureImport import;
    QVERIFY(!import.read(path, 0));
    QVERIFY(import.errorString().contains(QStringLiteral("Truncated")));
    QCOMPARE(import.packets(), 3); // what came before the damage is kept
    QCOMPARE(joined(import.stream().chunks[0]), QByteArray("ababab"));
}

void TestPcapImport::cancel()
{
    Connection c;
    QList<QPair<qint64, QByteArray>> packets;
    for (quint32 i = 0; i < 5000; ++i)
        packets.append({BaseUs + i, linkFrame(1, c.packet(Segment{true, 1 + i * 4, 0x18, "data", 0}))});
    const QString path = writeTemp(m_dir, QStringLiteral("long.pcap"), pcapFile(1, false, false, packets));
    CaptureImport import;
    qint64 calls = 0, last = 0;
    QVERIFY(import.read(path, -1, [&](qint64 done, qint64 total) {
        ++calls;
        last = done;
        return done <= total;
    }));
    QVERIFY(calls >= 5000 / 512);
    QCOMPARE(last, QFileInfo(path).size());
    QVERIFY(!import.read(path, -1, [](qint64, qint64) { return false; }));
    QVERIFY(import.cancelled());
}

void TestPcapImport::notACapture()
{
    const QString path = writeTemp(m_dir, QStringLiteral("text.pcap"), QByteArray("this is not a capture file at all\n"));
    CaptureImport import;
    QVERIFY(!import.read(path));
    QVERIFY(!import.errorString().isEmpty());
    QVERIFY(!import.read(m_dir.filePath(QStringLiteral("missing.pcap"))));
}

void TestPcapImport::fragments_data()
{
    QTest::addColumn<bool>("v6");
    QTest::addRow("IPv4") << false;
    QTest::addRow("IPv6 fragment header") << true;
}

void TestPcapImport::fragments()
{
    // A 3,000-byte UDP datagram in three fragments, last first, one of them twice; then a small
    // unfragmented one. Then the same with the last fragment 31 s (capture time) late: given up.
    QFETCH(bool, v6);
    const QHostAddress a(v6 ? QStringLiteral("fd00::1") : QStringLiteral("10.0.0.1"));
    const QHostAddress b(v6 ? QStringLiteral("fd00::2") : QStringLiteral("10.0.0.2"));
    QByteArray payload;
    for (int i = 0; i < 3000; ++i)
        payload += char('a' + i % 26);
    const QByteArray whole = ipPacket(v6, 17, a, 5000, b, 6000, 0, 0, payload);
    const QByteArray f1 = ipFragment(whole, 7, 0, 1480, true);
    const QByteArray f2 = ipFragment(whole, 7, 1480, 1480, true);
    const QByteArray f3 = ipFragment(whole, 7, 2960, 48, false);
    const QByteArray small = ipPacket(v6, 17, a, 5000, b, 6000, 0, 0, "after");
    for (bool late : {false, true}) {
        const qint64 lastUs = BaseUs + (late ? 31000000 : 4);
        const QList<QPair<qint64, QByteArray>> packets{{BaseUs, linkFrame(1, f3)}, {BaseUs + 1, linkFrame(1, f1)},
                                                       {BaseUs + 2, linkFrame(1, f1)}, {lastUs, linkFrame(1, f2)},
                                                       {lastUs + 1, linkFrame(1, small)}};
        const QString path = writeTemp(m_dir, QStringLiteral("fragments-%1-%2.pcap").arg(v6).arg(late),
                                       pcapFile(1, false, false, packets));
        CaptureImport import;
        QVERIFY2(import.read(path, 0), qPrintable(import.errorString()));
        QCOMPARE(import.conversations().size(), 1);
        const auto &chunks = import.stream().chunks[CaptureImport::AtoB];
        QCOMPARE(import.fragments().reassembled(), late ? 0 : 1);
        QCOMPARE(import.fragments().overlappingBytes(), 1480);
        if (late) {
            QCOMPARE(chunks.size(), 1);
            QCOMPARE(chunks.at(0).bytes, QByteArray("after"));
            QCOMPARE(import.fragments().givenUp(), 2); // the first two fragments, then the late one alone
        } else {
            QCOMPARE(chunks.size(), 2);
            QCOMPARE(chunks.at(0).bytes, payload);
            QCOMPARE(chunks.at(0).timeUs, lastUs); // when it became whole
            QCOMPARE(chunks.at(1).bytes, QByteArray("after"));
            QCOMPARE(import.fragments().givenUp(), 0);
        }
        QCOMPARE(import.fragments().heldBytes(), 0);
        QCOMPARE(import.skippedPackets(), 0);
    }
}

void TestPcapImport::overlappingFragments()
{
    // Two fragments cover bytes 8..15 with different contents: the one first in the file wins,
    // whichever it is.
    const QHostAddress a(QStringLiteral("10.0.0.1")), b(QStringLiteral("10.0.0.2"));
    const QByteArray payload = QByteArray(40, 'x');
    const QByteArray whole = ipPacket(false, 17, a, 5000, b, 6000, 0, 0, payload);
    QByteArray other = whole;
    other.replace(20 + 8, 8, "OVERLAP!"); // bytes 8..15 after the IP header
    const QByteArray low = ipFragment(whole, 9, 0, 16, true);
    const QByteArray high = ipFragment(other, 9, 8, 16, true);
    const QByteArray last = ipFragment(whole, 9, 24, 24, false);
    for (bool lowFirst : {true, false}) {
        const QList<QPair<qint64, QByteArray>> packets{{BaseUs, linkFrame(101, lowFirst ? low : high)},
                                                       {BaseUs + 1, linkFrame(101, lowFirst ? high : low)},
                                                       {BaseUs + 2, linkFrame(101, last)}};
        const QString path = writeTemp(m_dir, QStringLiteral("overlap-%1.pcap").arg(lowFirst), pcapFile(101, false, false, packets));
        CaptureImport import;
        QVERIFY(import.read(path, 0));
        QCOMPARE(import.fragments().overlappingBytes(), 8);
        const QByteArray got = import.stream().chunks[0].value(0).bytes;
        // The UDP header is bytes 0..7; payload bytes 0..7 are datagram bytes 8..15.
        QCOMPARE(got, lowFirst ? payload : QByteArray("OVERLAP!") + payload.mid(8));
    }
}

void TestPcapImport::fragmentedTcp()
{
    // A TCP segment of 2,000 bytes split into three IPv4 fragments, second one first.
    Connection c;
    QByteArray data;
    for (int i = 0; i < 2000; ++i)
        data += char(i * 7);
    QList<QPair<qint64, QByteArray>> packets;
    qint64 t = BaseUs;
    for (const Segment &s : {Segment{true, 0, 0x02, {}, 0}, Segment{false, 0, 0x12, {}, 0}, Segment{true, 1, 0x10, {}, 0}})
        packets.append({t += 10, linkFrame(113, c.packet(s))});
    const QByteArray segment = c.packet(Segment{true, 1, 0x18, data, 0});
    packets.append({t += 10, linkFrame(113, ipFragment(segment, 300, 800, 800, true))});
    packets.append({t += 10, linkFrame(113, ipFragment(segment, 300, 0, 800, true))});
    packets.append({t += 10, linkFrame(113, ipFragment(segment, 300, 1600, 420, false))});
    packets.append({t += 10, linkFrame(113, c.packet(Segment{true, 2001, 0x18, "tail", 0}))});
    const QString path = writeTemp(m_dir, QStringLiteral("fragmented-tcp.pcap"), pcapFile(113, false, false, packets));
    CaptureImport import;
    QVERIFY(import.read(path, 0));
    QCOMPARE(import.conversations().size(), 1);
    QCOMPARE(joined(import.stream().chunks[0]), data + "tail");
    QVERIFY(import.stream().gaps[0].isEmpty());
    QCOMPARE(import.fragments().reassembled(), 1);
}

void TestPcapImport::fragmentBounds()
{
    // 18 datagrams of one flow, 60,008 bytes each, their first fragments first: holding them all
    // would pass the 1 MiB per-flow bound, so the 18th is given up; the other 17 complete. A
    // fragment reaching beyond 65,535 bytes is dropped at once.
    const QHostAddress a(QStringLiteral("10.0.0.1")), b(QStringLiteral("10.0.0.2"));
    QList<QPair<qint64, QByteArray>> packets;
    QList<QByteArray> datagrams;
    for (quint32 id = 1; id <= 18; ++id)
        datagrams << ipPacket(false, 17, a, 5000, b, 6000, 0, 0, QByteArray(60000, char('A' + id)));
    qint64 t = BaseUs;
    for (quint32 id = 1; id <= 18; ++id)
        packets.append({t += 10, linkFrame(101, ipFragment(datagrams.at(id - 1), id, 0, 60000, true))});
    for (quint32 id = 1; id <= 18; ++id)
        packets.append({t += 10, linkFrame(101, ipFragment(datagrams.at(id - 1), id, 60000, 8, false))});
    QByteArray huge = ipFragment(datagrams.first(), 99, 0, 16, true);
    qToBigEndian(quint16(0x2000 | (65528 / 8)), huge.data() + 6);
    packets.append({t += 10, linkFrame(101, huge)});
    const QString path = writeTemp(m_dir, QStringLiteral("bounds.pcap"), pcapFile(101, false, false, packets));
    CaptureImport import;
    QVERIFY(import.read(path, 0));
    QCOMPARE(import.fragments().reassembled(), 17);
    QCOMPARE(import.fragments().givenUp(), 2); // the 18th when over the bound, its last fragment alone at the end
    QCOMPARE(import.stream().chunks[0].size(), 17);
    QCOMPARE(import.stream().chunks[0].at(16).bytes, QByteArray(60000, char('A' + 17)));
    QCOMPARE(import.skippedPackets(), 2); // the fragment over the bound and the one beyond 65,535
    QCOMPARE(import.fragments().heldBytes(), 0);
}

QTEST_GUILESS_MAIN(TestPcapImport)
#include "tst_pcapimport.moc"
