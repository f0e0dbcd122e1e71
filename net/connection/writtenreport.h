#pragma once
#include <QMetaObject>
#include <QObject>

#include <utility>

namespace Switchboard {

// Bytes the kernel took, reported in one queued call per event-loop pass, as a QTcpSocket reports
// bytesWritten(): a slot that sends more on the report must not recurse into the send that made
// it. Used by the socket transports (SocketConnection, BlockWriter); one qint64 of state.
class WrittenReport
{
public:
    // Adds bytes; the first bytes since the last report post emitReport(total) to context's thread.
    template <class Emit>
    void add(QObject *context, qint64 bytes, Emit emitReport)
    {
        if (bytes <= 0)
            return;
        const bool first = m_pending == 0;
        m_pending += bytes;
        if (first)
            QMetaObject::invokeMethod(context, [this, emitReport] { emitReport(std::exchange(m_pending, 0)); },
                                      Qt::QueuedConnection);
    }

private:
    qint64 m_pending = 0;
};

} // namespace Switchboard
