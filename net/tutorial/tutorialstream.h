#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Switchboard {

// Reads one TCP connection of the tutorial port, without a socket (so a fuzzer can drive it).
// What arrives first decides (docs/PROTOCOL.md 9):
//  - with expectDigest() (--join-key), the client's HMAC of the challenge comes before anything
//    else: 16 bytes HMAC-MD5 or 32 bytes HMAC-SHA-256;
//  - an upload: struct.pack('i', len(head)) + JSON head {"filename", "filesize"} + the bytes;
//  - a JSON object with "operate" (the login flow's {"operate": "login", "user", "passwd"});
//  - text, each received chunk one message (commands and the robot).
// After an upload, a login object or an accepted digest, the next bytes are read afresh, so the
// flows follow one another on one connection however the bytes are cut into chunks. feed() turns
// each received chunk into events for TutorialServer, which does the I/O.
//
// Buffering is bounded: at most a length prefix and a head (4 + 65,536 bytes), a JSON object
// candidate (MaxJsonBytes) or a digest (32 bytes) are ever held; upload data is handed out as it
// arrives.
class TutorialStream
{
public:
    static constexpr qint64 MaxHeadBytes = 65536;
    static constexpr qsizetype MaxJsonBytes = 8192; // a login object; longer "{..." is text
    static constexpr qsizetype ChallengeBytes = 32; // os.urandom(32)
    static constexpr qsizetype Md5DigestBytes = 16;
    static constexpr qsizetype Sha256DigestBytes = 32;

    // Json: starts with '{' and is no upload head; a whole object with "operate" becomes a Login,
    // anything else text. Digest: waiting for the HMAC of the challenge.
    enum class Mode { Unknown, Text, Upload, Json, Digest, Closed };
    struct Event
    {
        enum class Kind {
            Text,          // bytes: one received chunk of text, to be answered
            UploadBegin,   // name (sanitized, non-empty) and size (0 to the maximum) of a new upload
            UploadData,    // bytes: the next bytes of the current upload
            UploadEnd,     // the current upload has all its bytes
            Refuse,        // bytes: the line to answer before closing; nothing more is read
            HoldShortText, // undecided bytes are held (1 to 3 that may start a length prefix, or
                           // an incomplete JSON object): call shortTextTimeout() later
            Login,         // json: a JSON object with "operate"; bytes: its text
            Legal,         // the digest matched (size: 16 = HMAC-MD5, 32 = HMAC-SHA-256)
            Illegal,       // the digest did not match: close without an answer; nothing more is read
        };
        Kind kind = Kind::Text;
        QByteArray bytes;
        QString name;
        qint64 size = 0;
        QJsonObject json;
    };

    // How a peer's first bytes are read: an upload header, a JSON object candidate, text, or not
    // yet known. Stable: once a prefix is Text, Upload or Json, every longer input is too.
    static Mode classify(const QByteArray &firstBytes);

    // The answer to one datagram on the tutorial UDP port: its upper-case copy.
    static QByteArray udpReply(const QByteArray &datagram);

    // HMAC-MD5 (what Python 2's hmac.new(key, msg) computes) and HMAC-SHA-256 of the challenge.
    static QByteArray hmacMd5(const QByteArray &key, const QByteArray &message);
    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &message);

    // Largest upload accepted (bytes); a negative value refuses every upload.
    void setMaxUpload(qint64 bytes) { m_maxUpload = bytes; }
    qint64 maxUpload() const { return m_maxUpload; }
    // Before the first feed(): the first bytes must be the HMAC of `challenge` under `key`.
    void expectDigest(const QByteArray &key, const QByteArray &challenge);

    QList<Event> feed(const QByteArray &chunk);
    // The wait announced by HoldShortText (with the decision count then) ran out: bytes still held
    // and undecided are text.
    QList<Event> shortTextTimeout(quint64 decision);
    // The wait for the digest ran out: Illegal if it is still awaited.
    QList<Event> digestTimeout();
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
    // False while the object is incomplete.
    bool takeJson(QList<Event> &out);
    // False while the digest is incomplete.
    bool checkDigest(QList<Event> &out);
    void becomeText(QList<Event> &out);
    void hold(QList<Event> &out);
    void refuse(QList<Event> &out, const QByteArray &line);

    Mode m_mode = Mode::Unknown;
    QByteArray m_pending;
    qint64 m_remaining = -1; // bytes of the current upload still to come; -1: none in progress
    qint64 m_maxUpload = qint64(4) << 30;
    quint64 m_decisions = 0; // classifications made; a pending short-text wait checks it
    quint64 m_heldFor = ~quint64(0); // the decision a HoldShortText was last announced for
    // Scan of a JSON candidate, resumed where the last chunk ended.
    qsizetype m_scanned = 0;
    int m_depth = 0;
    bool m_inString = false;
    bool m_escaped = false;
    QByteArray m_md5;    // expected digests while in Digest mode
    QByteArray m_sha256;
};

} // namespace Switchboard
