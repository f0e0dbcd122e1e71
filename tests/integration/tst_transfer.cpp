// File transfer end to end: a real ChatServer with TransferService on 127.0.0.1 and ChatClients
// driving Uploader / Downloader (and single typed requests for the misbehaving cases: lying
// offers, too much or too little data, chunks out of order).
#include "net/client/chatclient.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "tests/common/testdata.h"
#include "tests/common/testlogin.h"
#include "net/server/roommembership.h"
#include "net/server/serversession.h"
#include "net/server/userdirectory.h"
#include "net/storage/database.h"
#include "net/transfer/downloader.h"
#include "net/transfer/sendwindow.h"
#include "net/transfer/transferprotocol.h"
#include "net/transfer/transferservice.h"
#include "net/transfer/uploader.h"
#include "net/transfer/uploadstore.h"
#include "net/transfer/xxh3hasher.h"

#include <QDir>
#include <QElapsedTimer>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>
#include <vector>

using namespace Switchboard;
using namespace Switchboard::Protocol;
using Switchboard::Test::ask;
namespace TP = Switchboard::TransferProtocol;

namespace {

constexpr int LongWait = 60000; // generous: the machine is shared

using Switchboard::Test::randomBytes;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("<unreadable>");
    return f.readAll();
}

// The rooms and accounts the service is given: "lobby" has everyone but mallory; every user
// but "nobody" exists.
class Directory : public RoomMembership, public UserDirectory
{
public:
    bool isMember(const QString &user, const QString &room) const override
    {
        return room == QLatin1String("lobby") && user != QLatin1String("mallory");
    }
    bool userExists(const QString &user) const override { return user != QLatin1String("nobody"); }
};

} // namespace

