// The real server killed with SIGKILL (no clean-up, like a crash) and restarted on the same data
// directory (issue 9, item 6):
//  - during a burst of chat messages from several clients: every message whose sender got
//    chat.ack is in history after the restart, none twice;
//  - during an upload: a .part is never listed nor downloadable, and the resumed upload completes
//    byte-identical without sending the stored prefix again;
//  - right after upload.end: the re-offer completes without sending the data again;
//  - between storing a file and announcing it: the file is announced at the restart, and its
//    uploader's re-offer completes without data and without a second file.

#include "faultclient.h"
#include "serverprocess.h"
#include "testdata.h"

#include "net/protocol/errorcode.h"
#include "net/server/serverruntime.h"
#include "net/transfer/uploader.h"
#include "net/transfer/xxh3hasher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTest>

#include <map>
#include <memory>
#include <set>

using namespace Switchboard;
using namespace Switchboard::Test;

namespace {

using Switchboard::Test::randomBytes;

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The .part files in the server's files directory, with their sizes.
std::map<QString, qint64> partFiles(const QString &dataDir)
{
    std::map<QString, qint64> out;
    const QDir dir(dataDir + QStringLiteral("/files"));
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("*.part")}, QDir::Files))
        out[fi.fileName()] = fi.size();
    return out;
}

int fileMessages(const QList<ChatMessage> &history, qint64 fileId)
{
    int n = 0;
    for (const ChatMessage &m : history)
        n += m.file.id == fileId ? 1 : 0;
    return n;
}

// Runs an upload to its end; the file id, 0 on failure.
qint64 uploadAll(Uploader &up, int timeoutMs = 60000)
{
    QSignalSpy done(&up, &Uploader::finished);
    QSignalSpy failed(&up, &Transfer::failed);
    up.start();
    if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, timeoutMs) || done.isEmpty()) {
        if (!failed.isEmpty())
            qWarning("upload failed: %s", qPrintable(failed.first().at(1).toString()));
        return 0;
    }
    return done.first().at(0).toLongLong();
}

// A server with its own data directory, and a local file of random bytes to share in "files".
struct UploadSetup
{
    QTemporaryDir data;
    QTemporaryDir local;
    QString path;
    QByteArray content;
    ServerProcess server;
    const QString room = QStringLiteral("files");

    bool start(const QString &name, qint64 size, quint32 seed)
    {
        path = local.filePath(name);
        content = randomBytes(size, seed);
        return writeFile(path, content) && server.start(data.path());
    }
    // Logs in (registering first when asked) and joins the room.
    bool enter(FaultClient &client, const QString &user, bool registerFirst)
    {
        return client.logIn(server.port(), user, registerFirst) && client.join(room);
    }
    // A new user uploads the file to its end; then the server is killed. The file id, 0 on failure.
    qint64 uploadAndKill(const QString &user)
    {
        qint64 id = 0;
        {
            FaultClient client;
            if (enter(client, user, true)) {
                Uploader up(client.client(), path);
                up.setRoom(room);
                id = uploadAll(up);
            }
        }
        server.kill();
        return id;
    }
    QByteArray stored(qint64 fileId) const { return readFile(data.filePath(QStringLiteral("files/%1").arg(fileId))); }
};

} // namespace

class TestFaultsCrash : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(!ServerProcess::binary().isEmpty(), "SWITCHBOARD_SERVER is not set (see tests/CMakeLists.txt)");
        QVERIFY2(QFile::exists(ServerProcess::binary()), qPrintable(ServerProcess::binary()));
    }
    void chatBurstKilled();
    void uploadKilledThenResumed();
    void killedRightAfterUploadEnd();
    void storedButUnannouncedFile();
    void doneLostInTheCrash();
};

