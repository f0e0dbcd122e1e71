#pragma once
#include "frame.h"
#include "messages.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Switchboard {

// The requests a peer has sent and not yet seen answered, by request id. A frame whose "id"
// matches goes to that request's reply handler (an "error" frame to its error handler) and the
// entry is removed; a request that stays unanswered past its deadline gets a local `timeout`
// error, and every pending request gets one error when the connection ends (failAll).
//
// Some replies are followed by more frames with the same id (download.end after download.begin,
// upload.done after upload.end is a reply of its own): only the first frame resolves an entry;
// the rest are routed by type.
class RequestTable : public QObject
{
    Q_OBJECT
public:
    using ReplyHandler = std::function<void(const Frame &)>;
    using ErrorHandler = std::function<void(const Protocol::Error &)>;

    explicit RequestTable(QObject *parent = nullptr);

    // A fresh request id (positive, unique for this table's lifetime).
    qint64 nextId() { return m_nextId++; }
    // Handlers are dropped without a call if `context` is destroyed first. timeoutMs <= 0: no timeout.
    void add(qint64 id, QObject *context, ReplyHandler onReply, ErrorHandler onError, int timeoutMs);
    // Forgets a request without calling anything (its reply, if one comes, is routed by type).
    void forget(qint64 id) { m_pending.remove(id); }
    bool contains(qint64 id) const { return m_pending.contains(id); }
    int size() const { return int(m_pending.size()); }

    // True when the frame answered a pending request (its handler has run).
    bool resolve(const Frame &frame);
    // Every pending request fails with this error (its id filled in), e.g. on disconnect.
    void failAll(Protocol::ErrorCode code, const QString &message);

private:
    struct Pending
    {
        QPointer<QObject> context;
        bool hasContext = false;
        ReplyHandler onReply;
        ErrorHandler onError;
        qint64 deadlineMs = -1;
    };
    void checkDeadlines();
    static void fail(const Pending &p, const Protocol::Error &e);

    QHash<qint64, Pending> m_pending;
    qint64 m_nextId = 1;
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace Switchboard
