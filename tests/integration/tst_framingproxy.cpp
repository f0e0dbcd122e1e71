#include "net/capture/capturebuffer.h"
#include "net/capture/captureimport.h"
#include "net/framing/framing.h"
#include "net/proxy/framingproxy.h"
#include "net/proxy/proxyconnection.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Switchboard;

namespace {

constexpr qint64 Big = 100LL * 1024 * 1024;

// A blocking loopback socket for peers that run in a thread of their own (the proxy needs this
// thread's event loop).
int connectBlocking(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// A listening blocking socket on 127.0.0.1 (any port).
int listenBlocking(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(fd, 8) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &size) != 0) {
        ::close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

bool sendAll(int fd, const QByteArray &bytes)
{
    for (qsizetype at = 0; at < bytes.size();) {
        const ssize_t n = ::send(fd, bytes.constData() + at, size_t(bytes.size() - at), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        at += n;
    }
    return true;
}

// Reads until EOF (or an error); records the size of every read.
QByteArray readToEnd(int fd, QList<int> *sizes = nullptr)
{
    QByteArray all;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        if (sizes)
            sizes->append(int(n));
        all.append(buffer, n);
    }
    return all;
}

// Deterministic bytes for position i of stream `seed`.
QByteArray pattern(qint64 from, qint64 size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        out[i] = char(((from + i) * 2654435761u >> (seed + 8)) ^ (from + i) ^ seed);
    return out;
}

// One end of a bulk transfer in this thread's event loop: sends `total` pattern bytes (keeping a
// few MiB queued) and hashes what it receives.
class BulkPeer : public QObject
{
public:
    BulkPeer(QTcpSocket *socket, int seed, qint64 total) : m_socket(socket), m_seed(seed), m_total(total)
    {
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { fill(); });
        connect(socket, &QTcpSocket::readyRead, this, [this] {
            const QByteArray b = m_socket->readAll();
            m_hash.addData(b);
            received += b.size();
        });
        fill();
    }
    void fill()
    {
        while (m_sent < m_total && m_socket->bytesToWrite() < 4 * 1024 * 1024) {
            const qint64 n = qMin<qint64>(1024 * 1024, m_total - m_sent);
            m_socket->write(pattern(m_sent, n, m_seed));
            m_sent += n;
        }
    }
    QByteArray hash() { return m_hash.result(); }
    qint64 received = 0;

private:
    QTcpSocket *m_socket;
    int m_seed;
    qint64 m_total;
    qint64 m_sent = 0;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

// Runs this thread's event loop until pred() holds or timeoutMs pass. Unlike QTRY_*, which sleeps
// between rounds of events, the loop blocks only in poll(), so bulk transfers run at full speed.
bool runUntil(const std::function<bool()> &pred, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred())
            loop.quit();
    });
    poll.start(5);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!pred())
        loop.exec();
    return pred();
}

QByteArray patternHash(qint64 total, int seed)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (qint64 at = 0; at < total; at += 1024 * 1024)
        h.addData(pattern(at, qMin<qint64>(1024 * 1024, total - at), seed));
    return h.result();
}

ProxyKnobs split(int min, int max, int delayMs)
{
    ProxyKnobs k;
    k.splitMin = min;
    k.splitMax = max;
    k.splitDelayMs = delayMs;
    return k;
}

} // namespace

class TestFramingProxy : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void forwardsBulk_data();
    void forwardsBulk();
    void splitOneByte();
    void coalesces();
    void halfClose();
    void closeAfter();
    void knobsChangeWhileRunning();
    void tutorialCaptureOnLoopback();

private:
    bool startProxy(FramingProxy &proxy, quint16 targetPort);
    // Starts proxy in front of a blocking target and runs target(fd) and client(fd) in threads of
    // their own while this thread's event loop runs the proxy; true when both returned in time.
    bool exchange(FramingProxy &proxy, const std::function<void(int)> &target, const std::function<void(int)> &client);
    QByteArray m_upHash;
    QByteArray m_downHash;
};

void TestFramingProxy::initTestCase()
{
    m_upHash = patternHash(Big, 1);
    m_downHash = patternHash(Big, 2);
}

bool TestFramingProxy::startProxy(FramingProxy &proxy, quint16 targetPort)
{
    proxy.setTarget(QHostAddress::LocalHost, targetPort);
    return proxy.listen(QHostAddress::LocalHost, 0);
}

