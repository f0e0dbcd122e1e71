// UploadStore without the network: the free-space check counts uploads in progress, a running
// upload stops before it eats the database's reserve, a database failure reaches the peer without
// the database's own words, and a file recovered after a crash completes a re-offer without data.

#include "net/storage/database.h"
#include "net/transfer/uploadstore.h"
#include "net/transfer/xxh3hasher.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Switchboard;

namespace {

constexpr qint64 MiB = qint64(1) << 20;

UploadStore::Offer offerOf(const QString &name, qint64 size)
{
    UploadStore::Offer offer;
    offer.owner = QStringLiteral("alice");
    offer.name = name;
    offer.size = size;
    offer.hash = Xxh3Hasher::hash(QByteArray(int(qMin<qint64>(size, 16)), 'x')); // never verified here
    offer.room = QStringLiteral("lobby");
    return offer;
}

} // namespace

class tst_UploadStore : public QObject
{
    Q_OBJECT
    // Stores a MiB of fill under name (offered with its hash); *stored stays invalid on failure.
    void storeFile(const QString &name, char fill, UploadStore::Offer *offer, FileInfo *stored)
    {
        const QByteArray content(int(MiB), fill);
        *offer = offerOf(name, content.size());
        offer->hash = Xxh3Hasher::hash(content);
        UploadStore::Ticket ticket;
        TransferError error;
        QVERIFY(m_store->begin(*offer, &ticket, &error));
        QVERIFY(m_store->write(ticket.upload, 0, content, &error));
        m_store->finish(ticket.upload, [stored](const FileInfo &f, const TransferError &) { *stored = f; });
        QTRY_VERIFY(stored->isValid()); // verified, synced to disk, renamed, recorded
        QVERIFY(!QFileInfo::exists(m_store->partPath(ticket.upload)));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_db = std::make_unique<Database>();
        QVERIFY(m_db->open(m_dir->filePath(QStringLiteral("server/switchboard.db"))));
        m_store = std::make_unique<UploadStore>(*m_db);
        TransferConfig config;
        config.dataDir = m_dir->filePath(QStringLiteral("server"));
        config.minFreeSpace = 4 * MiB;
        QString error;
        QVERIFY2(m_store->prepare(config, &error), qPrintable(error));
        m_store->setFreeSpaceProvider([this](const QString &) { return m_free; });
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
        m_dir.reset();
    }

    void freeSpaceCountsUploadsInProgress()
    {
        // The case: two 50 MiB uploads offered with 119 MiB free (and 64 MiB kept free):
        // here 100 MiB free and 4 MiB kept, so one fits and the second must not.
        m_free = 100 * MiB;
        UploadStore::Ticket first;
        TransferError error;
        QVERIFY2(m_store->begin(offerOf(QStringLiteral("a.bin"), 50 * MiB), &first, &error), qPrintable(error.message));
        QCOMPARE(m_store->pendingBytes(), 50 * MiB);
        UploadStore::Ticket second;
        QVERIFY(!m_store->begin(offerOf(QStringLiteral("b.bin"), 50 * MiB), &second, &error));
        QCOMPARE(error.code, Protocol::ErrorCode::DiskFull);

        // Written bytes are no longer pending: the free space already shows them.
        QVERIFY(m_store->write(first.upload, 0, QByteArray(int(10 * MiB), 'a'), &error));
        QCOMPARE(m_store->pendingBytes(), 40 * MiB);
        m_free = 90 * MiB; // what the file system reports after those 10 MiB
        error = TransferError();
        QVERIFY(!m_store->begin(offerOf(QStringLiteral("b.bin"), 50 * MiB), &second, &error));
        QVERIFY(m_store->begin(offerOf(QStringLiteral("c.bin"), 40 * MiB), &second, &error)); // 40 + 40 + 4 <= 90

        // A cancelled upload frees its reservation.
        m_store->cancel(first.upload);
        QCOMPARE(m_store->pendingBytes(), 40 * MiB);
        QVERIFY(m_store->begin(offerOf(QStringLiteral("b.bin"), 45 * MiB), &first, &error)); // 45 + 40 + 4 <= 90
    }

    void unknownFreeSpaceIsNotChecked()
    {
        m_free = -1;
        UploadStore::Ticket ticket;
        TransferError error;
        QVERIFY(m_store->begin(offerOf(QStringLiteral("a.bin"), 50 * MiB), &ticket, &error));
    }

