#pragma once
#include "net/client/chatclient.h"
#include "net/protocol/errorcode.h"

#include "sendwindow.h"
#include "transferprotocol.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>

namespace Switchboard {

class Connection;

// What Uploader and Downloader have in common: a state, byte progress, a transfer rate and an
// estimated time left, and pause/resume/cancel. They talk to the server only through a
// ChatClient (typed requests; their stream frames arrive through TransferChannel) and never own
// a socket. The transfer model and the CLI progress line are written against this class.
class Transfer : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Queued,    // created, not started
        Hashing,   // computing the checksum of a local file (on a worker thread)
        Waiting,   // asked the server, waiting for its answer
        Running,   // moving data
        Paused,
        Verifying, // all data moved, checksum being verified
        Finished,
        Failed,    // start() again resumes where the data stopped
        Cancelled,
    };
    Q_ENUM(State)

    explicit Transfer(ChatClient *client, QObject *parent = nullptr);
    ~Transfer() override;

    ChatClient *client() const { return m_client; }
    State state() const { return m_state; }
    bool isFinal() const { return m_state == State::Finished || m_state == State::Cancelled; }
    bool isBusy() const;
    QString displayName() const { return m_displayName; }
    qint64 bytesDone() const { return m_done; }
    qint64 bytesTotal() const { return m_total; }
    // Bytes per second over the last few seconds (0 when idle).
    double rate() const;
    // Estimated seconds left at the current rate, -1 when unknown.
    qint64 secondsLeft() const;
    Protocol::ErrorCode errorCode() const { return m_errorCode; }
    QString errorString() const { return m_errorString; }

    // Payload bytes per chunk, fixed (0: start at what the server suggests and let chunks grow
    // on a fast path, see chunkCeiling()).
    void setChunkSize(int bytes) { m_chunkSize = bytes; }
    // A fixed flow-control window (bytes in flight); 0, the default, adapts it to the queueing
    // delay (SendWindow) so chat on the same connection stays responsive.
    void setSendWindow(qint64 bytes) { m_window = bytes; }
    void setTargetDelay(int ms) { m_targetDelayMs = ms; }

    static QString stateText(State state);

public slots:
    virtual void start() = 0;
    virtual void pause() = 0;
    virtual void resume() = 0;
    virtual void cancel() = 0;

signals:
    void stateChanged(Switchboard::Transfer::State state);
    void progress(qint64 bytesDone, qint64 bytesTotal); // at most every 50 ms, always on the last byte
    void rateChanged(double bytesPerSecond);
    void completed();
    void failed(Switchboard::Protocol::ErrorCode code, const QString &message);

protected:
    void setState(State state);
    void setDisplayName(const QString &name) { m_displayName = name; }
    void setTotal(qint64 total) { m_total = total; }
    void setDone(qint64 done, bool force = false);
    void resetRate();
    void fail(Protocol::ErrorCode code, const QString &message);
    void clearError();
    // Calls onWritable() whenever the client's current connection wrote bytes.
    void watchConnection();
    void unwatchConnection();
    virtual void onWritable() {}
    int effectiveChunkSize(qint64 suggested) const;
    // How large chunks may grow on a fast path (SendWindow::chunkSize) from chunk, the effective
    // size: up to TransferProtocol::FastChunkSize within the server's maxPayload; chunk itself
    // when setChunkSize() fixed it.
    int chunkCeiling(int chunk) const;
    SendWindow::Limits windowLimits() const;
    qint64 unsentLimit() const;

private:
    QPointer<ChatClient> m_client;
    QPointer<Connection> m_watched;
    QMetaObject::Connection m_watch;
    State m_state = State::Queued;
    QString m_displayName;
    qint64 m_total = 0;
    qint64 m_done = 0;
    Protocol::ErrorCode m_errorCode = Protocol::ErrorCode::None;
    QString m_errorString;
    int m_chunkSize = 0;
    qint64 m_window = 0;
    int m_targetDelayMs = TransferProtocol::DefaultTargetDelayMs;
    QElapsedTimer m_clock;
    qint64 m_lastEmitMs = -1000;
    std::deque<std::pair<qint64, qint64>> m_samples; // (ms, bytes done)
};

} // namespace Switchboard
