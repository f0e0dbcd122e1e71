#pragma once
#include "frame.h"
#include "net/core/bufferpool.h"

#include <QByteArrayView>
#include <QCoreApplication>

namespace Switchboard {

// Reassembles frames from bytes split or coalesced in any way (the sticky-packet problem).
// Bytes come in either by feed() (copied) or in place: the transport reads straight into
// receiveSpace() and commit()s what it read, so a read allocates nothing. next() yields each
// complete frame in order, parsed where it lies.
//
// Two buffers, both reused for the life of the decoder: a small one for length prefixes, headers
// and small frames, and one for a large payload (>= DirectPayloadBytes), which the transport fills
// directly once its header is known, so payload bytes are copied once (socket to buffer) and the
// frame's QByteArray shares that buffer. Such buffers are reused (BufferPool) once no frame, file
// writer or hasher holds them any more: a handler may keep a payload as long as it likes, the
// next one then gets another buffer. Memory held is bounded by what the peer actually sent:
// nothing is reserved from a length prefix or a declared size beyond what arrived (a payload
// buffer grows with its data, at most doubling).
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

    // Writable bytes inside the decoder's buffers.
    struct Span
    {
        char *data = nullptr;
        qsizetype size = 0;
    };
    // Payloads at least this large are read into their own (reused) buffer.
    static constexpr qsizetype DirectPayloadBytes = 32 * 1024;

    explicit FrameDecoder(FrameLimits limits = {});

    // Where the next bytes of the stream go; never empty. Valid until commit() or feed().
    // After an error it is scratch space: what is committed there is dropped.
    Span receiveSpace();
    // The first n bytes of receiveSpace() now hold stream data.
    void commit(qsizetype n);
    // Copies bytes in (receiveSpace() + commit() in a loop).
    void feed(QByteArrayView bytes);
    // True and *frame filled when a whole frame is ready. False when more bytes are needed or on error.
    bool next(Frame *frame);

    Error error() const { return m_error; }
    QString errorString() const;
    static QString errorCode(Error e); // stable code used in error frames, e.g. "frame_zero_length"
    static QString describe(Error e);  // human readable, translated

    // Bytes received but not yet part of a complete frame (0 after an error).
    qint64 bufferedBytes() const { return m_received - m_consumed; }
    qint64 consumedBytes() const { return m_consumed; } // stream offset of the next unread byte
    // Gives the buffers back when no partial frame is held (an idle connection keeps nothing).
    void releaseBuffers();
    const FrameLimits &limits() const { return m_limits; }
    void setLimits(const FrameLimits &limits) { m_limits = limits; }
    void reset();

private:
    bool fail(Error e);
    bool parseHeader();
    void startPayload();
    void growPayload();

    FrameLimits m_limits;
    QByteArray m_buffer;    // storage; bytes [m_begin, m_end) are received and not yet parsed
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
    qint64 m_received = 0;  // bytes of the stream committed
    qint64 m_consumed = 0;  // bytes of the stream consumed by parsed headers and complete frames
    bool m_streaming = false; // the last frame had a direct payload: read headers exactly
    Error m_error = Error::None;
    QString m_detail;

    // Partially parsed frame: header known, waiting for payload.
    bool m_haveHeader = false;
    Frame m_pending;
    qint64 m_pendingPayload = 0;
    bool m_direct = false;  // the pending payload is read into m_payload
    QByteArray m_payload;   // the large payload being received (held by the decoder alone)
    BufferPool m_payloads;  // payload buffers handed out in frames, reused when let go
    qsizetype m_payloadFill = 0;
};

} // namespace Switchboard
