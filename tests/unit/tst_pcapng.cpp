#include "net/capture/capturebuffer.h"
#include "net/capture/capturefilewriter.h"
#include "net/capture/pcapngreader.h"
#include "net/capture/pcapngwriter.h"
#include "net/protocol/frameencoder.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

namespace {

struct Side
{
    QHostAddress local;
    quint16 localPort;
    QHostAddress peer;
    quint16 peerPort;
    quint64 connection;
};

// Builds Chunk records for a conversation: each call appends one read/write of the given bytes.
class Conversation
{
public:
    explicit Conversation(Side side)
        : m_side(std::move(side))
    {
    }
    void add(CaptureRecord::Direction dir, const QByteArray &bytes)
    {
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Chunk;
        r.direction = dir;
        r.connectionId = m_side.connection;
        r.localAddress = m_side.local;
        r.localPort = m_side.localPort;
        r.peerAddress = m_side.peer;
        r.peerPort = m_side.peerPort;
        r.timeUs = 1700000000000000LL + 1000 * qint64(records.size());
        qint64 &offset = dir == CaptureRecord::Direction::In ? m_in : m_out;
        r.streamOffset = offset;
        r.bytes = bytes;
        offset += bytes.size();
        records.append(r);
    }
    QList<CaptureRecord> records;

private:
    Side m_side;
    qint64 m_in = 0;
    qint64 m_out = 0;
};

QByteArray frame(const QString &type, int id = 0, const QByteArray &payload = {}, const QJsonObject &extra = {})
{
    QJsonObject h = extra;
    h.insert(QStringLiteral("type"), type);
    if (id)
        h.insert(QStringLiteral("id"), id);
    return FrameEncoder::encode(h, payload);
}

QString dissectorPath()
{
    const QString root = qEnvironmentVariable("SWITCHBOARD_SOURCE_DIR");
    return root.isEmpty() ? QString() : root + QStringLiteral("/resources/switchboard.lua");
}

// Runs tshark with the dissector; returns every switchboard.type in packet order.
QStringList tsharkTypes(const QString &file, const QStringList &extraArgs, QString *stderrText = nullptr)
{
    QProcess p;
    QStringList args{QStringLiteral("-X"), QStringLiteral("lua_script:") + dissectorPath(), QStringLiteral("-r"),
                     file};
    args << extraArgs;
    args << QStringLiteral("-T") << QStringLiteral("fields") << QStringLiteral("-e") << QStringLiteral("switchboard.type");
    p.start(QStringLiteral("tshark"), args);
    if (!p.waitForFinished(60000))
        return {QStringLiteral("<timeout>")};
    if (stderrText)
        *stderrText = QString::fromUtf8(p.readAllStandardError());
    QStringList out;
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        out << line.trimmed().split(QLatin1Char(','));
    }
    return out;
}

} // namespace

