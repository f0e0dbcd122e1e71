#pragma once
#include "net/capture/capturerecord.h"
#include "net/protocol/framedecoder.h"

#include <QHostAddress>
#include <QObject>
#include <atomic>

namespace Switchboard {

// A framed, bidirectional link to one peer. Subclasses move bytes (TCP socket, in-memory pipe);
// this class is the one place where bytes enter (deliverBytes) and leave (sendFrame/sendRaw),
// so decoding, limits and capture happen identically for every transport.
class Connection : public QObject
{
    Q_OBJECT
public:
    explicit Connection(QObject *parent = nullptr);
    ~Connection() override;

    quint64 id() const { return m_id; }
    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;
    virtual QHostAddress localAddress() const = 0;
    virtual quint16 localPort() const = 0;
    QString peerName() const; // "127.0.0.1:5000" or "[::1]:5000"

    virtual bool isOpen() const = 0;
    virtual qint64 bytesToWrite() const = 0;

    void setLimits(const FrameLimits &limits) { m_decoder.setLimits(limits); }
    const FrameLimits &limits() const { return m_decoder.limits(); }
    void setCaptureSink(CaptureSink *sink) { m_sink.store(sink); }

    // Encodes and writes one frame. Returns the number of wire bytes queued.
    qint64 sendFrame(const QJsonObject &header, const QByteArray &payload = {});
    // Writes a frame already encoded with FrameEncoder (one encoding for many recipients).
    qint64 sendEncoded(const QJsonObject &header, const QByteArray &wireBytes, qint64 payloadSize = 0);
    // Writes bytes as they are (framing lab, tests of hostile peers). Not decoded on our side.
    qint64 sendRaw(const QByteArray &bytes);

    qint64 bytesReceived() const { return m_decoder.consumedBytes() + m_decoder.bufferedBytes(); }
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
    void disconnected();

protected:
    // Subclasses call this with every chunk the transport delivers, exactly as delivered.
    void deliverBytes(const QByteArray &chunk);
    // Subclasses put bytes on the transport.
    virtual void writeBytes(const QByteArray &bytes) = 0;
    void captureEvent(const QString &text);

private:
    void capture(CaptureRecord &&record);
    void fillAddresses(CaptureRecord &record) const;

    quint64 m_id;
    FrameDecoder m_decoder;
    qint64 m_sent = 0;
    bool m_failed = false;
    static constexpr int FirstBytesKept = 64;
    QByteArray m_firstBytes;
    std::atomic<CaptureSink *> m_sink{nullptr};
};

} // namespace Switchboard
