#include "proxygate.h"


#include <QSocketNotifier>
#include <QTimer>
#include <QtEndian>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace Switchboard {

ProxyGate::ProxyGate(QObject *parent)
    : QObject(parent)
{
}

bool ProxyGate::parseSubnet(const QString &text, Subnet *out, QString *error)
{
    QString t = text.trimmed();
    if (t.startsWith(QLatin1Char('[')) && t.contains(QLatin1Char(']')))
        t.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    if (!t.contains(QLatin1Char('/'))) {
        QHostAddress single;
        if (!single.setAddress(t)) {
            *error = QStringLiteral("\"%1\" is not an address or a subnet (ADDRESS or ADDRESS/BITS)").arg(text);
            return false;
        }
        *out = {single, single.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
        return true;
    }
    const Subnet subnet = QHostAddress::parseSubnet(t);
    if (subnet.first.isNull()) {
        *error = QStringLiteral("\"%1\" is not an address or a subnet (ADDRESS or ADDRESS/BITS)").arg(text);
        return false;
    }
    *out = subnet;
    return true;
}

bool ProxyGate::isTrusted(const QHostAddress &address) const
{
    // A v4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d.
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    const QHostAddress plain = mapped ? QHostAddress(v4) : address;
    for (const Subnet &s : m_trusted)
        if (plain.isInSubnet(s) || address.isInSubnet(s))
            return true;
    return false;
}

struct ProxyGate::Waiting
{
    qintptr fd = -1;
    QHostAddress peer;
    QByteArray bytes;
    ProxyHeader header;
    QSocketNotifier *notifier = nullptr;
    QTimer *deadline = nullptr;
    Passed passed;
};

ProxyGate::~ProxyGate()
{
    for (Waiting *w : std::as_const(m_waiting)) {
        ::close(int(w->fd));
        delete w;
    }
}

void ProxyGate::admit(qintptr descriptor, const QHostAddress &peer, Passed passed)
{
    if (waiting() >= m_maxWaiting) {
        ::close(int(descriptor));
        emit refused(peer.toString(), QStringLiteral("%1 proxy connections already wait for their header").arg(m_maxWaiting));
        return;
    }
    auto *w = new Waiting;
    w->fd = descriptor;
    w->peer = peer;
    w->passed = std::move(passed);
    w->notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(w->notifier, &QSocketNotifier::activated, this, [this, w] { readMore(w); });
    w->deadline = new QTimer(this);
    w->deadline->setSingleShot(true);
    connect(w->deadline, &QTimer::timeout, this, [this, w] {
        finish(w, QStringLiteral("no PROXY header within %1 ms").arg(m_timeoutMs));
    });
    w->deadline->start(m_timeoutMs);
    m_waiting.append(w);
    readMore(w);
}

// Reads exactly the header, never a byte past it: byte by byte where its end is not known yet
// (v1's line, v2's fixed part), then the announced rest of v2 at once. Nothing is peeked, so a
// partial header waiting in the kernel cannot make the notifier spin.
void ProxyGate::readMore(Waiting *w)
{
    for (;;) {
        qsizetype want = 1;
        const QByteArray &b = w->bytes;
        if (!b.isEmpty() && b.at(0) == '\r') { // v2: 16 fixed bytes, then their length
            if (b.size() < 16) {
                want = 16 - b.size();
            } else {
                const qsizetype total = 16 + qFromBigEndian<quint16>(b.constData() + 14);
                if (total > ProxyHeader::MaxV2Length)
                    return finish(w, QStringLiteral("PROXY v2 header of %1 bytes (at most %2 accepted)").arg(total).arg(ProxyHeader::MaxV2Length));
                want = total - b.size();
            }
        } else if (!b.isEmpty() && b.at(0) == 'P') { // v1: one line
            if (b.endsWith("\r\n"))
                want = 0;
            else if (b.size() >= 107)
                return finish(w, QStringLiteral("PROXY v1 line longer than 107 bytes"));
        } else if (!b.isEmpty()) {
            return finish(w, QStringLiteral("the connection does not start with a PROXY protocol header"));
        }
        if (want == 0)
            break;
        char buf[ProxyHeader::MaxV2Length];
        const ssize_t n = ::recv(int(w->fd), buf, size_t(want), MSG_DONTWAIT);
        if (n == 0)
            return finish(w, QStringLiteral("closed before its PROXY header"));
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return; // the notifier calls again
            return finish(w, QString::fromLocal8Bit(std::strerror(errno)));
        }
        w->bytes.append(buf, n);
    }
    if (w->header.parse(w->bytes) != ProxyHeader::Status::Done || w->header.consumed() != w->bytes.size())
        return finish(w, w->header.error().isEmpty() ? QStringLiteral("malformed PROXY header") : w->header.error());
    finish(w, QString());
}

void ProxyGate::finish(Waiting *w, const QString &failure)
{
    m_waiting.removeOne(w);
    w->notifier->setEnabled(false);
    w->notifier->deleteLater();
    w->deadline->deleteLater();
    if (failure.isEmpty()) {
        w->passed(w->fd, w->header);
    } else {
        ::close(int(w->fd));
        emit refused(w->peer.toString(), failure);
    }
    delete w;
}

} // namespace Switchboard
