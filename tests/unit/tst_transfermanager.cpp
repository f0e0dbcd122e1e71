// TransferManager and TransferModel against a real server on 127.0.0.1: the queue runs at most N
// transfers at once and in order, cancelling a queued one skips it, a resumed one waits for a free
// slot, the same download twice is one transfer, the model follows progress to 100 % with
// coalesced updates, and transfers never outlive their account.
#include "net/client/clientsession.h"
#include "net/client/transfermanager.h"
#include "net/client/transfermodel.h"
#include "net/transfer/downloader.h"
#include "net/transfer/transferservice.h"
#include "net/transfer/uploader.h"
#include "net/transfer/uploadstore.h"
#include "testserver.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Switchboard;

namespace {

constexpr int LongWait = 60000; // generous: the machine is shared

using Switchboard::Test::randomBytes;

// Records, for every state change of every transfer of a manager, how many were busy at once
// and in which order they first became busy.
class BusyWatch : public QObject
{
public:
    explicit BusyWatch(TransferManager *manager)
        : m_manager(manager)
    {
        connect(manager, &TransferManager::transferAdded, this, [this](Transfer *t) { watch(t); });
        for (Transfer *t : manager->transfers())
            watch(t);
    }
    int maxBusy(TransferManager::Direction d) const { return m_maxBusy[int(d)]; }
    QList<Transfer *> startOrder;

private:
    void watch(Transfer *t)
    {
        connect(t, &Transfer::stateChanged, this, [this, t] {
            if (t->isBusy() && !startOrder.contains(t))
                startOrder.append(t);
            int busy[2] = {0, 0};
            for (Transfer *other : m_manager->transfers())
                busy[int(TransferManager::directionOf(other))] += other->isBusy() ? 1 : 0;
            for (int i = 0; i < 2; ++i)
                m_maxBusy[i] = qMax(m_maxBusy[i], busy[i]);
        });
    }
    TransferManager *m_manager;
    int m_maxBusy[2] = {0, 0};
};

} // namespace

class TestTransferManager : public QObject
{
    Q_OBJECT

