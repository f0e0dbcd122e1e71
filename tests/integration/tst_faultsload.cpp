// The real server under hostile load (issue 9, item 6), its memory read from /proc/PID/status:
//  - a room member that stops reading while the room floods: the server's memory stays bounded
//    (the slow reader is dropped at --max-queued-bytes) and the other members keep receiving;
//  - 1,000 connections that send one byte per second: each is dropped by the hello timeout, memory
//    stays bounded, and a well-behaved client logs in meanwhile. The tricklers come from 20
//    loopback addresses (127.0.0.10 to .29, bound before connecting), 50 each, under the default
//    limit of 64 connections per address that have not logged in.

#include "faultclient.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sys/resource.h>

#include <memory>
#include <vector>

using namespace Switchboard;
using namespace Switchboard::Test;

class TestFaultsLoad : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(ServerProcess::binary()), qPrintable(ServerProcess::binary()));
        // 1,000 sockets here and 1,000 in the server (which inherits the limit).
        rlimit files {};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &files) == 0);
        if (files.rlim_cur < 4096 && files.rlim_max > files.rlim_cur) {
            files.rlim_cur = qMin<rlim_t>(files.rlim_max, 4096);
            ::setrlimit(RLIMIT_NOFILE, &files);
        }
        QVERIFY2(::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur >= 2200,
                 "the open-files limit (ulimit -n) must allow 2,200 descriptors");
    }
    void slowReaderDuringFlood();
    void thousandTricklers();
};

void TestFaultsLoad::slowReaderDuringFlood()
{
    QTemporaryDir data;
    ServerProcess server;
    constexpr qint64 MaxQueued = 1 << 20;
    QVERIFY2(server.start(data.path(), {QStringLiteral("--max-queued-bytes"), QString::number(MaxQueued)}),
             qPrintable(server.error()));
    const QString room = QStringLiteral("flood");
    FaultClient slow, watcher, flooder1, flooder2;
    for (auto [c, name] : {std::pair{&slow, "slow"}, {&watcher, "watcher"}, {&flooder1, "flood1"}, {&flooder2, "flood2"}}) {
        QVERIFY(c->logIn(server.port(), QString::fromLatin1(name), true));
        QVERIFY(c->join(room));
    }
    const qint64 rssBefore = server.rssKiB();
    QVERIFY(rssBefore > 0);

    // The slow reader stops reading: its socket takes no more than 4 KiB from the kernel.
    const QPointer<QTcpSocket> socket = slow.socket(); // the session deletes it once it sees the drop
    QVERIFY(socket);
    socket->setReadBufferSize(4096);
    socket->blockSignals(true);

    QSignalSpy received(&watcher.session, &ClientSession::messageReceived);
    constexpr int PerFlooder = 2500;
    constexpr int Window = 16;
    const QString text(8000, QLatin1Char('x')); // 2 x 2,500 x 8 kB = 40 MB the slow reader never takes
    int acked = 0;
    int errors = 0;
    std::vector<int> sentBy(2, 0);
    std::vector<FaultClient *> flooders{&flooder1, &flooder2};
    std::function<void(int)> sendOne = [&](int f) {
        if (sentBy[f] >= PerFlooder)
            return;
        ++sentBy[f];
        ChatClient *client = flooders[f]->client();
        client->request<Protocol::ChatAck>(
            Protocol::ChatSend{0, room, {}, text}, client,
            [&, f](const Protocol::ChatAck &, const Frame &) {
                ++acked;
                sendOne(f);
            },
            [&](const Protocol::Error &) { ++errors; });
    };
    qint64 rssMax = rssBefore;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler, [&] { rssMax = qMax(rssMax, server.rssKiB()); });
    sampler.start(50);
    QElapsedTimer clock;
    clock.start();
    for (int f = 0; f < 2; ++f)
        for (int w = 0; w < Window; ++w)
            sendOne(f);
    QTRY_VERIFY_WITH_TIMEOUT(acked + errors == 2 * PerFlooder, 120000);
    QCOMPARE(errors, 0);
    // Every member that reads keeps receiving, the last message included.
    QTRY_COMPARE_WITH_TIMEOUT(int(received.size()), 2 * PerFlooder, 30000);
    sampler.stop();
    rssMax = qMax(rssMax, server.rssKiB());

    // The slow reader was dropped: once it reads again it finds the connection closed.
    if (socket) {
        socket->setReadBufferSize(0);
        socket->blockSignals(false);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!socket || (socket->readAll(), socket->state() == QAbstractSocket::UnconnectedState),
                             20000);

    qInfo("flood: %d messages of 8 kB in %lld ms, a member not reading; server VmRSS %lld KiB before, at most "
          "%lld KiB during (+%lld KiB)",
          2 * PerFlooder, qlonglong(clock.elapsed()), qlonglong(rssBefore), qlonglong(rssMax),
          qlonglong(rssMax - rssBefore));
    // Unbounded, the slow reader's queue alone would be 40 MB (+41 MB measured with --max-queued-bytes 0).
    if (ServerProcess::memoryIsMeasurable())
        QVERIFY2(rssMax - rssBefore < 24 * 1024, qPrintable(QString::number(rssMax - rssBefore)));
}

