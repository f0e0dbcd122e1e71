// The framing workbench in the GUI: the Proxy window between a client and a server shows the
// connection's messages under a chosen framing; File ▸ Open capture lists a capture's
// conversations read off the GUI thread, shows one in the two-layer view, and can be cancelled.
#include "net/capture/pcapngwriter.h"
#include "net/proxy/framingproxy.h"
#include "widgets/inspector/capturefilewindow.h"
#include "widgets/inspector/framedstreamview.h"
#include "widgets/proxy/proxyconnectionmodel.h"
#include "widgets/proxy/proxywindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QBuffer>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Switchboard;

namespace {

QByteArray v1Frame(const QByteArray &json)
{
    char prefix[4];
    qToBigEndian(quint32(json.size()), prefix);
    return QByteArray(prefix, 4) + json;
}

// Starts a proxy in the window to 127.0.0.1:targetPort that cuts every write upwards into pieces
// of `piece` bytes, without pauses.
bool startSplitting(ProxyWindow &window, int piece, quint16 targetPort, QString *why)
{
    ProxyKnobs split;
    split.splitMin = split.splitMax = piece;
    split.splitDelayMs = 0;
    window.setKnobs(0, split);
    return window.startProxy(QStringLiteral("127.0.0.1:0"), QStringLiteral("127.0.0.1:%1").arg(targetPort), why);
}

// A Switchboard-style capture: one connection, `frames` v1 frames written in 5-byte chunks.
QByteArray ownCapture(int frames)
{
    QBuffer file;
    file.open(QIODevice::WriteOnly);
    PcapngWriter writer(&file);
    writer.setPacketComments(false);
    writer.writeHeader();
    QByteArray stream;
    for (int i = 0; i < frames; ++i)
        stream += v1Frame(R"({"type":"chat.send","text":"例 )" + QByteArray::number(i) + "\"}");
    CaptureRecord r;
    r.kind = CaptureRecord::Kind::Chunk;
    r.direction = CaptureRecord::Direction::Out;
    r.connectionId = 1;
    r.localAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r.localPort = 40000;
    r.peerAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r.peerPort = 5151;
    for (qsizetype at = 0; at < stream.size(); at += 5) {
        r.bytes = stream.mid(at, 5);
        r.streamOffset = at;
        r.timeUs = 1700000000000000LL + at;
        writer.write(r);
    }
    return file.data();
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT
private slots:
    void proxyWindowShowsMessages();
    void proxyOffTheGuiThread();
    void openCapture();
    void cancelLargeCapture();

private:
    QTemporaryDir m_dir;
};

