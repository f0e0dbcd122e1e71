// ChunkWriter: a download's data appended in order and hashed (a prefix in the file included), on a
// thread of its own or inline; write errors reported; a disk that blocks never blocks the owner.
#include "net/transfer/chunkwriter.h"
#include "net/transfer/xxh3hasher.h"
#include "tests/common/testdata.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Switchboard;
using Switchboard::Test::randomBytes;

class TestChunkWriter : public QObject
{
    Q_OBJECT

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Hands data to the writer in chunks of varying sizes (a download's chunks grow and shrink).
    static bool writeInPieces(ChunkWriter &w, const QByteArray &data, qint64 from)
    {
        static const qint64 sizes[] = {1, 4096, 256 * 1024, 1000, 1 << 20, 65536 + 7};
        int i = 0;
        for (qint64 at = from; at < data.size(); ++i) {
            const qint64 n = qMin(sizes[i % 6], data.size() - at);
            if (!w.write(data.mid(at, n)))
                return false;
            at += n;
        }
        return true;
    }

private slots:
    void writesAndHashes_data()
    {
        QTest::addColumn<bool>("inlineWrites");
        QTest::addColumn<qint64>("prefix");
        QTest::newRow("thread") << false << qint64(0);
        QTest::newRow("thread, 3 MiB prefix") << false << qint64(3 << 20);
        QTest::newRow("thread, odd prefix") << false << qint64(1234567);
        QTest::newRow("inline") << true << qint64(0);
        QTest::newRow("inline, 3 MiB prefix") << true << qint64(3 << 20);
    }

    void writesAndHashes()
    {
        QFETCH(bool, inlineWrites);
        QFETCH(qint64, prefix);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.part"));
        const QByteArray data = randomBytes(9 << 20, 17);
        if (prefix > 0) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(data.left(prefix)), prefix);
        }
        ChunkWriter w;
        w.setInline(inlineWrites);
        QSignalSpy stored(&w, &ChunkWriter::stored);
        QSignalSpy done(&w, &ChunkWriter::finished);
        QSignalSpy failed(&w, &ChunkWriter::failed);
        QVERIFY(w.start(path));
        QCOMPARE(w.startSize(), prefix);
        QVERIFY(writeInPieces(w, data, prefix));
        if (inlineWrites) {
            QCOMPARE(w.storedBytes(), qint64(data.size())); // written before write() returned
            QCOMPARE(w.queuedBytes(), qint64(0));
        }
        w.finish();
        QVERIFY(done.wait(20000));
        QCOMPARE(failed.size(), 0);
        QCOMPARE(done.first().first().toString(), Xxh3Hasher::hash(data));
        QCOMPARE(stored.last().first().toLongLong(), qint64(data.size())); // told before finished()
        for (int i = 1; i < stored.size(); ++i)
            QVERIFY(stored.at(i).first().toLongLong() > stored.at(i - 1).first().toLongLong());
        QCOMPARE(w.storedBytes(), qint64(data.size()));
        QCOMPARE(w.queuedBytes(), qint64(0));
        QCOMPARE(readAll(path), data);
    }

    void prefixNotAsExpected()
    {
        // The hash covers whatever the file held: a .part that is not the file's prefix gives
        // another hash (the downloader then starts over).
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.part"));
        const QByteArray data = randomBytes(2 << 20, 3);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(randomBytes(1000, 4));
        }
        ChunkWriter w;
        QSignalSpy done(&w, &ChunkWriter::finished);
        QVERIFY(w.start(path));
        QVERIFY(writeInPieces(w, data, 1000));
        w.finish();
        QVERIFY(done.wait(20000));
        QVERIFY(done.first().first().toString() != Xxh3Hasher::hash(data));
    }

    void writeFailureIsReported_data()
    {
        QTest::addColumn<bool>("inlineWrites");
        QTest::newRow("thread") << false;
        QTest::newRow("inline") << true;
    }

    void writeFailureIsReported()
    {
        // /dev/full: every write fails with ENOSPC, as on a full disk.
        QFETCH(bool, inlineWrites);
        if (!QFile::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        ChunkWriter w;
        w.setInline(inlineWrites);
        QSignalSpy failed(&w, &ChunkWriter::failed);
        QSignalSpy done(&w, &ChunkWriter::finished);
        QVERIFY(w.start(QStringLiteral("/dev/full")));
        const bool accepted = w.write(randomBytes(4096, 1));
        if (inlineWrites) {
            QVERIFY(!accepted);
            QVERIFY2(w.errorString().contains(QStringLiteral("/dev/full")), qPrintable(w.errorString()));
        } else {
            QVERIFY(accepted); // queued; the thread reports the failure
            QVERIFY(failed.wait(5000));
            QVERIFY2(failed.first().first().toString().contains(QStringLiteral("/dev/full")),
                     qPrintable(failed.first().first().toString()));
            w.finish();
            QTest::qWait(50);
            QCOMPARE(done.size(), 0); // a failed writer never reports a hash
        }
        QCOMPARE(w.storedBytes(), qint64(0));
    }

    void openFailureIsReported()
    {
        ChunkWriter w;
        QVERIFY(!w.start(QStringLiteral("/nonexistent-dir-%1/x.part").arg(QCoreApplication::applicationPid())));
        QVERIFY(!w.errorString().isEmpty());
    }

    void stopAbandonsTheQueueAndSaysNothingMore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("x.part"));
        const qint64 chunk = 256 * 1024;
        const QByteArray piece = randomBytes(chunk, 5);
        ChunkWriter w;
        QSignalSpy stored(&w, &ChunkWriter::stored);
        QSignalSpy done(&w, &ChunkWriter::finished);
        QVERIFY(w.start(path));
        for (int i = 0; i < 64; ++i)
            QVERIFY(w.write(piece));
        w.finish();
        w.stop(); // returns once the write in progress is done
        const int storedBefore = stored.size();
        QTest::qWait(100);
        QCOMPARE(stored.size(), storedBefore);
        QCOMPARE(done.size(), 0);
        QCOMPARE(w.queuedBytes(), qint64(0));
        const qint64 size = QFileInfo(path).size();
        QCOMPARE(size, w.storedBytes());
        QCOMPARE(size % chunk, qint64(0)); // whole chunks only
        QVERIFY(size <= 64 * chunk);
    }

    void abandonDoesNotWaitForTheDisk()
    {
        // stop() would wait for the write the stalled "disk" holds; abandon() returns at once and
        // the writer goes by itself once that write is done, saying nothing more.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fifo.part"));
        Test::StalledFile disk(path);
        QVERIFY(disk.isValid());
        QPointer<ChunkWriter> w = new ChunkWriter;
        QSignalSpy stored(w.data(), &ChunkWriter::stored);
        QSignalSpy done(w.data(), &ChunkWriter::finished);
        QVERIFY(w->start(path));
        for (int i = 0; i < 8; ++i)
            QVERIFY(w->write(randomBytes(256 * 1024, quint32(i))));
        w->finish();
        QTest::qWait(100); // the thread is in a write the pipe cannot take
        QVERIFY(w->storedBytes() < 256 * 1024);
        const int storedBefore = stored.size();
        QElapsedTimer clock;
        clock.start();
        w->abandon();
        QVERIFY2(clock.elapsed() < 500, "abandon() waited for the disk");
        QTest::qWait(100);
        QVERIFY(w); // still writing
        QVERIFY(QTest::qWaitFor([&] {
            disk.drain();
            return w.isNull();
        }, 10000));
        QVERIFY(disk.drained().size() <= 256 * 1024); // the write in progress only, the queue dropped
        QCOMPARE(stored.size(), storedBefore);
        QCOMPARE(done.size(), 0);
    }

    void abandonWithNothingToWrite()
    {
        QTemporaryDir dir;
        QPointer<ChunkWriter> w = new ChunkWriter;
        QVERIFY(w->start(dir.filePath(QStringLiteral("x.part"))));
        w->abandon();
        QTRY_VERIFY(w.isNull());
    }

    void aBlockedDiskDoesNotBlockTheOwner()
    {
        // The "file" is a FIFO nobody reads yet: the writing thread blocks once the pipe is full,
        // as on a disk that stalls. The owner's thread hands over every chunk at once and its event
        // loop keeps running; once the reader drains the pipe, everything arrives, in order.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fifo.part"));
        Test::StalledFile disk(path);
        QVERIFY(disk.isValid());
        const QByteArray data = randomBytes(4 << 20, 6);
        ChunkWriter w;
        QSignalSpy done(&w, &ChunkWriter::finished);
        QVERIFY(w.start(path));
        QElapsedTimer handOver;
        handOver.start();
        for (qint64 at = 0; at < data.size(); at += 256 * 1024)
            QVERIFY(w.write(data.mid(at, 256 * 1024)));
        w.finish();
        QVERIFY2(handOver.elapsed() < 1000, "handing chunks over waited for the disk");
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QTest::qWait(300);
        QVERIFY2(ticks >= 10, qPrintable(QStringLiteral("the event loop ticked %1 times").arg(ticks)));
        QVERIFY(w.storedBytes() < data.size()); // the pipe holds far less: the thread is blocked
        QVERIFY(w.queuedBytes() > 0);
        QCOMPARE(done.size(), 0);

        QVERIFY(QTest::qWaitFor([&] {
            disk.drain();
            return done.size() == 1 && disk.drained().size() == data.size();
        }, 20000));
        QCOMPARE(disk.drained(), data);
        QCOMPARE(done.first().first().toString(), Xxh3Hasher::hash(data));
    }
};

QTEST_GUILESS_MAIN(TestChunkWriter)
#include "tst_chunkwriter.moc"
