#pragma once
#include "net/connection/tcpconnection.h"
#include "net/protocol/frame.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Switchboard {

class CaptureSink;


// The client core: one connection to a Switchboard server, driven entirely by signals.
// It never blocks; the GUI and the CLI both use it.
class ChatClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Negotiating, Ready };
    Q_ENUM(State)

    explicit ChatClient(QObject *parent = nullptr);
    ~ChatClient() override;

    State state() const { return m_state; }
    QString serverName() const { return m_serverName; }
    QJsonObject serverHello() const { return m_serverHello; }
    // The header of the latest error frame (for extra members such as "retryAfter").
    QJsonObject lastErrorFrame() const { return m_lastErrorFrame; }
    QString peerName() const;
    void setCaptureSink(CaptureSink *sink);
    void setClientName(const QString &name) { m_clientName = name; }
    // 0 disables keepalive pings.
    void setKeepaliveInterval(int ms);
    TcpConnection *connection() const { return m_connection; }

    // Sends a frame; a request id is added when the header has none. Returns that id (0 if not sent).
    qint64 sendRequest(QJsonObject header, const QByteArray &payload = {});

public slots:
    void connectToServer(const QString &host, quint16 port);
    void disconnectFromServer();
    // Sends a ping; pongReceived() reports the round-trip time.
    qint64 ping();

signals:
    void stateChanged(Switchboard::ChatClient::State state);
    void ready(); // connected and hello negotiated
    void disconnected(const QString &reason);
    void connectionFailed(const QString &reason);
    void pongReceived(qint64 requestId, double roundTripMs);
    // A server error frame; requestId is 0 when it answers no request. fatal: the server closes next.
    void serverError(const QString &code, const QString &message, qint64 requestId, bool fatal);
    // Every frame from the server after hello (features listen here).
    void frameReceived(const Switchboard::Frame &frame);

private:
    void setState(State s);
    void onConnected();
    void onFrame(const Frame &frame);
    void onDisconnected();

    QPointer<TcpConnection> m_connection;
    State m_state = State::Disconnected;
    QString m_clientName;
    QString m_serverName;
    QJsonObject m_serverHello;
    QJsonObject m_lastErrorFrame;
    QString m_lastError;
    qint64 m_nextId = 1;
    QHash<qint64, qint64> m_pingSentNs;
    QElapsedTimer m_clock;
    QTimer m_keepalive;
    CaptureSink *m_sink = nullptr;
};

} // namespace Switchboard
