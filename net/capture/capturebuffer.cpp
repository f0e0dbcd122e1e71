#include "capturebuffer.h"
#include "net/protocol/messages.h"

#include <QJsonDocument>

namespace Switchboard {

namespace {
// Distinct frame types remembered; a hostile peer inventing types cannot grow the table further.
constexpr int MaxInternedTypes = 4096;
} // namespace

QByteArrayView CaptureBuffer::Entry::headerText() const
{
    if (kind != CaptureRecord::Kind::Frame || headerLength == 0 || bytes.size() < 4 + qsizetype(headerLength))
        return {};
    return QByteArrayView(bytes.constData() + 4, qsizetype(headerLength));
}

qint64 CaptureBuffer::Entry::wireLength() const
{
    if (kind == CaptureRecord::Kind::Error || kind == CaptureRecord::Kind::Event)
        return 0;
    return bytes.size();
}

CaptureBuffer::CaptureBuffer(QObject *parent)
    : QObject(parent)
{
    m_types.append(QString());
    m_notifyTimer.setSingleShot(true);
    connect(&m_notifyTimer, &QTimer::timeout, this, &CaptureBuffer::notifyNow);
}

CaptureBuffer::~CaptureBuffer() = default;

void CaptureBuffer::record(const CaptureRecord &r)
{
    if (m_paused.load(std::memory_order_relaxed)) {
        QMutexLocker lock(&m_mutex);
        ++m_ignored;
        return;
    }
    Entry e;
    e.timeUs = r.timeUs;
    e.connectionId = r.connectionId;
    e.streamOffset = r.streamOffset;
    e.payloadSize = r.payloadSize;
    e.headerLength = r.headerLength;
    e.kind = r.kind;
    e.direction = r.direction;
    e.transport = r.transport;
    QString type;
    switch (r.kind) {
    case CaptureRecord::Kind::Error:
    case CaptureRecord::Kind::Event:
        e.bytes = r.text.toUtf8();
        break;
    case CaptureRecord::Kind::Frame:
        e.bytes = r.bytes;
        type = Protocol::typeOf(r.header);
        if (e.headerText().isEmpty())
            e.header = r.header; // cannot be recovered from the bytes
        break;
    case CaptureRecord::Kind::Chunk:
    case CaptureRecord::Kind::Datagram:
        e.bytes = r.bytes;
        break;
    }

    bool schedule = false;
    {
        QMutexLocker lock(&m_mutex);
        e.endpoint = endpointLocked(r);
        if (!type.isEmpty())
            e.typeIndex = internTypeLocked(type);
        m_bytes += e.bytes.size();
        m_entries.push_back(std::move(e));
        evictLocked();
        if (!m_notifyPending) {
            m_notifyPending = true;
            schedule = true;
        }
    }
    if (schedule)
        scheduleNotify();
}

quint32 CaptureBuffer::endpointLocked(const CaptureRecord &r)
{
    const auto it = m_endpointOfConnection.constFind(r.connectionId);
    if (it != m_endpointOfConnection.cend()) {
        Endpoint &ep = m_endpoints[*it];
        if (ep.localPort == r.localPort && ep.peerPort == r.peerPort && ep.peerAddress == r.peerAddress
            && ep.localAddress == r.localAddress) {
            ++ep.refCount;
            return *it;
        }
    }
    Endpoint ep;
    ep.localAddress = r.localAddress;
    ep.localPort = r.localPort;
    ep.peerAddress = r.peerAddress;
    ep.peerPort = r.peerPort;
    ep.peerString = r.peerAddress.isNull() && r.peerPort == 0 ? QString() : r.peerString();
    ep.connectionId = r.connectionId;
    ep.decrypted = r.decrypted;
    ep.refCount = 1;
    quint32 index;
    if (!m_freeEndpoints.empty()) {
        index = m_freeEndpoints.back();
        m_freeEndpoints.pop_back();
        m_endpoints[index] = std::move(ep);
    } else {
        index = quint32(m_endpoints.size());
        m_endpoints.push_back(std::move(ep));
    }
    m_endpointOfConnection.insert(r.connectionId, index);
    return index;
}

void CaptureBuffer::releaseEndpointLocked(quint32 index)
{
    Endpoint &ep = m_endpoints[index];
    if (--ep.refCount > 0)
        return;
    const auto it = m_endpointOfConnection.find(ep.connectionId);
    if (it != m_endpointOfConnection.end() && *it == index)
        m_endpointOfConnection.erase(it);
    ep = Endpoint();
    m_freeEndpoints.push_back(index);
}

quint32 CaptureBuffer::internTypeLocked(const QString &type)
{
    const auto it = m_typeIndex.constFind(type);
    if (it != m_typeIndex.cend())
        return *it;
    if (m_types.size() >= MaxInternedTypes)
        return 0;
    const quint32 index = quint32(m_types.size());
    m_types.append(type);
    m_typeIndex.insert(type, index);
    return index;
}

void CaptureBuffer::dropFrontLocked()
{
    Entry &e = m_entries.front();
    m_bytes -= e.bytes.size();
    releaseEndpointLocked(e.endpoint);
    m_entries.pop_front();
    ++m_firstSeq;
    ++m_dropped;
}

void CaptureBuffer::evictLocked()
{
    // The newest record always stays, even when it alone exceeds the byte limit.
    while (m_entries.size() > 1
           && ((m_maxEntries > 0 && qint64(m_entries.size()) > m_maxEntries) || (m_maxBytes > 0 && m_bytes > m_maxBytes)))
        dropFrontLocked();
}

void CaptureBuffer::setMaxEntries(qint64 n)
{
    applyLimits([this, n] { m_maxEntries = n; });
}

void CaptureBuffer::setMaxBytes(qint64 n)
{
    applyLimits([this, n] { m_maxBytes = n; });
}

void CaptureBuffer::applyLimits(const std::function<void()> &change)
{
    bool schedule = false;
    {
        QMutexLocker lock(&m_mutex);
        change();
        const quint64 before = m_firstSeq;
        evictLocked();
        if (m_firstSeq != before && !m_notifyPending)
            schedule = m_notifyPending = true;
    }
    if (schedule)
        scheduleNotify();
}

qint64 CaptureBuffer::maxEntries() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxEntries;
}

