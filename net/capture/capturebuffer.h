#pragma once
#include <functional>
// The packet inspector's memory: a bounded ring of capture records with stable sequence numbers.

#include "capturerecord.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVector>

#include <atomic>
#include <deque>
#include <vector>

namespace Switchboard {

// A CaptureSink that keeps the newest records in memory, bounded by a number of entries and by
// the number of captured bytes (CaptureRecord::bytes, plus the text of errors and events).
// When either bound is exceeded the oldest records are dropped and counted.
//
// Threading: record() may be called from any thread (it only takes a mutex and appends).
// Everything else is thread-safe too, but the object lives in one thread (normally the GUI
// thread) and emits updated() there, coalesced to at most one signal per notifyInterval().
//
// Sequence numbers ("No.") start at 1 and are never reused until clear(); a record keeps its
// number until it is dropped. The buffer holds the records numbered [firstSequence(), endSequence()).
//
// Records are stored compactly: a frame's header is not kept as a QJsonObject but re-parsed
// from its wire bytes on demand, addresses are shared per endpoint and frame types interned.
class CaptureBuffer : public QObject, public CaptureSink
{
    Q_OBJECT
public:
    // The compact stored form of one record (see recordAt() for the full CaptureRecord).
    struct Entry
    {
        qint64 timeUs = 0;
        quint64 connectionId = 0;
        qint64 streamOffset = 0;
        qint64 payloadSize = 0;
        // Chunk/Datagram/Frame: the wire bytes. Error/Event: the text, UTF-8.
        QByteArray bytes;
        // Only set when the header cannot be recovered from bytes (frames recorded without wire bytes).
        QJsonObject header;
        quint32 headerLength = 0;
        quint32 endpoint = 0;  // index into the endpoint table
        quint32 typeIndex = 0; // interned frame type; 0 = none / not interned
        CaptureRecord::Kind kind = CaptureRecord::Kind::Chunk;
        CaptureRecord::Direction direction = CaptureRecord::Direction::In;
        CaptureRecord::Transport transport = CaptureRecord::Transport::Tcp;

        // The header JSON text inside bytes (frames only; empty view otherwise).
        QByteArrayView headerText() const;
        // The length shown to the user: wire bytes (0 for errors and events).
        qint64 wireLength() const;
    };

    struct Endpoint
    {
        QHostAddress localAddress;
        quint16 localPort = 0;
        QHostAddress peerAddress;
        quint16 peerPort = 0;
        QString peerString; // "127.0.0.1:5151", "[::1]:5151"
        quint64 connectionId = 0;
        qint64 refCount = 0;
        bool decrypted = false; // a TLS connection (CaptureRecord::decrypted)
    };

    // A consistent picture of the buffer's bookkeeping.
    struct State
    {
        quint64 generation = 0; // changes on clear()
        quint64 first = 1;      // oldest stored sequence number
        quint64 end = 1;        // one past the newest
        qint64 bytes = 0;       // captured bytes held
        quint64 dropped = 0;    // records dropped to honour the limits since clear()
        quint64 ignored = 0;    // records not stored because capture was paused
        bool paused = false;
        qint64 count() const { return qint64(end - first); }
    };

    static constexpr qint64 DefaultMaxEntries = 1000000;
    static constexpr qint64 DefaultMaxBytes = 256LL * 1024 * 1024;

    explicit CaptureBuffer(QObject *parent = nullptr);
    ~CaptureBuffer() override;

    // CaptureSink: thread-safe and cheap (no parsing, no allocation besides the ring's own).
    void record(const CaptureRecord &record) override;

    // Limits (<= 0 means unlimited for that bound). Lowering a limit drops records at once.
    void setMaxEntries(qint64 n);
    void setMaxBytes(qint64 n);
    qint64 maxEntries() const;
    qint64 maxBytes() const;

    // Pausing makes record() return at once; nothing is stored (ignored records are counted).
    void setPaused(bool paused);
    bool isPaused() const { return m_paused.load(std::memory_order_relaxed); }
    // Drops everything, resets counters; sequence numbers start again at 1.
    void clear();