void TestFaultsLoad::thousandTricklers()
{
    QTemporaryDir data;
    ServerProcess server;
    QVERIFY2(server.start(data.path(), {QStringLiteral("--hello-timeout"), QStringLiteral("3000"),
                                        QStringLiteral("--max-clients"), QStringLiteral("1100")}),
             qPrintable(server.error()));
    const qint64 rssBefore = server.rssKiB();

    constexpr int Addresses = 20;
    constexpr int PerAddress = 50; // under the default 64 per address
    const QByteArray hello = R"({"type":"hello","id":1,"versions":[1]})";
    QByteArray frame(4, '\0');
    frame[3] = char(hello.size()); // never completes within the timeout anyway
    frame += hello;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<int> sentBytes;
    int connected = 0;
    int dropped = 0;
    for (int a = 0; a < Addresses; ++a) {
        const QHostAddress source(QStringLiteral("127.0.0.%1").arg(10 + a));
        for (int i = 0; i < PerAddress; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            QVERIFY2(socket->bind(source, 0), qPrintable(socket->errorString()));
            QObject::connect(socket.get(), &QTcpSocket::connected, socket.get(), [&] { ++connected; });
            QObject::connect(socket.get(), &QTcpSocket::disconnected, socket.get(), [&] { ++dropped; });
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            sockets.push_back(std::move(socket));
            sentBytes.push_back(0);
        }
        QTRY_COMPARE_WITH_TIMEOUT(connected, (a + 1) * PerAddress, 20000);
    }
    QElapsedTimer clock;
    clock.start();
    // One byte per second per connection.
    QTimer trickle;
    QObject::connect(&trickle, &QTimer::timeout, &trickle, [&] {
        for (size_t i = 0; i < sockets.size(); ++i)
            if (sockets[i]->state() == QAbstractSocket::ConnectedState && sentBytes[i] < frame.size())
                sockets[i]->write(frame.mid(sentBytes[i]++, 1));
    });
    trickle.start(1000);
    qint64 rssMax = server.rssKiB();
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler, [&] { rssMax = qMax(rssMax, server.rssKiB()); });
    sampler.start(50);

    // Meanwhile a well-behaved client logs in.
    QElapsedTimer loginClock;
    loginClock.start();
    FaultClient good;
    QVERIFY(good.logIn(server.port(), QStringLiteral("good"), true));
    const qint64 loginMs = loginClock.elapsed();

    QTRY_COMPARE_WITH_TIMEOUT(dropped, Addresses * PerAddress, 30000);
    const qint64 allDroppedMs = clock.elapsed();
    sampler.stop();
    int maxSent = 0;
    for (int n : sentBytes)
        maxSent = qMax(maxSent, n);
    qInfo("1,000 tricklers: all dropped %lld ms after connecting (hello timeout 3 s, at most %d bytes sent each); "
          "a login meanwhile took %lld ms; server VmRSS %lld KiB before, at most %lld KiB (+%lld KiB)",
          qlonglong(allDroppedMs), maxSent, qlonglong(loginMs), qlonglong(rssBefore), qlonglong(rssMax),
          qlonglong(rssMax - rssBefore));
    QVERIFY(allDroppedMs < 15000);
    if (ServerProcess::memoryIsMeasurable())
        QVERIFY2(rssMax - rssBefore < 32 * 1024, qPrintable(QString::number(rssMax - rssBefore)));
    QCOMPARE(good.session.status(), ClientSession::Status::Online); // not dropped with them
}

QTEST_GUILESS_MAIN(TestFaultsLoad)
#include "tst_faultsload.moc"
