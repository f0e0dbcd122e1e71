// EpollDispatcher (the server's event loop on Linux): socket notifiers, timers, posted events,
// wake-ups from another thread and interrupt, with the dispatcher installed for the whole test
// process as switchboard-server installs it, and Qt's sockets running on it.
#include "net/core/epolldispatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Switchboard;

namespace {

// A connected pair of local stream sockets, closed with the object.
struct SocketPair
{
    int fd[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fd); }
    ~SocketPair()
    {
        ::close(fd[0]);
        ::close(fd[1]);
    }
    void send(int side) const { QCOMPARE_EQ(::write(fd[side], "x", 1), ssize_t(1)); }
    int drain(int side) const
    {
        char buf[256];
        const ssize_t n = ::read(fd[side], buf, sizeof(buf));
        return n < 0 ? 0 : int(n);
    }
};

EpollDispatcher *dispatcher()
{
    return qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
}

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT
private slots:
    void installed();
    void readNotifierFiresWhenDataArrives();
    void disabledNotifierLeavesEpoll();
    void writeNotifierOnWritableSocket();
    void notifierDeletedByAnEarlierSlotIsNotActivated();
    void onlyReadySocketsOfManyAreActivated();
    void singleShotTimerWaitsItsInterval();
    void timersFireInDeadlineOrder();
    void repeatingTimerAndKill();
    void registeredTimersAndRemainingTime();
    void nestedLoopDoesNotRefireRunningTimer();
    void postedEventsAndDeleteLater();
    void wakeUpFromAnotherThread();
    void interruptEndsAThreadsLoop();
    void qtSocketsRunOnIt();
};

void TestEpollDispatcher::installed()
{
    QVERIFY(dispatcher());
}

void TestEpollDispatcher::readNotifierFiresWhenDataArrives()
{
    SocketPair pair;
    QSocketNotifier notifier(pair.fd[0], QSocketNotifier::Read);
    QSignalSpy spy(&notifier, &QSocketNotifier::activated);
    connect(&notifier, &QSocketNotifier::activated, this, [&] { pair.drain(0); });
    pair.send(1);
    QVERIFY(spy.wait(2000));
    QCOMPARE(spy.count(), 1); // drained: level-triggered, but nothing is left to report
    pair.send(1);
    QVERIFY(spy.wait(2000));
    QCOMPARE(spy.count(), 2);
}

void TestEpollDispatcher::disabledNotifierLeavesEpoll()
{
    SocketPair pair;
    const int before = dispatcher()->notifierCount();
    auto notifier = std::make_unique<QSocketNotifier>(pair.fd[0], QSocketNotifier::Read);
    QCOMPARE(dispatcher()->notifierCount(), before + 1);
    notifier->setEnabled(false);
    QCOMPARE(dispatcher()->notifierCount(), before);
    QSignalSpy spy(notifier.get(), &QSocketNotifier::activated);
    pair.send(1); // ready while disabled: reported once it is enabled again
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 0);
    notifier->setEnabled(true);
    QVERIFY(spy.wait(2000));
    notifier.reset();
    QCOMPARE(dispatcher()->notifierCount(), before);
}

void TestEpollDispatcher::writeNotifierOnWritableSocket()
{
    SocketPair pair;
    QSocketNotifier writer(pair.fd[0], QSocketNotifier::Write);
    QSocketNotifier reader(pair.fd[0], QSocketNotifier::Read); // both kinds on one descriptor
    QSignalSpy writable(&writer, &QSocketNotifier::activated);
    QSignalSpy readable(&reader, &QSocketNotifier::activated);
    connect(&writer, &QSocketNotifier::activated, &writer, [&] { writer.setEnabled(false); });
    QVERIFY(writable.wait(2000));
    QCOMPARE(readable.count(), 0);
    pair.send(1);
    QVERIFY(readable.wait(2000));
    QCOMPARE(writable.count(), 1);
}

void TestEpollDispatcher::notifierDeletedByAnEarlierSlotIsNotActivated()
{
    // Both sockets are ready in the same wake-up; whichever slot runs first deletes the other.
    SocketPair a, b;
    auto na = new QSocketNotifier(a.fd[0], QSocketNotifier::Read);
    auto nb = new QSocketNotifier(b.fd[0], QSocketNotifier::Read);
    QPointer<QSocketNotifier> pa(na), pb(nb);
    int activations = 0;
    connect(na, &QSocketNotifier::activated, this, [&] { ++activations; delete pb.data(); a.drain(0); });
    connect(nb, &QSocketNotifier::activated, this, [&] { ++activations; delete pa.data(); b.drain(0); });
    a.send(1);
    b.send(1);
    QTRY_VERIFY_WITH_TIMEOUT(pa.isNull() || pb.isNull(), 2000);
    QCoreApplication::processEvents();
    QCOMPARE(activations, 1);
    delete pa.data();
    delete pb.data();
}

