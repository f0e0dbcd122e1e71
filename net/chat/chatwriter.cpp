#include "chatwriter.h"

#include "chatstore.h"

namespace Switchboard {

ChatWriter::ChatWriter(ChatStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(m_windowMs);
    connect(&m_timer, &QTimer::timeout, this, &ChatWriter::flush);
}

ChatWriter::~ChatWriter()
{
    // Messages still waiting are stored (their callbacks run) rather than dropped.
    flush();
}

void ChatWriter::setWindow(int ms)
{
    m_windowMs = qMax(0, ms);
    m_timer.setInterval(m_windowMs);
}

void ChatWriter::setMaxBatch(int messages)
{
    m_maxBatch = qMax(1, messages);
}

void ChatWriter::submit(const ChatMessage &message, Done done)
{
    submit(message, QString(), [done = std::move(done)](const ChatMessage &stored, bool, const QString &error) {
        done(stored, error);
    });
}

void ChatWriter::submit(const ChatMessage &message, const QString &key, KeyedDone done)
{
    m_pending.append(message);
    m_keys.append(key);
    m_callbacks.append(std::move(done));
    if (m_pending.size() >= m_maxBatch)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void ChatWriter::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    // Taken out first: a callback may submit again (the next batch).
    QList<ChatMessage> batch = std::move(m_pending);
    const QStringList keys = std::move(m_keys);
    QList<KeyedDone> callbacks = std::move(m_callbacks);
    m_pending.clear();
    m_keys.clear();
    m_callbacks.clear();

    QString error;
    QList<bool> repeated;
    if (m_store->appendAll(&batch, keys, &repeated, &error)) {
        ++m_batches;
        m_messages += batch.size();
    } else if (error.isEmpty()) {
        error = QStringLiteral("unknown database error");
    }
    for (qsizetype i = 0; i < batch.size(); ++i)
        callbacks[i](batch.at(i), repeated.value(i), error);
    emit batchWritten(int(batch.size()), error);
}

} // namespace Switchboard
