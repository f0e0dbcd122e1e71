#pragma once
// The socket lab's raw TCP server: listens, accepts any number of clients, sends to one or to all,
// disconnects one; clients() lists them.

#include <QHostAddress>
#include <QObject>

class QTcpServer;

namespace Switchboard {

class AutoReplier;
class CaptureSink;
class LabClientModel;
class LabTcpPeer;

class RawTcpServer : public QObject
{
    Q_OBJECT
public:
    explicit RawTcpServer(QObject *parent = nullptr);
    ~RawTcpServer() override;

    void setCaptureSink(CaptureSink *sink); // not owned
    void setAutoReplier(const AutoReplier *replier);

    // Listens on address:port (0: any free port); false with the reason when it cannot.
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    // Stops listening and drops every client.
    void close();
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;

    LabClientModel *clients() const { return m_clients; }
    int clientCount() const;
    // Client ids are the inspector's connection ids.
    QList<quint64> clientIds() const;
    // Bytes written, or -1 when there is no such client.
    qint64 sendTo(quint64 client, const QByteArray &bytes);
    // The number of clients written to.
    int sendToAll(const QByteArray &bytes);
    bool disconnectClient(quint64 client);

signals:
    void clientConnected(quint64 client, const QString &peer);
    void clientDisconnected(quint64 client, const QString &peer);
    void received(quint64 client, const QString &peer, const QByteArray &bytes);
    void sent(quint64 client, const QString &peer, const QByteArray &bytes, bool autoReply);

private:
    void accept();
    LabTcpPeer *peer(quint64 client) const;

    QTcpServer *m_server;
    LabClientModel *m_clients;
    CaptureSink *m_sink = nullptr;
    const AutoReplier *m_replier = nullptr;
};

} // namespace Switchboard
