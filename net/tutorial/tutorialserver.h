#pragma once
#include "net/chat/chatbot.h"
#include "net/core/endpoint.h"
#include "net/auth/credentials.h"
#include "tutorialcommand.h"
#include "tutorialstream.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

class QFile;
class QTcpServer;
class QTcpSocket;
class QUdpSocket;

namespace Switchboard {

class CaptureSink;
class CommandRunner;
class LoginThrottle;
class UserStore;

// Speaks the protocols of the socket tutorials Switchboard grew from, so a learner's own
// Python scripts work against a Switchboard server (docs/PROTOCOL.md, "Tutorial mode"):
//  - TCP text: every recv() chunk is answered by the chat robot ("q" or "bye" ends);
//  - TCP upload: struct.pack('i', len(head)) + JSON head {"filename", "filesize"} + the bytes,
//    saved (never overwriting) into the upload folder once complete; any number of uploads may
//    follow one another on one connection, however the bytes are cut into recv() chunks;
//  - UDP: each datagram is answered with its upper-case copy, like the tutorial's echo server;
//  - with a join key, the HMAC legitimacy check before anything else on TCP ("legal" or closed);
//  - the login flow: {"operate": "login", "user", "passwd"} checked against the accounts,
//    answered {"flag": true} / {"flag": false}, then usually an upload;
//  - remote commands: text equal to an allowed command's NAME runs it (CommandRunner) and is
//    answered struct.pack('i', len(output)) + output.
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
    // Non-empty: every TCP peer must first answer the 32-byte challenge with its HMAC under this
    // key (HMAC-MD5, 16 bytes, or HMAC-SHA-256, 32 bytes) within the join timeout.
    void setJoinKey(const QByteArray &key) { m_joinKey = key; }
    void setJoinTimeout(int ms) { m_joinTimeoutMs = ms; }
    // Peers refused by the join check (wrong digest or none in time), and accepted.
    quint64 refusedJoins() const { return m_refusedJoins; }
    quint64 acceptedJoins() const { return m_acceptedJoins; }
    // The only programs the remote-command flow may run (none by default), and its limits.
    void setCommands(const QList<TutorialCommand> &commands) { m_commands = commands; }
    void setCommandLimits(int timeoutMs, qint64 maxOutput);
    // The accounts the login flow checks, and the login throttle it counts with (both outlive
    // this server). Without them every login is answered {"flag": false}.
    void setAccounts(UserStore *users, LoginThrottle *throttle);

    static constexpr int DefaultJoinTimeoutMs = 10000;
    static constexpr int DefaultCommandTimeoutMs = 10000;
    static constexpr qint64 DefaultCommandMaxOutput = qint64(1) << 20;


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
        // A login check or a command runs: nothing more is read, and the events after the one
        // that started it wait here.
        bool busy = false;
        QList<TutorialStream::Event> deferred;
        CommandRunner *command = nullptr;
    };
    enum class Next { Continue, Stop, Wait };
    // The tutorial login's password against the verifier (none: no such user), then loginChecked().
    void checkPassword(QTcpSocket *socket, const QString &user, const QString &password,
                       const std::optional<ScramVerifier> &verifier);
    void log(const QString &line);
    static QString peerName(QTcpSocket *socket);
    void accept(QTcpServer *server);
    void readTcp(QTcpSocket *socket);
    // Carries out the stream's events in order; stops once the peer is refused, and pauses
    // (Peer::busy) while a login check or a command runs.
    void handle(QTcpSocket *socket, Peer &peer, const QList<TutorialStream::Event> &events);
    // The login check or command finished: the deferred events, then what waits in the socket.
    void resume(QTcpSocket *socket);
    void challenge(QTcpSocket *socket, Peer &peer);
    Next handleDigest(QTcpSocket *socket, Peer &peer, const TutorialStream::Event &e);
    Next handleLogin(QTcpSocket *socket, Peer &peer, const QJsonObject &request);
    void loginChecked(QTcpSocket *socket, const QString &user, bool ok);
    const TutorialCommand *findCommand(const QString &text) const;
    void runCommand(QTcpSocket *socket, Peer &peer, const TutorialCommand &command);
    void holdShortText(QTcpSocket *socket, Peer &peer);
    void send(QTcpSocket *socket, Peer &peer, const QByteArray &bytes);
    // Answers one error line and closes; nothing more is read from the peer.
    void refuse(QTcpSocket *socket, Peer &peer, const QByteArray &line);
    Next handleText(QTcpSocket *socket, Peer &peer, const QByteArray &chunk);
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
    QByteArray m_joinKey;
    int m_joinTimeoutMs = DefaultJoinTimeoutMs;
    quint64 m_refusedJoins = 0;
    quint64 m_acceptedJoins = 0;
    QList<TutorialCommand> m_commands;
    int m_commandTimeoutMs = DefaultCommandTimeoutMs;
    qint64 m_commandMaxOutput = DefaultCommandMaxOutput;
    UserStore *m_users = nullptr;
    LoginThrottle *m_throttle = nullptr;
    QByteArray m_standInSalt = Credentials::randomSalt(); // for unknown users' logins
};

} // namespace Switchboard