    void runningUploadKeepsHalfTheReserve()
    {
        // Another writer fills the disk after the offer was accepted: the upload stops with
        // disk_full before the last 2 MiB (half the 4 MiB reserve), its .part a clean prefix.
        m_free = 100 * MiB;
        UploadStore::Ticket ticket;
        TransferError error;
        QVERIFY(m_store->begin(offerOf(QStringLiteral("a.bin"), 8 * MiB), &ticket, &error));
        QVERIFY2(m_store->write(ticket.upload, 0, QByteArray(int(MiB), 'a'), &error), qPrintable(error.message));
        m_free = 2 * MiB + MiB / 2;
        QVERIFY(!m_store->write(ticket.upload, MiB, QByteArray(int(MiB), 'b'), &error));
        QCOMPARE(error.code, Protocol::ErrorCode::DiskFull);
        QVERIFY(!m_store->isActive(ticket.upload));
        QCOMPARE(QFileInfo(m_store->partPath(ticket.upload)).size(), MiB);

        m_free = 100 * MiB; // space freed: the same offer resumes after the stored prefix
        UploadStore::Ticket again;
        QVERIFY(m_store->begin(offerOf(QStringLiteral("a.bin"), 8 * MiB), &again, &error));
        QCOMPARE(again.upload, ticket.upload);
        QCOMPARE(again.offset, MiB);
    }

    void sharedDirectorySparesOtherNodes()
    {
        // Two nodes on one database and one --files directory. Node 1 writes an upload; node 2
        // starting up purges only what is old and unlocked, and does not take over node 1's upload.
        QTemporaryDir shared;
        Database db1, db2;
        QVERIFY(db1.open(m_dir->filePath(QStringLiteral("cluster.db"))));
        QVERIFY(db2.open(m_dir->filePath(QStringLiteral("cluster.db"))));
        TransferConfig config;
        config.dataDir = m_dir->filePath(QStringLiteral("node"));
        config.filesDir = shared.path();
        config.minFreeSpace = 0;
        UploadStore node1(db1);
        QString why;
        QVERIFY2(node1.prepare(config, &why), qPrintable(why));
        UploadStore::Ticket ticket;
        TransferError error;
        const UploadStore::Offer offer = offerOf(QStringLiteral("s.bin"), MiB);
        QVERIFY(node1.begin(offer, &ticket, &error));
        QVERIFY(node1.write(ticket.upload, 0, QByteArray(int(MiB / 2), 's'), &error));
        QCOMPARE(QFileInfo(node1.partPath(ticket.upload)).path(), QDir(shared.path()).absolutePath());

        auto orphan = [&](const QString &name, qint64 ageSeconds) {
            QFile f(QDir(shared.path()).filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x");
            f.flush(); // before the time is set: a later write would set it again
            QVERIFY(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds), QFileDevice::FileModificationTime));
        };
        orphan(QStringLiteral("900001.part"), 10);       // another node's, just created
        orphan(QStringLiteral("900002.part"), 2 * 3600); // abandoned long ago
        UploadStore node2(db2);
        QVERIFY2(node2.prepare(config, &why), qPrintable(why));
        QCOMPARE(QFileInfo(node1.partPath(ticket.upload)).size(), MiB / 2);
        QVERIFY(QFileInfo::exists(QDir(shared.path()).filePath(QStringLiteral("900001.part"))));
        QVERIFY(!QFileInfo::exists(QDir(shared.path()).filePath(QStringLiteral("900002.part"))));

