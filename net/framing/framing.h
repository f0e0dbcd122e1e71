#pragma once
// A framing: how a byte stream is cut into messages. One instance reads one direction of one
// stream; feed() takes the chunks as they arrived, however they were cut, and hands out every
// message completed so far. Shared by the framing proxy, capture import and the socket lab.

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace Switchboard {

class Framing
{
    Q_DECLARE_TR_FUNCTIONS(Framing)
public:
    // A message larger than this is taken as a sign that the framing does not fit the stream.
    static constexpr qint64 DefaultMaxMessage = 64LL * 1024 * 1024;

    struct Message
    {
        qint64 offset = 0;     // stream offset of bytes[0]
        QByteArray bytes;      // the whole message as on the wire (prefix, head, body, delimiter)
        qint64 headOffset = 0; // the JSON head inside bytes (v1, tutorial); headLength 0: none
        qint64 headLength = 0;
        qint64 bodyOffset = 0; // the content without the framing's own bytes: payload, line, record
        qint64 bodyLength = 0;
        QJsonObject head;      // the parsed JSON head (v1, tutorial)
        qint64 end() const { return offset + bytes.size(); }
        QByteArray body() const { return bytes.mid(bodyOffset, bodyLength); }
    };

    // Where and why the stream stopped fitting the framing; nothing after it is decoded.
    struct Failure
    {
        qint64 offset = -1; // stream offset of the first byte that does not fit
        QString text;
        bool isSet() const { return offset >= 0; }
    };

    virtual ~Framing();

    // Parses a framing name: v1, tutorial, len:N:be|le[:inclusive] (N = 1, 2 or 4), line,
    // delim:HEX, fixed:N, raw. Null with *error set when the name is not one of those.
    static std::unique_ptr<Framing> create(const QString &name, QString *error = nullptr);
    // One line per framing name, for --help texts and selectors.
    static QStringList names();
    static QString syntaxHelp();

    QString name() const { return m_name; }
    void setMaxMessage(qint64 bytes) { m_maxMessage = bytes; }
    qint64 maxMessage() const { return m_maxMessage; }

    // Appends one chunk of the stream; returns the messages it completed, in order.
    QList<Message> feed(QByteArrayView chunk);
    // Stream offset of the first byte not yet handed out in a message.
    qint64 consumed() const { return m_base + m_start; }
    // The bytes received but not yet part of a message (an incomplete message at the end).
    QByteArray pending() const { return m_buffer.mid(m_start); }
    bool failed() const { return m_failure.isSet(); }
    const Failure &failure() const { return m_failure; }
    // Forgets everything: the next byte fed is offset 0 of a new stream.
    void reset();

    // Resync (StreamDecoder): data follows a gap or bytes that did not fit. Returns the first offset
    // in data where messages can be trusted to start again, or -1 with *rejected set to how many
    // leading bytes cannot start one (atEnd: the stream ends with data, so no more will come). By
    // default the first offset where ResyncChain whole messages follow one another; the choice
    // depends only on the bytes, never on how they were cut.
    static constexpr int ResyncChain = 2;
    virtual qint64 resyncOffset(QByteArrayView data, bool atEnd, qint64 *rejected);

protected:
    explicit Framing(const QString &name) : m_name(name) { }

    // data starts at a message boundary. Returns the whole message's length as soon as it is known
    // (data may hold less), 0 when more bytes are needed to know it, or -1 with *failure set (its
    // offset relative to data). scanned: bytes of data that an earlier call returning 0 already saw.
    virtual qint64 measure(QByteArrayView data, qint64 scanned, Failure *failure) = 0;
    // Fills in a complete message's parts (head, body); by default the body is the whole message.
    virtual void describe(Message &message) const;

private:
    QString m_name;
    qint64 m_maxMessage = DefaultMaxMessage;
    QByteArray m_buffer;
    qsizetype m_start = 0;  // first unconsumed byte in m_buffer
    qint64 m_base = 0;      // stream offset of m_buffer[0]
    qint64 m_expected = 0;  // length of the message starting at m_start, once known
    qint64 m_scanned = 0;
    Failure m_failure;
};

} // namespace Switchboard
