// libFuzzer target for the tutorial port's parsers (built with clang++
// -fsanitize=fuzzer,address,undefined; see CMakeLists.txt): TutorialStream, which reads a TCP
// connection (text, or uploads framed as struct.pack('i', len(head)) + JSON head + bytes), and the
// UDP echo's answer (TutorialStream::udpReply).
//
// Input layout: byte 0 seeds how the rest is cut into received chunks; the rest is the byte
// stream (and, whole, one UDP datagram). Invariants checked are listed at each CHECK.
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
    bool holds = false; // a HoldShortText was seen
    qsizetype held = 0; // bytes held at the end

    bool operator==(const Meaning &o) const
    {
        if (uploads.size() != o.uploads.size() || text != o.text || refusal != o.refusal || held != o.held)
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
        CHECK(m.refusal.isEmpty(), e.bytes); // nothing after a refusal
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
            CHECK(!inUpload && stream.heldBytes() > 0 && stream.heldBytes() < 4, stream.heldBytes());
            m.holds = true;
            break;
        }
    }
    // Bounded buffering: a length prefix and a head at most; upload data is never held.
    CHECK(stream.heldBytes() <= 4 + TutorialStream::MaxHeadBytes, stream.heldBytes());
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
        const qsizetype len = seed == 0 ? 1 : qsizetype(1 + (state >> 16) % 37);
        chunks.append(bytes.mid(at, len));
        at += len;
    }
    return chunks;
}

Meaning run(const QList<QByteArray> &chunks, bool fireTimeouts)
{
    TutorialStream stream;
    stream.setMaxUpload(MaxUpload);
    Meaning m;
    for (const QByteArray &chunk : chunks) {
        const QList<TutorialStream::Event> events = stream.feed(chunk);
        apply(m, events, stream);
        if (fireTimeouts && !events.isEmpty() && events.last().kind == Kind::HoldShortText) {
            apply(m, stream.shortTextTimeout(stream.decisions()), stream);
            CHECK(stream.heldBytes() == 0 && stream.mode() == TutorialStream::Mode::Text, stream.heldBytes());
        }
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
    const Meaning whole = run({bytes}, false);
    const Meaning pieces = run(cut(bytes, data[0]), false);
    CHECK(whole == pieces, bytes);
    run(cut(bytes, data[0]), true); // the waits running out: the grammar still holds

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
