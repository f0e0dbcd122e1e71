#include "proxyconnection.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSocketNotifier>

#include <atomic>
#include <cmath>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

namespace Switchboard {

namespace {

// Capture ids of the proxy's legs, far above Connection's so both can share one inspector.
std::atomic<quint64> s_nextLegId{quint64(1) << 40};

void setNoDelay(int fd)
{
    // Pieces must leave as they are written, not wait for Nagle to glue them.
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

} // namespace

socklen_t ProxyConnection::toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *out)
{
    std::memset(out, 0, sizeof *out);
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        auto *in = reinterpret_cast<sockaddr_in *>(out);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(v4);
        return sizeof(sockaddr_in);
    }
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(out);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    const Q_IPV6ADDR a = address.toIPv6Address();
    std::memcpy(&in6->sin6_addr, a.c, 16);
    in6->sin6_scope_id = address.scopeId().toUInt();
    return sizeof(sockaddr_in6);
}

void ProxyConnection::fromSockaddr(const sockaddr_storage &in, QHostAddress *address, quint16 *port)
{
    if (in.ss_family == AF_INET) {
        const auto *a = reinterpret_cast<const sockaddr_in *>(&in);
        *address = QHostAddress(ntohl(a->sin_addr.s_addr));
        *port = ntohs(a->sin_port);
    } else {
        const auto *a = reinterpret_cast<const sockaddr_in6 *>(&in);
        *address = QHostAddress(reinterpret_cast<const quint8 *>(&a->sin6_addr));
        *port = ntohs(a->sin6_port);
    }
}

ProxyConnection::ProxyConnection(int clientFd, const QHostAddress &client, quint16 clientPort,
                                 const QHostAddress &listen, quint16 listenPort, const QHostAddress &target,
                                 quint16 targetPort, const std::array<ProxyKnobs, 2> *knobs, CaptureSink *sink,
                                 QObject *parent)
    : QObject(parent), m_target(target), m_targetPort(targetPort), m_knobs(knobs), m_sink(sink)
{
    m_fd[0] = clientFd;
    m_address[0][0] = listen;
    m_port[0][0] = listenPort;
    m_address[0][1] = client;
    m_port[0][1] = clientPort;
    m_address[1][1] = target;
    m_port[1][1] = targetPort;
    m_legId[0] = s_nextLegId.fetch_add(1);
    m_legId[1] = s_nextLegId.fetch_add(1);
    m_clock.start();
    setNoDelay(clientFd);
}

ProxyConnection::~ProxyConnection()
{
    if (!m_finished)
        closeAll(QString());
}

QString ProxyConnection::clientString() const
{
    return m_address[0][1].protocol() == QAbstractSocket::IPv6Protocol
               ? QStringLiteral("[%1]:%2").arg(m_address[0][1].toString()).arg(m_port[0][1])
               : QStringLiteral("%1:%2").arg(m_address[0][1].toString()).arg(m_port[0][1]);
}

