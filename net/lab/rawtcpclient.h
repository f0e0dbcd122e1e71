#pragma once
// The socket lab's raw TCP client: connect to any host:port, send bytes, see what comes back.

#include <QObject>
#include <QPointer>

namespace Switchboard {

class AutoReplier;
class CaptureSink;
class LabTcpPeer;

class RawTcpClient : public QObject
{
    Q_OBJECT
public:
    explicit RawTcpClient(QObject *parent = nullptr);
    ~RawTcpClient() override;

    // Not owned; must outlive the client (or be unset first).
    void setCaptureSink(CaptureSink *sink);
    void setAutoReplier(const AutoReplier *replier);

    // Drops any current connection and connects; connected() or closed() follows.
    void connectToHost(const QString &host, quint16 port);
    void disconnectFromHost();
    bool isConnected() const;
    bool isConnecting() const;
    // One write of bytes; -1 when not connected.
    qint64 send(const QByteArray &bytes);
    QString peerString() const;
    quint64 captureId() const; // the inspector's connection id of the current connection (0 if none)

signals:
    void connected();
    void received(const QString &peer, const QByteArray &bytes);
    void sent(const QString &peer, const QByteArray &bytes, bool autoReply);
    void errorOccurred(const QString &message);
    void disconnected();

private:
    CaptureSink *m_sink = nullptr;
    const AutoReplier *m_replier = nullptr;
    QPointer<LabTcpPeer> m_peer;
};

} // namespace Switchboard