class TestPcapng : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    // A conversation exercising every way frames and reads can line up.
    QList<CaptureRecord> m_records;
    QStringList m_expectedTypes;
    QByteArray m_clientToServer;
    QByteArray m_serverToClient;

    QString writeFile(const QString &name, const QList<CaptureRecord> &records)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        PcapngWriter w(&f);
        if (!w.writeHeader())
            return {};
        for (const CaptureRecord &r : records)
            if (!w.write(r))
                return {};
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // SWITCHBOARD_KEEP_CAPTURES=1 keeps the files for a look in Wireshark.
        m_dir.setAutoRemove(qEnvironmentVariableIntValue("SWITCHBOARD_KEEP_CAPTURES") == 0);
        if (!m_dir.autoRemove())
            qInfo("capture files kept in %s", qPrintable(m_dir.path()));
        // Captured on the server: local = server 5151, peer = the client.
        Conversation c(Side{QHostAddress(QStringLiteral("192.0.2.1")), 5151, QHostAddress(QStringLiteral("192.0.2.7")),
                            50123, 1});
        using D = CaptureRecord::Direction;
        // 1. one frame in one read
        c.add(D::In, frame(QStringLiteral("hello"), 1, {}, {{QStringLiteral("versions"), QJsonArray{1}}}));
        m_expectedTypes << QStringLiteral("hello");
        c.add(D::Out, frame(QStringLiteral("hello"), 1));
        m_expectedTypes << QStringLiteral("hello");
        // 2. three frames in one read (sticky packets)
        c.add(D::In, frame(QStringLiteral("ping"), 2) + frame(QStringLiteral("ping"), 3) + frame(QStringLiteral("ping"), 4));
        m_expectedTypes << QStringLiteral("ping") << QStringLiteral("ping") << QStringLiteral("ping");
        // 3. replies written separately
        for (int id = 2; id <= 4; ++id) {
            c.add(D::Out, frame(QStringLiteral("pong"), id));
            m_expectedTypes << QStringLiteral("pong");
        }
        // 4. a frame split inside its length prefix, then inside its header (header incomplete at first)
        const QByteArray send = frame(QStringLiteral("chat.send"), 5, QByteArray("payload bytes"),
                                      {{QStringLiteral("room"), QStringLiteral("lobby")}});
        c.add(D::In, send.left(2));
        c.add(D::In, send.mid(2, 10));
        c.add(D::In, send.mid(12));
        m_expectedTypes << QStringLiteral("chat.send");
        // 5. a frame whose payload is split, the second read also carrying the next frame
        const QByteArray big = frame(QStringLiteral("file.chunk"), 6, QByteArray(3000, 'P'));
        const QByteArray next = frame(QStringLiteral("ping"), 7);
        c.add(D::In, big.left(1500));
        c.add(D::In, big.mid(1500) + next.left(5));
        c.add(D::In, next.mid(5));
        m_expectedTypes << QStringLiteral("file.chunk") << QStringLiteral("ping");
        // 6. a write larger than one IP packet can carry
        c.add(D::Out, frame(QStringLiteral("file.data"), 8, QByteArray(150000, 'D')));
        m_expectedTypes << QStringLiteral("file.data");
        // 7. an error frame with a code
        c.add(D::Out, frame(QStringLiteral("error"), 9, {},
                            {{QStringLiteral("code"), QStringLiteral("bad_request")},
                             {QStringLiteral("message"), QStringLiteral("caf\u00e9 \"quoted\"")}}));
        m_expectedTypes << QStringLiteral("error");
        m_records = c.records;
        for (const CaptureRecord &r : m_records)
            (r.direction == D::In ? m_clientToServer : m_serverToClient).append(r.bytes);
    }

    void roundTrip()
    {
        QBuffer device;
        device.open(QIODevice::WriteOnly);
        PcapngWriter writer(&device);
        QVERIFY(writer.writeHeader(QStringLiteral("test app")));
        for (const CaptureRecord &r : m_records)
            QVERIFY(writer.write(r));
        CaptureRecord frameRecord = m_records.first();
        frameRecord.kind = CaptureRecord::Kind::Frame; // frames add no packets
        QVERIFY(writer.write(frameRecord));
        // 150000 bytes need 3 segments.
        QCOMPARE(writer.packetsWritten(), qint64(m_records.size() + 2));

        device.close();
        device.open(QIODevice::ReadOnly);
        PcapngReader reader;
        QVERIFY2(reader.read(&device), qPrintable(reader.errorString()));
        QCOMPARE(reader.applicationName(), QStringLiteral("test app"));
        QCOMPARE(reader.linkTypes(), QList<quint16>{1});
        QCOMPARE(reader.packets().size(), m_records.size() + 2);

        QByteArray c2s, s2c;
        quint32 firstC2S = 0, firstS2C = 0;
        bool haveC2S = false, haveS2C = false;
        for (const PcapngReader::Packet &p : reader.packets()) {
            const PcapngReader::Decoded d = PcapngReader::decode(p.data);
            QVERIFY(d.valid);
            QVERIFY(!d.ipv6);
            QCOMPARE(d.protocol, quint8(6));
            QVERIFY(d.checksumsOk);
            QVERIFY(d.tcpFlags & 0x10); // ACK
            QCOMPARE(p.originalLength, quint32(p.data.size()));
            if (d.destinationPort == 5151) {
                QCOMPARE(d.source, QHostAddress(QStringLiteral("192.0.2.7")));
                QCOMPARE(d.sourcePort, quint16(50123));
                if (!haveC2S) {
                    firstC2S = d.seq;
                    haveC2S = true;
                }
                QCOMPARE(d.seq - firstC2S, quint32(c2s.size())); // sequence numbers follow the stream offsets
                c2s.append(d.payload);
            } else {
                QCOMPARE(d.sourcePort, quint16(5151));
                QCOMPARE(d.destination, QHostAddress(QStringLiteral("192.0.2.7")));
                if (!haveS2C) {
                    firstS2C = d.seq;
                    haveS2C = true;
                }
                QCOMPARE(d.seq - firstS2C, quint32(s2c.size()));
                // Each direction acknowledges what the other has sent so far.
                QVERIFY(d.ack - firstC2S <= quint32(c2s.size()));
                s2c.append(d.payload);
            }
        }
        QCOMPARE(c2s, m_clientToServer);
        QCOMPARE(s2c, m_serverToClient);
        QCOMPARE(reader.packets().first().timeUs, m_records.first().timeUs);
        QVERIFY(reader.packets().first().comment.contains(QStringLiteral("read of")));
    }

    void ipv6AndUdp()
    {
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Chunk;
        r.direction = CaptureRecord::Direction::Out;
        r.connectionId = 9;
        r.localAddress = QHostAddress(QStringLiteral("::1"));
        r.localPort = 40000;
        r.peerAddress = QHostAddress(QStringLiteral("::1"));
        r.peerPort = 5151;
        r.bytes = frame(QStringLiteral("ping"), 1);
        CaptureRecord d = r;
        d.kind = CaptureRecord::Kind::Datagram;
        d.transport = CaptureRecord::Transport::Udp;
        d.localAddress = QHostAddress(QStringLiteral("10.0.0.1"));
        d.peerAddress = QHostAddress(QStringLiteral("::ffff:10.0.0.2")); // v4-mapped: stays IPv4
        d.bytes = "discovery";
        const QString path = writeFile(QStringLiteral("v6.pcapng"), {r, d});
        QVERIFY(!path.isEmpty());
        PcapngReader reader;
        QVERIFY(reader.readFile(path));
        QCOMPARE(reader.packets().size(), 2);
        const PcapngReader::Decoded t = PcapngReader::decode(reader.packets().at(0).data);
        QVERIFY(t.valid && t.ipv6 && t.checksumsOk);
        QCOMPARE(t.destination, QHostAddress(QStringLiteral("::1")));
        QCOMPARE(t.payload, r.bytes);
        const PcapngReader::Decoded u = PcapngReader::decode(reader.packets().at(1).data);
        QVERIFY(u.valid && !u.ipv6 && u.checksumsOk);
        QCOMPARE(u.protocol, quint8(17));
        QCOMPARE(u.source, QHostAddress(QStringLiteral("10.0.0.1")));
        QCOMPARE(u.destination, QHostAddress(QStringLiteral("10.0.0.2")));
        QCOMPARE(u.payload, QByteArray("discovery"));
    }

    void decryptedTlsStreamIsMarked()
    {
        // A TLS connection's capture is its decrypted stream: still decodable, and said so.
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Chunk;
        r.direction = CaptureRecord::Direction::In;
        r.connectionId = 4;
        r.localAddress = r.peerAddress = QHostAddress(QStringLiteral("127.0.0.1"));
        r.localPort = 5151;
        r.peerPort = 40000;
        r.bytes = frame(QStringLiteral("ping"), 1);
        r.decrypted = true;
        CaptureRecord plain = r;
        plain.connectionId = 5;
        plain.decrypted = false;
        const QString path = writeFile(QStringLiteral("tls.pcapng"), {r, plain});
        PcapngReader reader;
        QVERIFY(reader.readFile(path));
        QCOMPARE(reader.packets().size(), 2);
        QVERIFY(reader.packets().at(0).comment.contains(QStringLiteral("decrypted (TLS)")));
        QVERIFY(!reader.packets().at(1).comment.contains(QStringLiteral("TLS")));
        QCOMPARE(PcapngReader::decode(reader.packets().at(0).data).payload, r.bytes);
    }

    void manyConnections()
    {
        // More connections than the writer keeps state for: older ones are forgotten, output stays valid.
        QBuffer device;
        device.open(QIODevice::WriteOnly);
        PcapngWriter writer(&device);
        QVERIFY(writer.writeHeader());
        for (int i = 0; i < 20000; ++i) {
            Conversation c(Side{QHostAddress(QStringLiteral("10.0.0.1")), 5151, QHostAddress(QStringLiteral("10.0.0.2")),
                                quint16(1024 + i % 60000), quint64(i + 1)});
            c.add(CaptureRecord::Direction::In, frame(QStringLiteral("ping"), i + 1));
            QVERIFY(writer.write(c.records.first()));
        }
        QCOMPARE(writer.packetsWritten(), qint64(20000));
        device.close();
        device.open(QIODevice::ReadOnly);
        PcapngReader reader;
        QVERIFY(reader.read(&device));
        QCOMPARE(reader.packets().size(), 20000);
        QVERIFY(PcapngReader::decode(reader.packets().last().data).checksumsOk);
    }

    void fileWriterAndExport()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.pcapng"));
        {
            CaptureFileWriter writer;
            QString error;
            QVERIFY2(writer.open(path, &error), qPrintable(error));
            for (const CaptureRecord &r : m_records)
                writer.record(r);
            QCOMPARE(writer.packetsWritten(), qint64(m_records.size() + 2));
        } // closes
        PcapngReader reader;
        QVERIFY(reader.readFile(path));
        QCOMPARE(reader.packets().size(), m_records.size() + 2);

        CaptureFileWriter bad;
        QString error;
        QVERIFY(!bad.open(m_dir.filePath(QStringLiteral("no/such/dir/x.pcapng")), &error));
        QVERIFY(!error.isEmpty());

        CaptureBuffer buffer;
        for (const CaptureRecord &r : m_records)
            buffer.record(r);
        const QString exported = m_dir.filePath(QStringLiteral("exported.pcapng"));
        qint64 lastDone = 0;
        QCOMPARE(CaptureFileWriter::exportBuffer(buffer, exported, &error, 0, ~quint64(0),
                                                 [&](qint64 done, qint64) { lastDone = done; return true; }),
                 qint64(m_records.size() + 2));
        QCOMPARE(lastDone, qint64(m_records.size()));
        PcapngReader again;
        QVERIFY(again.readFile(exported));
        QCOMPARE(again.packets().size(), m_records.size() + 2);
        for (int i = 0; i < again.packets().size(); ++i)
            QCOMPARE(PcapngReader::decode(again.packets().at(i).data).payload,
                     PcapngReader::decode(reader.packets().at(i).data).payload);
    }

    void tsharkDecodesTypes()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (apt-get install tshark); the Lua dissector was not exercised.");
        if (dissectorPath().isEmpty() || !QFile::exists(dissectorPath()))
            QSKIP("SWITCHBOARD_SOURCE_DIR is not set; cannot find resources/switchboard.lua.");
        const QString path = writeFile(QStringLiteral("conversation.pcapng"), m_records);
        QVERIFY(!path.isEmpty());
        QString err;
        const QStringList types = tsharkTypes(path, {}, &err);
        QVERIFY2(!err.contains(QStringLiteral("Lua")), qPrintable(err));
        QCOMPARE(types, m_expectedTypes);

        // Other fields of the dissector.
        QProcess p;
        p.start(QStringLiteral("tshark"),
                {QStringLiteral("-X"), QStringLiteral("lua_script:") + dissectorPath(), QStringLiteral("-r"), path,
                 QStringLiteral("-Y"), QStringLiteral("switchboard.type == \"error\""), QStringLiteral("-T"),
                 QStringLiteral("fields"), QStringLiteral("-e"), QStringLiteral("switchboard.code"),
                 QStringLiteral("-e"), QStringLiteral("switchboard.id"), QStringLiteral("-e"),
                 QStringLiteral("switchboard.message")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
                 QStringLiteral("bad_request\t9\tcaf\u00e9 \"quoted\""));

        // Without TCP reassembly the pieces are shown as they are, without Lua errors.
        QProcess raw;
        raw.start(QStringLiteral("tshark"),
                  {QStringLiteral("-X"), QStringLiteral("lua_script:") + dissectorPath(), QStringLiteral("-r"), path,
                   QStringLiteral("-o"), QStringLiteral("tcp.desegment_tcp_streams:FALSE"), QStringLiteral("-V")});
        QVERIFY(raw.waitForFinished(60000));
        const QString all = QString::fromUtf8(raw.readAllStandardOutput() + raw.readAllStandardError());
        QVERIFY(all.contains(QStringLiteral("Switchboard frame: ping (id=2)")));
        QVERIFY2(!all.contains(QStringLiteral("Lua Error")), qPrintable(all.left(2000)));
    }

    void tsharkOtherPorts()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("tshark")).isEmpty())
            QSKIP("tshark is not installed (apt-get install tshark); the Lua dissector was not exercised.");
        if (dissectorPath().isEmpty() || !QFile::exists(dissectorPath()))
            QSKIP("SWITCHBOARD_SOURCE_DIR is not set; cannot find resources/switchboard.lua.");
        // The same conversation on port 47123 (6000 would be X11).
        QList<CaptureRecord> moved = m_records;
        for (CaptureRecord &r : moved)
            r.localPort = 47123;
        const QString path = writeFile(QStringLiteral("port47123.pcapng"), moved);
        // Found by the heuristic (the conversation starts with a frame)...
        QCOMPARE(tsharkTypes(path, {}), m_expectedTypes);
        // ...by "decode as"...
        const QStringList noHeuristic{QStringLiteral("-o"), QStringLiteral("switchboard.heuristic:FALSE")};
        QCOMPARE(tsharkTypes(path, noHeuristic), QStringList());
        QCOMPARE(tsharkTypes(path, noHeuristic + QStringList{QStringLiteral("-d"), QStringLiteral("tcp.port==47123,switchboard")}),
                 m_expectedTypes);
        // ...and by the port preference.
        QCOMPARE(tsharkTypes(path, noHeuristic + QStringList{QStringLiteral("-o"), QStringLiteral("switchboard.ports:5151,47123")}),
                 m_expectedTypes);
    }
};

QTEST_GUILESS_MAIN(TestPcapng)
#include "tst_pcapng.moc"
