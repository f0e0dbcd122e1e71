#include "epolldispatcher.h"

#ifdef Q_OS_LINUX
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <cerrno>
#include <chrono>
#include <climits>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace Switchboard {

namespace {

qint64 nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

constexpr qint64 NsPerMs = 1000000;

} // namespace

quint32 EpollDispatcher::Watch::events() const
{
    quint32 e = 0;
    if (read)
        e |= EPOLLIN;
    if (write)
        e |= EPOLLOUT;
    if (exception)
        e |= EPOLLPRI;
    return e;
}

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("EpollDispatcher: cannot create epoll or eventfd descriptors (errno %d)", errno);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wakeFd;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

EpollDispatcher::~EpollDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

void EpollDispatcher::wakeUp()
{
    // One write until the loop has drained it: posting many events costs one syscall.
    int expected = 0;
    if (m_wakeUps.compare_exchange_strong(expected, 1)) {
        const quint64 one = 1;
        while (::write(m_wakeFd, &one, sizeof(one)) < 0 && errno == EINTR) {
        }
    }
}

void EpollDispatcher::interrupt()
{
    m_interrupt.store(true);
    wakeUp();
}

void EpollDispatcher::drainWakeUps()
{
    quint64 count = 0;
    while (::read(m_wakeFd, &count, sizeof(count)) < 0 && errno == EINTR) {
    }
    m_wakeUps.store(0);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.store(false);
    emit awake();
    // Every postEvent() calls wakeUp(), so events posted from now on make the eventfd readable
    // and the wait below returns at once: no need to ask whether the queue is empty.
    QCoreApplication::sendPostedEvents();

    const bool withTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool withNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupt.load();
    if (canWait)
        emit aboutToBlock();
    if (m_interrupt.load())
        return false;

    int timeout = 0;
    if (canWait)
        timeout = withTimers ? waitMs(nowNs()) : -1;
    if (!m_alwaysReady.empty() && withNotifiers)
        timeout = 0;

    int handled = 0;
    if (withNotifiers) {
        // On the stack: a slot may run a nested loop, which must not overwrite this batch.
        // More ready than fit: the rest are reported next time (level-triggered).
        epoll_event ready[256];
        const int n = ::epoll_wait(m_epoll, ready, 256, timeout);
        if (n > 0)
            handled += activateNotifiers(ready, n);
        handled += activateAlwaysReady();
    } else {
        // Sockets wait (level-triggered, they are reported again later); only a wake-up ends this.
        pollfd p{m_wakeFd, POLLIN, 0};
        if (::poll(&p, 1, timeout) > 0) {
            drainWakeUps();
            ++handled;
        }
    }
    if (withTimers)
        handled += activateTimers();
    return handled > 0;
}

int EpollDispatcher::activateNotifiers(const epoll_event *ready, int count)
{
    // Each notifier is looked up when its turn comes: an earlier slot may have disabled or
    // deleted it (then it is no longer in m_watches and is not activated).
    auto fire = [this](int fd, QSocketNotifier *Watch::*which) {
        const auto it = m_watches.find(fd);
        if (it == m_watches.end() || !(it->second.*which))
            return 0;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(it->second.*which, &event);
        return 1;
    };
    int handled = 0;
    for (int i = 0; i < count; ++i) {
        const int fd = ready[i].data.fd;
        const quint32 e = ready[i].events;
        if (fd == m_wakeFd) {
            drainWakeUps();
            ++handled;
            continue;
        }
        // As Qt's poll()-based dispatcher: an error or hang-up wakes readers and writers, who
        // then see it in their read() or write().
        if (e & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP))
            handled += fire(fd, &Watch::read);
        if (e & (EPOLLOUT | EPOLLHUP | EPOLLERR))
            handled += fire(fd, &Watch::write);
        if (e & EPOLLPRI)
            handled += fire(fd, &Watch::exception);
    }
    return handled;
}