qint64 CaptureBuffer::maxBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_maxBytes;
}

void CaptureBuffer::setPaused(bool paused)
{
    if (m_paused.exchange(paused) == paused)
        return;
    emit pausedChanged(paused);
    bool schedule = false;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_notifyPending)
            schedule = m_notifyPending = true;
    }
    if (schedule)
        scheduleNotify();
}

void CaptureBuffer::clear()
{
    std::deque<Entry> old;
    bool schedule = false;
    {
        QMutexLocker lock(&m_mutex);
        old.swap(m_entries);
        m_firstSeq = 1;
        ++m_generation;
        m_bytes = 0;
        m_dropped = 0;
        m_ignored = 0;
        m_endpoints.clear();
        m_freeEndpoints.clear();
        m_endpointOfConnection.clear();
        m_types.resize(1);
        m_typeIndex.clear();
        if (!m_notifyPending)
            schedule = m_notifyPending = true;
    }
    // old is released here, outside the lock, so recording threads are not held up.
    if (schedule)
        scheduleNotify();
}

CaptureBuffer::State CaptureBuffer::state() const
{
    QMutexLocker lock(&m_mutex);
    State s;
    s.generation = m_generation;
    s.first = m_firstSeq;
    s.end = m_firstSeq + quint64(m_entries.size());
    s.bytes = m_bytes;
    s.dropped = m_dropped;
    s.ignored = m_ignored;
    s.paused = isPaused();
    return s;
}

quint64 CaptureBuffer::firstSequence() const
{
    QMutexLocker lock(&m_mutex);
    return m_firstSeq;
}

quint64 CaptureBuffer::endSequence() const
{
    QMutexLocker lock(&m_mutex);
    return m_firstSeq + quint64(m_entries.size());
}

qint64 CaptureBuffer::count() const
{
    QMutexLocker lock(&m_mutex);
    return qint64(m_entries.size());
}

qint64 CaptureBuffer::byteCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

quint64 CaptureBuffer::droppedCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

bool CaptureBuffer::contains(quint64 seq) const
{
    QMutexLocker lock(&m_mutex);
    return seq >= m_firstSeq && seq < m_firstSeq + quint64(m_entries.size());
}

bool CaptureBuffer::entryAt(quint64 seq, Entry *entry, Endpoint *endpoint) const
{
    QMutexLocker lock(&m_mutex);
    if (seq < m_firstSeq || seq >= m_firstSeq + quint64(m_entries.size()))
        return false;
    const Entry &e = m_entries[std::size_t(seq - m_firstSeq)];
    if (entry)
        *entry = e;
    if (endpoint)
        *endpoint = m_endpoints[e.endpoint];
    return true;
}