    std::unique_ptr<Test::TestServer> m_server;
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(data);
        return path;
    }

    static bool logIn(ClientSession &session, quint16 port, const QString &user)
    {
        QSignalSpy joined(&session, &ClientSession::roomJoined);
        session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw"), true);
        return joined.wait(LongWait);
    }

    QStringList storedNames(const QString &owner) const
    {
        QStringList out;
        const QList<FileInfo> files = m_server->runtime().transfers()->store()->files();
        for (const FileInfo &f : files)
            if (f.owner == owner)
                out.append(f.name);
        return out;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<Test::TestServer>();
        QVERIFY(m_server->ok());
    }

    void queueRunsInOrderAtMostOneAtATime()
    {
        ClientSession session;
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("queue")));
        TransferManager *m = session.transfers();
        m->setMaxConcurrent(TransferManager::Direction::Upload, 1);
        BusyWatch watch(m);
        QList<Uploader *> ups;
        for (int i = 0; i < 3; ++i)
            ups << m->upload(writeFile(QStringLiteral("q%1.bin").arg(i), randomBytes((3 - i) << 20, i)),
                             QStringLiteral("lobby"), QString());
        QCOMPARE(m->count(), 3);
        QCOMPARE(m->stateOf(ups[2]), Transfer::State::Queued);
        for (Uploader *up : ups) {
            QCOMPARE(up->parent(), m);
            QTRY_COMPARE_WITH_TIMEOUT(up->state(), Transfer::State::Finished, LongWait);
        }
        QCOMPARE(watch.startOrder, (QList<Transfer *>{ups[0], ups[1], ups[2]}));
        QCOMPARE(watch.maxBusy(TransferManager::Direction::Upload), 1);
        const TransferManager::Totals totals = m->totals();
        QCOMPARE(totals.finished, 3);
        QCOMPARE(totals.percent(), 100);
        QCOMPARE(totals.bytesDone, qint64(6) << 20);
        QCOMPARE(storedNames(QStringLiteral("queue")).size(), 3);

        m->clearFinished();
        QCOMPARE(m->count(), 0);
    }

    void cancelQueuedSkipsIt()
    {
        ClientSession session;
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("canceller")));
        TransferManager *m = session.transfers();
        m->setMaxConcurrent(TransferManager::Direction::Upload, 1);
        BusyWatch watch(m);
        Uploader *first = m->upload(writeFile(QStringLiteral("c0.bin"), randomBytes(2 << 20, 10)), QStringLiteral("lobby"), QString());
        Uploader *second = m->upload(writeFile(QStringLiteral("c1.bin"), randomBytes(1000, 11)), QStringLiteral("lobby"), QString());
        Uploader *third = m->upload(writeFile(QStringLiteral("c2.bin"), randomBytes(1000, 12)), QStringLiteral("lobby"), QString());
        QCOMPARE(second->state(), Transfer::State::Queued);
        m->cancelRow(1);
        QCOMPARE(second->state(), Transfer::State::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(third->state(), Transfer::State::Finished, LongWait);
        QCOMPARE(first->state(), Transfer::State::Finished);
        QCOMPARE(second->state(), Transfer::State::Cancelled);
        QVERIFY(!watch.startOrder.contains(second));
        QCOMPARE(watch.startOrder, (QList<Transfer *>{first, third}));
        QStringList names = storedNames(QStringLiteral("canceller"));
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("c0.bin"), QStringLiteral("c2.bin")}));
        // The cancelled transfer is left out of the totals.
        QCOMPARE(m->totals().count, 2);
        QCOMPARE(m->totals().percent(), 100);
    }

    void resumedTransferWaitsForASlot()
    {
        ClientSession session;
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("pauser")));
        TransferManager *m = session.transfers();
        m->setMaxConcurrent(TransferManager::Direction::Upload, 1);
        BusyWatch watch(m);
        Uploader *big = m->upload(writeFile(QStringLiteral("p0.bin"), randomBytes(24 << 20, 20)), QStringLiteral("lobby"), QString());
        Uploader *next = m->upload(writeFile(QStringLiteral("p1.bin"), randomBytes(4 << 20, 21)), QStringLiteral("lobby"), QString());
        // Pause the first as soon as it moves data; resume it as soon as the second does.
        bool paused = false;
        bool resumed = false;
        bool heldWhileBusy = false;
        connect(big, &Transfer::stateChanged, m, [&](Transfer::State s) {
            if (s == Transfer::State::Running && !paused) {
                paused = true;
                QTimer::singleShot(0, m, [&] { m->pause(big); });
            }
        });
        connect(next, &Transfer::stateChanged, m, [&](Transfer::State s) {
            if (s == Transfer::State::Running && !resumed) {
                resumed = true;
                QTimer::singleShot(0, m, [&] {
                    m->resume(big);
                    heldWhileBusy = next->isBusy() && big->state() == Transfer::State::Paused
                                    && m->stateOf(big) == Transfer::State::Queued;
                });
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(resumed, LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(next->state(), Transfer::State::Finished, LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(big->state(), Transfer::State::Finished, LongWait);
        QVERIFY(paused);
        QVERIFY(heldWhileBusy); // resumed, but shown queued while the other one had the slot
        QCOMPARE(watch.startOrder, (QList<Transfer *>{big, next}));
        QCOMPARE(watch.maxBusy(TransferManager::Direction::Upload), 1);
        QCOMPARE(storedNames(QStringLiteral("pauser")).size(), 2);
    }

    void downloadTwiceIsOneTransfer()
    {
        ClientSession session;
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("fetcher")));
        TransferManager *m = session.transfers();
        const QByteArray data = randomBytes(3 << 20, 30);
        Uploader *up = m->upload(writeFile(QStringLiteral("d.bin"), data), QStringLiteral("lobby"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(up->state(), Transfer::State::Finished, LongWait);
        const FileInfo info = m_server->runtime().transfers()->store()->file(up->fileId());
        QVERIFY(info.isValid());

        QTemporaryDir out;
        m->setDownloadDirectory(out.path());
        QSignalSpy finished(m, &TransferManager::transferFinished);
        Downloader *a = m->download(info);
        Downloader *b = m->download(info.id, QStringLiteral("other name"));
        QCOMPARE(a, b);
        QCOMPARE(m->count(), 2); // the upload and one download
        QCOMPARE(TransferManager::directionOf(a), TransferManager::Direction::Download);
        QTRY_COMPARE_WITH_TIMEOUT(a->state(), Transfer::State::Finished, LongWait);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<Transfer *>(), a);
        QCOMPARE(a->savedPath(), out.filePath(QStringLiteral("d.bin")));
        QFile got(a->savedPath());
        QVERIFY(got.open(QIODevice::ReadOnly));
        QVERIFY(got.readAll() == data);
        // Once done, asking again is a new download (saved beside the first, not over it).
        Downloader *c = m->download(info);
        QVERIFY(c != a);
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), Transfer::State::Finished, LongWait);
        QCOMPARE(c->savedPath(), out.filePath(QStringLiteral("d (1).bin")));

        // A failed download asked for again is the same transfer, queued to try again.
        Downloader *missing = m->download(info.id + 1000, QStringLiteral("nothing"));
        QTRY_COMPARE_WITH_TIMEOUT(missing->state(), Transfer::State::Failed, LongWait);
        QSignalSpy again(missing, &Transfer::stateChanged);
        QCOMPARE(m->download(info.id + 1000, QStringLiteral("nothing")), missing);
        QCOMPARE(m->stateOf(missing), Transfer::State::Queued);
        QTRY_VERIFY_WITH_TIMEOUT(!again.isEmpty() && missing->state() == Transfer::State::Failed, LongWait);
    }

    void modelFollowsProgressWithCoalescedUpdates()
    {
        ClientSession session;
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("watcher")));
        TransferManager *m = session.transfers();
        TransferModel model(m);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        const qint64 size = 16 << 20;
        const QString path = writeFile(QStringLiteral("m.bin"), randomBytes(size, 40));
        Uploader *up = m->upload(path, QString(), QStringLiteral("queue"));
        up->setSendWindow(256 * 1024); // a few hundred progress signals
        QSignalSpy progress(up, &Transfer::progress);
        QSignalSpy rate(up, &Transfer::rateChanged);
        QSignalSpy states(up, &Transfer::stateChanged);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex row = model.index(0);
        QCOMPARE(row.data(TransferModel::NameRole).toString(), QStringLiteral("m.bin"));
        QCOMPARE(row.data(TransferModel::DirectionRole).toInt(), int(TransferManager::Direction::Upload));
        QCOMPARE(row.data(TransferModel::PeerRole).toString(), QStringLiteral("queue"));
        QCOMPARE(row.data(TransferModel::RoomRole).toString(), QString());
        QCOMPARE(row.data(TransferModel::LocalPathRole).toString(), path);

        QList<int> percents;
        connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex &from) {
            percents.append(from.data(TransferModel::PercentRole).toInt());
        });
        QElapsedTimer timer;
        timer.start();
        // The model tells (within its interval) that the row reached 100 %.
        QTRY_VERIFY_WITH_TIMEOUT(!percents.isEmpty() && percents.last() == 100, LongWait);
        // 100 % is every byte sent; Finished comes after the server verified and synced the file.
        QTRY_COMPARE_WITH_TIMEOUT(row.data(TransferModel::StateRole).toInt(), int(Transfer::State::Finished), LongWait);
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(row.data(TransferModel::PercentRole).toInt(), 100);
        QCOMPARE(row.data(TransferModel::BytesDoneRole).toLongLong(), size);
        QCOMPARE(row.data(TransferModel::BytesTotalRole).toLongLong(), size);
        QCOMPARE(row.data(TransferModel::StateTextRole).toString(), Transfer::stateText(Transfer::State::Finished));
        QCOMPARE(row.data(TransferModel::FileIdRole).toLongLong(), up->fileId());
        QCOMPARE(row.data(TransferModel::SecondsLeftRole).toLongLong(), -1);
        QVERIFY(row.data(TransferModel::ErrorTextRole).toString().isEmpty());
        QVERIFY(std::is_sorted(percents.begin(), percents.end()));
        // Coalesced: at most one dataChanged per 100 ms (plus the first and the last), however
        // many progress signals the transfer sent.
        const qsizetype signalsSent = progress.size() + rate.size() + states.size();
        QVERIFY2(changed.size() <= elapsed / model.updateInterval() + 2,
                 qPrintable(QStringLiteral("%1 dataChanged in %2 ms for %3 transfer signals")
                                .arg(changed.size()).arg(elapsed).arg(signalsSent)));
        QVERIFY(signalsSent > changed.size());
        QCOMPARE(model.roleNames().value(TransferModel::PercentRole), QByteArray("percent"));

        m->clearFinished();
        QCOMPARE(model.rowCount(), 0);
    }

    void transfersBelongToTheirAccount()
    {
        ClientSession session;
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("first")));
        TransferManager *m = session.transfers();
        TransferModel model(m);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m->setMaxConcurrent(TransferManager::Direction::Upload, 1);
        Uploader *running = m->upload(writeFile(QStringLiteral("a0.bin"), randomBytes(24 << 20, 50)), QStringLiteral("lobby"), QString());
        QPointer<Uploader> queued = m->upload(writeFile(QStringLiteral("first-queued.bin"), randomBytes(1000, 51)),
                                             QStringLiteral("lobby"), QString());
        QCOMPARE(m->accountOf(queued), QStringLiteral("first@127.0.0.1:%1").arg(m_server->port()));
        QSignalSpy queuedStates(queued.data(), &Transfer::stateChanged);
        QSignalSpy runningStates(running, &Transfer::stateChanged);
        QPointer<Uploader> runningGone = running;

        // While the first upload moves data, log in as another account on the same session:
        // the first account's transfers end with it.
        QSignalSpy loggedIn(&session, &ClientSession::loggedIn);
        int countAfterSwitch = -1;
        int rowsAfterSwitch = -1;
        connect(running, &Transfer::stateChanged, m, [&](Transfer::State s) {
            if (s != Transfer::State::Running)
                return;
            QTimer::singleShot(0, &session, [&] {
                session.logIn(QStringLiteral("127.0.0.1"), m_server->port(), QStringLiteral("second"), QStringLiteral("pw"), true);
                countAfterSwitch = m->count();
                rowsAfterSwitch = model.rowCount();
            });
        });
        QVERIFY(loggedIn.wait(LongWait));
        QCOMPARE(countAfterSwitch, 0);
        QCOMPARE(rowsAfterSwitch, 0);
        QCOMPARE(m->count(), 0);
        QCOMPARE(queuedStates.size(), 0); // never started
        // The running one stopped (cut off with the first account's connection, or cancelled).
        const auto last = runningStates.last().first().value<Transfer::State>();
        QVERIFY(last == Transfer::State::Failed || last == Transfer::State::Cancelled);
        QTRY_VERIFY(queued.isNull() && runningGone.isNull()); // deleted, not left behind

        // The second account's own upload goes through; nothing of the first's ran under its name.
        Uploader *own = m->upload(writeFile(QStringLiteral("second.bin"), randomBytes(1000, 52)), QStringLiteral("lobby"), QString());
        QCOMPARE(m->accountOf(own), QStringLiteral("second@127.0.0.1:%1").arg(m_server->port()));
        QTRY_COMPARE_WITH_TIMEOUT(own->state(), Transfer::State::Finished, LongWait);
        QCOMPARE(storedNames(QStringLiteral("second")), QStringList{QStringLiteral("second.bin")});
        QVERIFY(storedNames(QStringLiteral("first")).isEmpty());

        // Logging out clears the account's transfers, finished or not.
        m->upload(writeFile(QStringLiteral("second-queued.bin"), randomBytes(1000, 53)), QStringLiteral("lobby"), QString());
        QCOMPARE(m->count(), 2);
        session.logOut();
        QCOMPARE(m->count(), 0);
        QCOMPARE(model.rowCount(), 0);
    }

    void nothingStartsWhileLoggedOut()
    {
        ClientSession session;
        TransferManager *m = session.transfers();
        QVERIFY(!m->isActive());
        Uploader *early = m->upload(writeFile(QStringLiteral("early.bin"), randomBytes(1000, 60)), QStringLiteral("lobby"), QString());
        QCOMPARE(early->state(), Transfer::State::Queued);
        QVERIFY(!m->hasPending()); // nothing will start by itself
        // Logging in binds the session to an account: what was queued without one is dropped.
        QVERIFY(logIn(session, m_server->port(), QStringLiteral("late")));
        QVERIFY(m->isActive());
        QCOMPARE(m->count(), 0);
        QVERIFY(storedNames(QStringLiteral("late")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTransferManager)
#include "tst_transfermanager.moc"
