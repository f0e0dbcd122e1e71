#pragma once
#include "net/connection/tcpconnection.h"
#include "net/tls/clienttls.h"
#include "net/protocol/frame.h"
#include "net/protocol/messages.h"
#include "net/protocol/requesttable.h"
#include "net/protocol/router.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Switchboard {

class CaptureSink;

// One connection to a Switchboard server, driven entirely by signals; it never blocks. It owns
// the client half of the dispatcher: replies are matched to their request by id (RequestTable,
// with a timeout per request), pushed frames go to the handler registered for their type
// (Router, the same mechanism the server uses). ClientSession, the transfers and the CLI all
// talk to the server through it.
//
// Connecting never hangs: TCP connect and the hello exchange each have a deadline, and a peer
// that answers with something other than a Switchboard hello is reported as not_switchboard
// with the first bytes it sent.
class ChatClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Negotiating, Ready };
    Q_ENUM(State)

    static constexpr int DefaultRequestTimeoutMs = 30000;
    static constexpr quint32 MaxInboundHeaderBytes = 16 * 1024 * 1024;

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    State state() const { return m_state; }
    QString serverName() const { return m_hello.server; }
    const Protocol::HelloReply &serverHello() const { return m_hello; }
    QString peerName() const;
    void setCaptureSink(CaptureSink *sink);
    void setClientName(const QString &name) { m_clientName = name; }
    // 0 disables keepalive pings.
    void setKeepaliveInterval(int ms);
    // How long TCP connect may take, and how long the server may take to answer hello.
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }
    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }
    int handshakeTimeout() const { return m_handshakeTimeoutMs; }
    TcpConnection *connection() const { return m_connection; }
    // TLS and whom to trust, for the next connections. A ChatClient speaks plaintext until this
    // is called: the GUI and the CLI always call it (TLS on unless the user chose otherwise);
    // tests against in-process plaintext servers do not.
    void setTls(const ClientTls &tls) { m_tls = tls; }
    const ClientTls &tls() const { return m_tls; }
    // The connection runs TLS (the server passed the trust check).
    bool isEncrypted() const;
    // The server certificate's fingerprint ("SHA256:...") on a TLS connection; empty otherwise.
    QString serverFingerprint() const { return m_fingerprint; }
    // "TLSv1.3 TLS_AES_256_GCM_SHA384"; empty without TLS.
    QString tlsDescription() const;
    int pendingRequests() const { return m_requests.size(); }

    // Sends a request and calls onReply with the decoded reply (of type Reply), or onError with the
    // server's error, a local `timeout`, `disconnected` or `bad_reply`. Handlers are dropped if
    // `context` is destroyed first. Returns the request id (0 when not connected: onError is not
    // called then).
    template <class Reply, class M, class OnReply>
    qint64 request(M message, QObject *context, OnReply onReply, RequestTable::ErrorHandler onError = {},
                   const QByteArray &payload = {}, int timeoutMs = DefaultRequestTimeoutMs)
    {
        if (!isWritable())
            return 0;
        message.id = m_requests.nextId();
        // Built first: the reply handler needs its own copy of onError (for a reply of the wrong type).
        RequestTable::ReplyHandler replyHandler = [onReply, onError, id = message.id](const Frame &frame) {
            Protocol::Decoded<Reply> reply = Reply::fromJson(frame.header);
            if (frame.type() == Reply::Type && reply)
                onReply(reply.value(), frame);
            else if (onError)
                onError(Protocol::Error::local(Protocol::ErrorCode::BadReply,
                                               QStringLiteral("Unexpected reply \"%1\" (%2)")
                                                   .arg(frame.type(), reply ? QString() : reply.error().toString()),
                                               id));
        };
        m_requests.add(message.id, context, std::move(replyHandler), onError, timeoutMs);
        writeHeader(message.toJson(), payload);
        return message.id;
    }

    // Sends a message that expects no reply (acks, chunks). False when not connected.
    template <class M>
    bool send(const M &message, const QByteArray &payload = {})
    {
        if (!isWritable())
            return false;
        writeHeader(message.toJson(), payload);
        return true;
    }

    // Routes pushed frames of type M (no pending request matched them) to
    // handler(const M &, const Frame &) while `context` lives. One handler per type.
    template <class M, class F>
    void on(QObject *context, F handler)
    {
        QPointer<QObject> guard(context);
        m_router.on<M>([guard, handler](ChatClient &, const M &m, const Frame &f) {
            if (guard)
                handler(m, f);
        });
    }

public slots:
    void connectToServer(const QString &host, quint16 port);
    // Also cancels a connection attempt (connectionFailed with `cancelled`).
    void disconnectFromServer();
    // Sends a ping; pongReceived() reports the round-trip time.
    qint64 ping();
    // Answers trustRequested(): true records the server in the known-servers file and goes on,
    // false fails the attempt with certificate_unknown.
    void trustServer(bool trusted);

signals:
    void stateChanged(Switchboard::ChatClient::State state);
    void ready(); // connected and hello negotiated
    // The connection of a Ready client ended.
    void disconnected(const QString &reason);
    // Connecting or negotiating failed: code is unreachable, not_switchboard, handshake_timeout,
    // cancelled, or the server's fatal error (server_full, version_unsupported, ...).
    void connectionFailed(const Switchboard::Protocol::Error &error);
    void pongReceived(qint64 requestId, double roundTripMs);
    // An unknown server (ClientTls::UnknownServer::Ask): the client waits (hello exchanged, nothing
    // else sent) until trustServer(). server is "host:port".
    void trustRequested(const QString &server, const QString &fingerprint);
    // A server was recorded as trusted (on first use, or accepted by the user).
    void serverRecorded(const QString &server, const QString &fingerprint, const QString &file);
    // An error frame that answers no pending request. fatal: the server closes next.
    void serverError(const Switchboard::Protocol::Error &error);

private:
    bool isWritable() const { return m_connection && m_connection->isOpen() && m_state != State::Disconnected; }
    void writeHeader(const QJsonObject &header, const QByteArray &payload);
    void setState(State s);
    void onConnected();
    void setUpConnection();
    void connectTls(const QString &host, quint16 port);
    void onEncrypted();
    void rememberServer();
    void finishHello();
    QString plaintextHint() const;
    void onFrame(const Frame &frame);
    void onHelloFrame(const Frame &frame);
    void onDisconnected();
    void failConnecting(const Protocol::Error &error);
    QString describeFirstBytes() const;

    QPointer<TcpConnection> m_connection;
    State m_state = State::Disconnected;
    QString m_clientName;
    Protocol::HelloReply m_hello;
    Protocol::Error m_failure;  // why the current attempt failed, when it did
    bool m_failed = false;
    QString m_lastError;
    RequestTable m_requests;
    Router<ChatClient> m_router;
    qint64 m_helloId = 0;
    QHash<qint64, qint64> m_pingSentNs;
    QElapsedTimer m_clock;
    QTimer m_keepalive;
    QTimer m_deadline; // connect, then hello
    int m_connectTimeoutMs = 10000;
    int m_handshakeTimeoutMs = 5000;
    CaptureSink *m_sink = nullptr;
    ClientTls m_tls = ClientTls::plaintext();
    QString m_host;
    quint16 m_port = 0;
    QString m_fingerprint;
    bool m_securing = false;     // TCP is up, the TLS handshake runs
    bool m_caFailed = false;     // normal certificate verification failed: the fingerprint decides
    bool m_trustPending = false; // waiting for trustServer()
    bool m_helloWaiting = false; // the hello reply came while trust was pending
};

} // namespace Switchboard
