#pragma once
#include "net/capture/capturerecord.h"
#include "net/protocol/framedecoder.h"

#include <QHostAddress>
#include <QObject>
#include <memory>

namespace Switchboard {

// A framed, bidirectional link to one peer. Subclasses move bytes (TCP socket, in-memory pipe);
// this class is the one place where bytes enter (receiveBuffer + commitReceived, or deliverBytes)
// and leave (sendFrame/sendRaw), so decoding, limits and capture happen identically for every
// transport.
class Connection : public QObject
{
    Q_OBJECT
public:
    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    quint64 id() const { return m_id; }
    // A fresh id from the same counter, for captured streams that are not Connections (socket lab).
    static quint64 newId();
    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;
    virtual QHostAddress localAddress() const = 0;
    virtual quint16 localPort() const = 0;
    QString peerName() const; // "127.0.0.1:5000" or "[::1]:5000"

    virtual bool isOpen() const = 0;
    // True when the transport encrypts (TLS): the bytes this class sees are the decrypted stream.
    virtual bool isEncrypted() const { return false; }
    virtual qint64 bytesToWrite() const = 0;

    void setLimits(const FrameLimits &limits) { m_decoder.setLimits(limits); }
    const FrameLimits &limits() const { return m_decoder.limits(); }
    // Bytes the transport may hold unsent (0: no bound), so a peer that stops reading costs at
    // most this much memory. A write that would leave less than NoticeReserve of it free is not
    // made: the connection emits sendOverflow() and from then on accepts one write only, the
    // notice telling the peer why (it fits in the reserve); the owner sends it and closes.
    static constexpr qint64 NoticeReserve = 4096;
    void setMaxQueuedBytes(qint64 bytes) { m_maxQueued = bytes; }
    qint64 maxQueuedBytes() const { return m_maxQueued; }
    // The most bytes ever held unsent after a write (tests and diagnostics).
    qint64 peakQueuedBytes() const { return m_peakQueued; }
    bool hasOverflowed() const { return m_overflowed; }
    // Every chunk, frame and error from now on goes to sink (nullptr: none), which the connection
    // keeps alive. Call from the connection's thread.
    void setCaptureSink(std::shared_ptr<CaptureSink> sink) { m_sink = std::move(sink); }
    // The same without ownership: the caller keeps the sink alive as long as this connection
    // exists (ChatClient's API, which still takes a plain pointer).
    void setCaptureSink(CaptureSink *sink);

    // Encodes and writes one frame. Returns the number of wire bytes queued. A large payload is
    // handed to the transport as it is, after the header, not copied into one buffer with it.
    qint64 sendFrame(const QJsonObject &header, const QByteArray &payload = {});
    // The same with the header already serialized (FrameEncoder::headerBytes of header, which
    // carries "size" when there is a payload).
    qint64 sendFrame(const QJsonObject &header, const QByteArray &headerJson, const QByteArray &payload);
    // Writes a frame already encoded with FrameEncoder (one encoding for many recipients).
    qint64 sendEncoded(const QJsonObject &header, const QByteArray &wireBytes, qint64 payloadSize = 0);
    // Writes bytes as they are (framing lab, tests of hostile peers). Not decoded on our side.
    qint64 sendRaw(const QByteArray &bytes);

    qint64 bytesReceived() const { return m_received; }
    qint64 bytesSent() const { return m_sent; }
    // The first bytes the peer sent (up to 64): shown when the peer turns out not to speak the protocol.
    QByteArray firstBytes() const { return m_firstBytes; }

public slots:
    // Flushes what is queued, then closes.
    virtual void close() = 0;
    // Drops the link at once.
    virtual void abort() = 0;

signals:
    void frameReceived(const Switchboard::Frame &frame);
    // The peer broke the framing rules; nothing further is decoded from it.
    void protocolError(const QString &code, const QString &message);
    void bytesWritten(qint64 bytes);
    // A write would have passed maxQueuedBytes() less NoticeReserve; nothing more is sent but
    // one notice. The owner tells the peer and closes (ChatServer: error slow_consumer).
    void sendOverflow(qint64 queued, qint64 refused);
    void disconnected();

protected:
    // Receiving without a copy: a transport reads at most span.size bytes into receiveBuffer()
    // (the decoder's own reused buffer, or straight into a large payload's buffer) and then calls
    // commitReceived() with the count it read; each commit is one chunk for the capture. The span
    // is valid until commitReceived() or deliverBytes(). Never empty; while frames wait for their
    // pass (hasPendingFrames()) a transport should not read at all.
    FrameDecoder::Span receiveBuffer();
    void commitReceived(qsizetype n);
    // The same for a transport that has the chunk in its own memory (copied in).
    void deliverBytes(QByteArrayView chunk);
    // Frees the receive buffers if no partial frame is held (for transports holding many idle
    // connections; a busy connection keeps them to avoid an allocation per read).
    void releaseReceiveBuffers() { m_decoder.releaseBuffers(); }
    // With a budget, frameReceived() handlers run for at most about that long per event-loop
    // pass; the rest of the decoded frames follow on the next pass (then readMore() is
    // called), so a flood cannot freeze the thread (a GUI) for seconds. 0: all at once.
    void setDeliveryBudgetMs(int ms) { m_budgetNs = qint64(ms) * 1000000; }
    // True while decoded frames wait for the next pass: read no more from the transport.
    bool hasPendingFrames() const { return m_pendingPass != 0; }
    // Delivers the waiting frames now (before reporting that the peer closed).
    void flushFrames();
    // A deferred delivery finished: transports that stopped reading resume.
    virtual void readMore() {}
    // Subclasses put bytes on the transport.
    virtual void writeBytes(const QByteArray &bytes) = 0;
    void captureEvent(const QString &text);

private:
    void capture(CaptureRecord &&record);
    void captureFrameOut(const QJsonObject &header, const QByteArray &bytes, qint64 payloadSize);
    // Writes head then tail (may be empty) as one chunk of the stream.
    qint64 sendParts(const QByteArray &head, const QByteArray &tail);
    void fillAddresses(CaptureRecord &record) const;
    void deliverFrames(qint64 budgetNs);
    void noteReceived(QByteArrayView chunk);
    void deliverAfterReceive();

    quint64 m_id;
    FrameDecoder m_decoder;
    qint64 m_sent = 0;
    qint64 m_received = 0;
    FrameDecoder::Span m_receiveSpan; // the last receiveBuffer()
    bool m_failed = false;
    qint64 m_maxQueued = 0;
    qint64 m_peakQueued = 0;
    bool m_overflowed = false;
    bool m_noticeSent = false; // the one write allowed after an overflow
    static constexpr int FirstBytesKept = 64;
    QByteArray m_firstBytes;
    qint64 m_budgetNs = 0;
    quint64 m_pendingPass = 0; // id of the queued delivery pass, 0 when none
    quint64 m_passCount = 0;
    std::shared_ptr<CaptureSink> m_sink;
};

} // namespace Switchboard