void TestFaultsCrash::chatBurstKilled()
{
    QTemporaryDir data;
    ServerProcess server;
    QVERIFY2(server.start(data.path()), qPrintable(server.error()));

    constexpr int Clients = 4;
    constexpr int Window = 8; // chat.send in flight per client
    const QString room = QStringLiteral("burst");
    std::vector<std::unique_ptr<FaultClient>> clients;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<FaultClient>());
        QVERIFY(clients.back()->logIn(server.port(), QStringLiteral("sender%1").arg(i), true));
        QVERIFY(clients.back()->join(room));
    }

    std::set<QString> sent;
    std::set<QString> acked;
    std::vector<int> next(Clients, 0);
    bool killed = false;
    std::function<void(int)> sendOne = [&](int c) {
        if (killed)
            return;
        const QString text = QStringLiteral("c%1-m%2").arg(c).arg(next[c]++);
        ChatClient *client = clients[c]->client();
        const qint64 id = client->request<Protocol::ChatAck>(
            Protocol::ChatSend{0, room, {}, text}, client,
            [&, c, text](const Protocol::ChatAck &, const Frame &) {
                acked.insert(text);
                sendOne(c);
            },
            [](const Protocol::Error &) {});
        if (id != 0)
            sent.insert(text);
    };
    for (int c = 0; c < Clients; ++c)
        for (int w = 0; w < Window; ++w)
            sendOne(c);
    // Kill in the middle of the burst: acks keep arriving until the last moment.
    QVERIFY(QTest::qWaitFor([&] { return acked.size() >= 1500; }, 60000));
    server.kill();
    killed = true;
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(), [](const auto &c) {
                                 return c->session.status() == ClientSession::Status::Offline;
                             }),
                             10000);
    QVERIFY(sent.size() > acked.size()); // some were in flight when the server died

    QVERIFY2(server.start(data.path()), qPrintable(server.error()));
    FaultClient checker;
    QVERIFY(checker.logIn(server.port(), QStringLiteral("sender0"), false));
    QVERIFY(checker.join(room));
    const QList<ChatMessage> history = checker.wholeHistory(room);
    std::map<QString, int> seen;
    for (const ChatMessage &m : history)
        ++seen[m.text];
    int lost = 0;
    for (const QString &text : acked)
        lost += seen.count(text) ? 0 : 1;
    int twice = 0;
    int unknown = 0;
    for (const auto &[text, n] : seen) {
        twice += n > 1 ? 1 : 0;
        unknown += sent.count(text) ? 0 : 1;
    }
    qInfo("chat burst: %zu sent, %zu acknowledged, %lld in history after kill -9 and restart; %d acknowledged "
          "lost, %d twice",
          sent.size(), acked.size(), qlonglong(history.size()), lost, twice);
    QCOMPARE(lost, 0);
    QCOMPARE(twice, 0);
    QCOMPARE(unknown, 0);
}

