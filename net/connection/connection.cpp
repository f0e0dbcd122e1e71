#include "connection.h"

#include "net/protocol/frameencoder.h"

#include <chrono>
#include <QElapsedTimer>
#include <QPointer>

namespace Switchboard {

static std::atomic<quint64> s_nextConnectionId{1};

static qint64 nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

Connection::Connection(QObject *parent)
    : QObject(parent)
    , m_id(s_nextConnectionId.fetch_add(1))
{
    qRegisterMetaType<Switchboard::Frame>();
}

Connection::~Connection() = default;

quint64 Connection::newId()
{
    return s_nextConnectionId.fetch_add(1);
}

QString Connection::peerName() const
{
    const QHostAddress a = peerAddress();
    if (a.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(a.toString()).arg(peerPort());
    return QStringLiteral("%1:%2").arg(a.toString()).arg(peerPort());
}

void Connection::fillAddresses(CaptureRecord &r) const
{
    r.connectionId = m_id;
    r.timeUs = nowUs();
    r.localAddress = localAddress();
    r.localPort = localPort();
    r.peerAddress = peerAddress();
    r.peerPort = peerPort();
    r.decrypted = isEncrypted();
}

void Connection::setCaptureSink(CaptureSink *sink)
{
    if (sink)
        m_sink = std::shared_ptr<CaptureSink>(sink, [](CaptureSink *) {}); // not ours to delete
    else
        m_sink.reset();
}

void Connection::capture(CaptureRecord &&record)
{
    if (m_sink)
        m_sink->record(record);
}

void Connection::captureEvent(const QString &text)
{
    if (!m_sink)
        return;
    CaptureRecord r;
    r.kind = CaptureRecord::Kind::Event;
    fillAddresses(r);
    r.text = text;
    capture(std::move(r));
}

namespace {
// From this size on a payload is written separately: a QTcpSocket then keeps a reference to it
// instead of copying (QIODevice shares blocks of at least 4 KiB).
constexpr qsizetype SeparatePayloadBytes = 4096;
} // namespace

qint64 Connection::sendFrame(const QJsonObject &header, const QByteArray &payload)
{
    QJsonObject h = header;
    if (!payload.isEmpty())
        h.insert(QLatin1String("size"), double(payload.size()));
    else
        h.remove(QLatin1String("size"));
    return sendFrame(h, FrameEncoder::headerBytes(h), payload);
}

qint64 Connection::sendFrame(const QJsonObject &header, const QByteArray &headerJson, const QByteArray &payload)
{
    if (payload.size() < SeparatePayloadBytes)
        return sendEncoded(header, FrameEncoder::assemble(headerJson, payload), payload.size());
    const QByteArray head = FrameEncoder::assemble(headerJson, {});
    if (m_sink)
        captureFrameOut(header, head + payload, payload.size());
    return sendParts(head, payload);
}

void Connection::captureFrameOut(const QJsonObject &header, const QByteArray &bytes, qint64 payloadSize)
{
    CaptureRecord r;
    r.kind = CaptureRecord::Kind::Frame;
    r.direction = CaptureRecord::Direction::Out;
    fillAddresses(r);
    r.header = header;
    if (payloadSize > 0)
        r.header.insert(QLatin1String("size"), double(payloadSize));
    r.headerLength = quint32(bytes.size() - 4 - payloadSize);
    r.payloadSize = payloadSize;
    r.streamOffset = m_sent;
    r.bytes = bytes;
    capture(std::move(r));
}

qint64 Connection::sendEncoded(const QJsonObject &header, const QByteArray &bytes, qint64 payloadSize)
{
    if (m_sink)
        captureFrameOut(header, bytes, payloadSize);
    return sendRaw(bytes);
}

qint64 Connection::sendRaw(const QByteArray &bytes)
{
    return sendParts(bytes, {});
}

qint64 Connection::sendParts(const QByteArray &head, const QByteArray &tail)
{
    if (!isOpen())
        return 0;
    const qint64 size = head.size() + tail.size();
    const qint64 queued = bytesToWrite();
    if (m_overflowed) {
        // Only the notice, and only if it fits under the bound.
        if (m_noticeSent || queued + size > m_maxQueued)
            return 0;
        m_noticeSent = true;
    } else if (m_maxQueued > 0 && queued + size > qMax<qint64>(0, m_maxQueued - NoticeReserve)) {
        m_overflowed = true;
        captureEvent(QStringLiteral("send queue full (%1 bytes unsent), dropping").arg(queued));
        emit sendOverflow(queued, size);
        return 0;
    }
    if (m_sink) {
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Chunk;
        r.direction = CaptureRecord::Direction::Out;
        fillAddresses(r);
        r.bytes = tail.isEmpty() ? head : head + tail;
        r.streamOffset = m_sent;
        capture(std::move(r));
    }
    m_sent += size;
    writeBytes(head);
    if (!tail.isEmpty())
        writeBytes(tail);
    m_peakQueued = qMax(m_peakQueued, bytesToWrite());
    return size;
}

void Connection::noteReceived(QByteArrayView chunk)
{
    if (m_firstBytes.size() < FirstBytesKept)
        m_firstBytes += chunk.first(qMin<qsizetype>(chunk.size(), FirstBytesKept - m_firstBytes.size()));
    if (m_sink) { // copied only for a capture
        CaptureRecord r;
        r.kind = CaptureRecord::Kind::Chunk;
        r.direction = CaptureRecord::Direction::In;
        fillAddresses(r);
        r.bytes = chunk.toByteArray();
        r.streamOffset = m_received;
        capture(std::move(r));
    }
    m_received += chunk.size();
}

void Connection::deliverAfterReceive()
{
    if (!hasPendingFrames()) // else the queued pass delivers these after the earlier ones
        deliverFrames(m_budgetNs);
}

FrameDecoder::Span Connection::receiveBuffer()
{
    m_receiveSpan = m_decoder.receiveSpace();
    return m_receiveSpan;
}

void Connection::commitReceived(qsizetype n)
{
    Q_ASSERT(n <= m_receiveSpan.size);
    if (m_failed || n <= 0)
        return; // a broken stream's bytes went to scratch space
    noteReceived(QByteArrayView(m_receiveSpan.data, n));
    m_receiveSpan = {};
    m_decoder.commit(n);
    deliverAfterReceive();
}

void Connection::deliverBytes(QByteArrayView chunk)
{
    if (m_failed || chunk.isEmpty())
        return;
    noteReceived(chunk);
    m_decoder.feed(chunk);
    deliverAfterReceive();
}

void Connection::flushFrames()
{
    if (!hasPendingFrames())
        return;
    m_pendingPass = 0; // the queued pass finds itself outdated
    deliverFrames(0);
}

void Connection::deliverFrames(qint64 budgetNs)
{
    QElapsedTimer clock;
    clock.start();
    const bool capturing = m_sink != nullptr;
    // A slot may close or delete-later this connection; stop as soon as it is gone.
    QPointer<Connection> self(this);
    Frame frame;
    while (self && !m_failed && m_decoder.next(&frame)) {
        if (capturing) {
            CaptureRecord r;
            r.kind = CaptureRecord::Kind::Frame;
            r.direction = CaptureRecord::Direction::In;
            fillAddresses(r);
            r.header = frame.header;
            r.headerLength = frame.headerLength;
            r.payloadSize = frame.payload.size();
            r.streamOffset = frame.streamOffset;
            r.bytes = frame.wireBytes();
            capture(std::move(r));
        }
        emit frameReceived(frame);
        frame = Frame(); // lets go of the payload so the decoder can reuse its buffer
        if (self && budgetNs > 0 && clock.nsecsElapsed() >= budgetNs && !m_failed) {
            // Yield to the event loop; the queued pass resumes unless flushFrames() ran first.
            const quint64 pass = ++m_passCount;
            m_pendingPass = pass;
            QMetaObject::invokeMethod(this, [this, pass] {
                if (m_pendingPass != pass)
                    return;
                m_pendingPass = 0;
                QPointer<Connection> alive(this);
                deliverFrames(m_budgetNs);
                if (alive && !hasPendingFrames())
                    readMore();
            }, Qt::QueuedConnection);
            return;
        }
    }
    if (self && !m_failed && m_decoder.error() != FrameDecoder::Error::None) {
        m_failed = true;
        const QString code = FrameDecoder::errorCode(m_decoder.error());
        const QString message = m_decoder.errorString();
        if (capturing) {
            CaptureRecord r;
            r.kind = CaptureRecord::Kind::Error;
            r.direction = CaptureRecord::Direction::In;
            fillAddresses(r);
            r.text = code + QStringLiteral(": ") + message;
            r.streamOffset = m_decoder.consumedBytes();
            capture(std::move(r));
        }
        emit protocolError(code, message);
    }
}

} // namespace Switchboard
