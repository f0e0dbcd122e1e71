#pragma once
// A chat room on the LAN with no server (docs/PROTOCOL.md section 13): every message is one UDP
// datagram broadcast (IPv4) and multicast (IPv6 ff02::1) on the chosen interfaces. Sequence
// numbers per sender show gaps and reordering; a missing message is asked for once, after a short
// delay, and the sender answers once from a bounded history. Unauthenticated and unencrypted.

#include "net/discovery/discoveryscope.h"
#include "net/protocol/udproomdatagram.h"
#include "udproommodel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <map>

class QTimer;
class QUdpSocket;

namespace Switchboard {

class CaptureSink;

struct UdpRoomPeer
{
    QString id;
    QString name;
    QHostAddress address; // where its datagrams come from (and resend requests go)
    quint16 port = 0;
};

class UdpRoom : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultResendDelayMs = 400;
    static constexpr int HistorySize = 256; // own messages kept for resend requests
    static constexpr int MaxGap = 64;       // placeholders made for one jump in a sender's sequence

    explicit UdpRoom(QObject *parent = nullptr);
    ~UdpRoom() override;

    // Before join().
    void setDisplayName(const QString &name) { m_name = name.left(UdpRooms::MaxNameChars); }
    // Only these interfaces (by name); empty: every up interface.
    void setInterfaces(const QStringList &names) { m_interfaceNames = names; }
    void setPort(quint16 port) { m_port = port; }
    void setResendDelayMs(int ms) { m_resendDelayMs = ms; }
    void setHelloIntervalMs(int ms) { m_helloIntervalMs = ms; }
    void setCaptureSink(CaptureSink *sink) { m_sink = sink; }

    bool join(const QString &room, QString *error = nullptr);
    // Says bye to the peers; join() may be called again.
    void leave();
    // False (and why) when the text is empty or does not fit one datagram, or the room is not joined.
    bool send(const QString &text, QString *error = nullptr);

    bool isJoined() const { return m_roomSocket != nullptr; }
    QString room() const { return m_room; }
    QString displayName() const { return m_name; }
    QString senderId() const { return m_id; }
    quint16 port() const { return m_port; }
    QStringList interfaces() const { return m_scope.interfaceNames(); }
    UdpRoomModel *model() const { return m_model; }
    QList<UdpRoomPeer> peers() const;

    qint64 ignoredCount() const { return m_ignored; }        // malformed, oversized, not ours
    qint64 duplicateCount() const { return m_duplicates; }
    qint64 resendRequestsSent() const { return m_resendRequests; }
    qint64 resendsAnswered() const { return m_resendsAnswered; }

    // Test hooks: the own message with this sequence number is not sent at all (a lost datagram;
    // it stays in the history, so a resend request recovers it), or is held back and sent right
    // after the next one (reordering).
    void dropOutgoingMessage(qint64 seq) { m_drop.insert(seq); }
    void holdOutgoingMessage(qint64 seq) { m_hold.insert(seq); }

signals:
    // A row was added or changed in model() for a message from a peer (not for own messages).
    void messageArrived(int row);
    void peersChanged();
    void ignored(const QHostAddress &sender, const QString &why);

private:
    struct Peer
    {
        UdpRoomPeer info;
        qint64 highest = -1;      // highest sequence number seen; -1: nothing heard yet
        QSet<qint64> seen;        // recent sequence numbers received, for dropping duplicates
        QSet<qint64> asked;       // missing ones asked for
        QElapsedTimer heard;
        int intervalMs = UdpRooms::DefaultHelloIntervalMs;
    };
    struct Sent
    {
        QByteArray bytes;
        QSet<QString> answered; // requesters already answered: once each
    };

    UdpRooms::Datagram datagram(UdpRooms::Datagram::Kind kind) const; // this room, from us
    void readPending(QUdpSocket *socket);
    void handle(const UdpRooms::Datagram &d, const QHostAddress &sender, quint16 senderPort);
    void onMessage(Peer &peer, const UdpRooms::Datagram &d);
    void onResend(const UdpRooms::Datagram &d, const QHostAddress &sender, quint16 senderPort);
    Peer &peerFor(const UdpRooms::Datagram &d, const QHostAddress &sender, quint16 senderPort);
    void markMissing(Peer &peer, qint64 upTo);
    void askMissing(const QString &peerId);
    void markLost(const QString &peerId, const QList<qint64> &seqs);
    // Broadcast, or unicast to one peer.
    void sayHello(const QHostAddress &to = QHostAddress(), quint16 port = 0);
    void forgetSilentPeers();
    void broadcast(const QByteArray &bytes, const QString &kind);
    void sendTo(const QByteArray &bytes, const QString &kind, const QHostAddress &target, quint16 port);
    void capture(bool inbound, quint16 localPort, const QHostAddress &peer, quint16 peerPort, const QByteArray &bytes, const QString &kind);

    QString m_id;
    QString m_name;
    QString m_room;
    QStringList m_interfaceNames;
    quint16 m_port = UdpRooms::DefaultPort;
    int m_resendDelayMs = DefaultResendDelayMs;
    int m_helloIntervalMs = UdpRooms::DefaultHelloIntervalMs;
    CaptureSink *m_sink = nullptr;
    DiscoveryScope m_scope;
    QUdpSocket *m_roomSocket = nullptr; // the shared room port: broadcasts and multicasts
    QUdpSocket *m_ownSocket = nullptr;  // a port of our own: everything sent, unicast answers
    QTimer *m_helloTimer;
    UdpRoomModel *m_model;
    QHash<QString, Peer> m_peers;
    QHash<QString, QElapsedTimer> m_departed; // senders that said bye, while their late copies may come
    std::map<qint64, Sent> m_history; // own messages by sequence number, the last HistorySize
    qint64 m_seq = 0;
    QSet<qint64> m_drop;
    QSet<qint64> m_hold;
    QByteArray m_held; // a held-back message, sent after the next one
    qint64 m_ignored = 0;
    qint64 m_duplicates = 0;
    qint64 m_resendRequests = 0;
    qint64 m_resendsAnswered = 0;
};

} // namespace Switchboard