void TestFaultsCrash::uploadKilledThenResumed()
{
    UploadSetup s;
    QVERIFY2(s.start(QStringLiteral("big.bin"), 48 << 20, 9), qPrintable(s.server.error()));

    // The first part goes out by hand, so the kill lands exactly when the server has 40 % of the
    // file; the resume is the real client's.
    const qint64 partAtKill = s.content.size() * 2 / 5;
    {
        FaultClient alice;
        QVERIFY(s.enter(alice, QStringLiteral("alice"), true));
        const Answer<Protocol::UploadAccept> accept = ask<Protocol::UploadAccept>(
            *alice.client(),
            Protocol::UploadOffer{0, QStringLiteral("big.bin"), s.content.size(), Xxh3Hasher::hash(s.content), s.room, {}},
            10000);
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        constexpr qint64 Chunk = 256 * 1024;
        for (qint64 at = 0; at < partAtKill; at += Chunk)
            QVERIFY(alice.client()->send(Protocol::UploadChunk{accept->upload, at},
                                         s.content.mid(at, qMin(Chunk, partAtKill - at))));
        const auto partSize = [&] {
            const auto parts = partFiles(s.data.path());
            return parts.empty() ? qint64(-1) : parts.begin()->second;
        };
        QTRY_COMPARE_WITH_TIMEOUT(partSize(), partAtKill, 30000);
        s.server.kill();
    }

    QVERIFY2(s.server.start(s.data.path()), qPrintable(s.server.error()));
    const auto parts = partFiles(s.data.path());
    QCOMPARE(int(parts.size()), 1);
    bool numeric = false;
    const qint64 partId = QString(parts.begin()->first).remove(QStringLiteral(".part")).toLongLong(&numeric);
    QVERIFY(numeric);

    FaultClient bob; // a member of the s.room: would see the file if it were listed
    QVERIFY(s.enter(bob, QStringLiteral("bob"), true));
    QCOMPARE(fileMessages(bob.wholeHistory(s.room), partId), 0);
    const Answer<Protocol::DownloadBegin> early =
        ask<Protocol::DownloadBegin>(*bob.client(), Protocol::DownloadRequest{0, partId, 0}, 10000);
    QVERIFY(!early.ok());
    QCOMPARE(early.error.code, Protocol::ErrorCode::FileNotFound);

    FaultClient alice;
    QVERIFY(s.enter(alice, QStringLiteral("alice"), false));
    Uploader resumed(alice.client(), s.path);
    resumed.setRoom(s.room);
    const qint64 fileId = uploadAll(resumed);
    QVERIFY(fileId > 0);
    QCOMPARE(fileId, partId);
    qInfo("upload killed at %lld of %lld bytes; resumed at %lld, sent %lld", qlonglong(partAtKill),
          qlonglong(s.content.size()), qlonglong(resumed.resumeOffset()), qlonglong(resumed.bytesSent()));
    QCOMPARE(resumed.resumeOffset(), partAtKill);
    QCOMPARE(resumed.resumeOffset() + resumed.bytesSent(), qint64(s.content.size()));
    QVERIFY(s.stored(fileId) == s.content);
    QVERIFY(partFiles(s.data.path()).empty());
    QTRY_COMPARE_WITH_TIMEOUT(fileMessages(bob.wholeHistory(s.room), fileId), 1, 10000);
}

void TestFaultsCrash::killedRightAfterUploadEnd()
{
    UploadSetup s;
    QVERIFY2(s.start(QStringLiteral("end.bin"), 16 << 20, 11), qPrintable(s.server.error()));
    {
        FaultClient alice;
        QVERIFY(s.enter(alice, QStringLiteral("alice"), true));
        Uploader up(alice.client(), s.path);
        up.setRoom(s.room);
        // The last chunk and upload.end are on their way: kill the server once they are there,
        // before it answers (whether it has stored and announced the file by then or not).
        bool ended = false;
        QTimer poll; // keeps the client's event loop running, so its queued bytes go out
        poll.setInterval(1);
        QElapsedTimer waited;
        QObject::connect(&up, &Transfer::stateChanged, &up, [&](Transfer::State state) {
            if (state == Transfer::State::Verifying && !poll.isActive() && !ended) {
                waited.start();
                poll.start();
            }
        });
        // Kill as soon as the server has every byte (it may be verifying, or have stored it).
        QObject::connect(&poll, &QTimer::timeout, &up, [&] {
            const QString part = s.data.filePath(QStringLiteral("files/%1.part").arg(up.uploadId()));
            if (QFileInfo(part).exists() && QFileInfo(part).size() < s.content.size() && waited.elapsed() < 10000)
                return;
            poll.stop();
            ended = true;
            s.server.kill();
        });
        up.start();
        QVERIFY(QTest::qWaitFor([&] { return ended; }, 60000));
    }

    QVERIFY2(s.server.start(s.data.path()), qPrintable(s.server.error()));
    FaultClient alice;
    QVERIFY(s.enter(alice, QStringLiteral("alice"), false));
    const int before = int(alice.wholeHistory(s.room).size());
    Uploader again(alice.client(), s.path);
    again.setRoom(s.room);
    const qint64 fileId = uploadAll(again);
    QVERIFY(fileId > 0);
    qInfo("killed right after upload.end: the re-offer resumed at %lld of %lld bytes, sent %lld; %d file message(s) "
          "before it",
          qlonglong(again.resumeOffset()), qlonglong(s.content.size()), qlonglong(again.bytesSent()), before);
    QCOMPARE(again.bytesSent(), qint64(0)); // nothing uploaded again
    QVERIFY(s.stored(fileId) == s.content);
    QTRY_COMPARE_WITH_TIMEOUT(fileMessages(alice.wholeHistory(s.room), fileId), 1, 10000);
    QCOMPARE(QDir(s.data.filePath(QStringLiteral("files"))).entryList(QDir::Files).size(), 1);
}