    State state() const;
    quint64 firstSequence() const;
    quint64 endSequence() const;
    qint64 count() const;
    qint64 byteCount() const;
    quint64 droppedCount() const;
    bool contains(quint64 seq) const;

    // The full record numbered seq (header re-parsed). False when it is no longer (or not yet) stored.
    bool recordAt(quint64 seq, CaptureRecord *out) const;
    CaptureRecord recordAt(quint64 seq) const;
    // Copies of the stored records numbered [from, to) (clamped to what is stored), in order.
    QVector<CaptureRecord> snapshot(quint64 from = 0, quint64 to = ~quint64(0)) const;
    // The stored entry and its endpoint; false when seq is not stored.
    bool entryAt(quint64 seq, Entry *entry, Endpoint *endpoint = nullptr) const;
    // The interned frame type of an entry ("" when none).
    QString typeName(const Entry &entry) const;
    // Every frame type seen since clear() (up to a few thousand), in order of first appearance.
    QStringList frameTypes() const;

    // Calls fn(quint64 seq, const Entry &, const Endpoint &, const QString &type) for each stored
    // record in [from, to) while holding the lock; type is the interned frame type (empty for other
    // kinds, and for frames whose type was not interned: use typeName() outside the visit then).
    // Returns the sequence number after the last visited one.
    // fn must be quick and must not call into this buffer. Visit in batches so record() is not starved.
    template <typename Fn>
    quint64 visit(quint64 from, quint64 to, Fn fn) const
    {
        QMutexLocker lock(&m_mutex);
        const quint64 end = m_firstSeq + quint64(m_entries.size());
        if (from < m_firstSeq)
            from = m_firstSeq;
        if (to > end)
            to = end;
        for (quint64 seq = from; seq < to; ++seq) {
            const Entry &e = m_entries[std::size_t(seq - m_firstSeq)];
            fn(seq, e, m_endpoints[e.endpoint], m_types.at(int(e.typeIndex)));
        }
        return from < to ? to : from;
    }

    // Coalescing interval of updated() in milliseconds (default 50).
    void setNotifyInterval(int ms);
    int notifyInterval() const { return m_notifyIntervalMs; }

    // Rebuilds the full record from a stored entry (re-parses the frame header).
    static CaptureRecord toRecord(const Entry &entry, const Endpoint &endpoint);

signals:
    // Records were added, dropped or cleared since the last signal; read state() for the new picture.
    // Emitted in this object's thread, at most once per notifyInterval().
    void updated();
    void pausedChanged(bool paused);

private:
    void scheduleNotify(); // called without the lock held
    void notifyNow();
    void startNotifyTimer();
    // Changes a limit under the lock, evicts what no longer fits and notifies consumers.
    void applyLimits(const std::function<void()> &change);
    void evictLocked();
    void dropFrontLocked();
    void releaseEndpointLocked(quint32 index);
    quint32 endpointLocked(const CaptureRecord &r);
    quint32 internTypeLocked(const QString &type);

    mutable QMutex m_mutex;
    std::deque<Entry> m_entries;
    quint64 m_firstSeq = 1;
    quint64 m_generation = 0;
    qint64 m_bytes = 0;
    quint64 m_dropped = 0;
    quint64 m_ignored = 0;
    qint64 m_maxEntries = DefaultMaxEntries;
    qint64 m_maxBytes = DefaultMaxBytes;

    std::vector<Endpoint> m_endpoints; // reused through m_freeEndpoints once no entry refers to them
    std::vector<quint32> m_freeEndpoints;
    QHash<quint64, quint32> m_endpointOfConnection; // the connection's latest endpoint
    QVector<QString> m_types;                // index 0 = ""
    QHash<QString, quint32> m_typeIndex;

    std::atomic<bool> m_paused{false};
    bool m_notifyPending = false; // guarded by m_mutex
    int m_notifyIntervalMs = 50;
    QTimer m_notifyTimer;
    QElapsedTimer m_sinceNotify;
};

} // namespace Switchboard
