#pragma once
#include "frame.h"

#include <QByteArrayView>
#include <QCoreApplication>

namespace Switchboard {

// Reassembles frames from bytes split or coalesced in any way (the sticky-packet problem).
// feed() appends what the socket delivered; next() yields each complete frame in order.
// Memory held is bounded by what the peer actually sent: nothing is reserved from a length prefix.
class FrameDecoder
{
    Q_DECLARE_TR_FUNCTIONS(FrameDecoder)
public:
    enum class Error {
        None,
        ZeroLength,      // N == 0
        HeaderTooLarge,  // N > maxHeaderBytes
        PayloadTooLarge, // "size" > maxPayloadBytes
        BadUtf8,         // header is not valid UTF-8
        NotJson,         // header is not JSON
        NotObject,       // header is JSON but not an object
        MissingType,     // no string "type"
        BadSize,         // "size" present but not a non-negative integer
    };

    explicit FrameDecoder(FrameLimits limits = {});

    void feed(QByteArrayView bytes);
    // True and *frame filled when a whole frame is ready. False when more bytes are needed or on error.
    bool next(Frame *frame);

    Error error() const { return m_error; }
    QString errorString() const;
    static QString errorCode(Error e); // stable code used in error frames, e.g. "frame_zero_length"
    static QString describe(Error e);  // human readable, translated

    qint64 bufferedBytes() const { return m_buffer.size() - m_pos; }
    qint64 consumedBytes() const { return m_consumed; } // stream offset of the next unread byte
    const FrameLimits &limits() const { return m_limits; }
    void setLimits(const FrameLimits &limits) { m_limits = limits; }
    void reset();
    // Frees the buffer's memory when every byte in it has been consumed (an idle connection).
    void releaseIfEmpty()
    {
        if (m_pos == m_buffer.size()) {
            m_buffer = QByteArray();
            m_pos = 0;
        }
    }

private:
    bool fail(Error e);

    FrameLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;    // read position inside m_buffer
    qint64 m_consumed = 0;  // bytes of the stream consumed by complete frames
    Error m_error = Error::None;
    QString m_detail;

    // Partially parsed frame: header known, waiting for payload.
    bool m_haveHeader = false;
    Frame m_pending;
    qint64 m_pendingPayload = 0;
};

} // namespace Switchboard
