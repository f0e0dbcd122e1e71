#pragma once
#include "net/connection/proxyheader.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <functional>

namespace Switchboard {

// Trusted reverse proxies (haproxy "send-proxy-v2", nginx stream "proxy_protocol on") put a
// PROXY protocol header before their client's bytes. A connection from one of the trusted
// subnets waits here, as a bare descriptor, until its header is read from it (exactly the
// header: what follows, a TLS ClientHello or the client's first frame, stays in the kernel for
// the Qt socket made afterwards), or is closed: a broken header, none within the deadline, or
// too many waiting. Connections from anywhere else never pass through and cannot claim an address.
class ProxyGate : public QObject
{
    Q_OBJECT
public:
    using Subnet = QPair<QHostAddress, int>;
    using Passed = std::function<void(qintptr descriptor, const ProxyHeader &header)>;

    explicit ProxyGate(QObject *parent = nullptr);
    ~ProxyGate() override;

    // "192.0.2.10", "10.0.0.0/8", "::1", "2001:db8::/32"; false (and *error) if not one of these.
    static bool parseSubnet(const QString &text, Subnet *out, QString *error);

    void setTrusted(const QList<Subnet> &subnets) { m_trusted = subnets; }
    bool isTrusted(const QHostAddress &address) const;
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setMaxWaiting(int n) { m_maxWaiting = n; }
    int waiting() const { return int(m_waiting.size()); }

    // Takes the descriptor: passed() with it once its header is read, or closes it.
    void admit(qintptr descriptor, const QHostAddress &peer, Passed passed);

signals:
    void refused(const QString &peer, const QString &reason);

private:
    struct Waiting;
    void readMore(Waiting *w);
    void finish(Waiting *w, const QString &failure);

    QList<Subnet> m_trusted;
    int m_timeoutMs = 10000;
    int m_maxWaiting = 1024;
    QList<Waiting *> m_waiting;
};

} // namespace Switchboard
