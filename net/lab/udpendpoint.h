#pragma once
// The socket lab's UDP endpoint: bind, send datagrams to any host:port, broadcast, receive.

#include "labcapture.h"

#include <QHostAddress>
#include <QObject>

class QUdpSocket;

namespace Switchboard {

class AutoReplier;

class UdpEndpoint : public QObject
{
    Q_OBJECT
public:
    explicit UdpEndpoint(QObject *parent = nullptr);
    ~UdpEndpoint() override;

    void setCaptureSink(CaptureSink *sink) { m_capture.setSink(sink); } // not owned
    void setAutoReplier(const AutoReplier *replier) { m_replier = replier; }

    // Binds address:port (port 0: any free port); false with the reason when it cannot.
    bool bind(const QHostAddress &address, quint16 port, QString *error = nullptr);
    void close();
    bool isBound() const;
    quint16 localPort() const;
    QHostAddress localAddress() const;
    quint64 captureId() const { return m_capture.id(); }

    // One datagram to host:port (binds to any port first if not bound); bytes sent or -1 (see error).
    qint64 sendTo(const QHostAddress &host, quint16 port, const QByteArray &bytes, QString *error = nullptr);
    // One datagram to a broadcast address (by default 255.255.255.255; a subnet's, such as
    // 192.168.1.255, leaves by that interface only). Only on a network the user chose: tests run
    // it inside a network namespace.
    qint64 broadcast(quint16 port, const QByteArray &bytes, QString *error = nullptr,
                     const QHostAddress &address = QHostAddress(QHostAddress::Broadcast));

signals:
    void received(const QString &peer, const QByteArray &bytes);
    void sent(const QString &peer, const QByteArray &bytes, bool autoReply);

private:
    void readPending();
    qint64 write(const QHostAddress &host, quint16 port, const QByteArray &bytes, bool autoReply, QString *error);

    QUdpSocket *m_socket;
    LabCapture m_capture;
    const AutoReplier *m_replier = nullptr;
};

} // namespace Switchboard