        UploadStore::Ticket other;
        QVERIFY(node2.begin(offer, &other, &error));
        QVERIFY(other.upload != ticket.upload); // node 1 still writes it
        QCOMPARE(other.offset, 0);
        node2.cancel(other.upload);
        node1.suspend(ticket.upload);           // node 1 lets go (its client left, or it died)
        QVERIFY(node2.begin(offer, &other, &error));
        QCOMPARE(other.upload, ticket.upload);
        QCOMPARE(other.offset, MiB / 2);
    }

    void recoveredFileCompletesWithoutData()
    {
        m_free = -1;
        UploadStore::Offer offer;
        FileInfo stored;
        storeFile(QStringLiteral("r.bin"), 'r', &offer, &stored);
        QVERIFY(stored.isValid());
        TransferError error;

        // Without the recovery mark an identical offer is a new upload...
        UploadStore::Ticket fresh;
        QVERIFY(m_store->begin(offer, &fresh, &error));
        QVERIFY(fresh.upload != stored.id);
        QCOMPARE(fresh.offset, qint64(0));
        m_store->cancel(fresh.upload);

        // ...with it (a crash came before the announcement), it completes at once with the same file.
        m_store->addRecoveredFiles({stored.id});
        QSignalSpy announced(m_store.get(), &UploadStore::fileStored);
        UploadStore::Ticket resumed;
        QVERIFY(m_store->begin(offer, &resumed, &error));
        QCOMPARE(resumed.upload, stored.id);
        QCOMPARE(resumed.offset, offer.size);
        QVERIFY(!m_store->write(resumed.upload, offer.size, QByteArray("x"), &error)); // nothing more to send
        QCOMPARE(error.code, Protocol::ErrorCode::SizeMismatch);
        m_store->cancel(resumed.upload); // what the service does then: the stored file stays
        QCOMPARE(m_store->file(stored.id).size, offer.size);
        QVERIFY(m_store->begin(offer, &resumed, &error));
        FileInfo done;
        m_store->finish(resumed.upload, [&](const FileInfo &f, const TransferError &) { done = f; });
        QCOMPARE(done.id, stored.id);
        QCOMPARE(announced.size(), 0); // announced already, at the restart
        QCOMPARE(m_store->files().size(), 1);

        // Only once: the next identical offer is a new upload again.
        UploadStore::Ticket later;
        QVERIFY(m_store->begin(offer, &later, &error));
        QVERIFY(later.upload != stored.id);
    }

    void hashlessReofferOfRecoveredFile()
    {
        m_free = -1;
        UploadStore::Offer offer;
        FileInfo stored;
        storeFile(QStringLiteral("h.bin"), 'h', &offer, &stored);
        QVERIFY(stored.isValid());
        TransferError error;
        m_store->addRecoveredFiles({stored.id});

        // Offered without a hash (hashed while sending): matched by the rest, upload.end's hash
        // decides. Another file of the same name and size is refused, the stored one stays...
        UploadStore::Offer hashless = offer;
        hashless.hash.clear();
        UploadStore::Ticket resumed;
        QVERIFY(m_store->begin(hashless, &resumed, &error));
        QCOMPARE(resumed.upload, stored.id);
        QCOMPARE(resumed.offset, hashless.size);
        TransferError refused;
        bool called = false;
        m_store->finish(resumed.upload, [&](const FileInfo &, const TransferError &e) { refused = e; called = true; },
                        Xxh3Hasher::hash(QByteArray(int(MiB), 'o')));
        QVERIFY(called);
        QCOMPARE(refused.code, Protocol::ErrorCode::HashMismatch);
        QCOMPARE(m_store->file(stored.id).hash, offer.hash);
        QVERIFY(QFileInfo::exists(m_store->absolutePath(m_store->file(stored.id))));
        // ...and no longer recovered: the next offer is a new upload.
        UploadStore::Ticket next;
        QVERIFY(m_store->begin(hashless, &next, &error));
        QVERIFY(next.upload != stored.id);
        QCOMPARE(next.offset, qint64(0));
        m_store->cancel(next.upload);

        // The same file's hash completes it without data.
        m_store->addRecoveredFiles({stored.id});
        QVERIFY(m_store->begin(hashless, &resumed, &error));
        QCOMPARE(resumed.upload, stored.id);
        FileInfo done;
        m_store->finish(resumed.upload, [&](const FileInfo &f, const TransferError &) { done = f; }, offer.hash);
        QCOMPARE(done.id, stored.id);
        QCOMPARE(m_store->files().size(), 1);
    }

    void databaseErrorsStayInTheLog()
    {
        m_free = 100 * MiB;
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(QStringLiteral("DROP TABLE uploads")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^cannot record an upload of alice : .+")));
        UploadStore::Ticket ticket;
        TransferError error;
        QVERIFY(!m_store->begin(offerOf(QStringLiteral("a.bin"), 10), &ticket, &error));
        QCOMPARE(error.code, Protocol::ErrorCode::IoError);
        QCOMPARE(error.message, QStringLiteral("Cannot record the upload."));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<UploadStore> m_store;
    qint64 m_free = 0;
};

QTEST_MAIN(tst_UploadStore)
#include "tst_uploadstore.moc"