bool TestFramingProxy::exchange(FramingProxy &proxy, const std::function<void(int)> &target,
                                const std::function<void(int)> &client)
{
    quint16 port = 0;
    const int listener = listenBlocking(&port);
    if (listener < 0 || !startProxy(proxy, port))
        return false;
    std::atomic<int> done{0};
    std::thread targetThread([&] {
        const int fd = ::accept(listener, nullptr, nullptr);
        target(fd);
        ::close(fd);
        ++done;
    });
    std::thread clientThread([&] {
        const int fd = connectBlocking(proxy.listenPort());
        client(fd);
        ::close(fd);
        ++done;
    });
    const bool finished = runUntil([&] { return done.load() == 2; }, 20000);
    if (!finished) {
        proxy.close(); // unblocks the threads' reads
        ::shutdown(listener, SHUT_RDWR); // and an accept() still waiting
    }
    targetThread.join();
    clientThread.join();
    ::close(listener);
    return finished;
}

void TestFramingProxy::forwardsBulk_data()
{
    QTest::addColumn<ProxyKnobs>("up");
    QTest::addColumn<ProxyKnobs>("down");
    QTest::newRow("unchanged") << ProxyKnobs() << ProxyKnobs();
    QTest::newRow("split both, random sizes") << split(1000, 60000, 0) << split(1, 65536, 0);
}

void TestFramingProxy::forwardsBulk()
{
    // 100 MiB each way at once, byte-identical.
    QFETCH(ProxyKnobs, up);
    QFETCH(ProxyKnobs, down);
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost));
    FramingProxy proxy;
    proxy.setKnobs(FramingProxy::Up, up);
    proxy.setKnobs(FramingProxy::Down, down);
    QVERIFY(startProxy(proxy, target.serverPort()));
    QSignalSpy closed(&proxy, &FramingProxy::connectionClosed);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, proxy.listenPort());
    QTRY_VERIFY_WITH_TIMEOUT(target.hasPendingConnections(), 10000); // the proxy accepts in this event loop
    QTcpSocket *server = target.nextPendingConnection();
    QElapsedTimer clock;
    clock.start();
    BulkPeer clientPeer(&client, 1, Big);
    BulkPeer serverPeer(server, 2, Big);
    QVERIFY(runUntil([&] { return clientPeer.received == Big && serverPeer.received == Big; }, 120000));
    qInfo("100 MiB each way in %lld ms", qint64(clock.elapsed()));
    QCOMPARE(serverPeer.hash(), m_upHash);
    QCOMPARE(clientPeer.hash(), m_downHash);
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 10000);
}

void TestFramingProxy::splitOneByte()
{
    // --split 1: the target sees one byte per read.
    FramingProxy proxy;
    proxy.setKnobs(FramingProxy::Up, split(1, 1, 15));
    QList<int> sizes;
    QByteArray got;
    QVERIFY(exchange(
        proxy, [&](int target) { got = readToEnd(target, &sizes); },
        [&](int client) {
            sendAll(client, "0123456789abcdef");
            ::shutdown(client, SHUT_WR);
            readToEnd(client);
        }));
    QCOMPARE(got, QByteArray("0123456789abcdef"));
    QCOMPARE(sizes, QList<int>(16, 1));
}

void TestFramingProxy::coalesces()
{
    // Ten writes of ten bytes within the coalescing window leave as one write, one read.
    FramingProxy proxy;
    ProxyKnobs k;
    k.coalesceMs = 300;
    proxy.setKnobs(FramingProxy::Up, k);
    QList<int> sizes;
    QVERIFY(exchange(
        proxy, [&](int target) { readToEnd(target, &sizes); },
        [&](int client) {
            for (int i = 0; i < 10; ++i)
                sendAll(client, QByteArray(10, char('a' + i)));
            ::shutdown(client, SHUT_WR);
            readToEnd(client);
        }));
    QCOMPARE(sizes, QList<int>{100});
}

void TestFramingProxy::halfClose()
{
    // The client half-closes; the target still answers after reading EOF; every chunk is recorded.
    FramingProxy proxy;
    CaptureBuffer buffer;
    proxy.setCaptureSink(&buffer);
    QSignalSpy closed(&proxy, &FramingProxy::connectionClosed);
    QByteArray targetGot, clientGot;
    QVERIFY(exchange(
        proxy,
        [&](int target) {
            targetGot = readToEnd(target); // returns at the client's FIN
            sendAll(target, "answer after your FIN");
        },
        [&](int client) {
            sendAll(client, "request");
            ::shutdown(client, SHUT_WR);
            clientGot = readToEnd(client);
        }));
    QCOMPARE(targetGot, QByteArray("request"));
    QCOMPARE(clientGot, QByteArray("answer after your FIN"));
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY(closed.first().at(1).toString().contains(QStringLiteral("FIN passed both ways")));

    // Chunks per leg and direction add up to what was forwarded.
    qint64 sums[2][2] = {{0, 0}, {0, 0}}; // [target leg][out]
    int events = 0;
    QSet<quint64> legs;
    for (const CaptureRecord &r : buffer.snapshot()) {
        if (r.kind == CaptureRecord::Kind::Event)
            ++events;
        if (r.kind != CaptureRecord::Kind::Chunk)
            continue;
        legs.insert(r.connectionId);
        const bool targetLeg = r.peerPort == proxy.targetPort();
        sums[targetLeg][r.direction == CaptureRecord::Direction::Out] += r.bytes.size();
    }
    QCOMPARE(legs.size(), 2);
    QCOMPARE(sums[0][0], 7);  // read from the client
    QCOMPARE(sums[1][1], 7);  // written to the target
    QCOMPARE(sums[1][0], 21); // read from the target
    QCOMPARE(sums[0][1], 21); // written to the client
    QVERIFY(events >= 4); // connected x2, FIN x2 passed
}

