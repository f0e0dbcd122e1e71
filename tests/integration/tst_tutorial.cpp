// Tutorial mode's TCP upload protocol (struct.pack('i', len(head)) + JSON head + bytes) over a
// real loopback socket: uploads sent back to back in one write ("sticky packets") or cut at any
// byte are each stored byte-identical and each answered "ok <size>".

#include "net/capture/capturerecord.h"
#include "net/tutorial/tutorialserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace Switchboard;

namespace {

// Counts the bytes the server has read, so a test knows the first part of a split write has
// been handled on its own before it sends the rest.
class ReadCounter : public CaptureSink
{
public:
    void record(const CaptureRecord &r) override
    {
        if (r.kind == CaptureRecord::Kind::Chunk && r.direction == CaptureRecord::Direction::In) {
            QMutexLocker lock(&m_mutex);
            m_bytes += r.bytes.size();
        }
    }
    qint64 bytes()
    {
        QMutexLocker lock(&m_mutex);
        return m_bytes;
    }

private:
    QMutex m_mutex;
    qint64 m_bytes = 0;
};

// What the tutorials' client sends for one file.
QByteArray upload(const QString &name, const QByteArray &content)
{
    const QByteArray head = QJsonDocument(QJsonObject{{QStringLiteral("filename"), name},
                                                      {QStringLiteral("filesize"), content.size()}})
                                .toJson(QJsonDocument::Compact);
    QByteArray out(4, Qt::Uninitialized);
    qToLittleEndian<qint32>(qint32(head.size()), out.data());
    return out + head + content;
}

QByteArray fileContent(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

QByteArray pattern(int size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = char((i * 31 + seed) & 0xff);
    return out;
}

} // namespace

class TestTutorial : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ReadCounter> m_reads = std::make_shared<ReadCounter>(); // shared with the server
    std::unique_ptr<TutorialServer> m_server;
    quint16 m_port = 0;

    // Reads from the socket until `lines` newline-terminated lines have arrived.
    static QList<QByteArray> readLines(QTcpSocket &socket, int lines)
    {
        QByteArray got;
        (void)QTest::qWaitFor([&] { // the caller compares what arrived
            got += socket.readAll();
            return got.count('\n') >= lines;
        }, 10000);
        QList<QByteArray> out = got.split('\n');
        out.removeLast(); // after the last newline
        return out;
    }

    // The stored files, by the paths fileReceived reported, in arrival order.
    static QList<QByteArray> storedContents(const QSignalSpy &received)
    {
        QList<QByteArray> out;
        for (const QList<QVariant> &args : received)
            out.append(fileContent(args.at(0).toString()));
        return out;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server = std::make_unique<TutorialServer>();
        m_server->setUploadDir(m_dir->filePath(QStringLiteral("uploads")));
        m_server->setCaptureSink(m_reads);
        // 1 to 3 bytes that may start a length prefix wait this long for more: long enough that
        // a split prefix is never taken for text here, whatever the machine's load.
        m_server->setShortTextWait(60000);
        QString error;
        QVERIFY2(m_server->listenTcp(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        m_port = m_server->tcpEndpoints().constFirst().port;
    }

    void cleanup()
    {
        m_server.reset();
        m_dir.reset();
    }

    void twoUploadsInOneWrite()
    {
        const QByteArray first = pattern(70000, 1);
        const QByteArray second = pattern(1234, 2);
        QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write(upload(QStringLiteral("first.bin"), first) + upload(QStringLiteral("second.txt"), second));

        const QList<QByteArray> lines = readLines(socket, 2);
        QCOMPARE(lines, (QList<QByteArray>{"ok 70000", "ok 1234"}));
        QCOMPARE(received.count(), 2);
        QCOMPARE(received.at(0).at(0).toString(), m_dir->filePath(QStringLiteral("uploads/first.bin")));
        QCOMPARE(received.at(1).at(0).toString(), m_dir->filePath(QStringLiteral("uploads/second.txt")));
        QCOMPARE(storedContents(received), (QList<QByteArray>{first, second}));
        QCOMPARE(QDir(m_dir->filePath(QStringLiteral("uploads"))).entryList(QDir::Files).size(), 2); // no .part left
    }

    void uploadThenTextInOneWrite()
    {
        // After the last byte of an upload, the next bytes are read afresh: here the robot's "q",
        // answered once no more bytes came to make it a length prefix.
        m_server->setShortTextWait(50);
        QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QSignalSpy closed(&socket, &QTcpSocket::disconnected);
        socket.write(upload(QStringLiteral("a.txt"), "abc") + "q");
        QVERIFY(closed.wait(10000));
        QCOMPARE(socket.readAll(), QByteArray("ok 3\nq"));
        QCOMPARE(storedContents(received), (QList<QByteArray>{"abc"}));
    }

    void emptyFilesBackToBack()
    {
        QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write(upload(QStringLiteral("e"), {}) + upload(QStringLiteral("e"), {}) + upload(QStringLiteral("f"), "x"));
        QCOMPARE(readLines(socket, 3), (QList<QByteArray>{"ok 0", "ok 0", "ok 1"}));
        QCOMPARE(storedContents(received), (QList<QByteArray>{{}, {}, "x"}));
        QCOMPARE(received.at(1).at(0).toString(), m_dir->filePath(QStringLiteral("uploads/e (1)"))); // never overwritten
    }

    void splitAtEveryByte()
    {
        // Two uploads cut in two at every byte boundary: inside either length prefix, either
        // head, either file, and between them. The server handles the first part before the
        // second is sent (the capture shows it has read it).
        const QByteArray first = pattern(9, 3);
        const QByteArray second = pattern(5, 4);
        const QByteArray stream = upload(QStringLiteral("one.bin"), first) + upload(QStringLiteral("two.bin"), second);
        for (int cut = 1; cut < stream.size(); ++cut) {
            QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket.waitForConnected(5000));
            const qint64 before = m_reads->bytes();
            socket.write(stream.left(cut));
            QTRY_COMPARE_WITH_TIMEOUT(m_reads->bytes() - before, qint64(cut), 5000);
            socket.write(stream.mid(cut));
            const QList<QByteArray> lines = readLines(socket, 2);
            QVERIFY2(lines == (QList<QByteArray>{"ok 9", "ok 5"}), qPrintable(QStringLiteral("cut at %1").arg(cut)));
            QVERIFY2(storedContents(received) == (QList<QByteArray>{first, second}),
                     qPrintable(QStringLiteral("cut at %1").arg(cut)));
            socket.disconnectFromHost();
        }
    }

    void badHeadIsRefusedAndTheRestIgnored()
    {
        QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        QSignalSpy closed(&socket, &QTcpSocket::disconnected);
        const QByteArray head = R"({"filename":"x.bin"})"; // no size
        QByteArray prefix(4, Qt::Uninitialized);
        qToLittleEndian<qint32>(qint32(head.size()), prefix.data());
        socket.write(prefix + head + "abc" + upload(QStringLiteral("later.bin"), "xyz"));
        QVERIFY(closed.wait(10000));
        const QByteArray reply = socket.readAll();
        QVERIFY2(reply.startsWith("error: ") && reply.count('\n') == 1, reply.constData());
        QCOMPARE(received.count(), 0);
        QVERIFY(QDir(m_dir->filePath(QStringLiteral("uploads"))).entryList(QDir::Files).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTutorial)
#include "tst_tutorial.moc"
