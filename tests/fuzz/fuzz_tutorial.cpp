// libFuzzer target for the tutorial port's parsers (built with clang++
// -fsanitize=fuzzer,address,undefined; see CMakeLists.txt): TutorialStream, which reads a TCP
// connection (the HMAC join digest, the login flow's JSON object, uploads framed as
// struct.pack('i', len(head)) + JSON head + bytes, text), and the UDP echo's answer
// (TutorialStream::udpReply).
//
// Input layout: byte 0's low 7 bits seed how the rest is cut into received chunks (0: byte by
// byte); its high bit makes the stream expect the HMAC of the challenge 00 01 .. 1f under the key
// "secretkey" first (corpus/tutorial/digest_* start with one). The rest is the byte stream (and,
// whole, one UDP datagram). Invariants checked are listed at each CHECK.
#include "net/transfer/filenamesanitizer.h"
#include "net/tutorial/tutorialstream.h"
#include "fuzzcheck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <cstdint>

using namespace Switchboard;

namespace {

using Kind = TutorialStream::Event::Kind;
constexpr qint64 MaxUpload = 1 << 20; // small, so refusals of large uploads are reached too

struct Upload
{
    QString name;
    qint64 size = 0;
    QByteArray data;
    bool complete = false;
};

// What a stream meant, independent of how its bytes were cut.
struct Meaning
{
    QList<Upload> uploads;
    QByteArray text;    // every Text event, joined
    QByteArray refusal; // the Refuse line, if any
    QList<QByteArray> logins; // the Login objects' text
    qint64 legal = 0;   // the accepted digest's size
    bool illegal = false;
    bool holds = false; // a HoldShortText was seen
    qsizetype held = 0; // bytes held at the end