QString CaptureBuffer::typeName(const Entry &entry) const
{
    if (entry.kind != CaptureRecord::Kind::Frame) {
        CaptureRecord r;
        r.kind = entry.kind;
        return r.typeName();
    }
    if (entry.typeIndex != 0) {
        QMutexLocker lock(&m_mutex);
        if (entry.typeIndex < quint32(m_types.size()))
            return m_types.at(int(entry.typeIndex));
    }
    const QJsonObject header = entry.header.isEmpty()
        ? QJsonDocument::fromJson(entry.headerText().toByteArray()).object()
        : entry.header;
    return Protocol::typeOf(header);
}

QStringList CaptureBuffer::frameTypes() const
{
    QMutexLocker lock(&m_mutex);
    return QStringList(m_types.cbegin() + 1, m_types.cend());
}

CaptureRecord CaptureBuffer::toRecord(const Entry &e, const Endpoint &ep)
{
    CaptureRecord r;
    r.kind = e.kind;
    r.direction = e.direction;
    r.transport = e.transport;
    r.timeUs = e.timeUs;
    r.connectionId = e.connectionId;
    r.localAddress = ep.localAddress;
    r.localPort = ep.localPort;
    r.peerAddress = ep.peerAddress;
    r.peerPort = ep.peerPort;
    r.decrypted = ep.decrypted;
    r.streamOffset = e.streamOffset;
    r.headerLength = e.headerLength;
    r.payloadSize = e.payloadSize;
    switch (e.kind) {
    case CaptureRecord::Kind::Error:
    case CaptureRecord::Kind::Event:
        r.text = QString::fromUtf8(e.bytes);
        break;
    case CaptureRecord::Kind::Frame:
        r.bytes = e.bytes;
        r.header = e.header.isEmpty() ? QJsonDocument::fromJson(e.headerText().toByteArray()).object() : e.header;
        break;
    case CaptureRecord::Kind::Chunk:
    case CaptureRecord::Kind::Datagram:
        r.bytes = e.bytes;
        break;
    }
    return r;
}

bool CaptureBuffer::recordAt(quint64 seq, CaptureRecord *out) const
{
    Entry e;
    Endpoint ep;
    if (!entryAt(seq, &e, &ep))
        return false;
    if (out)
        *out = toRecord(e, ep);
    return true;
}

CaptureRecord CaptureBuffer::recordAt(quint64 seq) const
{
    CaptureRecord r;
    recordAt(seq, &r);
    return r;
}

QVector<CaptureRecord> CaptureBuffer::snapshot(quint64 from, quint64 to) const
{
    // Copy the compact entries under the lock (reference counts only), rebuild records outside it.
    std::vector<std::pair<Entry, Endpoint>> copies;
    {
        QMutexLocker lock(&m_mutex);
        const quint64 end = m_firstSeq + quint64(m_entries.size());
        from = qMax(from, m_firstSeq);
        to = qMin(to, end);
        if (from < to)
            copies.reserve(std::size_t(to - from));
        for (quint64 seq = from; seq < to; ++seq) {
            const Entry &e = m_entries[std::size_t(seq - m_firstSeq)];
            copies.emplace_back(e, m_endpoints[e.endpoint]);
        }
    }
    QVector<CaptureRecord> out;
    out.reserve(qsizetype(copies.size()));
    for (const auto &c : copies)
        out.append(toRecord(c.first, c.second));
    return out;
}

void CaptureBuffer::setNotifyInterval(int ms)
{
    m_notifyIntervalMs = qMax(0, ms);
}

void CaptureBuffer::scheduleNotify()
{
    QMetaObject::invokeMethod(this, &CaptureBuffer::startNotifyTimer, Qt::QueuedConnection);
}

void CaptureBuffer::startNotifyTimer()
{
    if (m_notifyTimer.isActive())
        return;
    const qint64 elapsed = m_sinceNotify.isValid() ? m_sinceNotify.elapsed() : qint64(m_notifyIntervalMs);
    if (elapsed >= m_notifyIntervalMs)
        notifyNow();
    else
        m_notifyTimer.start(int(m_notifyIntervalMs - elapsed));
}

void CaptureBuffer::notifyNow()
{
    {
        QMutexLocker lock(&m_mutex);
        m_notifyPending = false;
    }
    m_sinceNotify.start();
    emit updated();
}

} // namespace Switchboard