void TestFaultsCrash::storedButUnannouncedFile()
{
    UploadSetup s;
    QVERIFY2(s.start(QStringLiteral("quiet.bin"), 2 << 20, 13), qPrintable(s.server.error()));
    const qint64 fileId = s.uploadAndKill(QStringLiteral("alice"));
    QVERIFY(fileId > 0);
    // What a crash between the file's commit and its announcement leaves: no message names it.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("faults"));
        db.setDatabaseName(ServerRuntime::databasePath(s.data.path()));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM messages WHERE file IS NOT NULL")));
        QCOMPARE(q.numRowsAffected(), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("faults"));

    QVERIFY2(s.server.start(s.data.path()), qPrintable(s.server.error()));
    FaultClient alice;
    QVERIFY(s.enter(alice, QStringLiteral("alice"), false));
    QCOMPARE(fileMessages(alice.wholeHistory(s.room), fileId), 1); // announced at the restart

    Uploader again(alice.client(), s.path); // the client never got upload.done: it offers again
    again.setRoom(s.room);
    QCOMPARE(uploadAll(again), fileId);
    QCOMPARE(again.resumeOffset(), qint64(s.content.size()));
    QCOMPARE(again.bytesSent(), qint64(0));
    QCOMPARE(fileMessages(alice.wholeHistory(s.room), fileId), 1);
    QCOMPARE(QDir(s.data.filePath(QStringLiteral("files"))).entryList(QDir::Files).size(), 1);

    // Announced once: a further restart finds its message.
    QVERIFY2(s.server.start(s.data.path()), qPrintable(s.server.error()));
    FaultClient later;
    QVERIFY(s.enter(later, QStringLiteral("alice"), false));
    QCOMPARE(fileMessages(later.wholeHistory(s.room), fileId), 1);
}

void TestFaultsCrash::doneLostInTheCrash()
{
    // The file was stored and announced, but upload.done died with the server: the uploader offers
    // again after the restart and gets the same file, without sending data or making a copy.
    UploadSetup s;
    QVERIFY2(s.start(QStringLiteral("twice.bin"), 1 << 20, 17), qPrintable(s.server.error()));
    const qint64 fileId = s.uploadAndKill(QStringLiteral("alice"));
    QVERIFY(fileId > 0);
    QVERIFY2(s.server.start(s.data.path()), qPrintable(s.server.error()));
    FaultClient alice;
    QVERIFY(s.enter(alice, QStringLiteral("alice"), false));
    Uploader again(alice.client(), s.path);
    again.setRoom(s.room);
    QCOMPARE(uploadAll(again), fileId);
    QCOMPARE(again.bytesSent(), qint64(0));
    QCOMPARE(fileMessages(alice.wholeHistory(s.room), fileId), 1);
    QCOMPARE(QDir(s.data.filePath(QStringLiteral("files"))).entryList(QDir::Files).size(), 1);
    // Once only: offered once more, it is a new upload (sharing it again is allowed).
    Uploader third(alice.client(), s.path);
    third.setRoom(s.room);
    const qint64 copy = uploadAll(third);
    QVERIFY(copy > 0 && copy != fileId);
}

QTEST_GUILESS_MAIN(TestFaultsCrash)
#include "tst_faultscrash.moc"