class TestTransfer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Directory m_directory;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<UploadStore> m_uploads;
    ChatServer *m_server = nullptr;
    TransferService *m_service = nullptr;
    quint16 m_port = 0;
    std::vector<std::unique_ptr<ChatClient>> m_clients;
    QList<FileInfo> m_shared;

    void startServer(TransferConfig config = TransferConfig())
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server = new ChatServer;
        m_server->setIdleTimeout(0);
        Test::installTrustLogin(*m_server);
        m_database = std::make_unique<Database>();
        QString error;
        QVERIFY2(m_database->open(m_dir->filePath(QStringLiteral("server/switchboard.db")), &error), qPrintable(error));
        m_uploads = std::make_unique<UploadStore>(*m_database);
        m_service = new TransferService(m_server, m_uploads.get(), m_server);
        m_service->setRoomMembership(&m_directory);
        m_service->setUserDirectory(&m_directory);
        connect(m_service, &TransferService::fileShared, this, [this](const FileInfo &f) { m_shared.append(f); });
        config.dataDir = m_dir->filePath(QStringLiteral("server"));
        QDir().mkpath(config.dataDir);
        config.minFreeSpace = 0;
        QVERIFY2(m_service->start(config, &error), qPrintable(error));
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0, &error));
        m_port = m_server->listeners().first().port;
    }

    ChatClient *connectAs(const QString &user)
    {
        auto client = std::make_unique<ChatClient>();
        client->setKeepaliveInterval(0);
        QSignalSpy ready(client.get(), &ChatClient::ready);
        client->connectToServer(QStringLiteral("127.0.0.1"), m_port);
        if (!ready.wait(LongWait))
            return nullptr;
        const auto login = Test::trustLogIn(*client, user, LongWait);
        if (!login.ok()) {
            qWarning() << "login failed:" << toWire(login.error.code) << login.error.message;
            return nullptr;
        }
        m_clients.push_back(std::move(client));
        return m_clients.back().get();
    }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString dir = m_dir->filePath(QStringLiteral("local"));
        QDir().mkpath(dir);
        const QString path = dir + QLatin1Char('/') + name;
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(data);
        f.close();
        return path;
    }

    static bool waitSettled(Transfer &t, int ms = LongWait)
    {
        QElapsedTimer timer;
        timer.start();
        while (t.isBusy() || t.state() == Transfer::State::Queued) {
            if (timer.elapsed() > ms)
                return false;
            QTest::qWait(5);
        }
        return true;
    }

    // Uploads and returns the file id (0 on failure; the uploader's error is logged).
    qint64 upload(ChatClient *c, const QString &path, const QString &room, const QString &to = QString())
    {
        Uploader up(c, path);
        if (!room.isEmpty())
            up.setRoom(room);
        else
            up.setRecipient(to);
        up.start();
        if (!waitSettled(up))
            return 0;
        if (up.state() != Transfer::State::Finished) {
            qWarning() << "upload failed:" << toWire(up.errorCode()) << up.errorString();
            return 0;
        }
        return up.fileId();
    }

    // Downloads into a fresh folder; returns the saved path (empty on failure, *code set).
    // inlineWrites: written in this thread, as the CLI does (else on a writer thread, as the GUI).
    QString download(ChatClient *c, qint64 fileId, ErrorCode *code = nullptr, const QString &dir = QString(),
                     bool inlineWrites = false)
    {
        static int n = 0;
        const QString target = dir.isEmpty() ? m_dir->filePath(QStringLiteral("dl%1").arg(++n)) : dir;
        QDir().mkpath(target);
        Downloader down(c, fileId);
        down.setDestinationDirectory(target);
        down.setWriteInline(inlineWrites);
        down.start();
        if (!waitSettled(down))
            return QString();
        if (code)
            *code = down.errorCode();
        return down.state() == Transfer::State::Finished ? down.savedPath() : QString();
    }

    // A shared file of `size` bytes and its (unstarted) download by alice into a folder whose .part
    // is a FIFO nobody reads yet: a disk that stalls. No downloader when the set-up failed.
    struct StalledDownload
    {
        QByteArray data;
        std::unique_ptr<Downloader> down;
        std::unique_ptr<Test::StalledFile> disk; // closed first: a blocked write then fails, never hangs
    };
    StalledDownload stalledDownload(qint64 size, quint32 seed)
    {
        StalledDownload s;
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        s.data = randomBytes(size, seed);
        const qint64 id = alice ? upload(alice, writeFile(QStringLiteral("big.bin"), s.data), QStringLiteral("lobby")) : 0;
        if (id <= 0)
            return s;
        const QString dir = m_dir->filePath(QStringLiteral("stalled"));
        QDir().mkpath(dir);
        auto down = std::make_unique<Downloader>(alice, id);
        down->setDestinationDirectory(dir);
        s.disk = std::make_unique<Test::StalledFile>(down->partPath());
        if (s.disk->isValid())
            s.down = std::move(down);
        return s;
    }
    // Lets the stalled disk drain until the download has ended.
    static bool drainUntilSettled(StalledDownload &s)
    {
        return QTest::qWaitFor([&s] {
            s.disk->drain();
            return s.down->isFinal();
        }, LongWait);
    }

    static UploadOffer offerOf(const QString &name, qint64 size, const QString &hash,
                               const QString &room = QStringLiteral("lobby"))
    {
        UploadOffer offer;
        offer.name = name;
        offer.fileSize = size;
        offer.hash = hash;
        offer.room = room;
        return offer;
    }

    // Sends a typed request and waits for its reply or error.
    template <class Reply, class M>
    static Test::Answer<Reply> call(ChatClient *c, const M &message)
    {
        return ask<Reply>(*c, message, LongWait);
    }

    // Sends one chunk of an upload (chunks carry no request id) and waits for the error frame the
    // server answers it with: it names the upload instead.
    static Error chunkError(ChatClient *c, qint64 upload, qint64 offset, const QByteArray &data)
    {
        QSignalSpy errors(c, &ChatClient::serverError);
        if (!c->send(UploadChunk{upload, offset}, data))
            return Error::local(ErrorCode::Disconnected, QStringLiteral("not connected"));
        if (!errors.wait(LongWait))
            return Error::local(ErrorCode::Timeout, QStringLiteral("no error for the chunk"));
        return errors.first().first().value<Error>();
    }

    QStringList serverFiles() const
    {
        return QDir(m_service->store()->filesDirectory()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }

private slots:
    void initTestCase()
    {
        // A failing stalled-disk test closes its FIFO under a writer blocked in write(): let that
        // write fail with EPIPE (the download fails) instead of SIGPIPE ending the whole run.
        ::signal(SIGPIPE, SIG_IGN);
    }

    void init()
    {
        m_shared.clear();
    }

    void cleanup()
    {
        m_clients.clear();
        delete m_server;
        m_server = nullptr;
        m_service = nullptr;
        m_uploads.reset();
        m_database.reset();
        QTest::qWait(20); // let deleteLater'd connections go
        m_dir.reset();
    }

    void roundTrip_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<bool>("inlineWrites"); // the download's: the CLI's way, or the GUI's
        for (const bool inlineWrites : {false, true}) {
            const char *how = inlineWrites ? ", written inline" : "";
            QTest::addRow("0 B%s", how) << qint64(0) << inlineWrites;
            QTest::addRow("1 B%s", how) << qint64(1) << inlineWrites;
            QTest::addRow("5 MiB%s", how) << qint64(5 << 20) << inlineWrites;
            QTest::addRow("chunk+1%s", how) << qint64(TP::DefaultChunkSize + 1) << inlineWrites;
        }
    }

    void roundTrip()
    {
        QFETCH(qint64, size);
        QFETCH(bool, inlineWrites);
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        QVERIFY(alice && bob);
        const QByteArray data = randomBytes(size, quint32(size) + 1);
        const QString path = writeFile(QStringLiteral("report %1.bin").arg(size), data);

        const qint64 id = upload(alice, path, QStringLiteral("lobby"));
        QVERIFY(id > 0);
        QCOMPARE(m_shared.size(), 1);
        QCOMPARE(m_shared.first().id, id);
        QCOMPARE(m_shared.first().room, QStringLiteral("lobby"));
        QCOMPARE(m_shared.first().size, size);
        QCOMPARE(m_shared.first().hash, Xxh3Hasher::hash(data));
        // On the server: exactly the bytes, under the id, no .part left.
        QCOMPARE(readAll(m_service->store()->absolutePath(m_service->store()->file(id))), data);
        QCOMPARE(serverFiles(), QStringList{QString::number(id)});

        const QString saved = download(bob, id, nullptr, QString(), inlineWrites);
        QVERIFY(!saved.isEmpty());
        QCOMPARE(QFileInfo(saved).fileName(), QFileInfo(path).fileName());
        QCOMPARE(readAll(saved), data);
        QCOMPARE(QDir(QFileInfo(saved).path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no .part left
    }

    void permissions()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        ChatClient *carol = connectAs(QStringLiteral("carol"));
        ChatClient *mallory = connectAs(QStringLiteral("mallory"));
        QVERIFY(alice && bob && carol && mallory);
        const QByteArray data = randomBytes(1000, 5);
        const QString path = writeFile(QStringLiteral("secret.txt"), data);

        const qint64 roomFile = upload(alice, path, QStringLiteral("lobby"));
        const qint64 privateFile = upload(alice, path, QString(), QStringLiteral("bob"));
        QVERIFY(roomFile > 0 && privateFile > 0);

        ErrorCode code = ErrorCode::Unknown;
        const QString malloryDir = m_dir->filePath(QStringLiteral("mallory"));
        QVERIFY(download(mallory, roomFile, &code, malloryDir).isEmpty()); // not in the room
        QCOMPARE(code, ErrorCode::FileNotFound);
        QCOMPARE(QDir(malloryDir).entryList(QDir::Files | QDir::Hidden), QStringList()); // no empty .part left
        QCOMPARE(readAll(download(bob, privateFile)), data);   // the recipient
        QCOMPARE(readAll(download(alice, privateFile)), data); // the owner
        QVERIFY(download(carol, privateFile, &code).isEmpty());
        QCOMPARE(code, ErrorCode::FileNotFound);
        QVERIFY(download(carol, 999999, &code).isEmpty()); // unknown looks the same
        QCOMPARE(code, ErrorCode::FileNotFound);

        // Sharing needs room membership, or an existing recipient.
        Uploader intruder(mallory, path);
        intruder.setRoom(QStringLiteral("lobby"));
        intruder.start();
        QVERIFY(waitSettled(intruder));
        QCOMPARE(intruder.errorCode(), Protocol::ErrorCode::NotInRoom);
        Uploader ghost(alice, path);
        ghost.setRecipient(QStringLiteral("nobody"));
        ghost.start();
        QVERIFY(waitSettled(ghost));
        QCOMPARE(ghost.errorCode(), Protocol::ErrorCode::UnknownUser);

        // Logged-out sessions get nothing.
        ChatClient anon;
        QSignalSpy ready(&anon, &ChatClient::ready);
        anon.connectToServer(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(ready.wait(LongWait));
        const auto denied = call<DownloadBegin>(&anon, DownloadRequest{0, roomFile, 0});
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error.code, ErrorCode::AuthRequired);
    }

    void nameClashes()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const QByteArray one = randomBytes(100, 1);
        const QByteArray two = randomBytes(200, 2);
        const qint64 a = upload(alice, writeFile(QStringLiteral("same.txt"), one), QStringLiteral("lobby"));
        QDir().mkpath(m_dir->filePath(QStringLiteral("local/other")));
        const qint64 b = upload(alice, writeFile(QStringLiteral("other/same.txt"), two), QStringLiteral("lobby"));
        QVERIFY(a > 0 && b > 0);
        QCOMPARE(m_service->store()->file(a).name, QStringLiteral("same.txt"));
        QCOMPARE(m_service->store()->file(b).name, QStringLiteral("same (1).txt"));

        // Downloads into one folder never overwrite: an existing same.txt stays untouched.
        const QString dir = m_dir->filePath(QStringLiteral("downloads"));
        QDir().mkpath(dir);
        QFile existing(dir + QStringLiteral("/same.txt"));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("mine");
        existing.close();
        const QString p1 = download(alice, a, nullptr, dir);
        const QString p2 = download(alice, b, nullptr, dir);
        QCOMPARE(QFileInfo(p1).fileName(), QStringLiteral("same (1).txt"));
        QCOMPARE(QFileInfo(p2).fileName(), QStringLiteral("same (2).txt"));
        QCOMPARE(readAll(dir + QStringLiteral("/same.txt")), QByteArray("mine"));
        QCOMPARE(readAll(p1), one);
        QCOMPARE(readAll(p2), two);
    }

    void hostileOfferedName()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const QByteArray data = randomBytes(64, 9);
        Uploader up(alice, writeFile(QStringLiteral("plain.bin"), data));
        up.setRoom(QStringLiteral("lobby"));
        up.setRemoteName(QStringLiteral("../../etc/passwd"));
        up.start();
        QVERIFY(waitSettled(up));
        QCOMPARE(up.state(), Transfer::State::Finished);
        QCOMPARE(up.finalName(), QStringLiteral("etc_passwd"));
        const QString saved = download(alice, up.fileId());
        QCOMPARE(QFileInfo(saved).fileName(), QStringLiteral("etc_passwd"));
        QCOMPARE(readAll(saved), data);
    }

    void resumeAfterInterrupt_data()
    {
        // Hashed while sending (the default) or first (an old client, or an old server), on each attempt.
        QTest::addColumn<bool>("firstHashless");
        QTest::addColumn<bool>("secondHashless");
        QTest::newRow("hashless") << true << true;
        QTest::newRow("hash first") << false << false;
        QTest::newRow("hashless, then hash first") << true << false;
        QTest::newRow("hash first, then hashless") << false << true;
    }

    void resumeAfterInterrupt()
    {
        QFETCH(bool, firstHashless);
        QFETCH(bool, secondHashless);
        startServer();
        ChatClient *first = connectAs(QStringLiteral("alice"));
        QVERIFY(first);
        const qint64 size = 16 << 20;
        const QByteArray data = randomBytes(size, 42);
        const QString path = writeFile(QStringLiteral("big.bin"), data);
        const qint64 cutAt = QRandomGenerator::global()->bounded(qint64(1) << 20, qint64(12) << 20);
        qInfo("cutting the connection after %lld bytes", cutAt);

        Uploader up(first, path);
        up.setRoom(QStringLiteral("lobby"));
        up.setHashWhileSending(firstHashless);
        up.setChunkSize(64 * 1024);
        up.setSendWindow(128 * 1024);
        bool cut = false;
        qint64 uploadId = 0;
        connect(first->connection(), &Connection::bytesWritten, &up, [&] {
            if (!cut && up.bytesSent() >= cutAt) {
                cut = true;
                uploadId = up.uploadId();
                first->connection()->abort();
            }
        });
        const int sessionsBefore = m_server->clientCount();
        up.start();
        QVERIFY(waitSettled(up));
        QVERIFY(cut);
        QCOMPARE(up.state(), Transfer::State::Failed);
        QCOMPARE(up.errorCode(), ErrorCode::Disconnected);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->clientCount(), sessionsBefore - 1, LongWait);

        // The .part is kept, but nothing is listed or downloadable.
        UploadStore *store = m_service->store();
        QCOMPARE(store->activeCount(), 0);
        QVERIFY(store->files().isEmpty());
        QVERIFY(uploadId > 0);
        const QString part = store->partPath(uploadId);
        const qint64 partSize = QFileInfo(part).size();
        qInfo("server kept %lld bytes", partSize);
        QVERIFY(partSize > 0);
        QVERIFY(partSize < size);
        QVERIFY(m_shared.isEmpty());

        // A new connection offers the same file and sends only the rest.
        ChatClient *second = connectAs(QStringLiteral("alice"));
        QVERIFY(second);
        Uploader again(second, path);
        again.setRoom(QStringLiteral("lobby"));
        again.setHashWhileSending(secondHashless);
        again.start();
        QVERIFY(waitSettled(again));
        QCOMPARE(again.state(), Transfer::State::Finished);
        QCOMPARE(again.resumeOffset(), partSize);
        QCOMPARE(again.hash(), Xxh3Hasher::hash(data));
        QCOMPARE(again.bytesSent(), size - partSize);
        QCOMPARE(readAll(store->absolutePath(store->file(again.fileId()))), data);
        QCOMPARE(m_shared.size(), 1);
        QVERIFY(!QFileInfo::exists(part));

        // And a download interrupted the same way resumes too, written on a thread (the GUI's
        // way: the prefix is hashed from the file between writes) and inline (the CLI's).
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        QVERIFY(bob);
        for (const bool inlineWrites : {false, true}) {
            const QString dir = m_dir->filePath(inlineWrites ? QStringLiteral("bobs inline") : QStringLiteral("bobs"));
            QDir().mkpath(dir);
            Downloader down(bob, again.fileId());
            down.setDestinationDirectory(dir);
            down.setWriteInline(inlineWrites);
            const qint64 keep = 3 << 20;
            {
                QFile p(down.partPath());
                QVERIFY(p.open(QIODevice::WriteOnly));
                p.write(data.left(keep));
            }
            down.start();
            QVERIFY(waitSettled(down));
            QCOMPARE(down.state(), Transfer::State::Finished);
            QCOMPARE(down.resumeOffset(), keep);
            QCOMPARE(down.bytesReceived(), size - keep);
            QCOMPARE(readAll(down.savedPath()), data);
        }
    }

    // Leaves an interrupted upload of name whose .part holds the first `keep` bytes of data
    // (offered without a hash, as Switchboard's clients do); returns its id.
    qint64 interruptedUpload(const QString &name, const QByteArray &data, qint64 keep)
    {
        ChatClient *c = connectAs(QStringLiteral("alice"));
        if (!c)
            return 0;
        const auto accept = call<UploadAccept>(c, offerOf(name, data.size(), QString()));
        if (!accept.ok() || accept->offset != 0)
            return 0;
        for (qint64 at = 0; at < keep; at += 256 * 1024)
            c->send(UploadChunk{accept->upload, at}, data.mid(at, qMin<qint64>(256 * 1024, keep - at)));
        UploadStore *store = m_service->store();
        if (!QTest::qWaitFor([&] { return store->receivedBytes(accept->upload) == keep; }, LongWait))
            return 0;
        c->connection()->abort();
        if (!QTest::qWaitFor([&] { return !store->isActive(accept->upload); }, LongWait))
            return 0;
        return accept->upload;
    }

    void changedFileBetweenAttempts()
    {
        startServer();
        const qint64 size = 3 << 20;
        const QByteArray before = randomBytes(size, 7);
        QByteArray after = before;
        after[1000] = char(after.at(1000) ^ 0x01); // one bit in the part the server already has
        const qint64 keep = 1 << 20;

        // On the wire: the hashless offer resumes the old prefix; upload.end's hash rejects it.
        const qint64 old = interruptedUpload(QStringLiteral("doc.bin"), before, keep);
        QVERIFY(old > 0);
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const auto accept = call<UploadAccept>(alice, offerOf(QStringLiteral("doc.bin"), size, QString()));
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        QCOMPARE(accept->upload, old);
        QCOMPARE(accept->offset, keep);
        for (qint64 at = keep; at < size; at += 256 * 1024)
            QVERIFY(alice->send(UploadChunk{old, at}, after.mid(at, 256 * 1024)));
        const auto end = call<UploadDone>(alice, UploadEnd{0, old, Xxh3Hasher::hash(after)});
        QVERIFY(!end.ok());
        QCOMPARE(end.error.code, ErrorCode::HashMismatch);
        QVERIFY(m_service->store()->files().isEmpty()); // nothing renamed or listed
        QVERIFY(m_shared.isEmpty());
        QCOMPARE(serverFiles(), QStringList()); // the .part is gone

        // The Uploader: the same check fails its resumed attempt, and it sends the whole file again.
        const qint64 second = interruptedUpload(QStringLiteral("doc.bin"), before, keep);
        QVERIFY(second > 0);
        const QString path = writeFile(QStringLiteral("doc.bin"), after);
        Uploader up(alice, path);
        up.setRoom(QStringLiteral("lobby"));
        QList<Transfer::State> states;
        connect(&up, &Transfer::stateChanged, this, [&](Transfer::State st) { states.append(st); });
        up.start();
        QVERIFY(waitSettled(up));
        QCOMPARE(up.state(), Transfer::State::Finished);
        QVERIFY(states.contains(Transfer::State::Queued)); // verification failed once, then again from 0
        QCOMPARE(up.resumeOffset(), qint64(0));
        QCOMPARE(up.bytesSent(), size);
        QVERIFY(up.fileId() != second);
        QCOMPARE(readAll(m_service->store()->absolutePath(m_service->store()->file(up.fileId()))), after);
        QCOMPARE(serverFiles(), QStringList{QString::number(up.fileId())});
    }

    void downloadBadPartRestarts()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const QByteArray data = randomBytes(300000, 8);
        const qint64 id = upload(alice, writeFile(QStringLiteral("x.bin"), data), QStringLiteral("lobby"));
        QVERIFY(id > 0);
        for (const bool inlineWrites : {false, true}) {
            const QString dir = m_dir->filePath(inlineWrites ? QStringLiteral("d inline") : QStringLiteral("d"));
            QDir().mkpath(dir);
            Downloader down(alice, id);
            down.setDestinationDirectory(dir);
            down.setWriteInline(inlineWrites);
            {
                QFile p(down.partPath());
                QVERIFY(p.open(QIODevice::WriteOnly));
                p.write(randomBytes(1000, 99)); // not a prefix of the file
            }
            down.start();
            QVERIFY(waitSettled(down));
            QCOMPARE(down.state(), Transfer::State::Finished);
            QCOMPARE(readAll(down.savedPath()), data);
        }
    }

    void stalledDiskHoldsTheServerBack()
    {
        // The .part is a FIFO nobody reads yet: the client's writer blocks as on a stalled disk.
        // Only what is in the file is acknowledged, so the server stops at its window: what the
        // client holds unwritten stays bounded, and its event loop keeps running. Once the "disk"
        // drains, the download completes and verifies.
        StalledDownload stalled = stalledDownload(24 << 20, 12);
        QVERIFY(stalled.down);
        Downloader &down = *stalled.down;
        Test::StalledFile &disk = *stalled.disk;
        const QByteArray &data = stalled.data;
        down.start();
        QVERIFY(QTest::qWaitFor([&] { return down.state() == Transfer::State::Running; }, LongWait));
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        qint64 mostUnstored = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 1000) {
            QTest::qWait(20);
            mostUnstored = qMax(mostUnstored, down.unstoredBytes());
        }
        qInfo("stalled: %lld bytes received, at most %lld unwritten, %d ticks in 1 s", down.bytesReceived(),
              mostUnstored, ticks);
        QVERIFY(ticks >= 30);
        QVERIFY(mostUnstored > 0);
        // The pipe holds 64 KiB; the server's window (1 MiB at first) holds back the rest.
        QVERIFY(down.bytesReceived() <= 4 * SendWindow::Limits().initial);
        QCOMPARE(down.state(), Transfer::State::Running);

        QVERIFY(drainUntilSettled(stalled));
        QCOMPARE(down.state(), Transfer::State::Finished);
        QCOMPARE(disk.drained().size(), data.size());
        QVERIFY(disk.drained() == data);
    }

    void pausingOnAStalledDiskDoesNotWait()
    {
        // Pausing while the writer is stuck in a write to a stalled disk returns at once (the
        // window must not freeze); resuming waits for that last write before it reopens the
        // .part, and the download then completes.
        StalledDownload stalled = stalledDownload(8 << 20, 13);
        QVERIFY(stalled.down);
        Downloader &down = *stalled.down;
        down.start();
        QVERIFY(QTest::qWaitFor([&] { return down.unstoredBytes() > 0; }, LongWait));
        QTest::qWait(100); // the writer is in a write the pipe cannot take
        QElapsedTimer clock;
        clock.start();
        down.pause();
        QVERIFY2(clock.elapsed() < 500, "pause() waited for the disk");
        QCOMPARE(down.state(), Transfer::State::Paused);

        down.resume();
        QTest::qWait(200);
        QCOMPARE(down.state(), Transfer::State::Waiting); // the last write is still stuck
        QVERIFY(drainUntilSettled(stalled));
        QCOMPARE(down.state(), Transfer::State::Finished);
        // The FIFO reads as empty, so the second run started from 0: after the first run's last
        // write comes the whole file.
        QVERIFY(stalled.disk->drained().endsWith(stalled.data));
    }

    void hashedWhileSendingDetectsCorruption()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        QVERIFY(alice->serverHello().transfer && alice->serverHello().transfer->hashAtEnd);
        const QByteArray data = randomBytes(700000, 5);
        const QString good = Xxh3Hasher::hash(data);
        auto sendAll = [&](qint64 upload, const QByteArray &bytes) {
            for (qint64 at = 0; at < bytes.size(); at += 256 * 1024)
                QVERIFY(alice->send(UploadChunk{upload, at}, bytes.mid(at, 256 * 1024)));
        };

        // Offered without a hash (the client hashes what it sends); one bit flips on the way.
        const auto accept = call<UploadAccept>(alice, offerOf(QStringLiteral("late.bin"), data.size(), QString()));
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        QByteArray corrupted = data;
        corrupted[400000] = char(corrupted.at(400000) ^ 0x10);
        sendAll(accept->upload, corrupted);
        const auto end = call<UploadDone>(alice, UploadEnd{0, accept->upload, good});
        QVERIFY(!end.ok());
        QCOMPARE(end.error.code, ErrorCode::HashMismatch);
        QVERIFY(m_service->store()->files().isEmpty());
        QCOMPARE(serverFiles(), QStringList()); // the .part is gone too

        // upload.end without the hash the offer left out: refused, nothing kept.
        const auto bare = call<UploadAccept>(alice, offerOf(QStringLiteral("bare.bin"), data.size(), QString()));
        QVERIFY2(bare.ok(), qPrintable(bare.error.message));
        QCOMPARE(bare->offset, 0); // not a resume of the corrupted one (deleted)
        sendAll(bare->upload, data);
        const auto noHash = call<UploadDone>(alice, UploadEnd{0, bare->upload, {}});
        QVERIFY(!noHash.ok());
        QCOMPARE(noHash.error.code, ErrorCode::BadHash);
        QCOMPARE(serverFiles(), QStringList());

        // The Uploader itself: no hashing pass before the offer, the right hash in the end.
        const QString path = writeFile(QStringLiteral("late.bin"), data);
        Uploader up(alice, path);
        up.setRoom(QStringLiteral("lobby"));
        up.setHashWhileSending(true);
        QList<Transfer::State> states;
        connect(&up, &Transfer::stateChanged, this, [&](Transfer::State st) { states.append(st); });
        up.start();
        QVERIFY(waitSettled(up));
        QCOMPARE(up.state(), Transfer::State::Finished);
        QVERIFY(!states.contains(Transfer::State::Hashing));
        QCOMPARE(up.hash(), good);
        QCOMPARE(m_service->store()->file(up.fileId()).hash, good);
        QCOMPARE(readAll(download(alice, up.fileId())), data);
    }

    // The file is cut short or rewritten while its chunks go out: the upload fails cleanly, nothing is stored, and
    // the connection's framing holds (the next upload on it succeeds).
    void fileChangedDuringUpload_data()
    {
        QTest::addColumn<bool>("truncate");
        QTest::newRow("truncated") << true;
        QTest::newRow("rewritten") << false;
    }

    void fileChangedDuringUpload()
    {
        QFETCH(bool, truncate);
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const qint64 size = 8 << 20;
        const QString path = writeFile(QStringLiteral("moving.bin"), randomBytes(size, 11));
        {
            // As a user's file would be: last written a while ago. The kernel stamps files with a
            // coarse clock (a tick of several ms), so a rewrite within the tick of the file's
            // creation would keep its mtime and could not be told from no change at all.
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-60), QFileDevice::FileModificationTime));
        }
        Uploader up(alice, path);
        up.setRoom(QStringLiteral("lobby"));
        up.setChunkSize(64 * 1024);
        up.setSendWindow(64 * 1024); // one chunk in flight: the change lands mid-upload
        connect(&up, &Transfer::stateChanged, this, [&](Transfer::State st) {
            if (st != Transfer::State::Running)
                return;
            QTimer::singleShot(0, this, [&] {
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadWrite));
                if (truncate) {
                    QVERIFY(f.resize(size / 2));
                } else {
                    QVERIFY(f.seek(size / 2));
                    f.write(randomBytes(size / 2, 12));
                }
            });
        });
        up.start();
        QVERIFY(waitSettled(up));
        QCOMPARE(up.state(), Transfer::State::Failed);
        QVERIFY2(up.errorCode() == ErrorCode::FileChanged || up.errorCode() == ErrorCode::HashMismatch,
                 qPrintable(toWire(up.errorCode()) + QLatin1Char(' ') + up.errorString()));
        QVERIFY(m_service->store()->files().isEmpty());

        const QByteArray next = randomBytes(3 << 20, 13);
        const qint64 id = upload(alice, writeFile(QStringLiteral("next.bin"), next), QStringLiteral("lobby"));
        QVERIFY(id > 0);
        QCOMPARE(readAll(download(alice, id)), next);
    }

    void checksumMismatch()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const QByteArray data = randomBytes(700000, 3);
        const auto accept = call<UploadAccept>(alice, offerOf(QStringLiteral("liar.bin"), data.size(),
                                                              Xxh3Hasher::hash("something else")));
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        const qint64 upload = accept->upload;
        for (qint64 at = 0; at < data.size(); at += 256 * 1024)
            QVERIFY(alice->send(UploadChunk{upload, at}, data.mid(at, 256 * 1024)));
        const auto end = call<UploadDone>(alice, UploadEnd{0, upload, {}});
        QVERIFY(!end.ok());
        QCOMPARE(end.error.code, ErrorCode::HashMismatch);
        QCOMPARE(end.error.upload, upload);
        QVERIFY(m_service->store()->files().isEmpty());
        QVERIFY(m_shared.isEmpty());
        QCOMPARE(serverFiles(), QStringList()); // the .part is gone too
        QCOMPARE(m_service->store()->usage(QStringLiteral("alice")), 0);
        const auto gone = call<DownloadBegin>(alice, DownloadRequest{0, upload, 0});
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error.code, ErrorCode::FileNotFound);
    }

    void limits()
    {
        TransferConfig config;
        config.maxFileSize = 1 << 20;
        config.userQuota = (3 << 20) / 2;
        startServer(config);
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        QVERIFY(alice && bob);

        // Too large for the server.
        Uploader big(alice, writeFile(QStringLiteral("big"), randomBytes((1 << 20) + 1, 1)));
        big.setRoom(QStringLiteral("lobby"));
        big.start();
        QVERIFY(waitSettled(big));
        QCOMPARE(big.errorCode(), ErrorCode::FileTooLarge);

        // 1 MiB fits, the next MiB would pass the 1.5 MiB quota; bob has his own quota.
        const QString mib = writeFile(QStringLiteral("mib"), randomBytes(1 << 20, 2));
        QVERIFY(upload(alice, mib, QStringLiteral("lobby")) > 0);
        Uploader over(alice, writeFile(QStringLiteral("mib2"), randomBytes(1 << 20, 3)));
        over.setRoom(QStringLiteral("lobby"));
        over.start();
        QVERIFY(waitSettled(over));
        QCOMPARE(over.errorCode(), ErrorCode::QuotaExceeded);
        QVERIFY(upload(bob, mib, QStringLiteral("lobby")) > 0);
        QCOMPARE(m_service->store()->usage(QStringLiteral("alice")), qint64(1 << 20));

        // More data than announced.
        const QString ten = Xxh3Hasher::hash("0123456789");
        auto accept = call<UploadAccept>(bob, offerOf(QStringLiteral("small"), 10, ten));
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        qint64 upload = accept->upload;
        Error e = chunkError(bob, upload, 0, QByteArray(20, 'x'));
        QCOMPARE(e.code, ErrorCode::SizeMismatch);
        QCOMPARE(e.upload, upload);
        QVERIFY(!QFileInfo::exists(m_service->store()->partPath(upload)));

        // Less data than announced.
        accept = call<UploadAccept>(bob, offerOf(QStringLiteral("small2"), 10, ten));
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        upload = accept->upload;
        QVERIFY(bob->send(UploadChunk{upload, 0}, "01234"));
        const auto end = call<UploadDone>(bob, UploadEnd{0, upload, {}});
        QVERIFY(!end.ok());
        QCOMPARE(end.error.code, ErrorCode::SizeMismatch);
        QCOMPARE(end.error.upload, upload);

        // Out of order, bad hash syntax, empty name, neither room nor user, a negative size.
        accept = call<UploadAccept>(bob, offerOf(QStringLiteral("small3"), 10, ten));
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        upload = accept->upload;
        e = chunkError(bob, upload, 5, "56789");
        QCOMPARE(e.code, ErrorCode::BadOffset);
        QCOMPARE(e.upload, upload);
        const QString one = Xxh3Hasher::hash("1");
        const QList<QPair<UploadOffer, ErrorCode>> refused{
            {offerOf(QStringLiteral("h"), 1, QStringLiteral("md5:00")), ErrorCode::BadHash},
            {offerOf(QString(), 1, one), ErrorCode::BadName},
            {offerOf(QStringLiteral("n"), 1, one, QString()), ErrorCode::BadRequest},
            {offerOf(QStringLiteral("n"), -1, one), ErrorCode::BadRequest},
        };
        for (const auto &[offer, code] : refused) {
            accept = call<UploadAccept>(bob, offer);
            QVERIFY(!accept.ok());
            QCOMPARE(accept.error.code, code);
        }
        QCOMPARE(m_service->store()->files().size(), 2);
    }

    void diskFull()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full");
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        const QByteArray data = randomBytes(1 << 20, 4);
        const UploadOffer offer = offerOf(QStringLiteral("full.bin"), data.size(), Xxh3Hasher::hash(data));
        auto accept = call<UploadAccept>(alice, offer);
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        const qint64 upload = accept->upload;
        alice->connection()->abort(); // interrupted before any data
        QTRY_COMPARE_WITH_TIMEOUT(m_service->store()->activeCount(), 0, LongWait);

        // Meanwhile the disk fills up: writes to the .part now fail with ENOSPC.
        const QString part = m_service->store()->partPath(upload);
        QVERIFY(QFile::remove(part));
        QVERIFY(QFile::link(QStringLiteral("/dev/full"), part));

        ChatClient *again = connectAs(QStringLiteral("alice"));
        QVERIFY(again);
        accept = call<UploadAccept>(again, offer);
        QVERIFY2(accept.ok(), qPrintable(accept.error.message));
        QCOMPARE(accept->upload, upload);
        const Error e = chunkError(again, upload, 0, data.left(256 * 1024));
        QCOMPARE(e.code, ErrorCode::DiskFull);
        QCOMPARE(e.upload, upload);
        QVERIFY(m_service->store()->files().isEmpty());
        QVERIFY(m_shared.isEmpty());
        // Later chunks of the failed upload are dropped without a flood of errors; the session lives on.
        QSignalSpy frames(again->connection(), &Connection::frameReceived);
        QSignalSpy pong(again, &ChatClient::pongReceived);
        QVERIFY(again->send(UploadChunk{upload, 262144}, "x"));
        QVERIFY(again->ping() > 0);
        QVERIFY(pong.wait(LongWait));
        QCOMPARE(frames.size(), 1); // the pong alone
        QCOMPARE(frames.first().first().value<Frame>().type(), QString(Pong::Type));
    }

    void partNeverListed()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        QVERIFY(alice && bob);
        const QByteArray data = randomBytes(6 << 20, 6);
        Uploader up(alice, writeFile(QStringLiteral("slow.bin"), data));
        up.setRoom(QStringLiteral("lobby"));
        up.setChunkSize(64 * 1024);
        up.setSendWindow(64 * 1024);
        bool pausedOnce = false;
        connect(alice->connection(), &Connection::bytesWritten, &up, [&] {
            if (!pausedOnce && up.bytesDone() > (1 << 20) && up.state() == Transfer::State::Running) {
                pausedOnce = true;
                up.pause();
            }
        });
        up.start();
        QTRY_COMPARE_WITH_TIMEOUT(up.state(), Transfer::State::Paused, LongWait);
        QTest::qWait(100); // what was queued arrives
        const qint64 uploadId = up.uploadId();
        QVERIFY(uploadId > 0);
        QVERIFY(m_service->store()->isActive(uploadId));
        QVERIFY(m_service->store()->files().isEmpty());
        QCOMPARE(serverFiles(), QStringList{QString::number(uploadId) + QStringLiteral(".part")});
        for (ChatClient *c : {alice, bob}) {
            const auto f = call<DownloadBegin>(c, DownloadRequest{0, uploadId, 0});
            QVERIFY(!f.ok());
            QCOMPARE(f.error.code, ErrorCode::FileNotFound);
        }
        up.resume();
        QVERIFY(waitSettled(up));
        QCOMPARE(up.state(), Transfer::State::Finished);
        QCOMPARE(up.fileId(), uploadId);
        QCOMPARE(readAll(download(bob, uploadId)), data);
    }

    void cancelUpload()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        Uploader up(alice, writeFile(QStringLiteral("c.bin"), randomBytes(4 << 20, 12)));
        up.setRoom(QStringLiteral("lobby"));
        up.setSendWindow(64 * 1024);
        connect(alice->connection(), &Connection::bytesWritten, &up, [&] {
            if (up.bytesDone() > 0 && up.state() == Transfer::State::Running)
                up.cancel();
        });
        up.start();
        QTRY_COMPARE_WITH_TIMEOUT(up.state(), Transfer::State::Cancelled, LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(serverFiles(), QStringList(), LongWait);
        QCOMPARE(m_service->store()->usage(QStringLiteral("alice")), 0);
    }

    // Uploads offered and never fed each hold a file on the server: an account gets a bounded
    // number open at once (descriptors never run out), and a freed slot is usable again.
    void openTransfersLimited()
    {
        TransferConfig config;
        config.maxOpenTransfers = 5;
        startServer(config);
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *alicePhone = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        QVERIFY(alice && alicePhone && bob);
        const QString one = Xxh3Hasher::hash("1");
        QList<qint64> open;
        for (int i = 0; i < 8; ++i) {
            // Both of alice's connections count against the same limit.
            ChatClient *c = i % 2 ? alicePhone : alice;
            const auto accept = call<UploadAccept>(c, offerOf(QStringLiteral("f%1").arg(i), 1, one));
            if (i < 5) {
                QVERIFY2(accept.ok(), qPrintable(accept.error.message));
                open.append(accept->upload);
            } else {
                QVERIFY(!accept.ok());
                QCOMPARE(accept.error.code, ErrorCode::TooManyTransfers);
            }
        }
        // bob has his own limit.
        QVERIFY(call<UploadAccept>(bob, offerOf(QStringLiteral("b"), 1, one)).ok());
        // Cancelling one frees a slot.
        QVERIFY(call<UploadCancelled>(alice, UploadCancel{0, open.first()}).ok());
        QVERIFY(call<UploadAccept>(alice, offerOf(QStringLiteral("again"), 1, one)).ok());
        QCOMPARE(call<UploadAccept>(alice, offerOf(QStringLiteral("over"), 1, one)).error.code, ErrorCode::TooManyTransfers);
    }

    // The server's own bound, all accounts together: many accounts each under their limit
    // cannot exhaust its descriptors either; the per-account code wins when both apply.
    void openTransfersLimitedInTotal()
    {
        TransferConfig config;
        config.maxOpenTransfers = 3;
        config.maxOpenTransfersTotal = 4;
        startServer(config);
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        ChatClient *carol = connectAs(QStringLiteral("carol"));
        QVERIFY(alice && bob && carol);
        const QString one = Xxh3Hasher::hash("1");
        QList<qint64> open;
        for (int i = 0; i < 2; ++i) {
            for (ChatClient *c : {alice, bob}) {
                const auto accept = call<UploadAccept>(c, offerOf(QStringLiteral("t%1").arg(i), 1, one));
                QVERIFY2(accept.ok(), qPrintable(accept.error.message));
                open.append(accept->upload);
            }
        }
        // Four open: carol has none, yet the server refuses her.
        const auto refused = call<UploadAccept>(carol, offerOf(QStringLiteral("c"), 1, one));
        QCOMPARE(refused.error.code, ErrorCode::TransfersFull);
        // alice is also under her own limit of 3, so the server's code is the one she gets.
        QCOMPARE(call<UploadAccept>(alice, offerOf(QStringLiteral("a"), 1, one)).error.code, ErrorCode::TransfersFull);
        // Freeing one lets carol in.
        QVERIFY(call<UploadCancelled>(bob, UploadCancel{0, open.last()}).ok());
        QVERIFY(call<UploadAccept>(carol, offerOf(QStringLiteral("c"), 1, one)).ok());
        QCOMPARE(call<UploadAccept>(bob, offerOf(QStringLiteral("b"), 1, one)).error.code, ErrorCode::TransfersFull);
    }

    void concurrentUploads()
    {
        startServer();
        std::vector<std::unique_ptr<Uploader>> ups;
        QList<QByteArray> contents;
        const QStringList users{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")};
        for (int i = 0; i < users.size(); ++i) {
            ChatClient *c = connectAs(users.at(i));
            QVERIFY(c);
            contents.append(randomBytes((3 << 20) + i * 1000, 100 + i));
            auto up = std::make_unique<Uploader>(c, writeFile(QStringLiteral("u%1.bin").arg(i), contents.last()));
            up->setRoom(QStringLiteral("lobby"));
            ups.push_back(std::move(up));
        }
        for (auto &up : ups)
            up->start();
        for (auto &up : ups) {
            QVERIFY(waitSettled(*up));
            QCOMPARE(up->state(), Transfer::State::Finished);
        }
        UploadStore *store = m_service->store();
        QCOMPARE(store->files().size(), 3);
        for (int i = 0; i < 3; ++i) {
            const FileInfo f = store->file(ups[i]->fileId());
            QCOMPARE(f.owner, users.at(i));
            QCOMPARE(readAll(store->absolutePath(f)), contents.at(i));
        }
        QCOMPARE(m_shared.size(), 3);
    }

    void windowChunkSizes()
    {
        // An eighth of the window, a power of two, within [floor, ceiling].
        const auto sizeAt = [](qint64 window, int floor, int ceiling) {
            SendWindow::Limits limits;
            limits.minimum = limits.initial = limits.maximum = window;
            return SendWindow(limits).chunkSize(floor, ceiling);
        };
        constexpr int K = 1024;
        QCOMPARE(sizeAt(1024 * K, 256 * K, 1024 * K), 256 * K);   // the initial window: the floor
        QCOMPARE(sizeAt(4096 * K, 256 * K, 1024 * K), 512 * K);
        QCOMPARE(sizeAt(6000 * K, 256 * K, 1024 * K), 512 * K);   // rounded down
        QCOMPARE(sizeAt(8192 * K, 256 * K, 1024 * K), 1024 * K);
        QCOMPARE(sizeAt(32768 * K, 256 * K, 1024 * K), 1024 * K); // never past the ceiling
        QCOMPARE(sizeAt(32768 * K, 256 * K, 256 * K), 256 * K);   // a fixed size stays
        QCOMPARE(sizeAt(64 * K, 256 * K, 1024 * K), 256 * K);
        QCOMPARE(sizeAt(32768 * K, 300 * K, 100 * K), 300 * K);   // a ceiling below the floor: the floor
    }

    void chunksGrowWithTheWindow()
    {
        // Over loopback with room for many chunks in flight (a fixed 16 MiB window both ways),
        // upload and download chunks grow from the suggested 256 KiB to FastChunkSize, never
        // past it, and the file arrives whole; a chunk size the client fixes stays fixed.
        TransferConfig config;
        config.sendWindow = 16 << 20;
        startServer(config);
        QMap<QString, qint64> largestUp; // user -> the largest upload.chunk payload the server got
        connect(m_server, &ChatServer::sessionStarted, this, [&](ServerSession *session) {
            connect(session->connection(), &Connection::frameReceived, this, [&, session](const Frame &f) {
                if (f.type() == QLatin1String("upload.chunk"))
                    largestUp[session->user()] = qMax(largestUp.value(session->user()), f.payload.size());
            });
        });
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        ChatClient *bob = connectAs(QStringLiteral("bob"));
        QVERIFY(alice && bob);
        const QByteArray data = randomBytes(24 << 20, 2412);
        const QString path = writeFile(QStringLiteral("grow.bin"), data);

        Uploader grows(alice, path);
        grows.setRoom(QStringLiteral("lobby"));
        grows.setSendWindow(16 << 20);
        grows.start();
        QVERIFY(waitSettled(grows));
        QCOMPARE(grows.state(), Transfer::State::Finished);
        QCOMPARE(largestUp.value(QStringLiteral("alice")), qint64(TP::FastChunkSize));

        Uploader fixed(bob, path);
        fixed.setRoom(QStringLiteral("lobby"));
        fixed.setSendWindow(16 << 20);
        fixed.setChunkSize(TP::DefaultChunkSize);
        fixed.start();
        QVERIFY(waitSettled(fixed));
        QCOMPARE(fixed.state(), Transfer::State::Finished);
        QCOMPARE(largestUp.value(QStringLiteral("bob")), qint64(TP::DefaultChunkSize));

        qint64 largestDown = 0;
        qint64 announced = 0;
        connect(bob->connection(), &Connection::frameReceived, this, [&](const Frame &f) {
            if (f.type() == QLatin1String("download.chunk"))
                largestDown = qMax(largestDown, f.payload.size());
            else if (f.type() == QLatin1String("download.begin"))
                announced = f.header.value(QLatin1String("chunk")).toInteger();
        });
        const QString saved = download(bob, grows.fileId());
        QVERIFY(!saved.isEmpty());
        QCOMPARE(readAll(saved), data);
        QCOMPARE(announced, qint64(TP::FastChunkSize)); // download.begin: the largest chunk it gets
        QCOMPARE(largestDown, qint64(TP::FastChunkSize));
    }

    void chatFlowsDuringTransfer()
    {
        startServer();
        ChatClient *alice = connectAs(QStringLiteral("alice"));
        QVERIFY(alice);
        Uploader up(alice, writeFile(QStringLiteral("long.bin"), randomBytes(64 << 20, 77)));
        up.setRoom(QStringLiteral("lobby"));
        QList<double> rtts;
        connect(alice, &ChatClient::pongReceived, this, [&](qint64, double ms) { rtts.append(ms); });
        connect(&up, &Transfer::progress, this, [&] {
            if (up.state() == Transfer::State::Running)
                alice->ping();
        });
        up.start();
        QVERIFY(waitSettled(up));
        QCOMPARE(up.state(), Transfer::State::Finished);
        QTest::qWait(50);
        QVERIFY(!rtts.isEmpty());
        std::sort(rtts.begin(), rtts.end());
        qInfo("%lld pings during a 64 MiB upload: median %.2f ms, max %.2f ms", qint64(rtts.size()),
              rtts.at(rtts.size() / 2), rtts.last());
        QVERIFY(rtts.at(rtts.size() / 2) < 500); // not stuck behind the file
    }
};

QTEST_GUILESS_MAIN(TestTransfer)
#include "tst_transfer.moc"