void TestFramingProxy::closeAfter()
{
    FramingProxy proxy;
    ProxyKnobs k;
    k.closeAfter = 5;
    proxy.setKnobs(FramingProxy::Up, k);
    QSignalSpy closed(&proxy, &FramingProxy::connectionClosed);
    QByteArray got;
    QVERIFY(exchange(
        proxy, [&](int target) { got = readToEnd(target); },
        [&](int client) {
            sendAll(client, "0123456789");
            readToEnd(client);
        }));
    QCOMPARE(got, QByteArray("01234"));
    QTRY_COMPARE(closed.size(), 1);
    QVERIFY(closed.first().at(1).toString().contains(QStringLiteral("close-after")));
}

void TestFramingProxy::knobsChangeWhileRunning()
{
    // An open connection follows new knobs: unchanged first, then one byte per read.
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost));
    FramingProxy proxy;
    QVERIFY(startProxy(proxy, target.serverPort()));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, proxy.listenPort());
    QTRY_VERIFY_WITH_TIMEOUT(target.hasPendingConnections(), 10000); // the proxy accepts in this event loop
    QTcpSocket *server = target.nextPendingConnection();
    QList<int> sizes;
    QByteArray got;
    connect(server, &QTcpSocket::readyRead, this, [&] {
        const QByteArray b = server->readAll();
        sizes.append(int(b.size()));
        got += b;
    });
    QTRY_VERIFY(client.state() == QAbstractSocket::ConnectedState);
    client.write("whole");
    QTRY_COMPARE(got, QByteArray("whole"));
    QCOMPARE(sizes, QList<int>{5});
    proxy.setKnobs(FramingProxy::Up, split(1, 1, 30));
    sizes.clear();
    client.write("split");
    QTRY_COMPARE(got, QByteArray("wholesplit"));
    QCOMPARE(sizes, QList<int>(5, 1));
}

