// XXH3-128 wrapper and the thread-pool StreamHasher (pieces in order, bounded memory, files).
#include "net/transfer/streamhasher.h"
#include "net/transfer/xxh3hasher.h"
#include "tests/common/testdata.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QPointer>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <vector>

using namespace Switchboard;
using Switchboard::Test::randomBytes;

class TestXxh3Hasher : public QObject
{
    Q_OBJECT


private slots:
    void knownValues()
    {
        // Reference digests (xxhsum -H2).
        QCOMPARE(Xxh3Hasher::hash(QByteArray()), QStringLiteral("xxh3-128:99aa06d3014798d86001c324468d497f"));
        // Long inputs take the vector loop (AVX2 / AVX-512 through libxxhash's dispatch where the
        // CPU has it): the digest must still be the one of xxhash's scalar reference loop
        // (computed with XXH_VECTOR=0), over one call and over uneven pieces.
        QByteArray pattern(1 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < pattern.size(); ++i)
            pattern[i] = char((i * 31 + 7) % 251);
        QCOMPARE(Xxh3Hasher::hash(pattern), QStringLiteral("xxh3-128:0134f3832dac680a95085e99fb411cbe"));
        QCOMPARE(Xxh3Hasher::hash(pattern.left(1000)), QStringLiteral("xxh3-128:e719034ed2c87a3684b0c79e3e1ac40e"));
        Xxh3Hasher pieces;
        for (qsizetype at = 0, step = 1; at < pattern.size(); at += step, step = step * 3 % 70001 + 1)
            pieces.update(QByteArrayView(pattern).sliced(at, qMin(step, pattern.size() - at)));
        QCOMPARE(pieces.hashString(), QStringLiteral("xxh3-128:0134f3832dac680a95085e99fb411cbe"));
        QVERIFY(Xxh3Hasher::isValidHashString(Xxh3Hasher::hash("abc")));
        QVERIFY(!Xxh3Hasher::isValidHashString(QStringLiteral("xxh3-128:1234")));
        QVERIFY(!Xxh3Hasher::isValidHashString(QStringLiteral("md5:99aa06d3014798d86001c324468d497f")));
        QVERIFY(!Xxh3Hasher::isValidHashString(QStringLiteral("xxh3-128:99aa06d3014798d86001c324468d497g")));
        QVERIFY(Xxh3Hasher::sameHash(QStringLiteral("xxh3-128:AB"), QStringLiteral("xxh3-128:ab")));
    }

    void incrementalEqualsOneShot()
    {
        const QByteArray data = randomBytes(1 << 20, 7);
        Xxh3Hasher h;
        for (qsizetype at = 0; at < data.size(); at += 1000)
            h.update(QByteArrayView(data).sliced(at, qMin<qsizetype>(1000, data.size() - at)));
        QCOMPARE(h.bytesHashed(), qint64(data.size()));
        QCOMPARE(h.hashString(), Xxh3Hasher::hash(data));
    }

