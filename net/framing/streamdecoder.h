#pragma once
// One direction of a stream cut into messages by a framing, chunks given with their stream
// offsets, gaps (bytes never captured) included. Without resync decoding stops at the first gap
// or where the framing stops fitting, as message boundaries after it are unknown. With resync
// it finds them again (Framing::resyncOffset): line and delim framings restart after the next
// delimiter, length-prefixed ones (v1, tutorial, len) at the first offset where a chain of
// messages parses, raw and fixed right after the gap; every byte passed over is reported.

#include "framing.h"

#include <QCoreApplication>

#include <memory>

namespace Switchboard {

class StreamDecoder
{
    Q_DECLARE_TR_FUNCTIONS(StreamDecoder)
public:
    struct Gap
    {
        qint64 offset = 0;
        qint64 length = 0;
    };
    // Bytes not decoded: an incomplete message cut off by a gap, or bytes passed over by resync.
    struct Skip
    {
        qint64 offset = 0;
        qint64 length = 0;
        QString why;
        qint64 end() const { return offset + length; }
    };

    StreamDecoder(std::unique_ptr<Framing> framing, bool resync);
    // Null with *error set when the framing name is unknown (see Framing::create).
    static std::unique_ptr<StreamDecoder> create(const QString &framing, bool resync, QString *error = nullptr);

    // The next chunk; offset beyond the end of the last one: the bytes between were not captured.
    // Returns the messages completed, their offsets in the stream.
    QList<Framing::Message> feed(qint64 offset, QByteArrayView bytes);
    // The stream ended: with resync, the last bytes searched are given up (or decoded).
    QList<Framing::Message> finish();

    QString framingName() const { return m_framing->name(); }
    bool resync() const { return m_resync; }
    // Without resync: decoding stopped at a gap or where the framing stopped fitting.
    bool stopped() const { return m_mode == Mode::Stopped; }
    // Every place the framing stopped fitting (stream offsets); without resync at most one.
    const QList<Framing::Failure> &failures() const { return m_failures; }
    const QList<Gap> &gaps() const { return m_gaps; }
    const QList<Skip> &skips() const { return m_skips; }
    qint64 skippedBytes() const;
    // An incomplete message at the end (after the last chunk fed).
    qint64 pendingOffset() const { return m_base + m_framing->consumed(); }
    qint64 pendingBytes() const;

private:
    enum class Mode { Decoding, Searching, Stopped };
    void decode(QByteArrayView bytes, QList<Framing::Message> &out);
    void startSearch(qint64 offset, const QByteArray &bytes, const QString &why);
    void search(bool atEnd, QList<Framing::Message> &out);
    void skip(qint64 offset, qint64 length, const QString &why);

    std::unique_ptr<Framing> m_framing;
    bool m_resync;
    Mode m_mode = Mode::Decoding;
    qint64 m_next = -1; // stream offset after the last chunk; -1 before the first
    qint64 m_base = 0; // stream offset of the framing's byte 0
    QByteArray m_search; // bytes being searched for a message boundary
    qint64 m_searchBase = 0; // stream offset of m_search[0]
    qint64 m_searchStart = 0; // where this search began (what is skipped is counted from here)
    QString m_searchWhy;
    QList<Framing::Failure> m_failures;
    QList<Gap> m_gaps;
    QList<Skip> m_skips;
};

} // namespace Switchboard
