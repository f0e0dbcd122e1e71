#pragma once
// One raw TCP connection of the socket lab (the client's, or one of the server's): reads chunks
// as the OS delivers them, records every chunk it reads or writes, answers by the auto-reply rules.

#include "labcapture.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace Switchboard {

class AutoReplier;

class LabTcpPeer : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of socket (connected, or connecting for a client).
    LabTcpPeer(QTcpSocket *socket, CaptureSink *sink, const AutoReplier *replier, QObject *parent = nullptr);
    ~LabTcpPeer() override;

    quint64 id() const { return m_capture.id(); }
    QTcpSocket *socket() const { return m_socket; }
    QString peerString() const; // "127.0.0.1:5000"
    bool isConnected() const;
    qint64 bytesReceived() const { return m_received; }
    qint64 bytesSent() const { return m_sent; }

    // Writes bytes as one write; -1 when not connected.
    qint64 send(const QByteArray &bytes);
    // Closes gracefully (pending writes go out first).
    void disconnectFromPeer();
    void setAutoReplier(const AutoReplier *replier) { m_replier = replier; }
    void setCaptureSink(CaptureSink *sink) { m_capture.setSink(sink); }

signals:
    void connected();
    void received(const QByteArray &bytes);
    void sent(const QByteArray &bytes, bool autoReply);
    void errorOccurred(const QString &message);
    void closed(); // the connection ended (either side), or connecting failed

private:
    void readAll();
    qint64 write(const QByteArray &bytes, bool autoReply);

    QTcpSocket *m_socket;
    LabCapture m_capture;
    const AutoReplier *m_replier;
    QString m_peer;
    qint64 m_received = 0;
    qint64 m_sent = 0;
    bool m_closed = false;
};

} // namespace Switchboard
