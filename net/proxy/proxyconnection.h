#pragma once
// One client proxied to the target by FramingProxy: two raw non-blocking sockets and, per
// direction, a queue of pieces shaped by that direction's knobs.

#include "proxyknobs.h"

#include "net/capture/capturerecord.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <array>
#include <deque>
#include <memory>

#include <sys/socket.h>

class QSocketNotifier;

namespace Switchboard {

// Works on the descriptors because QTcpSocket closes the whole socket when the peer half-closes:
// here a FIN read from one side is passed on as shutdown(SHUT_WR) to the other once everything
// before it has been written, and the other direction goes on.
class ProxyConnection : public QObject
{
    Q_OBJECT
public:
    enum Direction { Up = 0, Down = 1 }; // Up: client to target, Down: target to client
    // Pieces and coalesced bytes waiting in one direction; beyond it the source is not read.
    static constexpr qint64 MaxQueuedBytes = 1024 * 1024;
    static constexpr int ReadSize = 65536;

    struct Stats
    {
        qint64 bytes[2] = {0, 0};  // forwarded (written) per direction
        qint64 reads[2] = {0, 0};  // read() calls that returned bytes, per direction's source
        qint64 writes[2] = {0, 0}; // send() calls that wrote bytes, per direction's destination
        bool finPassed[2] = {false, false};
    };

    // Takes ownership of clientFd (accepted, non-blocking). knobs points at the proxy's two
    // directions' knobs, read at every step so changes apply at once. sink may be null.
    ProxyConnection(int clientFd, const QHostAddress &client, quint16 clientPort, const QHostAddress &listen,
                    quint16 listenPort, const QHostAddress &target, quint16 targetPort,
                    const std::array<ProxyKnobs, 2> *knobs, CaptureSink *sink, QObject *parent = nullptr);
    ~ProxyConnection() override;

    // Connects to the target; the client is read once that succeeds.
    void start();
    // Closes both sockets now (finished() follows).
    void abort(const QString &reason);
    // The knobs changed: pieces already queued keep their times, the rest follows the new values.
    void knobsChanged();

    // A socket address for connect()/bind(); v4-mapped addresses become plain IPv4.
    static socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *out);
    static void fromSockaddr(const sockaddr_storage &in, QHostAddress *address, quint16 *port);

    quint64 clientLegId() const { return m_legId[0]; }
    quint64 targetLegId() const { return m_legId[1]; }
    QString clientString() const;
    const Stats &stats() const { return m_stats; }
    bool isFinished() const { return m_finished; }

signals:
    void connected();
    // Both sockets are closed; reason says how it ended.
    void finished(const QString &reason);

private:
    struct Piece
    {
        QByteArray bytes;
        qint64 dueMs = 0; // not written before
        qsizetype sent = 0;
    };
    struct Pipe
    {
        int from = -1; // descriptors (owned by m_fd)
        int to = -1;
        QSocketNotifier *readable = nullptr; // on from
        QSocketNotifier *writable = nullptr; // on to
        std::deque<Piece> queue;
        qint64 queued = 0;
        QByteArray coalesced;
        qint64 coalesceDueMs = -1;
        double nextWriteMs = 0; // splitting delay and rate limit
        bool eof = false;       // the source sent FIN
        bool shutDown = false;  // passed on
        qint64 readOffset = 0;  // stream offsets for the capture records
        qint64 writeOffset = 0;
        QTimer *timer = nullptr;
    };

    void onConnectResult();
    void onReadable(int d);
    void schedule(int d, const QByteArray &bytes, qint64 arrivalMs);
    void pump(int d);
    void applyBackpressure(int d);
    void finishIfDone();
    void closeAll(const QString &reason);
    void record(int leg, CaptureRecord::Kind kind, CaptureRecord::Direction dir, const QByteArray &bytes, qint64 offset,
                const QString &text = QString());
    const ProxyKnobs &knobs(int d) const { return (*m_knobs)[d]; }
    qint64 nowMs() const { return m_clock.elapsed(); }

    int m_fd[2] = {-1, -1}; // client, target
    QHostAddress m_address[2][2]; // [leg][0 local, 1 peer]
    quint16 m_port[2][2] = {{0, 0}, {0, 0}};
    quint64 m_legId[2] = {0, 0};
    QHostAddress m_target;
    quint16 m_targetPort = 0;
    const std::array<ProxyKnobs, 2> *m_knobs;
    CaptureSink *m_sink;
    Pipe m_pipe[2];
    QSocketNotifier *m_connecting = nullptr;
    QElapsedTimer m_clock;
    Stats m_stats;
    bool m_finished = false;
};

} // namespace Switchboard
