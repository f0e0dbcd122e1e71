#include "requesttable.h"

namespace Switchboard {

using namespace Protocol;

RequestTable::RequestTable(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    // Deadlines are seconds apart; a coarse scan is enough and costs nothing when idle.
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &RequestTable::checkDeadlines);
}

void RequestTable::add(qint64 id, QObject *context, ReplyHandler onReply, ErrorHandler onError, int timeoutMs)
{
    Pending p;
    p.context = context;
    p.hasContext = context != nullptr;
    p.onReply = std::move(onReply);
    p.onError = std::move(onError);
    p.deadlineMs = timeoutMs > 0 ? m_clock.elapsed() + timeoutMs : -1;
    m_pending.insert(id, std::move(p));
    if (timeoutMs > 0 && !m_timer.isActive())
        m_timer.start();
}

bool RequestTable::resolve(const Frame &frame)
{
    const qint64 id = idOf(frame.header);
    if (id == 0)
        return false;
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return false;
    const Pending p = std::move(it.value());
    m_pending.erase(it); // first: the handler may send new requests
    if (p.hasContext && !p.context)
        return true;
    if (frame.type() == Error::Type) {
        Decoded<Error> e = Error::fromJson(frame.header);
        fail(p, e ? e.value() : Error::local(ErrorCode::BadReply, e.error().toString(), id));
    } else if (p.onReply) {
        p.onReply(frame);
    }
    return true;
}

void RequestTable::fail(const Pending &p, const Error &e)
{
    if (p.hasContext && !p.context)
        return;
    if (p.onError)
        p.onError(e);
}

void RequestTable::failAll(ErrorCode code, const QString &message)
{
    const QHash<qint64, Pending> pending = std::exchange(m_pending, {});
    m_timer.stop();
    // In id order, so callers see their requests fail in the order they sent them.
    QList<qint64> ids = pending.keys();
    std::sort(ids.begin(), ids.end());
    for (qint64 id : std::as_const(ids))
        fail(pending.value(id), Error::local(code, message, id));
}

void RequestTable::checkDeadlines()
{
    const qint64 now = m_clock.elapsed();
    QList<qint64> expired;
    bool anyDeadline = false;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadlineMs < 0)
            continue;
        anyDeadline = true;
        if (it->deadlineMs <= now)
            expired.append(it.key());
    }
    if (!anyDeadline)
        m_timer.stop();
    std::sort(expired.begin(), expired.end());
    for (qint64 id : std::as_const(expired)) {
        const Pending p = m_pending.take(id);
        fail(p, Error::local(ErrorCode::Timeout, QStringLiteral("No reply from the server in time."), id));
    }
}

} // namespace Switchboard