void TestFramingProxy::tutorialCaptureOnLoopback()
{
    // A tutorial-style upload captured on lo by tcpdump (or Wireshark's dumpcap) decodes under
    // the tutorial framing to the messages sent.
    QString tool = QStandardPaths::findExecutable(QStringLiteral("tcpdump"));
    const bool useTcpdump = !tool.isEmpty();
    if (!useTcpdump)
        tool = QStandardPaths::findExecutable(QStringLiteral("dumpcap"));
    if (tool.isEmpty())
        QSKIP("neither tcpdump nor dumpcap is installed: the loopback capture cannot be made here");
    if (::geteuid() != 0)
        QSKIP("capturing on lo needs root (or CAP_NET_RAW) here");
    quint16 port = 0;
    const int listener = listenBlocking(&port);
    // Probe datagrams go to a UDP port of our own, inside the capture filter too.
    QUdpSocket probeTarget;
    QVERIFY(probeTarget.bind(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("lo.pcap"));
    const QString filter = QStringLiteral("tcp port %1 or udp port %2").arg(port).arg(probeTarget.localPort());
    QProcess capture;
    capture.setProcessChannelMode(QProcess::MergedChannels);
    if (useTcpdump)
        capture.start(tool, {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-U"), QStringLiteral("-w"), file, filter});
    else
        capture.start(tool, {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-P"), QStringLiteral("-w"), file,
                             QStringLiteral("-f"), filter});
    QVERIFY2(capture.waitForStarted(5000), qPrintable(capture.errorString()));
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += capture.readAll()).contains("listening on") || said.contains("Capturing on")
                                 || capture.state() != QProcess::Running, 15000);
    if (capture.state() != QProcess::Running)
        QSKIP(qPrintable(QStringLiteral("%1 cannot capture here: %2").arg(tool, QString::fromLocal8Bit(said))));
    // The tools announce themselves a moment before packets really flow into the file: send a probe
    // datagram every 50 ms until one is in the file (both tools write each packet at once: -U, -P).
    QUdpSocket probe;
    int probes = 0;
    QElapsedTimer sinceStart, sinceProbe;
    sinceStart.start();
    auto probeSeen = [&] {
        if (!sinceProbe.isValid() || sinceProbe.elapsed() >= 50) {
            probe.writeDatagram("probe", QHostAddress::LocalHost, probeTarget.localPort());
            ++probes;
            sinceProbe.start();
        }
        CaptureImport seen;
        seen.read(file); // a file still being written may end in a partial packet
        return std::any_of(seen.conversations().cbegin(), seen.conversations().cend(), [](const auto &c) {
            return c.transport == CaptureRecord::Transport::Udp;
        });
    };
    QVERIFY2(runUntil(probeSeen, 15000), qPrintable(QStringLiteral("no probe reached %1 within 15 s").arg(file)));
    qDebug("the capture was live after %d probe(s), %lld ms", probes, sinceStart.elapsed());

    // The tutorials' upload: struct.pack('i', len(head)), the head, the file; three sends each.
    QList<QPair<QJsonObject, QByteArray>> uploads{
        {QJsonObject{{QStringLiteral("filename"), QStringLiteral("例.txt")}, {QStringLiteral("filesize"), 11}}, "hello world"},
        {QJsonObject{{QStringLiteral("filename"), QStringLiteral("b.bin")}, {QStringLiteral("filesize"), 3000}}, QByteArray(3000, 'b')}};
    std::thread server([&] {
        const int c = ::accept(listener, nullptr, nullptr);
        readToEnd(c);
        sendAll(c, "ok\n");
        ::close(c);
    });
    const int fd = connectBlocking(port);
    QVERIFY(fd >= 0);
    sockaddr_in local{};
    socklen_t localSize = sizeof local;
    QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localSize) == 0);
    const QString clientEnd = QStringLiteral("127.0.0.1:%1").arg(ntohs(local.sin_port));
    const QString serverEnd = QStringLiteral("127.0.0.1:%1").arg(port);
    for (const auto &[head, body] : uploads) {
        const QByteArray json = QJsonDocument(head).toJson(QJsonDocument::Compact);
        char prefix[4];
        qToLittleEndian(qint32(json.size()), prefix);
        sendAll(fd, QByteArray(prefix, 4));
        sendAll(fd, json);
        sendAll(fd, body);
    }
    ::shutdown(fd, SHUT_WR);
    readToEnd(fd);
    ::close(fd);
    server.join();
    ::close(listener);

    // Stop once both FINs are in the file, or after a few seconds when the tool buffers its
    // output (it writes everything on SIGTERM).
    CaptureImport import;
    // Ours is the TCP conversation between these two ends: the filter also lets through whatever
    // other tests running at the same time do on a port of the same number.
    auto ours = [&](const CaptureImport::Conversation &c) {
        return c.transport == CaptureRecord::Transport::Tcp
            && ((c.endpoint(CaptureImport::AtoB) == clientEnd && c.endpoint(CaptureImport::BtoA) == serverEnd)
                || (c.endpoint(CaptureImport::AtoB) == serverEnd && c.endpoint(CaptureImport::BtoA) == clientEnd));
    };
    auto tcpIndex = [&] {
        for (const auto &c : import.conversations())
            if (ours(c))
                return c.index;
        return -1;
    };
    runUntil([&] {
        if (!import.read(file) || tcpIndex() < 0)
            return false;
        const auto &c = import.conversations().at(tcpIndex());
        return c.finSeen[0] && c.finSeen[1];
    }, 4000);
    capture.terminate();
    QVERIFY(capture.waitForFinished(10000));
    QVERIFY2(import.read(file), qPrintable(import.errorString()));
    int tcpConversations = 0;
    for (const auto &c : import.conversations()) {
        if (c.transport != CaptureRecord::Transport::Tcp)
            continue;
        qDebug("TCP conversation %d: %s -> %s, %lld packets, %lld / %lld bytes", c.index,
               qPrintable(c.endpoint(CaptureImport::AtoB)), qPrintable(c.endpoint(CaptureImport::BtoA)),
               qint64(c.packets), qint64(c.bytes[0]), qint64(c.bytes[1]));
        tcpConversations += ours(c) ? 1 : 0;
    }
    QCOMPARE(tcpConversations, 1);
    QVERIFY2(import.read(file, tcpIndex()), qPrintable(import.errorString()));
    auto framing = Framing::create(QStringLiteral("tutorial"));
    QList<Framing::Message> messages;
    for (const auto &chunk : import.stream().chunks[CaptureImport::AtoB])
        messages += framing->feed(chunk.bytes);
    QVERIFY(!framing->failed());
    QCOMPARE(messages.size(), uploads.size());
    for (int i = 0; i < uploads.size(); ++i) {
        QCOMPARE(messages.at(i).head, uploads.at(i).first);
        QCOMPARE(messages.at(i).body(), uploads.at(i).second);
    }
}

QTEST_GUILESS_MAIN(TestFramingProxy)
#include "tst_framingproxy.moc"