void TestWorkbench::proxyWindowShowsMessages()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost));
    ProxyWindow window;
    window.show();
    QString why;
    QVERIFY2(startSplitting(window, 2, target.serverPort(), &why), qPrintable(why));
    QCOMPARE(window.proxies().size(), 1);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, window.proxies().first().listenPort);
    QTRY_VERIFY(target.hasPendingConnections());
    QTcpSocket *server = target.nextPendingConnection();
    QByteArray got;
    connect(server, &QTcpSocket::readyRead, this, [&] { got += server->readAll(); });
    client.write("hello\nworld\n");
    QTRY_COMPARE(got, QByteArray("hello\nworld\n"));
    QTRY_COMPARE(window.connectionRows(), 1);

    window.streamView()->setFraming(QStringLiteral("line"));
    window.showConnection(0);
    const FramedStream::Result &r = window.streamView()->result();
    QCOMPARE(r.messages.size(), 2);
    QCOMPARE(r.analysis.chunks.size(), 6); // 12 bytes written in 2-byte pieces
    QCOMPARE(r.analysis.splitFrames, 2);
    QVERIFY(r.analysis.summary.contains(QStringLiteral("split")));
    // Another framing, the same chunks: fixed:4 cuts three messages.
    window.streamView()->setFraming(QStringLiteral("fixed:4"));
    QCOMPARE(window.streamView()->result().messages.size(), 3);

    // A framing per direction: lines up, v1 frames down, where the server's answer starts with
    // four stray bytes: v1 does not fit there, and with Resync the two frames after them decode.
    QByteArray back;
    connect(&client, &QTcpSocket::readyRead, this, [&] { back += client.readAll(); });
    const QByteArray answer = "JUNK" + v1Frame(R"({"type":"ok"})") + v1Frame(R"({"type":"bye"})");
    server->write(answer);
    QTRY_COMPARE(back, answer);
    window.streamView()->setFraming(QStringLiteral("line"));
    window.streamView()->setFraming(1, QStringLiteral("v1"));
    window.showConnection(0);
    QCOMPARE(window.streamView()->framing(), QStringLiteral("line"));
    QCOMPARE(window.streamView()->result().messages.size(), 2);
    window.streamView()->setCurrentSide(1);
    QCOMPARE(window.streamView()->framing(), QStringLiteral("v1"));
    QVERIFY(window.streamView()->result().failure.isSet());
    QVERIFY(window.streamView()->result().messages.isEmpty());
    window.streamView()->setResync(true);
    const FramedStream::Result &down = window.streamView()->result();
    QCOMPARE(down.messages.size(), 2);
    QCOMPARE(down.messages.at(0).offset, 4);
    QCOMPARE(down.messages.at(1).head.value(QStringLiteral("type")).toString(), QStringLiteral("bye"));
    QCOMPARE(down.skips.size(), 1);
    QCOMPARE(down.skips.first().length, 4);
}

void TestWorkbench::proxyOffTheGuiThread()
{
    // 20 MiB through a proxy of the Proxy window, split into 4 KiB writes. The proxies run in a
    // thread of their own: a timer on the GUI thread keeps firing, and the connection list shows
    // the bytes while they flow (the client waits half way until it does). Then the GUI thread
    // stops handling events altogether, and the second half still gets through.
    constexpr qint64 Total = 20LL * 1024 * 1024;
    constexpr qint64 Half = Total / 2;
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t atSize = sizeof at;
    QVERIFY(::bind(listener, reinterpret_cast<sockaddr *>(&at), atSize) == 0 && ::listen(listener, 4) == 0);
    QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr *>(&at), &atSize) == 0);

    ProxyWindow window;
    window.show();
    QString why;
    QVERIFY2(startSplitting(window, 4096, ntohs(at.sin_port), &why), qPrintable(why));
    const quint16 proxyPort = window.proxies().first().listenPort;

    std::atomic<qint64> received{0};
    std::atomic<bool> seenHalf{false};
    std::atomic<bool> waitedInVain{false};
    std::atomic<int> done{0};
    std::thread server([&] {
        const int c = ::accept(listener, nullptr, nullptr);
        char buffer[65536];
        for (ssize_t n; c >= 0 && (n = ::read(c, buffer, sizeof buffer)) > 0;)
            received += n;
        if (c >= 0)
            ::close(c);
        ++done;
    });
    std::thread client([&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in to = at;
        to.sin_port = htons(proxyPort);
        if (::connect(fd, reinterpret_cast<sockaddr *>(&to), sizeof to) == 0) {
            const QByteArray block(65536, 'z');
            for (qint64 sent = 0; sent < Total;) {
                const ssize_t n = ::write(fd, block.constData(), size_t(qMin<qint64>(block.size(), Total - sent)));
                if (n <= 0)
                    break;
                sent += n;
                if (sent == Half) {
                    QElapsedTimer waited;
                    waited.start();
                    while (!seenHalf && waited.elapsed() < 20000)
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                    waitedInVain = !seenHalf;
                }
            }
            ::shutdown(fd, SHUT_WR);
        }
        ::close(fd);
        ++done;
    });

    // The GUI thread's own timer, and the live byte count of the open connection.
    qint64 largestGapMs = 0;
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer tick;
    connect(&tick, &QTimer::timeout, this, [&] {
        largestGapMs = qMax(largestGapMs, sinceTick.restart());
    });
    tick.start(10);
    ProxyConnectionModel *model = window.connectionModel();
    connect(model, &QAbstractItemModel::dataChanged, this, [&] {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->rowAt(row).state.isEmpty() && model->rowAt(row).bytes[0] >= Half)
                seenHalf = true;
    });
    const bool sawHalf = QTest::qWaitFor([&] { return seenHalf.load(); }, 60000);
    QElapsedTimer blocked;
    blocked.start();
    while (sawHalf && received < Total && blocked.elapsed() < 30000)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const qint64 throughWhileBlocked = received;
    qDebug("the second half went through in %lld ms with the GUI thread blocked", blocked.elapsed());
    sinceTick.restart(); // the block above is no stall of the proxy's making
    if (throughWhileBlocked < Total) {
        // Unblock the threads before failing: the proxy closes its connections, accept() returns.
        window.proxyThread()->stop(window.proxies().first().id);
        ::shutdown(listener, SHUT_RDWR);
    }
    const bool finished = QTest::qWaitFor([&] { return done == 2; }, 30000);
    client.join();
    server.join();
    ::close(listener);
    tick.stop();
    QVERIFY(sawHalf);
    QVERIFY(finished);
    QCOMPARE(throughWhileBlocked, Total);
    QVERIFY(!waitedInVain);
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_VERIFY(!model->rowAt(0).state.isEmpty());
    QCOMPARE(model->rowAt(0).bytes[0], Total);
    qDebug("largest gap between GUI timer ticks: %lld ms", largestGapMs);
    QVERIFY2(largestGapMs < 500, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(largestGapMs)));
}

