#pragma once
#include <QByteArray>
#include <QList>
#include <QString>

namespace Switchboard {

// Reads one TCP connection of the tutorial port, without a socket (so a fuzzer can drive it):
// text, or uploads framed as struct.pack('i', len(head)) + JSON head {"filename", "filesize"} +
// the bytes, any number back to back, however the bytes are cut into chunks. feed() turns each
// received chunk into events for TutorialServer, which does the I/O.
//
// Buffering is bounded: at most a length prefix and a head (4 + 65,536 bytes) are ever held;
// upload data is handed out as it arrives.
class TutorialStream
{
public:
    static constexpr qint64 MaxHeadBytes = 65536;

    enum class Mode { Unknown, Text, Upload, Closed };
    struct Event
    {
        enum class Kind {
            Text,          // bytes: one received chunk of text, to be answered
            UploadBegin,   // name (sanitized, non-empty) and size (0 to the maximum) of a new upload
            UploadData,    // bytes: the next bytes of the current upload
            UploadEnd,     // the current upload has all its bytes
            Refuse,        // bytes: the line to answer before closing; nothing more is read
            HoldShortText, // 1 to 3 bytes may start a length prefix: call shortTextTimeout() later
        };
        Kind kind = Kind::Text;
        QByteArray bytes;
        QString name;
        qint64 size = 0;
    };

    // How a peer's first bytes are read: an upload header, text, or not yet known. Stable: once
    // a prefix is Text or Upload, every longer input is too.
    static Mode classify(const QByteArray &firstBytes);

    // The answer to one datagram on the tutorial UDP port: its upper-case copy.
    static QByteArray udpReply(const QByteArray &datagram);

    // Largest upload accepted (bytes); a negative value refuses every upload.
    void setMaxUpload(qint64 bytes) { m_maxUpload = bytes; }
    qint64 maxUpload() const { return m_maxUpload; }

    QList<Event> feed(const QByteArray &chunk);
    // The wait announced by HoldShortText (with the decision count then) ran out: bytes still held
    // and undecided are text.
    QList<Event> shortTextTimeout(quint64 decision);
    // The owner refused the peer: nothing more is read.
    void close();

    Mode mode() const { return m_mode; }
    bool inUpload() const { return m_remaining >= 0; }
    quint64 decisions() const { return m_decisions; }
    // Bytes received but not yet handed out.
    qsizetype heldBytes() const { return m_pending.size(); }

private:
    void consume(QList<Event> &out);
    bool startUpload(QList<Event> &out);
    void refuse(QList<Event> &out, const QByteArray &line);

    Mode m_mode = Mode::Unknown;
    QByteArray m_pending;
    qint64 m_remaining = -1; // bytes of the current upload still to come; -1: none in progress
    qint64 m_maxUpload = qint64(4) << 30;
    quint64 m_decisions = 0; // classifications made; a pending short-text wait checks it
};

} // namespace Switchboard
