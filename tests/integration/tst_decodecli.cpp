// switchboard-cli decode on crafted captures: a framing per direction (the client side is the SYN
// sender, else the first sender) and --resync after a gap.

#include "cliprocess.h"
#include "craftedcapture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;
using namespace Switchboard::Test;

namespace {

struct Decode
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QByteArray err;
};

Decode runDecode(const QStringList &arguments)
{
    QProcess proc;
    proc.start(cliProgram(), QStringList { QStringLiteral("decode") } + arguments);
    Decode d;
    if (!proc.waitForFinished(20000)) {
        proc.kill();
        proc.waitForFinished(1000);
        return d;
    }
    d.exitCode = proc.exitCode();
    d.err = proc.readAllStandardError();
    for (const QByteArray &line : proc.readAllStandardOutput().split('\n'))
        if (!line.isEmpty())
            d.lines << QJsonDocument::fromJson(line).object();
    return d;
}

QByteArray tutorialUpload(const QString &name, const QByteArray &body)
{
    const QByteArray head = QJsonDocument(
        QJsonObject { { QStringLiteral("filename"), name },
            { QStringLiteral("filesize"),
                body.size() } }).toJson(QJsonDocument::Compact);
    QByteArray prefix;
    put<qint32>(prefix, qint32(head.size()), false);
    return prefix + head + body;
}

// A client uploads two files the tutorial way; the server answers each with a line of text.
// withHandshake false: the capture starts after the handshake, with the client's first segment.
QList<Segment> uploadExchange(bool withHandshake, QByteArray *up)
{
    *up = tutorialUpload(QStringLiteral("例.txt"), "hello world")
        + tutorialUpload(QStringLiteral("b.bin"), QByteArray(300, 'b'));
    QList<Segment> s;
    if (withHandshake)
        s << Segment { true, 0, 0x02, {}, 0 } << Segment { false, 0, 0x12, {}, 0 } << Segment { true, 1, 0x10, {}, 0 };
    const qsizetype firstEnd = tutorialUpload(QStringLiteral("例.txt"), "hello world").size();
    for (qsizetype at = 0; at < up->size(); at += 50)
        s << Segment { true, quint32(1 + at), 0x18, up->mid(at, 50), 0 };
    const QByteArray firstAnswer("ok 例.txt\n");
    s.insert(withHandshake ? 3 + int((firstEnd + 49) / 50) : int((firstEnd + 49) / 50),
        Segment { false, 1, 0x18, firstAnswer, 0 });
    s << Segment { false, quint32(1 + firstAnswer.size()), 0x18, "ok b.bin\n", 0 };
    return s;
}

} // namespace

class TestDecodeCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void framingPerDirection_data();
    void framingPerDirection();
    void resyncAfterGap();
    void fragmentsCounted();

private:
    QTemporaryDir m_dir;
};

void TestDecodeCli::initTestCase()
{
    if (!cliBuilt())
        QSKIP("switchboard-cli is not built");
    QVERIFY(m_dir.isValid());
}

void TestDecodeCli::framingPerDirection_data()
{
    QTest::addColumn<bool>("withHandshake");
    QTest::addRow("handshake") << true;
    QTest::addRow("no handshake") << false;
}