    bool operator==(const Meaning &o) const
    {
        if (uploads.size() != o.uploads.size() || text != o.text || refusal != o.refusal || held != o.held
            || logins != o.logins || legal != o.legal || illegal != o.illegal)
            return false;
        for (qsizetype i = 0; i < uploads.size(); ++i) {
            const Upload &a = uploads.at(i);
            const Upload &b = o.uploads.at(i);
            if (a.name != b.name || a.size != b.size || a.data != b.data || a.complete != b.complete)
                return false;
        }
        return true;
    }
};

// Applies events to the meaning, checking that they follow the stream's grammar.
void apply(Meaning &m, const QList<TutorialStream::Event> &events, const TutorialStream &stream)
{
    for (const TutorialStream::Event &e : events) {
        CHECK(m.refusal.isEmpty() && !m.illegal, e.bytes); // nothing after a refusal
        const bool inUpload = !m.uploads.isEmpty() && !m.uploads.last().complete;
        switch (e.kind) {
        case Kind::Text:
            CHECK(!inUpload && !e.bytes.isEmpty(), e.bytes);
            m.text += e.bytes;
            break;
        case Kind::UploadBegin:
            CHECK(!inUpload && m.text.isEmpty(), e.name.toUtf8()); // text never turns back into uploads
            CHECK(!e.name.isEmpty() && FileNameSanitizer::sanitize(e.name) == e.name, e.name.toUtf8());
            CHECK(e.size >= 0 && e.size <= MaxUpload, e.size);
            m.uploads.append(Upload{e.name, e.size, {}, false});
            break;
        case Kind::UploadData:
            CHECK(inUpload && !e.bytes.isEmpty(), e.bytes);
            m.uploads.last().data += e.bytes;
            CHECK(m.uploads.last().data.size() <= m.uploads.last().size, m.uploads.last().data.size(),
                  m.uploads.last().size); // never more than announced
            break;
        case Kind::UploadEnd:
            CHECK(inUpload && m.uploads.last().data.size() == m.uploads.last().size, m.uploads.last().size);
            m.uploads.last().complete = true;
            break;
        case Kind::Refuse:
            CHECK(!inUpload && e.bytes.startsWith("error: ") && e.bytes.endsWith('\n'), e.bytes);
            CHECK(stream.mode() == TutorialStream::Mode::Closed && stream.heldBytes() == 0);
            m.refusal = e.bytes;
            break;
        case Kind::HoldShortText:
            CHECK(!inUpload && stream.heldBytes() > 0, stream.heldBytes());
            CHECK(stream.heldBytes() < 4 || stream.mode() == TutorialStream::Mode::Json, stream.heldBytes());
            m.holds = true;
            break;
        case Kind::Login: {
            // A whole JSON object with "operate", before any text (text never turns back).
            CHECK(!inUpload && m.text.isEmpty() && e.bytes.startsWith('{') && e.bytes.endsWith('}'), e.bytes);
            CHECK(e.bytes.size() <= TutorialStream::MaxJsonBytes && e.json.contains(QLatin1String("operate")), e.bytes);
            CHECK(QJsonDocument::fromJson(e.bytes).object() == e.json, e.bytes);
            m.logins.append(e.bytes);
            break;
        }
        case Kind::Legal:
            // Only first, and only 16 or 32 bytes.
            CHECK(m.legal == 0 && m.uploads.isEmpty() && m.logins.isEmpty() && m.text.isEmpty(), e.size);
            CHECK(e.size == TutorialStream::Md5DigestBytes || e.size == TutorialStream::Sha256DigestBytes, e.size);
            m.legal = e.size;
            break;
        case Kind::Illegal:
            CHECK(m.legal == 0 && stream.mode() == TutorialStream::Mode::Closed && stream.heldBytes() == 0);
            m.illegal = true;
            break;
        }
    }
    // Bounded buffering: a length prefix and a head, a JSON object or a digest at most; upload
    // data is never held.
    CHECK(stream.heldBytes() <= qMax<qint64>(4 + TutorialStream::MaxHeadBytes, TutorialStream::MaxJsonBytes),
          stream.heldBytes());
    CHECK(stream.mode() != TutorialStream::Mode::Digest || stream.heldBytes() < TutorialStream::Sha256DigestBytes,
          stream.heldBytes());
    CHECK(!stream.inUpload() || stream.heldBytes() == 0, stream.heldBytes());
    m.held = stream.heldBytes();
}

// Cut points from a small generator seeded by the first byte: 0 feeds byte by byte.
QList<QByteArray> cut(const QByteArray &bytes, quint8 seed)
{
    QList<QByteArray> chunks;
    quint32 state = seed * 2654435761u + 1;
    qsizetype at = 0;
    while (at < bytes.size()) {
        state = state * 1103515245u + 12345u;
        const qsizetype len = (seed & 0x7f) == 0 ? 1 : qsizetype(1 + (state >> 16) % 37);
        chunks.append(bytes.mid(at, len));
        at += len;
    }
    return chunks;
}

QByteArray challenge()
{
    QByteArray out(TutorialStream::ChallengeBytes, Qt::Uninitialized);
    for (qsizetype i = 0; i < out.size(); ++i)
        out[i] = char(i);
    return out;
}

Meaning run(const QList<QByteArray> &chunks, bool fireTimeouts, bool digest = false)
{
    TutorialStream stream;
    stream.setMaxUpload(MaxUpload);
    if (digest)
        stream.expectDigest("secretkey", challenge());
    Meaning m;
    for (const QByteArray &chunk : chunks) {
        const QList<TutorialStream::Event> events = stream.feed(chunk);
        apply(m, events, stream);
        if (fireTimeouts && !events.isEmpty() && events.last().kind == Kind::HoldShortText) {
            apply(m, stream.shortTextTimeout(stream.decisions()), stream);
            CHECK(stream.heldBytes() == 0 && stream.mode() == TutorialStream::Mode::Text, stream.heldBytes());
        }
    }
    if (fireTimeouts) { // the wait for the digest runs out last
        apply(m, stream.digestTimeout(), stream);
        CHECK(stream.mode() != TutorialStream::Mode::Digest);
    }
    return m;
}

QByteArray encode(const Upload &u)
{
    const QByteArray head = QJsonDocument(QJsonObject{{QStringLiteral("filename"), u.name},
                                                      {QStringLiteral("filesize"), u.size}})
                                .toJson(QJsonDocument::Compact);
    QByteArray prefix(4, Qt::Uninitialized);
    qToLittleEndian<qint32>(qint32(head.size()), prefix.data());
    return prefix + head + u.data;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    // Classification is stable: once a prefix is decided, every longer prefix decides the same.
    TutorialStream::Mode decided = TutorialStream::Mode::Unknown;
    for (qsizetype n = 1; n <= qMin<qsizetype>(bytes.size(), 6); ++n) {
        const TutorialStream::Mode mode = TutorialStream::classify(bytes.left(n));
        CHECK(decided == TutorialStream::Mode::Unknown || mode == decided, n);
        decided = mode;
    }

    // However the bytes are cut, they mean the same (as long as no short-text wait runs out).
    const bool digest = data[0] & 0x80;
    const Meaning whole = run({bytes}, false, digest);
    const Meaning pieces = run(cut(bytes, data[0]), false, digest);
    CHECK(whole == pieces, bytes);
    run(cut(bytes, data[0]), true, digest); // the waits running out: the grammar still holds
    if (digest) { // a digest is accepted only if it is the right one
        const bool md5 = bytes.startsWith(TutorialStream::hmacMd5("secretkey", challenge()));
        const bool sha = bytes.startsWith(TutorialStream::hmacSha256("secretkey", challenge()));
        CHECK(whole.legal == (md5 ? 16 : sha ? 32 : 0), whole.legal);
    }

    // Every login object, sent again alone, reads the same.
    for (const QByteArray &login : whole.logins) {
        const Meaning again = run({login}, false);
        CHECK(again.logins == QList<QByteArray>{login} && again.text.isEmpty() && again.held == 0, login);
    }

    // Every complete upload, sent again the way the tutorials' client sends it, reads the same.
    for (const Upload &u : whole.uploads) {
        if (!u.complete)
            continue;
        const Meaning again = run({encode(u)}, false);
        CHECK(again.uploads.size() == 1 && again.uploads.first().complete, u.name.toUtf8());
        CHECK(again.uploads.first().name == u.name && again.uploads.first().data == u.data, u.name.toUtf8());
        CHECK(again.text.isEmpty() && again.refusal.isEmpty() && again.held == 0, u.name.toUtf8());
    }

    // The UDP echo: an upper-case copy, valid UTF-8 whatever came in.
    const QByteArray reply = TutorialStream::udpReply(bytes);
    CHECK(QString::fromUtf8(reply).toUtf8() == reply, reply);
    return 0;
}
