#pragma once
// One UDP socket speaking the discovery datagrams (net/protocol/discoverydatagram.h): it decodes
// what arrives, counts and drops what is not a discovery datagram, and sends to a list of targets.

#include "net/protocol/discoverydatagram.h"

#include <QHostAddress>
#include <QObject>

class QUdpSocket;

namespace Switchboard {

class DiscoverySocket : public QObject
{
    Q_OBJECT
public:
    explicit DiscoverySocket(QObject *parent = nullptr);
    ~DiscoverySocket() override;

    // port 0: any free port. shared: several programs on one host may bind the same port (every
    // one of them receives broadcasts and multicasts; a unicast reaches only one).
    bool bind(quint16 port, bool shared, QString *error);
    quint16 localPort() const;
    // Returns how many targets the datagram left for.
    int send(const QByteArray &datagram, const QList<QHostAddress> &targets, quint16 port);
    bool sendTo(const QByteArray &datagram, const QHostAddress &target, quint16 port);
    // Datagrams dropped: oversized, junk, or of an unknown kind or format version.
    qint64 ignoredCount() const { return m_ignored; }

signals:
    // sender is normalized: IPv4 as IPv4 (not v4-mapped), IPv6 link-local with its scope.
    void received(const Discovery::Datagram &datagram, const QHostAddress &sender, quint16 senderPort);
    void ignored(const QHostAddress &sender, const QString &why);

private:
    void readPending();

    QUdpSocket *m_socket;
    qint64 m_ignored = 0;
};

} // namespace Switchboard