void TestDecodeCli::framingPerDirection()
{
    QFETCH(bool, withHandshake);
    QByteArray up;
    Connection c;
    QList<QPair<qint64, QByteArray>> packets;
    qint64 t = BaseUs;
    for (const Segment &s : uploadExchange(withHandshake, &up))
        packets.append({ t += 100, linkFrame(1, c.packet(s)) });
    const QString path
        = writeTemp(m_dir, QStringLiteral("upload-%1.pcap").arg(withHandshake), pcapFile(1, false, false, packets));

    // One framing for both directions: the text reply does not fit the tutorial framing.
    Decode both = runDecode({ path, QStringLiteral("--stream"), QStringLiteral("0"), QStringLiteral("--framing"),
        QStringLiteral("tutorial"), QStringLiteral("--json") });
    QCOMPARE(both.exitCode, 1);
    bool misfit = false;
    for (const QJsonObject &o : both.lines)
        misfit = misfit
            || (o.value(QStringLiteral("side")) == QStringLiteral("BtoA") && o.contains(QStringLiteral("error")));
    QVERIFY(misfit);

    // Tutorial up, lines down: everything decodes, nothing is left over.
    Decode d = runDecode({ path, QStringLiteral("--stream"), QStringLiteral("0"), QStringLiteral("--up-framing"),
        QStringLiteral("tutorial"), QStringLiteral("--down-framing"), QStringLiteral("line"),
        QStringLiteral("--json") });
    QVERIFY2(d.exitCode == 0, d.err.constData());
    QCOMPARE(d.lines.size(), 4);
    // In time order: upload, its answer, upload, its answer; the client (A) is the one that sent
    // the SYN, or the first packet.
    QCOMPARE(d.lines.at(0).value(QStringLiteral("side")).toString(), QStringLiteral("AtoB"));
    QCOMPARE(d.lines.at(0).value(QStringLiteral("from")).toString(), QStringLiteral("10.0.0.1:40000"));
    QCOMPARE(d.lines.at(0).value(QStringLiteral("head")).toObject().value(QStringLiteral("filename")).toString(),
        QStringLiteral("例.txt"));
    QCOMPARE(d.lines.at(0).value(QStringLiteral("text")).toString(), QStringLiteral("hello world"));
    QCOMPARE(d.lines.at(1).value(QStringLiteral("side")).toString(), QStringLiteral("BtoA"));
    QCOMPARE(d.lines.at(1).value(QStringLiteral("text")).toString(), QStringLiteral("ok 例.txt"));
    QCOMPARE(d.lines.at(2).value(QStringLiteral("bodyLength")).toInt(), 300);
    QCOMPARE(d.lines.at(3).value(QStringLiteral("text")).toString(), QStringLiteral("ok b.bin"));

    // --framing sets both, --up-framing overrides one of them.
    Decode mixed = runDecode({ path, QStringLiteral("--stream"), QStringLiteral("0"), QStringLiteral("--framing"),
        QStringLiteral("line"), QStringLiteral("--up-framing"), QStringLiteral("tutorial"), QStringLiteral("--json") });
    QCOMPARE(mixed.exitCode, 0);
    QCOMPARE(mixed.lines.size(), 4);
}

