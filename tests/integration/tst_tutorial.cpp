// Tutorial mode's TCP upload protocol (struct.pack('i', len(head)) + JSON head + bytes) over a
// real loopback socket: uploads sent back to back in one write ("sticky packets") or cut at any
// byte are each stored byte-identical and each answered "ok <size>". The HMAC join check, the
// login flow and remote commands: cut at every byte, oversized, and timed out.

#include "net/auth/credentials.h"
#include "net/auth/loginthrottle.h"
#include "net/auth/userstore.h"
#include "net/capture/capturerecord.h"
#include "net/storage/database.h"
#include "net/tutorial/tutorialserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <QElapsedTimer>

#include <algorithm>
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
    std::unique_ptr<Database> m_database;
    std::unique_ptr<UserStore> m_users;
    LoginThrottle m_throttle;

    // Connects; with a join key, reads the 32-byte challenge into *challenge.
    bool connectTo(QTcpSocket &socket, QByteArray *challenge = nullptr)
    {
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(5000))
            return false;
        if (!challenge)
            return true;
        QByteArray got;
        (void)QTest::qWaitFor([&] {
            got += socket.read(32 - got.size());
            return got.size() == 32;
        }, 10000);
        *challenge = got;
        return got.size() == 32;
    }

    // Writes `bytes` in two parts cut at `cut`; the server has read the first before the second goes.
    void writeCut(QTcpSocket &socket, const QByteArray &bytes, int cut)
    {
        const qint64 before = m_reads->bytes();
        socket.write(bytes.left(cut));
        QTRY_COMPARE_WITH_TIMEOUT(m_reads->bytes() - before, qint64(cut), 5000);
        socket.write(bytes.mid(cut));
    }

    // Reads until `size` bytes arrived (or 10 s passed).
    static QByteArray readBytes(QTcpSocket &socket, qsizetype size)
    {
        QByteArray got;
        (void)QTest::qWaitFor([&] {
            got += socket.readAll();
            return got.size() >= size;
        }, 10000);
        return got;
    }

    void addAccount(const QString &user, const QString &password)
    {
        if (!m_database) {
            m_database = std::make_unique<Database>();
            QString error;
            QVERIFY2(m_database->open(m_dir->filePath(QStringLiteral("db.sqlite")), &error), qPrintable(error));
            m_users = std::make_unique<UserStore>(*m_database);
            m_throttle.clear();
            m_server->setAccounts(m_users.get(), &m_throttle);
        }
        QVERIFY(m_users->addUser(user, Credentials::deriveVerifier(Credentials::scramPassword(user, password),
                                                                   Credentials::MinIterations)));
    }

    static QByteArray loginRequest(const QString &user, const QString &password)
    {
        // As the tutorial's client: json.dumps({'operate': 'login', 'user': ..., 'passwd': ...})
        return "{\"operate\": \"login\", \"user\": \"" + user.toUtf8() + "\", \"passwd\": \"" + password.toUtf8() + "\"}";
    }

    static QByteArray lengthPrefix(qsizetype size)
    {
        QByteArray out(4, Qt::Uninitialized);
        qToLittleEndian<qint32>(qint32(size), out.data());
        return out;
    }

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
        m_users.reset();
        m_database.reset();
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

    void joinDigestCutAtEveryByte()
    {
        // HMAC-MD5 (16 bytes) and HMAC-SHA-256 (32 bytes), each followed by an upload in the
        // same stream, cut in two at every byte: "legal", then the upload stored.
        m_server->setJoinKey("secretkey");
        for (const auto algorithm : {QCryptographicHash::Md5, QCryptographicHash::Sha256}) {
            const int digestSize = algorithm == QCryptographicHash::Md5 ? 16 : 32;
            const QByteArray file = upload(QStringLiteral("after.bin"), "xyz");
            for (int cut = 1; cut < digestSize + file.size(); ++cut) {
                QTcpSocket socket;
                QByteArray challenge;
                QVERIFY(connectTo(socket, &challenge));
                const QByteArray digest = QMessageAuthenticationCode::hash(challenge, "secretkey", algorithm);
                writeCut(socket, digest + file, cut);
                const QByteArray reply = readBytes(socket, 10);
                QVERIFY2(reply == "legalok 3\n", qPrintable(QStringLiteral("%1 bytes, cut at %2: %3")
                                                               .arg(digestSize).arg(cut).arg(QString::fromLatin1(reply))));
            }
        }
        QCOMPARE(m_server->refusedJoins(), quint64(0));
    }

    void joinWrongOrMissingDigestIsClosed()
    {
        m_server->setJoinKey("secretkey");
        m_server->setJoinTimeout(300);
        QSignalSpy logged(m_server.get(), &TutorialServer::logMessage);
        // A digest under another key: closed at once, without an answer.
        {
            QTcpSocket socket;
            QByteArray challenge;
            QVERIFY(connectTo(socket, &challenge));
            QSignalSpy closed(&socket, &QTcpSocket::disconnected);
            socket.write(QMessageAuthenticationCode::hash(challenge, "alex sb", QCryptographicHash::Sha256));
            QVERIFY(closed.wait(10000));
            QCOMPARE(socket.readAll(), QByteArray());
        }
        // 16 wrong bytes may be half of a SHA-256 digest, and nothing may come: both wait for the
        // join timeout only.
        for (const QByteArray &sent : {QByteArray(16, 'x'), QByteArray()}) {
            QTcpSocket socket;
            QByteArray challenge;
            QVERIFY(connectTo(socket, &challenge));
            QSignalSpy closed(&socket, &QTcpSocket::disconnected);
            socket.write(sent);
            QVERIFY(closed.wait(10000));
            QCOMPARE(socket.readAll(), QByteArray());
        }
        QCOMPARE(m_server->refusedJoins(), quint64(3));
        QCOMPARE(m_server->acceptedJoins(), quint64(0));
        QTRY_VERIFY(std::any_of(logged.cbegin(), logged.cend(), [](const QList<QVariant> &args) {
            return args.at(0).toString().contains(QLatin1String("failed the join check"))
                && args.at(0).toString().contains(QLatin1String("3 refused so far"));
        }));
    }

    void loginThenUploadCutAtEveryByte()
    {
        addAccount(QStringLiteral("alice"), QStringLiteral("pw"));
        const QByteArray content = pattern(7, 5);
        const QByteArray stream = loginRequest(QStringLiteral("alice"), QStringLiteral("pw"))
            + upload(QStringLiteral("f.bin"), content);
        for (int cut = 1; cut < stream.size(); ++cut) {
            QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
            QTcpSocket socket;
            QVERIFY(connectTo(socket));
            writeCut(socket, stream, cut);
            const QByteArray reply = readBytes(socket, 19);
            QVERIFY2(reply == "{\"flag\": true}ok 7\n", qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(QString::fromUtf8(reply))));
            QCOMPARE(storedContents(received), (QList<QByteArray>{content}));
        }
    }

    void failedLoginIsClosedAndNothingAfterIsRead()
    {
        addAccount(QStringLiteral("alice"), QStringLiteral("pw"));
        QSignalSpy received(m_server.get(), &TutorialServer::fileReceived);
        for (const QByteArray &request : {loginRequest(QStringLiteral("alice"), QStringLiteral("wrong")),
                                          loginRequest(QStringLiteral("nobody"), QStringLiteral("pw")),
                                          QByteArray("{\"operate\": \"regist\", \"user\": \"x\", \"passwd\": \"y\"}")}) {
            QTcpSocket socket;
            QVERIFY(connectTo(socket));
            QSignalSpy closed(&socket, &QTcpSocket::disconnected);
            socket.write(request + upload(QStringLiteral("sneaky.bin"), "abc"));
            QVERIFY(closed.wait(10000));
            QCOMPARE(socket.readAll(), QByteArray("{\"flag\": false}"));
        }
        QCOMPARE(received.count(), 0);
        QCOMPARE(m_throttle.pairFailures(QStringLiteral("alice"), QHostAddress::LocalHost), 1);
    }

    void oversizedOrIncompleteJsonIsText()
    {
        // A '{' that never closes within 8 KiB, and an object without "operate": the robot's.
        m_server->setShortTextWait(100);
        {
            QTcpSocket socket;
            QVERIFY(connectTo(socket));
            socket.write("{" + QByteArray(int(TutorialStream::MaxJsonBytes), 'a'));
            const QByteArray reply = readBytes(socket, 1);
            QVERIFY2(!reply.isEmpty() && !reply.startsWith("{\"flag\""), reply.constData());
        }
        {
            QTcpSocket socket;
            QVERIFY(connectTo(socket));
            socket.write("{\"hello\": \"robot\"}");
            QVERIFY(QString::fromUtf8(readBytes(socket, 1)).contains(QLatin1String("robot")));
        }
        {
            // Cut short: the wait runs out and it is text.
            QTcpSocket socket;
            QVERIFY(connectTo(socket));
            socket.write("{\"operate\": \"lo");
            QVERIFY(!readBytes(socket, 1).isEmpty());
        }
    }

    void commandOutputLimitAndTimeLimit()
    {
        TutorialCommand big;
        QString error;
        QVERIFY2(TutorialCommand::parse(QStringLiteral("big=head -c 100000 /dev/zero"), &big, &error), qPrintable(error));
        TutorialCommand nap;
        QVERIFY(TutorialCommand::parse(QStringLiteral("nap=sleep 30"), &nap, &error));
        TutorialCommand missing;
        QVERIFY(TutorialCommand::parse(QStringLiteral("gone=/nonexistent/program"), &missing, &error));
        m_server->setCommands({big, nap, missing});
        m_server->setCommandLimits(300, 1000);
        QTcpSocket socket;
        QVERIFY(connectTo(socket));
        auto answer = [&socket](const QByteArray &text) {
            socket.write(text);
            const QByteArray prefix = readBytes(socket, 4);
            if (prefix.size() < 4)
                return QByteArray("<no prefix>");
            const qint32 size = qFromLittleEndian<qint32>(prefix.constData());
            QByteArray body = prefix.mid(4);
            body += readBytes(socket, size - body.size());
            return body.size() == size ? body : QByteArray("<length mismatch>");
        };
        const QByteArray bigOut = answer("big");
        QVERIFY2(bigOut.startsWith(QByteArray(1000, '\0')) && bigOut.mid(1000).contains("output limit of 1000 bytes"),
                 bigOut.mid(1000).constData());
        QElapsedTimer clock;
        clock.start();
        const QByteArray napOut = answer("nap");
        QVERIFY2(napOut.contains("time limit of 300 ms"), napOut.constData());
        QVERIFY(clock.elapsed() < 10000);
        QVERIFY(answer("gone").contains("cannot start"));
    }

    void commandSpecParsing()
    {
        TutorialCommand c;
        QString error;
        QVERIFY(TutorialCommand::parse(QStringLiteral("say=echo \"a b\" c"), &c, &error));
        QCOMPARE(c.name, QStringLiteral("say"));
        QCOMPARE(c.program, QStringLiteral("echo"));
        QCOMPARE(c.arguments, (QStringList{QStringLiteral("a b"), QStringLiteral("c")}));
        QVERIFY(TutorialCommand::parse(QStringLiteral("rm=ls;rm -rf /"), &c, &error)); // no shell: ";" is in the program's name
        QCOMPARE(c.program, QStringLiteral("ls;rm"));
        for (const char *bad : {"=ls", "two words=ls", "ls", "x=", "x=   "})
            QVERIFY2(!TutorialCommand::parse(QString::fromLatin1(bad), &c, &error) && !error.isEmpty(), bad);
    }
};

QTEST_GUILESS_MAIN(TestTutorial)
#include "tst_tutorial.moc"
