// The framing workbench in the GUI: the Proxy window between a client and a server shows the
// connection's messages under a chosen framing; File ▸ Open capture lists a capture's
// conversations read off the GUI thread, shows one in the two-layer view, and can be cancelled.
#include "net/capture/pcapngwriter.h"
#include "net/proxy/framingproxy.h"
#include "widgets/inspector/capturefilewindow.h"
#include "widgets/inspector/framedstreamview.h"
#include "widgets/proxy/proxywindow.h"

#include <QApplication>
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

using namespace Switchboard;

namespace {

QByteArray v1Frame(const QByteArray &json)
{
    char prefix[4];
    qToBigEndian(quint32(json.size()), prefix);
    return QByteArray(prefix, 4) + json;
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
    ProxyKnobs split;
    split.splitMin = split.splitMax = 2;
    split.splitDelayMs = 0;
    window.setKnobs(0, split);
    QString why;
    QVERIFY2(window.startProxy(QStringLiteral("127.0.0.1:0"), QStringLiteral("127.0.0.1:%1").arg(target.serverPort()), &why),
             qPrintable(why));
    QCOMPARE(window.proxies().size(), 1);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, window.proxies().first()->listenPort());
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