void TestEpollDispatcher::onlyReadySocketsOfManyAreActivated()
{
    constexpr int Count = 1000;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    QList<int> activated;
    for (int i = 0; i < Count; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        notifiers.push_back(std::make_unique<QSocketNotifier>(pairs.back()->fd[0], QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this, [&, i] {
            activated.append(i);
            pairs[size_t(i)]->drain(0);
        });
    }
    QVERIFY(dispatcher()->notifierCount() >= Count);
    pairs[7]->send(1);
    pairs[Count - 1]->send(1);
    QTRY_COMPARE_WITH_TIMEOUT(activated.size(), 2, 2000);
    std::sort(activated.begin(), activated.end());
    QCOMPARE(activated, (QList<int>{7, Count - 1}));
}

void TestEpollDispatcher::singleShotTimerWaitsItsInterval()
{
    QElapsedTimer clock;
    clock.start();
    qint64 firedAt = -1;
    QTimer::singleShot(80, Qt::PreciseTimer, this, [&] { firedAt = clock.elapsed(); });
    QTRY_VERIFY_WITH_TIMEOUT(firedAt >= 0, 2000);
    QVERIFY2(firedAt >= 79, qPrintable(QString::number(firedAt)));
}

void TestEpollDispatcher::timersFireInDeadlineOrder()
{
    QStringList order;
    QTimer::singleShot(60, this, [&] { order << "60"; });
    QTimer::singleShot(10, this, [&] { order << "10"; });
    QTimer::singleShot(30, this, [&] { order << "30"; });
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 2000);
    QCOMPARE(order, (QStringList{"10", "30", "60"}));
}

void TestEpollDispatcher::repeatingTimerAndKill()
{
    QTimer timer;
    timer.setInterval(5);
    int ticks = 0;
    connect(&timer, &QTimer::timeout, this, [&] {
        if (++ticks == 5)
            timer.stop();
    });
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(ticks, 5, 2000);
    QVERIFY(!timer.isActive());
    // A stopped timer is gone from the dispatcher: a later, longer one fires and it never does.
    bool later = false;
    QTimer::singleShot(50, this, [&] { later = true; });
    QTRY_VERIFY_WITH_TIMEOUT(later, 2000);
    QCOMPARE(ticks, 5);
}

void TestEpollDispatcher::registeredTimersAndRemainingTime()
{
    QObject owner;
    const int id = owner.startTimer(10000, Qt::CoarseTimer);
    QVERIFY(id > 0);
    const auto timers = dispatcher()->registeredTimers(&owner);
    QCOMPARE(timers.size(), 1);
    QCOMPARE(timers.first().timerId, id);
    QCOMPARE(timers.first().interval, 10000);
    QCOMPARE(timers.first().timerType, Qt::CoarseTimer);
    const int left = dispatcher()->remainingTime(id);
    QVERIFY2(left > 9000 && left <= 10000, qPrintable(QString::number(left)));
    owner.killTimer(id);
    QCOMPARE(dispatcher()->remainingTime(id), -1);
    QVERIFY(dispatcher()->registeredTimers(&owner).isEmpty());
}

void TestEpollDispatcher::nestedLoopDoesNotRefireRunningTimer()
{
    QTimer timer;
    timer.setInterval(1);
    int entered = 0;
    int maxDepth = 0;
    int depth = 0;
    connect(&timer, &QTimer::timeout, this, [&] {
        ++entered;
        ++depth;
        maxDepth = qMax(maxDepth, depth);
        if (entered == 1) {
            // A nested loop for 50 ms: other events run, this timer does not fire inside itself.
            QEventLoop nested;
            QTimer::singleShot(50, &nested, &QEventLoop::quit);
            nested.exec();
            timer.stop();
        }
        --depth;
    });
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(!timer.isActive(), 2000);
    QCOMPARE(maxDepth, 1);
}

void TestEpollDispatcher::postedEventsAndDeleteLater()
{
    int ran = 0;
    for (int i = 0; i < 100; ++i)
        QMetaObject::invokeMethod(this, [&] { ++ran; }, Qt::QueuedConnection);
    QPointer<QObject> doomed(new QObject);
    doomed->deleteLater();
    QTRY_COMPARE_WITH_TIMEOUT(ran, 100, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(doomed.isNull(), 2000);
}

void TestEpollDispatcher::wakeUpFromAnotherThread()
{
    // The loop blocks in epoll_wait with no timer due soon; only the other thread's post wakes it.
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &loop, [&] { loop.exit(1); });
    guard.start(10000);
    QElapsedTimer clock;
    clock.start();
    std::thread poster([&loop] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        QMetaObject::invokeMethod(&loop, [&loop] { loop.exit(0); }, Qt::QueuedConnection);
    });
    const int result = loop.exec();
    poster.join();
    QCOMPARE(result, 0);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
}

void TestEpollDispatcher::interruptEndsAThreadsLoop()
{
    QThread thread;
    thread.setEventDispatcher(new EpollDispatcher);
    QSignalSpy started(&thread, &QThread::started);
    thread.start();
    QVERIFY(started.count() == 1 || started.wait(2000));
    // A timer in that thread proves its loop runs on the dispatcher.
    QObject worker;
    worker.moveToThread(&thread);
    std::atomic<bool> ran{false};
    QMetaObject::invokeMethod(&worker, [&] {
        QTimer::singleShot(5, &worker, [&] { ran = true; });
    }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(ran.load(), 2000);
    thread.quit(); // QEventLoop::exit -> interrupt()
    QVERIFY(thread.wait(5000));
}

void TestEpollDispatcher::qtSocketsRunOnIt()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(server.waitForNewConnection(2000));
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    QVERIFY(accepted);
    QByteArray echoed;
    connect(accepted.get(), &QTcpSocket::readyRead, this, [&] { accepted->write(accepted->readAll()); });
    connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
    const QByteArray big(1 << 20, 'q'); // larger than the socket buffers: write notifiers take turns
    QTRY_VERIFY_WITH_TIMEOUT(client.state() == QAbstractSocket::ConnectedState, 2000);
    client.write(big);
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), big.size(), 10000);
    QCOMPARE(echoed, big);
}

int main(int argc, char **argv)
{
    // As switchboard-server does: before the application object (unless SWITCHBOARD_EVENT_LOOP
    // had tests/common/eventloopfromenvironment.cpp install it already).
    if (!dispatcher())
        QCoreApplication::setEventDispatcher(new EpollDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
