#include "net/connection/proxyheader.h"

#include <QTest>
#include <QtEndian>

using namespace Switchboard;
using Status = ProxyHeader::Status;

class TestProxyHeader : public QObject
{
    Q_OBJECT
private slots:
    void v2RoundTrip_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("destination");
        QTest::newRow("ipv4") << QStringLiteral("203.0.113.7") << QStringLiteral("192.0.2.1");
        QTest::newRow("ipv6") << QStringLiteral("2001:db8::7") << QStringLiteral("2001:db8::1");
    }
    void v2RoundTrip()
    {
        QFETCH(QString, source);
        QFETCH(QString, destination);
        const QByteArray header = ProxyHeader::encodeV2(QHostAddress(source), 40001, QHostAddress(destination), 5151);
        const QByteArray stream = header + QByteArrayLiteral("\x00\x00\x00\x02{}");
        // Byte by byte, as a proxy's write may arrive in pieces: undecided until the header is whole.
        for (int n = 0; n < header.size(); ++n) {
            ProxyHeader h;
            QCOMPARE(h.parse(stream.left(n)), Status::NeedMore);
        }
        ProxyHeader h;
        QCOMPARE(h.parse(stream), Status::Done);
        QCOMPARE(h.version(), 2);
        QCOMPARE(h.consumed(), header.size());
        QVERIFY(!h.isLocal());
        QCOMPARE(h.sourceAddress(), QHostAddress(source));
        QCOMPARE(h.sourcePort(), quint16(40001));
        QCOMPARE(h.destinationAddress(), QHostAddress(destination));
        QCOMPARE(h.destinationPort(), quint16(5151));
        QCOMPARE(stream.mid(h.consumed()), QByteArrayLiteral("\x00\x00\x00\x02{}")); // the client's bytes untouched
    }

    void v2WithTlvsAndLocal()
    {
        QByteArray header = ProxyHeader::encodeV2(QHostAddress(QStringLiteral("198.51.100.9")), 1, QHostAddress(QStringLiteral("192.0.2.1")), 2);
        // Append a TLV (PP2_TYPE_AUTHORITY "example.org") and fix the length: skipped, not interpreted.
        const QByteArray tlv = QByteArrayLiteral("\x02\x00\x0b") + "example.org";
        header.append(tlv);
        qToBigEndian<quint16>(quint16(12 + tlv.size()), header.data() + 14);
        ProxyHeader h;
        QCOMPARE(h.parse(header + "x"), Status::Done);
        QCOMPARE(h.consumed(), header.size());
        QCOMPARE(h.sourceAddress(), QHostAddress(QStringLiteral("198.51.100.9")));

        QByteArray local = header.left(16);
        local[12] = char(0x20); // LOCAL: a health check from the proxy itself
        qToBigEndian<quint16>(0, local.data() + 14);
        ProxyHeader l;
        QCOMPARE(l.parse(local), Status::Done);
        QVERIFY(l.isLocal());
        QCOMPARE(l.consumed(), 16);
    }

    void v1()
    {
        ProxyHeader h;
        const QByteArray line = "PROXY TCP4 203.0.113.7 192.0.2.1 40001 5151\r\n";
        QCOMPARE(h.parse(line.left(20)), Status::NeedMore);
        QCOMPARE(h.parse(line + "hello"), Status::Done);
        QCOMPARE(h.version(), 1);
        QCOMPARE(h.consumed(), line.size());
        QCOMPARE(h.sourceAddress(), QHostAddress(QStringLiteral("203.0.113.7")));
        QCOMPARE(h.sourcePort(), quint16(40001));

        ProxyHeader six;
        QCOMPARE(six.parse("PROXY TCP6 2001:db8::7 2001:db8::1 1 2\r\n"), Status::Done);
        QCOMPARE(six.sourceAddress(), QHostAddress(QStringLiteral("2001:db8::7")));

        ProxyHeader unknown;
        QCOMPARE(unknown.parse("PROXY UNKNOWN\r\n"), Status::Done);
        QVERIFY(unknown.isLocal());
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("plain client") << QByteArrayLiteral("\x00\x00\x00\x10{\"type\":\"hello\"}");
        QTest::newRow("tls hello") << QByteArrayLiteral("\x16\x03\x01\x02\x00");
        QTest::newRow("v1 family mismatch") << QByteArray("PROXY TCP4 2001:db8::1 192.0.2.1 1 2\r\n");
        QTest::newRow("v1 port 65536") << QByteArray("PROXY TCP4 203.0.113.7 192.0.2.1 65536 2\r\n");
        QTest::newRow("v1 port sign") << QByteArray("PROXY TCP4 203.0.113.7 192.0.2.1 -1 2\r\n");
        QTest::newRow("v1 too few fields") << QByteArray("PROXY TCP4 203.0.113.7\r\n");
        QTest::newRow("v1 no end") << (QByteArray("PROXY TCP4 ") + QByteArray(120, '1'));
        QByteArray v2 = ProxyHeader::encodeV2(QHostAddress(QStringLiteral("192.0.2.7")), 1, QHostAddress(QStringLiteral("192.0.2.1")), 2);
        QByteArray badVersion = v2;
        badVersion[12] = char(0x11);
        QTest::newRow("v2 version 1") << badVersion;
        QByteArray badCommand = v2;
        badCommand[12] = char(0x2f);
        QTest::newRow("v2 command 15") << badCommand;
        QByteArray udp = v2;
        udp[13] = char(0x12);
        QTest::newRow("v2 datagram") << udp;
        QByteArray unixFamily = v2;
        unixFamily[13] = char(0x31);
        QTest::newRow("v2 unix") << unixFamily;
        QByteArray huge = v2;
        qToBigEndian<quint16>(60000, huge.data() + 14);
        QTest::newRow("v2 too long") << huge;
        QByteArray shortAddresses = v2.left(16) + QByteArray(4, '\0');
        qToBigEndian<quint16>(4, shortAddresses.data() + 14);
        QTest::newRow("v2 truncated ipv4") << shortAddresses;
    }
    void invalid()
    {
        QFETCH(QByteArray, data);
        ProxyHeader h;
        QCOMPARE(h.parse(data), Status::Invalid);
        QVERIFY(!h.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProxyHeader)
#include "tst_proxyheader.moc"
