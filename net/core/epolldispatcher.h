#pragma once
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <QAbstractEventDispatcher>

#include <atomic>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sys/epoll.h>

namespace Switchboard {

// An event dispatcher on Linux epoll for a thread that holds thousands of idle sockets (the
// server). Qt's own dispatchers (glib's and the Unix one) build a poll() set of every socket
// notifier on every wake-up, so each wake-up costs time in proportion to the connections held:
// ~82 % of the server's CPU with 5,000 idle ones. Here a notifier is one epoll_ctl when it is
// enabled or disabled, and a wake-up costs only the descriptors that are ready.
// Timers sit in an ordered set by deadline (all at millisecond precision; coarse timers are
// not spread), posted events and wakeUp() go through an eventfd. Install it before the
// thread's first event loop: QCoreApplication::setEventDispatcher() before the application
// object, or QThread::setEventDispatcher() before start().
class EpollDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

    // Socket notifiers registered now (tests, diagnostics).
    int notifierCount() const { return m_notifierCount; }

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 events() const;
    };
    struct Timer
    {
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 deadlineNs;
        bool firing = false; // its event is being delivered: a nested loop does not fire it again
    };

    void updateWatch(int fd, quint32 before, quint32 after);
    int waitMs(qint64 nowNs) const;
    int activateTimers();
    int activateNotifiers(const epoll_event *ready, int count);
    int activateAlwaysReady();
    void drainWakeUps();

    int m_epoll = -1;
    int m_wakeFd = -1; // eventfd: wakeUp() and interrupt() from any thread
    std::atomic<int> m_wakeUps{0};
    std::atomic<bool> m_interrupt{false};
    std::unordered_map<int, Watch> m_watches;
    std::set<int> m_alwaysReady; // descriptors epoll cannot watch (regular files)
    int m_notifierCount = 0;
    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_queue; // (deadline ns, timer id)
};

} // namespace Switchboard
#endif // Q_OS_LINUX
