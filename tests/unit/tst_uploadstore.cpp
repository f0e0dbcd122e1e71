// UploadStore without the network: the free-space check counts uploads in progress, and a
// database failure reaches the peer without the database's own words.

#include "net/storage/database.h"
#include "net/transfer/uploadstore.h"
#include "net/transfer/xxh3hasher.h"

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
