#include "chatwriter.h"

#include "chatstore.h"
#include "chatwriterthread.h"

namespace Switchboard {

ChatWriter::ChatWriter(ChatStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(m_windowMs);
    connect(&m_timer, &QTimer::timeout, this, &ChatWriter::writeBatch);
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

bool ChatWriter::startThread(const Database &database, QString *error)
{
    flush();
    auto thread = new ChatWriterThread(this);
    if (!thread->start(database, error)) {
        delete thread;
        return false;
    }
    m_thread = thread;
    connect(m_thread, &ChatWriterThread::resultsReady, this, &ChatWriter::deliverResults);
    return true;
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
        writeBatch();
    else if (!m_timer.isActive())
        m_timer.start();
}

void ChatWriter::writeBatch()
{
    if (!m_thread) {
        flush();
        return;
    }
    m_timer.stop();
    if (m_inFlight.isEmpty())
        post(); // else the next batch goes when the one in flight is done (and grows meanwhile)
}

void ChatWriter::post()
{
    if (m_pending.isEmpty())
        return;
    const qsizetype n = qMin<qsizetype>(m_pending.size(), m_maxBatch);
    m_thread->post(m_pending.mid(0, n), m_keys.mid(0, n));
    m_inFlight.append(m_callbacks.mid(0, n));
    m_pending.remove(0, n);
    m_keys.remove(0, n);
    m_callbacks.remove(0, n);
}

void ChatWriter::deliverResults()
{
    for (ChatWriterThread::Result &r : m_thread->takeResults()) {
        const QList<KeyedDone> callbacks = m_inFlight.takeFirst();
        finishBatch(r.batch, r.repeated, callbacks, r.error);
    }
    if (m_inFlight.isEmpty() && !m_pending.isEmpty() && !m_timer.isActive())
        m_timer.start(); // what collected meanwhile is the next batch
}

void ChatWriter::flush()
{
    m_timer.stop();
    if (m_thread) {
        // Everything, now: in order after the batch in flight; the callbacks run here.
        while (!m_pending.isEmpty())
            post();
        if (m_inFlight.isEmpty())
            return;
        for (ChatWriterThread::Result &r : m_thread->waitForResults(int(m_inFlight.size()))) {
            const QList<KeyedDone> callbacks = m_inFlight.takeFirst();
            finishBatch(r.batch, r.repeated, callbacks, r.error);
        }
        return;
    }
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
    if (!m_store->appendAll(&batch, keys, &repeated, &error) && error.isEmpty())
        error = QStringLiteral("unknown database error");
    finishBatch(batch, repeated, callbacks, error);
}

void ChatWriter::finishBatch(QList<ChatMessage> &batch, const QList<bool> &repeated, const QList<KeyedDone> &callbacks,
                             QString error)
{
    if (error.isEmpty()) {
        ++m_batches;
        m_messages += batch.size();
    }
    for (qsizetype i = 0; i < batch.size(); ++i)
        callbacks[i](batch.at(i), repeated.value(i), error);
    emit batchWritten(int(batch.size()), error);
}

} // namespace Switchboard
