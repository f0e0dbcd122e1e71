#pragma once
#include "net/chat/chatbot.h"
#include "net/core/endpoint.h"
#include "tutorialstream.h"

#include <QHash>
#include <QObject>

#include <memory>

class QFile;
class QTcpServer;
class QTcpSocket;
class QUdpSocket;

namespace Switchboard {

class CaptureSink;

// Speaks the protocols of the socket tutorials Switchboard grew from, so a learner's own
// Python scripts work against a Switchboard server (docs/PROTOCOL.md, "Tutorial mode"):
//  - TCP text: every recv() chunk is answered by the chat robot ("q" or "bye" ends);
//  - TCP upload: struct.pack('i', len(head)) + JSON head {"filename", "filesize"} + the bytes,
//    saved (never overwriting) into the upload folder once complete; any number of uploads may
//    follow one another on one connection, however the bytes are cut into recv() chunks;
//  - UDP: each datagram is answered with its upper-case copy, like the tutorial's echo server.
// Every chunk and datagram is reported to the capture sink, so the inspector shows them.
class TutorialServer : public QObject
{
    Q_OBJECT
public:
    explicit TutorialServer(QObject *parent = nullptr);
    ~TutorialServer() override;

    bool listenTcp(const QHostAddress &address, quint16 port, QString *error);
    bool listenUdp(const QHostAddress &address, quint16 port, QString *error);
    QList<Endpoint> tcpEndpoints() const;
    QList<Endpoint> udpEndpoints() const;
    void setUploadDir(const QString &dir) { m_uploadDir = dir; }
    // Shares the sink's ownership (nullptr: no capture).
    void setCaptureSink(std::shared_ptr<CaptureSink> sink) { m_sink = std::move(sink); }
    // Largest upload accepted (bytes).
    void setMaxUploadSize(qint64 bytes) { m_maxUpload = bytes; }
    // How long 1 to 3 bytes that may start a length prefix wait for more before they are
    // answered as text.
    void setShortTextWait(int ms) { m_shortTextWaitMs = ms; }


signals:
    void fileReceived(const QString &path, qint64 size);
    // Each line logged to switchboard.server (English), for a GUI's server log.
    void logMessage(const QString &line);

private:
    struct Peer
    {
        TutorialStream stream; // what the bytes received so far mean
        QFile *file = nullptr;
        QString finalName;
        qint64 received = 0;
        qint64 sent = 0;
    };
    void log(const QString &line);
    void accept(QTcpServer *server);
    void readTcp(QTcpSocket *socket);
    // Carries out the stream's events in order; stops once the peer is refused.
    void handle(QTcpSocket *socket, Peer &peer, const QList<TutorialStream::Event> &events);
    void holdShortText(QTcpSocket *socket, Peer &peer);
    void send(QTcpSocket *socket, Peer &peer, const QByteArray &bytes);
    // Answers one error line and closes; nothing more is read from the peer.
    void refuse(QTcpSocket *socket, Peer &peer, const QByteArray &line);
    // False when the text ended the conversation.
    bool handleText(QTcpSocket *socket, Peer &peer, const QByteArray &chunk);
    bool startUpload(QTcpSocket *socket, Peer &peer, const QString &name, qint64 size);
    void finishUpload(QTcpSocket *socket, Peer &peer);
    void dropPeer(QTcpSocket *socket);
    void readUdp(QUdpSocket *socket);
    void capture(int kind, bool inbound, bool udp, const QHostAddress &local, quint16 localPort,
                 const QHostAddress &peer, quint16 peerPort, const QByteArray &bytes, qint64 offset);

    QList<QTcpServer *> m_tcp;
    QList<QUdpSocket *> m_udp;
    QHash<QTcpSocket *, Peer> m_peers;
    QString m_uploadDir;
    qint64 m_maxUpload = qint64(4) << 30;
    int m_shortTextWaitMs = 300;
    std::shared_ptr<CaptureSink> m_sink;
    ChatBot m_bot{QStringLiteral("robot")};
};

} // namespace Switchboard