void TestDecodeCli::resyncAfterGap()
{
    // Ten uploads; the segment carrying bytes 300..349 was never captured.
    QByteArray up;
    for (int i = 0; i < 10; ++i)
        up += tutorialUpload(QStringLiteral("f%1").arg(i), QByteArray(40 + i, 'x'));
    Connection c;
    QList<QPair<qint64, QByteArray>> packets;
    qint64 t = BaseUs;
    for (const Segment &s :
        { Segment { true, 0, 0x02, {}, 0 }, Segment { false, 0, 0x12, {}, 0 }, Segment { true, 1, 0x10, {}, 0 } })
        packets.append({ t += 100, linkFrame(1, c.packet(s)) });
    for (qsizetype at = 0; at < up.size(); at += 50)
        if (at != 300)
            packets.append(
                { t += 100, linkFrame(1, c.packet(Segment { true, quint32(1 + at), 0x18, up.mid(at, 50), 0 })) });
    const QString path = writeTemp(m_dir, QStringLiteral("gap.pcap"), pcapFile(1, false, false, packets));
    // Where the uploads start; which ones lie wholly before the gap and from the first boundary after it.
    QList<qint64> starts;
    for (qint64 at = 0, i = 0; i < 10; ++i) {
        starts << at;
        at += tutorialUpload(QStringLiteral("f%1").arg(i), QByteArray(40 + i, 'x')).size();
    }
    int before = 0, firstAfter = 0;
    while (starts.value(before + 1, up.size()) <= 300)
        ++before;
    while (starts.at(firstAfter) < 350)
        ++firstAfter;

    const QStringList common { path, QStringLiteral("--stream"), QStringLiteral("0"), QStringLiteral("--framing"),
        QStringLiteral("tutorial"), QStringLiteral("--json") };
    Decode plain = runDecode(common);
    int messages = 0;
    for (const QJsonObject &o : plain.lines)
        messages += o.contains(QStringLiteral("bodyLength")) ? 1 : 0;
    QCOMPARE(messages, before);

    Decode d = runDecode(common + QStringList { QStringLiteral("--resync") });
    QList<qint64> offsets;
    QList<QJsonObject> skips;
    bool gapSaid = false;
    for (const QJsonObject &o : d.lines) {
        if (o.contains(QStringLiteral("bodyLength")))
            offsets << o.value(QStringLiteral("offset")).toInteger();
        if (o.contains(QStringLiteral("skipped")))
            skips << o;
        gapSaid = gapSaid
            || (o.value(QStringLiteral("gap")).toInteger() == 300
                && o.value(QStringLiteral("length")).toInteger() == 50);
    }
    QList<qint64> expected = starts.mid(0, before) + starts.mid(firstAfter);
    QCOMPARE(offsets, expected);
    QVERIFY(gapSaid);
    // The upload the gap cut, then the bytes between the gap and the next upload.
    QCOMPARE(skips.size(), 2);
    QCOMPARE(skips.at(0).value(QStringLiteral("offset")).toInteger(), starts.at(before));
    QCOMPARE(skips.at(0).value(QStringLiteral("skipped")).toInteger(), 300 - starts.at(before));
    QCOMPARE(skips.at(1).value(QStringLiteral("offset")).toInteger(), 350);
    QCOMPARE(skips.at(1).value(QStringLiteral("skipped")).toInteger(), starts.at(firstAfter) - 350);
    QCOMPARE(d.exitCode, 0);
}

void TestDecodeCli::fragmentsCounted()
{
    // A 3,000-byte UDP datagram in three IPv4 fragments, and one whose last fragment never came.
    const QHostAddress a(QStringLiteral("10.0.0.1")), b(QStringLiteral("10.0.0.2"));
    const QByteArray whole = ipPacket(false, 17, a, 5000, b, 6000, 0, 0, QByteArray(3000, 'w'));
    const QByteArray cut = ipPacket(false, 17, a, 5000, b, 6000, 0, 0, QByteArray(2000, 'c'));
    const QList<QPair<qint64, QByteArray>> packets {
        { BaseUs + 1, linkFrame(1, ipFragment(whole, 7, 0, 1480, true)) },
        { BaseUs + 2, linkFrame(1, ipFragment(whole, 7, 1480, 1480, true)) },
        { BaseUs + 3, linkFrame(1, ipFragment(whole, 7, 2960, 48, false)) },
        { BaseUs + 4, linkFrame(1, ipFragment(cut, 8, 0, 1480, true)) },
    };
    const QString path = writeTemp(m_dir, QStringLiteral("fragments.pcap"), pcapFile(1, false, false, packets));

    Decode d = runDecode({ path, QStringLiteral("--json") });
    QVERIFY2(d.exitCode == 0, d.err.constData());
    QJsonObject fragments;
    for (const QJsonObject &o : d.lines)
        if (o.contains(QStringLiteral("fragments")))
            fragments = o.value(QStringLiteral("fragments")).toObject();
    QCOMPARE(fragments.value(QStringLiteral("reassembled")).toInteger(), 1);
    QCOMPARE(fragments.value(QStringLiteral("givenUp")).toInteger(), 1);
    QCOMPARE(d.lines.first().value(QStringLiteral("bytesAtoB")).toInteger(), 3000);

    // The text listing says it in words.
    QProcess proc;
    proc.start(cliProgram(), { QStringLiteral("decode"), path });
    QVERIFY(proc.waitForFinished(20000));
    const QString out = QString::fromUtf8(proc.readAllStandardOutput());
    QVERIFY2(out.contains(QStringLiteral("IP fragments: 1 datagrams put back together, 1 given up")), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestDecodeCli)
#include "tst_decodecli.moc"
