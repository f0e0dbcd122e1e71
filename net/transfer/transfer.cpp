#include "transfer.h"

#include "net/client/chatclient.h"
#include "transferprotocol.h"

namespace Switchboard {

namespace {
constexpr qint64 RateWindowMs = 3000;
constexpr qint64 ProgressIntervalMs = 50;
} // namespace

Transfer::Transfer(ChatClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_clock.start();
}

Transfer::~Transfer()
{
    unwatchConnection();
}

bool Transfer::isBusy() const
{
    return m_state == State::Hashing || m_state == State::Waiting || m_state == State::Running
           || m_state == State::Verifying;
}

QString Transfer::stateText(State state)
{
    switch (state) {
    case State::Queued: return tr("Queued");
    case State::Hashing: return tr("Checking");
    case State::Waiting: return tr("Waiting for the server");
    case State::Running: return tr("Transferring");
    case State::Paused: return tr("Paused");
    case State::Verifying: return tr("Verifying");
    case State::Finished: return tr("Done");
    case State::Failed: return tr("Failed");
    case State::Cancelled: return tr("Cancelled");
    }
    return QString();
}

void Transfer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::Running)
        m_samples.clear();
    emit stateChanged(state);
    if (state != State::Running)
        emit rateChanged(0);
}

void Transfer::resetRate()
{
    m_samples.clear();
}

void Transfer::setDone(qint64 done, bool force)
{
    m_done = done;
    const qint64 now = m_clock.elapsed();
    m_samples.emplace_back(now, done);
    while (m_samples.size() > 2 && now - m_samples.front().first > RateWindowMs)
        m_samples.pop_front();
    if (force || done >= m_total || now - m_lastEmitMs >= ProgressIntervalMs) {
        m_lastEmitMs = now;
        emit progress(done, m_total);
        emit rateChanged(rate());
    }
}

double Transfer::rate() const
{
    if (m_state != State::Running || m_samples.size() < 2)
        return 0;
    const auto &first = m_samples.front();
    const qint64 now = m_clock.elapsed();
    const qint64 span = now - first.first;
    if (span < 100)
        return 0;
    return double(m_samples.back().second - first.second) * 1000.0 / double(span);
}

qint64 Transfer::secondsLeft() const
{
    const double r = rate();
    if (r <= 0 || m_total <= 0)
        return -1;
    return qint64(double(m_total - m_done) / r + 0.5);
}

void Transfer::fail(Protocol::ErrorCode code, const QString &message)
{
    m_errorCode = code;
    m_errorString = message;
    unwatchConnection();
    setState(State::Failed);
    emit failed(code, message);
}

void Transfer::clearError()
{
    m_errorCode = Protocol::ErrorCode::None;
    m_errorString.clear();
}

void Transfer::watchConnection()
{
    Connection *c = m_client ? m_client->connection() : nullptr;
    if (c == m_watched && m_watch)
        return;
    unwatchConnection();
    m_watched = c;
    if (c)
        m_watch = connect(c, &Connection::bytesWritten, this, [this] { onWritable(); });
}

void Transfer::unwatchConnection()
{
    QObject::disconnect(m_watch);
    m_watch = QMetaObject::Connection();
    m_watched = nullptr;
}

SendWindow::Limits Transfer::windowLimits() const
{
    SendWindow::Limits l;
    l.targetDelayMs = m_targetDelayMs;
    if (m_window > 0)
        l.minimum = l.initial = l.maximum = m_window;
    return l;
}

int Transfer::chunkCeiling(int chunk) const
{
    if (m_chunkSize > 0)
        return chunk;
    qint64 ceiling = TransferProtocol::FastChunkSize;
    if (m_client) {
        const qint64 maxPayload = m_client->serverHello().limits.maxPayload;
        if (maxPayload > 0)
            ceiling = qMin(ceiling, maxPayload);
    }
    return int(qMax<qint64>(chunk, ceiling));
}

qint64 Transfer::unsentLimit() const
{
    return m_window > 0 ? qMin(m_window, TransferProtocol::MaxUnsentBytes) : TransferProtocol::MaxUnsentBytes;
}

int Transfer::effectiveChunkSize(qint64 suggested) const
{
    qint64 n = m_chunkSize > 0 ? m_chunkSize : (suggested > 0 ? suggested : TransferProtocol::DefaultChunkSize);
    if (m_client) {
        const qint64 maxPayload = m_client->serverHello().limits.maxPayload;
        if (maxPayload > 0)
            n = qMin(n, maxPayload);
    }
    return int(qBound(qint64(1), n, qint64(TransferProtocol::MaxChunkSize)));
}

} // namespace Switchboard