    void streamMixedPieces()
    {
        QTemporaryDir dir;
        const QByteArray data = randomBytes(40 << 20, 11); // more than one 16 MiB job
        const QString path = dir.filePath(QStringLiteral("blob"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
        f.close();

        // File prefix, memory chunks over the memory limit (re-read from the backing file), file tail.
        StreamHasher hasher;
        hasher.setBackingFile(path);
        hasher.setMaxQueuedBytes(1 << 20);
        QSignalSpy done(&hasher, &StreamHasher::finished);
        const qint64 prefix = 5 << 20;
        const qint64 tailFrom = 30 << 20;
        hasher.addFile(path, 0, prefix);
        for (qint64 at = prefix; at < tailFrom; at += 256 * 1024)
            hasher.addData(data.mid(at, qMin<qint64>(256 * 1024, tailFrom - at)));
        QVERIFY(hasher.queuedMemoryBytes() <= hasher.maxQueuedBytes());
        hasher.addFile(path, tailFrom);
        hasher.finish();
        QVERIFY(done.wait(20000));
        QCOMPARE(done.first().first().toString(), Xxh3Hasher::hash(data));
        QCOMPARE(hasher.bytesHashed(), qint64(data.size()));
    }

    void buffersAreLetGoWithoutTheOwnersEventLoop()
    {
        // A download hands each payload to the hasher; the frame decoder reuses the buffer once
        // nobody else holds it. Every piece must be let go once hashed, even while the owner's
        // thread never returns to its event loop (a busy connection reading chunk after chunk).
        const QByteArray data = randomBytes(8 << 20, 5);
        std::vector<QByteArray> pieces;
        for (qsizetype at = 0; at < data.size(); at += 1 << 20)
            pieces.push_back(QByteArray(data.constData() + at, 1 << 20)); // each its own buffer
        // The hasher's one pool thread is held until all pieces are queued, so that "the hasher
        // holds them" is checked before any job can run (under load a job could otherwise hash
        // and let go of the first piece before the check).
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        pool.start([&gate] { gate.acquire(); });
        StreamHasher hasher;
        hasher.setThreadPool(&pool);
        QSignalSpy done(&hasher, &StreamHasher::finished);
        for (const QByteArray &piece : pieces)
            hasher.addData(piece);
        QVERIFY(std::none_of(pieces.begin(), pieces.end(), [](const QByteArray &b) { return b.isDetached(); }));
        gate.release();
        QDeadlineTimer deadline(10000);
        const auto allLetGo = [&pieces] {
            return std::all_of(pieces.begin(), pieces.end(), [](const QByteArray &b) { return b.isDetached(); });
        };
        while (!allLetGo() && !deadline.hasExpired())
            QThread::msleep(1); // no processEvents(): the jobs alone must get through the queue
        QVERIFY(allLetGo());
        QCOMPARE(hasher.queuedMemoryBytes(), qint64(0));
        hasher.finish();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().toString(), Xxh3Hasher::hash(data));
        QCOMPARE(hasher.bytesHashed(), qint64(data.size()));
    }

    void emptyStream()
    {
        StreamHasher hasher;
        QSignalSpy done(&hasher, &StreamHasher::finished);
        hasher.finish();
        QVERIFY(done.wait(5000));
        QCOMPARE(done.first().first().toString(), Xxh3Hasher::hash(QByteArray()));
    }

    void shortFileFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("short"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("12345");
        f.close();
        StreamHasher hasher;
        QSignalSpy failed(&hasher, &StreamHasher::failed);
        hasher.addFile(path, 0, 100);
        hasher.finish();
        QVERIFY(failed.wait(5000));
    }

    void destroyWhileRunning()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(randomBytes(64 << 20, 3));
        f.close();
        QThreadPool pool;
        QPointer<StreamHasher> hasher = new StreamHasher;
        hasher->setThreadPool(&pool);
        int delivered = 0;
        QObject receiver;
        connect(hasher, &StreamHasher::finished, &receiver, [&delivered] { ++delivered; });
        connect(hasher, &StreamHasher::failed, &receiver, [&delivered] { ++delivered; });
        hasher->addFile(path);
        hasher->finish();
        QTRY_VERIFY(pool.activeThreadCount() > 0 || delivered > 0); // the job is running (or done)
        delete hasher.data(); // the running job notices and stops; nothing is delivered
        QVERIFY(hasher.isNull());
        // The worker stops and leaves the pool (a job writing into the deleted hasher would be a
        // use-after-free that the sanitizer build reports).
        QVERIFY(pool.waitForDone(10000));
        QCoreApplication::processEvents();
        QCOMPARE(pool.activeThreadCount(), 0);
        QVERIFY(delivered <= 1); // at most a result that was already on its way before the delete
    }
};

QTEST_GUILESS_MAIN(TestXxh3Hasher)
#include "tst_xxh3hasher.moc"