int EpollDispatcher::activateAlwaysReady()
{
    // Descriptors epoll refuses (regular files): poll() reports them ready every time.
    int handled = 0;
    const std::vector<int> fds(m_alwaysReady.begin(), m_alwaysReady.end());
    for (int fd : fds) {
        for (QSocketNotifier *Watch::*which : {&Watch::read, &Watch::write}) {
            const auto it = m_watches.find(fd);
            if (it == m_watches.end() || !(it->second.*which))
                continue;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(it->second.*which, &event);
            ++handled;
        }
    }
    return handled;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    if (fd < 0 || fd == m_wakeFd)
        return;
    Watch &w = m_watches[fd];
    const quint32 before = w.events();
    QSocketNotifier **slot = notifier->type() == QSocketNotifier::Read ? &w.read
        : notifier->type() == QSocketNotifier::Write                  ? &w.write
                                                                      : &w.exception;
    if (*slot && *slot != notifier)
        qWarning("EpollDispatcher: a second %s notifier for descriptor %d replaces the first",
                 notifier->type() == QSocketNotifier::Read ? "read" : notifier->type() == QSocketNotifier::Write ? "write" : "exception", fd);
    else if (!*slot)
        ++m_notifierCount;
    *slot = notifier;
    updateWatch(fd, before, w.events());
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    Watch &w = it->second;
    const quint32 before = w.events();
    for (QSocketNotifier **slot : {&w.read, &w.write, &w.exception}) {
        if (*slot == notifier) {
            *slot = nullptr;
            --m_notifierCount;
        }
    }
    const quint32 after = w.events();
    if (after == 0)
        m_watches.erase(it);
    updateWatch(fd, before, after);
}

void EpollDispatcher::updateWatch(int fd, quint32 before, quint32 after)
{
    if (before == after)
        return;
    if (m_alwaysReady.count(fd)) {
        if (after == 0)
            m_alwaysReady.erase(fd);
        return;
    }
    epoll_event ev{};
    ev.events = after;
    ev.data.fd = fd;
    if (after == 0) {
        // Fails harmlessly when the descriptor was closed first (the kernel dropped it then).
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &ev);
        return;
    }
    int op = before == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (::epoll_ctl(m_epoll, op, fd, &ev) == 0)
        return;
    // A descriptor closed and reused without its notifier being disabled first is unknown to
    // epoll (MOD fails) or still known (ADD fails): try the other operation.
    if (errno == ENOENT || errno == EEXIST) {
        op = op == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
        if (::epoll_ctl(m_epoll, op, fd, &ev) == 0)
            return;
    }
    if (errno == EPERM) { // a regular file: always ready, as poll() says
        m_alwaysReady.insert(fd);
        return;
    }
    qWarning("EpollDispatcher: cannot watch descriptor %d (errno %d)", fd, errno);
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    unregisterTimer(timerId);
    const qint64 deadline = nowNs() + interval * NsPerMs;
    m_timers.emplace(timerId, Timer{interval, timerType, object, deadline});
    m_queue.emplace(deadline, timerId);
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_queue.erase({it->second.deadlineNs, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_queue.erase({it->second.deadlineNs, it->first});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> out;
    for (const auto &[id, t] : m_timers)
        if (t.object == object)
            out.append(TimerInfo(id, int(t.intervalMs), t.type));
    return out;
}

int EpollDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    const qint64 left = it->second.deadlineNs - nowNs();
    return left <= 0 ? 0 : int(qMin<qint64>((left + NsPerMs - 1) / NsPerMs, INT_MAX));
}

int EpollDispatcher::waitMs(qint64 now) const
{
    for (const auto &[deadline, id] : m_queue) {
        if (m_timers.at(id).firing)
            continue; // its event is running (a nested loop): it is not due again until it returns
        const qint64 left = deadline - now;
        return left <= 0 ? 0 : int(qMin<qint64>((left + NsPerMs - 1) / NsPerMs, INT_MAX));
    }
    return -1;
}

int EpollDispatcher::activateTimers()
{
    if (m_queue.empty())
        return 0;
    const qint64 now = nowNs();
    std::vector<int> due;
    for (const auto &[deadline, id] : m_queue) {
        if (deadline > now)
            break;
        due.push_back(id);
    }
    int fired = 0;
    for (int id : due) {
        auto it = m_timers.find(id);
        // Killed by an earlier timer's slot, restarted (not due yet), or running in an outer loop.
        if (it == m_timers.end() || it->second.deadlineNs > now || it->second.firing)
            continue;
        Timer &t = it->second;
        m_queue.erase({t.deadlineNs, id});
        // Keep the phase; a timer that fell behind (a long slot) fires once, not once per period missed.
        t.deadlineNs += t.intervalMs * NsPerMs;
        if (t.deadlineNs <= now)
            t.deadlineNs = now + t.intervalMs * NsPerMs;
        m_queue.emplace(t.deadlineNs, id);
        t.firing = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(t.object, &event);
        it = m_timers.find(id); // the slot may have killed it (or another timer took its id)
        if (it != m_timers.end())
            it->second.firing = false;
        ++fired;
    }
    return fired;
}

} // namespace Switchboard
#endif // Q_OS_LINUX