void ProxyConnection::start()
{
    sockaddr_storage to;
    const socklen_t length = toSockaddr(m_target, m_targetPort, &to);
    m_fd[1] = ::socket(to.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd[1] < 0) {
        closeAll(QStringLiteral("cannot create a socket: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    setNoDelay(m_fd[1]);
    if (::connect(m_fd[1], reinterpret_cast<const sockaddr *>(&to), length) == 0) {
        onConnectResult();
        return;
    }
    if (errno != EINPROGRESS) {
        closeAll(QStringLiteral("cannot connect to the target: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    m_connecting = new QSocketNotifier(m_fd[1], QSocketNotifier::Write, this);
    connect(m_connecting, &QSocketNotifier::activated, this, &ProxyConnection::onConnectResult);
}

void ProxyConnection::onConnectResult()
{
    if (m_connecting) {
        m_connecting->setEnabled(false);
        m_connecting->deleteLater();
        m_connecting = nullptr;
    }
    if (m_finished)
        return;
    int error = 0;
    socklen_t size = sizeof error;
    ::getsockopt(m_fd[1], SOL_SOCKET, SO_ERROR, &error, &size);
    if (error != 0) {
        closeAll(QStringLiteral("cannot connect to the target: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
        return;
    }
    sockaddr_storage local;
    socklen_t localSize = sizeof local;
    if (::getsockname(m_fd[1], reinterpret_cast<sockaddr *>(&local), &localSize) == 0)
        fromSockaddr(local, &m_address[1][0], &m_port[1][0]);

    for (int d : {Up, Down}) {
        Pipe &p = m_pipe[d];
        p.from = m_fd[d == Up ? 0 : 1];
        p.to = m_fd[d == Up ? 1 : 0];
        p.readable = new QSocketNotifier(p.from, QSocketNotifier::Read, this);
        p.writable = new QSocketNotifier(p.to, QSocketNotifier::Write, this);
        p.writable->setEnabled(false);
        p.timer = new QTimer(this);
        p.timer->setSingleShot(true);
        p.timer->setTimerType(Qt::PreciseTimer);
        connect(p.readable, &QSocketNotifier::activated, this, [this, d] { onReadable(d); });
        connect(p.writable, &QSocketNotifier::activated, this, [this, d] {
            m_pipe[d].writable->setEnabled(false);
            pump(d);
        });
        connect(p.timer, &QTimer::timeout, this, [this, d] { pump(d); });
    }
    record(0, CaptureRecord::Kind::Event, CaptureRecord::Direction::In, {}, 0,
           QStringLiteral("proxy: client connected, forwarding to %1:%2").arg(m_target.toString()).arg(m_targetPort));
    record(1, CaptureRecord::Kind::Event, CaptureRecord::Direction::Out, {}, 0,
           QStringLiteral("proxy: connected to the target for client %1").arg(clientString()));
    emit connected();
}

void ProxyConnection::record(int leg, CaptureRecord::Kind kind, CaptureRecord::Direction dir, const QByteArray &bytes,
                             qint64 offset, const QString &text)
{
    if (!m_sink)
        return;
    CaptureRecord r;
    r.kind = kind;
    r.direction = dir;
    r.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000 + m_clock.nsecsElapsed() / 1000 % 1000;
    r.connectionId = m_legId[leg];
    r.localAddress = m_address[leg][0];
    r.localPort = m_port[leg][0];
    r.peerAddress = m_address[leg][1];
    r.peerPort = m_port[leg][1];
    r.bytes = bytes;
    r.streamOffset = offset;
    r.text = text;
    m_sink->record(r);
}

void ProxyConnection::onReadable(int d)
{
    Pipe &p = m_pipe[d];
    QByteArray buffer(ReadSize, Qt::Uninitialized);
    const ssize_t n = ::recv(p.from, buffer.data(), size_t(buffer.size()), 0);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return;
        closeAll(QStringLiteral("%1 reset the connection (%2)")
                     .arg(d == Up ? QStringLiteral("the client") : QStringLiteral("the target"),
                          QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    // Leg of the source: the client leg reads what goes up, the target leg what comes down.
    const int leg = d == Up ? 0 : 1;
    const auto in = CaptureRecord::Direction::In;
    if (n == 0) {
        p.eof = true;
        p.readable->setEnabled(false);
        record(leg, CaptureRecord::Kind::Event, in, {}, p.readOffset,
               QStringLiteral("proxy: FIN from %1").arg(d == Up ? QStringLiteral("the client") : QStringLiteral("the target")));
        // What is being coalesced leaves now: nothing more will join it.
        if (!p.coalesced.isEmpty())
            p.coalesceDueMs = nowMs();
        pump(d);
        return;
    }
    buffer.truncate(n);
    ++m_stats.reads[d];
    record(leg, CaptureRecord::Kind::Chunk, in, buffer, p.readOffset);
    p.readOffset += n;
    const ProxyKnobs &k = knobs(d);
    if (k.coalesceMs > 0) {
        if (p.coalesced.isEmpty())
            p.coalesceDueMs = nowMs() + k.coalesceMs;
        p.coalesced += buffer;
        if (p.coalesced.size() >= MaxQueuedBytes)
            p.coalesceDueMs = nowMs();
    } else {
        schedule(d, buffer, nowMs());
    }
    applyBackpressure(d);
    pump(d);
}

void ProxyConnection::schedule(int d, const QByteArray &bytes, qint64 arrivalMs)
{
    Pipe &p = m_pipe[d];
    const ProxyKnobs &k = knobs(d);
    const qint64 due = arrivalMs + qMax(0, k.latencyMs);
    // A throttled direction writes in slices of about 20 ms each so the rate stays smooth.
    qsizetype slice = k.rateBytesPerSecond > 0 ? qsizetype(qMax<qint64>(1, k.rateBytesPerSecond / 50)) : bytes.size();
    for (qsizetype at = 0; at < bytes.size();) {
        qsizetype size = bytes.size() - at;
        if (k.splits()) {
            const int hi = qMax(k.splitMin, k.splitMax);
            size = k.splitMin == hi ? k.splitMin : QRandomGenerator::global()->bounded(k.splitMin, hi + 1);
        }
        size = qMin(qMin(size, slice), bytes.size() - at);
        p.queue.push_back(Piece{at == 0 && size == bytes.size() ? bytes : bytes.mid(at, size), due, 0});
        p.queued += size;
        at += size;
    }
}

void ProxyConnection::applyBackpressure(int d)
{
    Pipe &p = m_pipe[d];
    if (!p.readable || p.eof)
        return;
    const qint64 held = p.queued + p.coalesced.size();
    if (held > MaxQueuedBytes)
        p.readable->setEnabled(false);
    else if (held <= MaxQueuedBytes / 2)
        p.readable->setEnabled(true);
}

void ProxyConnection::knobsChanged()
{
    for (int d : {Up, Down}) {
        Pipe &p = m_pipe[d];
        if (!p.readable)
            continue;
        if (!p.coalesced.isEmpty() && knobs(d).coalesceMs <= 0)
            p.coalesceDueMs = nowMs();
        pump(d);
    }
}

void ProxyConnection::pump(int d)
{
    if (m_finished)
        return;
    Pipe &p = m_pipe[d];
    const ProxyKnobs &k = knobs(d);
    const int leg = d == Up ? 1 : 0; // the destination's leg
    qint64 now = nowMs();
    if (!p.coalesced.isEmpty() && now >= p.coalesceDueMs) {
        const QByteArray bytes = p.coalesced;
        p.coalesced.clear();
        schedule(d, bytes, p.coalesceDueMs);
    }
    while (!p.queue.empty()) {
        Piece &head = p.queue.front();
        const qint64 earliest = qMax(head.dueMs, qint64(std::ceil(p.nextWriteMs)));
        if (earliest > now) {
            p.timer->start(int(qMin<qint64>(earliest - now, 60000)));
            break;
        }
        qsizetype size = head.bytes.size() - head.sent;
        if (k.closeAfter >= 0)
            size = qMin<qsizetype>(size, qMax<qint64>(0, k.closeAfter - m_stats.bytes[d]));
        ssize_t n = 0;
        if (size > 0) {
            n = ::send(p.to, head.bytes.constData() + head.sent, size_t(size), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    p.writable->setEnabled(true);
                    break;
                }
                closeAll(QStringLiteral("%1 is gone (%2)")
                             .arg(d == Up ? QStringLiteral("the target") : QStringLiteral("the client"),
                                  QString::fromLocal8Bit(std::strerror(errno))));
                return;
            }
            ++m_stats.writes[d];
            m_stats.bytes[d] += n;
            record(leg, CaptureRecord::Kind::Chunk, CaptureRecord::Direction::Out,
                   head.bytes.mid(head.sent, n), p.writeOffset);
            p.writeOffset += n;
            head.sent += n;
        }
        if (k.closeAfter >= 0 && m_stats.bytes[d] >= k.closeAfter) {
            closeAll(QStringLiteral("closed after %1 bytes %2 (--close-after)")
                         .arg(k.closeAfter)
                         .arg(d == Up ? QStringLiteral("up") : QStringLiteral("down")));
            return;
        }
        now = nowMs();
        if (k.splits())
            p.nextWriteMs = double(now + qMax(0, k.splitDelayMs));
        if (k.rateBytesPerSecond > 0)
            p.nextWriteMs = qMax(p.nextWriteMs, double(now)) + double(n) * 1000.0 / double(k.rateBytesPerSecond);
        if (head.sent < head.bytes.size()) {
            p.writable->setEnabled(true); // the kernel took part of it: wait for room
            break;
        }
        p.queued -= head.bytes.size();
        p.queue.pop_front();
    }
    if (!p.coalesced.isEmpty() && p.queue.empty())
        p.timer->start(int(qBound(qint64(0), p.coalesceDueMs - now, qint64(60000))));
    applyBackpressure(d);
    if (p.eof && !p.shutDown && p.queue.empty() && p.coalesced.isEmpty()) {
        ::shutdown(p.to, SHUT_WR);
        p.shutDown = true;
        m_stats.finPassed[d] = true;
        record(leg, CaptureRecord::Kind::Event, CaptureRecord::Direction::Out, {}, p.writeOffset,
               QStringLiteral("proxy: FIN passed on to %1").arg(d == Up ? QStringLiteral("the target") : QStringLiteral("the client")));
        finishIfDone();
    }
}

void ProxyConnection::finishIfDone()
{
    if (m_pipe[Up].shutDown && m_pipe[Down].shutDown)
        closeAll(QStringLiteral("closed (FIN passed both ways)"));
}

void ProxyConnection::abort(const QString &reason)
{
    closeAll(reason);
}

void ProxyConnection::closeAll(const QString &reason)
{
    if (m_finished)
        return;
    m_finished = true;
    // Deleted later: this may run inside one of their own signals.
    for (QObject *o : std::initializer_list<QObject *>{m_connecting, m_pipe[0].readable, m_pipe[0].writable,
                                                       m_pipe[0].timer, m_pipe[1].readable, m_pipe[1].writable,
                                                       m_pipe[1].timer}) {
        if (auto *n = qobject_cast<QSocketNotifier *>(o))
            n->setEnabled(false);
        if (auto *t = qobject_cast<QTimer *>(o))
            t->stop();
        if (o)
            o->deleteLater();
    }
    m_connecting = nullptr;
    for (Pipe &p : m_pipe) {
        p.readable = p.writable = nullptr;
        p.timer = nullptr;
        p.queue.clear();
    }
    for (int &fd : m_fd) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    if (!reason.isEmpty()) {
        record(0, CaptureRecord::Kind::Event, CaptureRecord::Direction::In, {}, 0, QStringLiteral("proxy: ") + reason);
        emit finished(reason);
    }
}

} // namespace Switchboard
