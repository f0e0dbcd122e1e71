// Every file the server stores is owner-only, created so (issue 9, "Files and database private"):
// the data directory 0700; the database (and its WAL), uploads (.part and final), tutorial
// uploads and --capture files 0600. Checked with stat(2) under the usual umask 022, which would
// leave a file made with the default mode 0644.

#include "net/capture/capturefilewriter.h"
#include "net/server/serverconfig.h"
#include "net/server/serverruntime.h"
#include "net/storage/database.h"
#include "net/storage/owneronly.h"
#include "net/transfer/uploadstore.h"
#include "net/transfer/xxh3hasher.h"
#include "net/tutorial/tutorialserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <sys/stat.h>

using namespace Switchboard;

namespace {

// The permission bits of path, -1 if it is missing.
int modeOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

#define QCOMPARE_MODE(path, expected) \
    QVERIFY2(modeOf(path) == (expected), \
             qPrintable(QStringLiteral("%1 has mode %2, expected %3") \
                            .arg(path, QString::number(modeOf(path), 8), QString::number((expected), 8))))

} // namespace

class tst_PrivateFiles : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_oldUmask = ::umask(022); // what most systems use: default-mode files would be 0644
    }
    void cleanupTestCase() { ::umask(m_oldUmask); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    void ownerOnlyHelpers()
    {
        const QString dir = m_dir->filePath(QStringLiteral("a/b"));
        QVERIFY(OwnerOnly::makeDirectory(dir));
        QCOMPARE_MODE(dir, 0700);
        QCOMPARE_MODE(m_dir->filePath(QStringLiteral("a")), 0755); // parents: the default mode
        QVERIFY(OwnerOnly::makeDirectory(dir)); // already there
        const QString file = QDir(dir).filePath(QStringLiteral("f"));
        QVERIFY(OwnerOnly::createFile(file));
        QCOMPARE_MODE(file, 0600);
        QVERIFY(OwnerOnly::createFile(file));
        // An existing file keeps its mode (and content): nothing is chmod-ed or truncated.
        const QString other = QDir(dir).filePath(QStringLiteral("other"));
        QFile plain(other);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("x");
        plain.close();
        QCOMPARE_MODE(other, 0644);
        QVERIFY(OwnerOnly::open(plain, QIODevice::WriteOnly | QIODevice::Append));
        plain.close();
        QCOMPARE_MODE(other, 0644);
        QCOMPARE(QFileInfo(other).size(), 1);
    }

    void serverDataDirAndDatabase()
    {
        ServerRuntime runtime;
        ServerConfig config;
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = m_dir->filePath(QStringLiteral("data"));
        QString error;
        QVERIFY2(runtime.start(config, &error), qPrintable(error));
        QCOMPARE_MODE(config.dataDir, 0700);
        QCOMPARE_MODE(QDir(config.dataDir).filePath(QStringLiteral("files")), 0700);
        const QString db = ServerRuntime::databasePath(config.dataDir);
        QCOMPARE_MODE(db, 0600);
        // A write goes to the WAL; SQLite creates it (and -shm) with the database's mode.
        QSqlQuery q(runtime.database()->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO auth_meta(key, value) VALUES('test', x'00')")));
        QCOMPARE_MODE(db + QStringLiteral("-wal"), 0600);
        QCOMPARE_MODE(db + QStringLiteral("-shm"), 0600);
        runtime.stop();
    }

    void databaseDirectory()
    {
        Database db;
        const QString path = m_dir->filePath(QStringLiteral("x/data/switchboard.db"));
        QVERIFY(db.open(path));
        QCOMPARE_MODE(m_dir->filePath(QStringLiteral("x/data")), 0700);
        QCOMPARE_MODE(path, 0600);
    }

    void uploads()
    {
        Database db;
        QVERIFY(db.open(m_dir->filePath(QStringLiteral("server/switchboard.db"))));
        UploadStore store(db);
        TransferConfig config;
        config.dataDir = m_dir->filePath(QStringLiteral("server"));
        config.minFreeSpace = 0;
        QString error;
        QVERIFY2(store.prepare(config, &error), qPrintable(error));
        QCOMPARE_MODE(store.filesDirectory(), 0700);

        const QByteArray data(1000, 'p');
        UploadStore::Offer offer;
        offer.owner = QStringLiteral("alice");
        offer.name = QStringLiteral("private.txt");
        offer.size = data.size();
        offer.hash = Xxh3Hasher::hash(data);
        offer.toUser = QStringLiteral("bob");
        UploadStore::Ticket ticket;
        TransferError terror;
        QVERIFY2(store.begin(offer, &ticket, &terror), qPrintable(terror.message));
        QVERIFY(store.write(ticket.upload, 0, data.left(400), &terror));
        QCOMPARE_MODE(store.partPath(ticket.upload), 0600);
        QVERIFY(store.write(ticket.upload, 400, data.mid(400), &terror));
        bool done = false;
        FileInfo stored;
        store.finish(ticket.upload, [&](const FileInfo &f, const TransferError &e) {
            QVERIFY2(!e.isError(), qPrintable(e.message));
            stored = f;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE_MODE(store.absolutePath(stored), 0600);
    }

    void tutorialUploads()
    {
        TutorialServer server;
        const QString uploads = m_dir->filePath(QStringLiteral("uploads"));
        server.setUploadDir(uploads);
        QString error;
        QVERIFY2(server.listenTcp(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QSignalSpy received(&server, &TutorialServer::fileReceived);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server.tcpEndpoints().constFirst().port);
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray head = QJsonDocument(QJsonObject{{QStringLiteral("filename"), QStringLiteral("t.txt")},
                                                          {QStringLiteral("filesize"), 3}})
                                    .toJson(QJsonDocument::Compact);
        QByteArray prefix(4, Qt::Uninitialized);
        qToLittleEndian<qint32>(qint32(head.size()), prefix.data());
        socket.write(prefix + head + "abc");
        QVERIFY(received.wait(10000));
        QCOMPARE_MODE(uploads, 0700);
        QCOMPARE_MODE(received.at(0).at(0).toString(), 0600);
    }

    void captureFiles()
    {
        CaptureFileWriter writer;
        const QString path = m_dir->filePath(QStringLiteral("capture.pcapng"));
        QString error;
        QVERIFY2(writer.open(path, &error), qPrintable(error));
        QCOMPARE_MODE(path, 0600);
        writer.close();
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    mode_t m_oldUmask = 022;
};

QTEST_MAIN(tst_PrivateFiles)
#include "tst_privatefiles.moc"
