// The UDP room datagrams (docs/PROTOCOL.md section 13): every kind round-trips through encode()
// and decode(), a text too long for one datagram is refused at encode(), and hostile or malformed
// datagrams decode to nothing.
#include "net/protocol/udproomdatagram.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Switchboard::UdpRooms;

namespace {

Datagram message()
{
    Datagram d;
    d.kind = Datagram::Kind::Message;
    d.room = QStringLiteral("实验室 lab");
    d.from = QStringLiteral("0123456789abcdef");
    d.name = QStringLiteral("alice");
    d.seq = 42;
    d.timeMs = 1764600000123;
    d.text = QStringLiteral("hello\n\tworld \"quoted\" 你好");
    return d;
}

QByteArray json(const char *text)
{
    return QByteArray(text);
}

} // namespace

class tst_UdpRoomDatagram : public QObject
{
    Q_OBJECT
private slots:
    void messageRoundTrip();
    void otherKindsRoundTrip();
    void documentedExampleDecodes();
    void tooLongTextIsNotEncoded();
    void malformed_data();
    void malformed();
};

void tst_UdpRoomDatagram::messageRoundTrip()
{
    const Datagram d = message();
    const QByteArray bytes = encode(d);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(bytes.size() <= MaxDatagramBytes);
    const auto back = decode(bytes);
    QVERIFY(back);
    QCOMPARE(int(back->kind), int(Datagram::Kind::Message));
    QCOMPARE(back->room, d.room);
    QCOMPARE(back->from, d.from);
    QCOMPARE(back->name, d.name);
    QCOMPARE(back->seq, d.seq);
    QCOMPARE(back->timeMs, d.timeMs);
    QCOMPARE(back->text, d.text);
    // The largest sequence number survives exactly.
    Datagram big = d;
    big.seq = MaxSeq;
    QCOMPARE(decode(encode(big))->seq, MaxSeq);
}

void tst_UdpRoomDatagram::otherKindsRoundTrip()
{
    Datagram resend;
    resend.kind = Datagram::Kind::Resend;
    resend.room = QStringLiteral("lab");
    resend.from = QStringLiteral("aaaa");
    resend.to = QStringLiteral("bbbb");
    resend.seqs = {3, 5, 9};
    auto r = decode(encode(resend));
    QVERIFY(r);
    QCOMPARE(int(r->kind), int(Datagram::Kind::Resend));
    QCOMPARE(r->to, resend.to);
    QCOMPARE(r->seqs, resend.seqs);

    Datagram hello;
    hello.kind = Datagram::Kind::Hello;
    hello.room = QStringLiteral("lab");
    hello.from = QStringLiteral("aaaa");
    hello.name = QStringLiteral("bob");
    hello.seq = 0;
    hello.intervalMs = 1500;
    auto h = decode(encode(hello));
    QVERIFY(h);
    QCOMPARE(int(h->kind), int(Datagram::Kind::Hello));
    QCOMPARE(h->name, hello.name);
    QCOMPARE(h->seq, qint64(0));
    QCOMPARE(h->intervalMs, 1500);

    Datagram bye;
    bye.kind = Datagram::Kind::Bye;
    bye.room = QStringLiteral("lab");
    bye.from = QStringLiteral("aaaa");
    auto b = decode(encode(bye));
    QVERIFY(b);
    QCOMPARE(int(b->kind), int(Datagram::Kind::Bye));
    QCOMPARE(b->from, bye.from);
}

void tst_UdpRoomDatagram::documentedExampleDecodes()
{
    // As in docs/PROTOCOL.md 13; members in any order, unknown members ignored, interval optional.
    const auto d = decode(json(R"({"type":"msg","v":1,"magic":"switchboard-udproom","room":"lab","from":"5f0c9e31a2b4d6e8",)"
                               R"("name":"alice","seq":7,"ts":1764600000123,"text":"hi","later":true})"));
    QVERIFY(d);
    QCOMPARE(d->seq, qint64(7));
    const auto h = decode(json(R"({"magic":"switchboard-udproom","v":1,"type":"hello","room":"lab","from":"x","name":"","seq":3})"));
    QVERIFY(h);
    QCOMPARE(h->intervalMs, DefaultHelloIntervalMs);
}