void TestWorkbench::openCapture()
{
    const QString path = m_dir.filePath(QStringLiteral("own.pcapng"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(ownCapture(3));
    f.close();
    CaptureFileWindow window;
    window.show();
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    window.openFile(path);
    QVERIFY(window.isBusy() || loaded.size() == 1);
    QVERIFY(loaded.size() == 1 || loaded.wait(20000));
    QCOMPARE(window.conversations().size(), 1);
    window.streamView()->setFraming(QStringLiteral("v1"));
    window.showConversation(0);
    QVERIFY(loaded.wait(20000));
    const FramedStream::Result &r = window.streamView()->result();
    QCOMPARE(r.messages.size(), 3);
    QCOMPARE(r.messages.at(2).head.value(QStringLiteral("text")).toString(), QStringLiteral("例 2"));
    QVERIFY(r.analysis.splitFrames == 3);
    QVERIFY(!r.failure.isSet());
    // The same stream under a framing that does not fit says where.
    window.streamView()->setFraming(QStringLiteral("tutorial"));
    QVERIFY(window.streamView()->result().failure.isSet());
    QCOMPARE(window.streamView()->result().failure.offset, 0);
}

void TestWorkbench::cancelLargeCapture()
{
    const QString path = m_dir.filePath(QStringLiteral("large.pcapng"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray one = ownCapture(2000);
    const qsizetype header = ownCapture(0).size(); // the section and interface blocks
    for (int i = 0; i < 20; ++i)
        f.write(i == 0 ? one : one.mid(header)); // more packets in the same section
    f.close();
    CaptureFileWindow window;
    QSignalSpy loaded(&window, &CaptureFileWindow::loaded);
    window.openFile(path);
    QVERIFY(window.isBusy());
    // The GUI thread stays free while the worker reads: Cancel is a button like any other.
    auto *cancel = window.findChild<QPushButton *>();
    QVERIFY(cancel);
    QTimer::singleShot(0, cancel, &QPushButton::click);
    QVERIFY(loaded.wait(30000));
    QVERIFY(!window.isBusy());
    bool saidSo = false;
    for (QLabel *l : window.findChildren<QLabel *>())
        saidSo = saidSo || l->text().contains(QStringLiteral("Cancelled")) || l->text().contains(QStringLiteral("packets"));
    QVERIFY(saidSo);
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
