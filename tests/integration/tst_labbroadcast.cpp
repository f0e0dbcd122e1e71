// The socket lab's UDP broadcast, inside a network namespace of the test's own
// (tests/common/netns.h): a datagram broadcast on the veth pair's TEST-NET-1 subnet reaches an
// endpoint bound to any address, is recorded, and answered by the auto-reply rules.
#include "net/capture/capturebuffer.h"
#include "net/lab/autoreplier.h"
#include "net/lab/udpendpoint.h"
#include "netns.h"

#include <QSignalSpy>
#include <QTest>

namespace Switchboard {

class TestLabBroadcast : public QObject
{
    Q_OBJECT
private slots:
    void broadcastReachesABoundEndpoint();
};

void TestLabBroadcast::broadcastReachesABoundEndpoint()
{
    AutoReplier fixed;
    AutoReplyRule rule;
    rule.kind = AutoReplyRule::Kind::Fixed;
    rule.reply = "heard you";
    QVERIFY(fixed.setRules({rule}));
    CaptureBuffer capture;
    UdpEndpoint listener;
    listener.setAutoReplier(&fixed);
    listener.setCaptureSink(&capture);
    QString why;
    QVERIFY2(listener.bind(QHostAddress::AnyIPv4, 0, &why), qPrintable(why));

    UdpEndpoint sender;
    sender.setCaptureSink(&capture);
    QVERIFY(sender.bind(QHostAddress(QStringLiteral("192.0.2.1")), 0, &why));
    QSignalSpy heard(&listener, &UdpEndpoint::received);
    QSignalSpy answer(&sender, &UdpEndpoint::received);
    QCOMPARE(sender.broadcast(listener.localPort(), "anyone there?", &why, QHostAddress(QStringLiteral("192.0.2.255"))),
             qint64(13));
    QVERIFY2(heard.wait(5000), qPrintable(why));
    QCOMPARE(heard.at(0).at(1).toByteArray(), QByteArray("anyone there?"));
    QCOMPARE(heard.at(0).at(0).toString(), QStringLiteral("192.0.2.1:%1").arg(sender.localPort()));
    QVERIFY(answer.wait(5000));
    QCOMPARE(answer.at(0).at(1).toByteArray(), QByteArray("heard you"));

    bool broadcastRecorded = false;
    for (const CaptureRecord &r : capture.snapshot())
        if (r.kind == CaptureRecord::Kind::Datagram && r.direction == CaptureRecord::Direction::Out
            && r.peerAddress == QHostAddress(QStringLiteral("192.0.2.255")))
            broadcastRecorded = true;
    QVERIFY(broadcastRecorded);
}

} // namespace Switchboard

int main(int argc, char **argv)
{
    if (const auto status = Switchboard::Test::enterTestNetwork(argc, argv))
        return *status;
    QCoreApplication app(argc, argv);
    Switchboard::TestLabBroadcast test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_labbroadcast.moc"