void tst_UdpRoomDatagram::tooLongTextIsNotEncoded()
{
    Datagram d = message();
    d.text = QString(MaxDatagramBytes, u'x');
    QVERIFY(encode(d).isEmpty());
    // Three UTF-8 bytes a character: 400 Chinese characters do not fit either.
    d.text = QString(400, QChar(0x4e2d));
    QVERIFY(encode(d).isEmpty());
    d.text = QString(300, QChar(0x4e2d));
    QVERIFY(!encode(d).isEmpty());
}

void tst_UdpRoomDatagram::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray good = encode(message());
    QVERIFY(decode(good));
    auto with = [&](const char *key, const QJsonValue &value) {
        QJsonObject o = QJsonDocument::fromJson(good).object();
        if (value.isUndefined())
            o.remove(QLatin1String(key));
        else
            o.insert(QLatin1String(key), value);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("hello, room");
    QTest::newRow("array") << QByteArray("[1,2,3]");
    QTest::newRow("truncated") << good.left(good.size() - 1);
    QTest::newRow("oversized") << with("text", QString(MaxDatagramBytes, u'x'));
    QTest::newRow("discovery datagram") << QByteArray(R"({"magic":"switchboard-discovery","type":"query","v":1})");
    QTest::newRow("wrong magic") << with("magic", QStringLiteral("switchboard"));
    QTest::newRow("version 2") << with("v", 2);
    QTest::newRow("unknown type") << with("type", QStringLiteral("msgs"));
    QTest::newRow("no room") << with("room", QJsonValue::Undefined);
    QTest::newRow("empty room") << with("room", QString());
    QTest::newRow("long room") << with("room", QString(MaxRoomChars + 1, u'r'));
    QTest::newRow("control in room") << with("room", QStringLiteral("la\x1b[2Jb"));
    QTest::newRow("no from") << with("from", QJsonValue::Undefined);
    QTest::newRow("long from") << with("from", QString(MaxIdChars + 1, u'f'));
    QTest::newRow("name not string") << with("name", 7);
    QTest::newRow("NUL in name") << with("name", QString(QChar(0)));
    QTest::newRow("seq 0") << with("seq", 0);
    QTest::newRow("seq negative") << with("seq", -1);
    QTest::newRow("seq fraction") << with("seq", 1.5);
    QTest::newRow("seq huge") << with("seq", 1e300);
    QTest::newRow("seq string") << with("seq", QStringLiteral("1"));
    QTest::newRow("ts negative") << with("ts", -5);
    QTest::newRow("no text") << with("text", QJsonValue::Undefined);
    QTest::newRow("empty text") << with("text", QString());
    QTest::newRow("bell in text") << with("text", QStringLiteral("ding\a"));
    QTest::newRow("resend no seqs") << json(R"({"magic":"switchboard-udproom","v":1,"type":"resend","room":"r","from":"a","to":"b"})");
    QTest::newRow("resend empty seqs") << json(R"({"magic":"switchboard-udproom","v":1,"type":"resend","room":"r","from":"a","to":"b","seqs":[]})");
    QTest::newRow("resend seq 0") << json(R"({"magic":"switchboard-udproom","v":1,"type":"resend","room":"r","from":"a","to":"b","seqs":[0]})");
    QTest::newRow("resend no to") << json(R"({"magic":"switchboard-udproom","v":1,"type":"resend","room":"r","from":"a","seqs":[1]})");
    QByteArray many = R"({"magic":"switchboard-udproom","v":1,"type":"resend","room":"r","from":"a","to":"b","seqs":[)";
    for (int i = 1; i <= MaxResendSeqs + 1; ++i)
        many += QByteArray::number(i) + (i <= MaxResendSeqs ? "," : "]}");
    QTest::newRow("resend too many") << many;
    QTest::newRow("hello interval 0") << json(R"({"magic":"switchboard-udproom","v":1,"type":"hello","room":"r","from":"a","name":"","seq":0,"interval":0})");
    QTest::newRow("hello seq negative") << json(R"({"magic":"switchboard-udproom","v":1,"type":"hello","room":"r","from":"a","name":"","seq":-1})");
}

void tst_UdpRoomDatagram::malformed()
{
    QFETCH(QByteArray, bytes);
    QVERIFY(!decode(bytes));
}

QTEST_GUILESS_MAIN(tst_UdpRoomDatagram)
#include "tst_udproomdatagram.moc"
