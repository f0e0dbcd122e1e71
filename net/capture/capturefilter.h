#pragma once
// Which capture records the inspector shows: by kind, frame type, peer, direction and free text.

#include "capturebuffer.h"

#include <QString>

namespace Switchboard {

class CaptureFilter
{
public:
    enum KindFlag {
        Chunks = 0x01,
        Frames = 0x02,
        Datagrams = 0x04,
        Errors = 0x08,
        Events = 0x10,
        AllKinds = 0x1f,
    };
    enum class Direction { Any, In, Out };

    int kinds = AllKinds;
    // Frame type, case-insensitive: "chat.send" exactly, or a prefix ending in '*' ("chat.*").
    // When set, only frames match.
    QString type;
    // Part of the peer address ("127.0.0.1", ":5151", "[::1]").
    QString peer;
    Direction direction = Direction::Any;
    // Case-insensitive text anywhere in the type, the peer, or the first 4 KiB of the record's bytes
    // (a frame's header JSON, a chunk's data, an error's message).
    QString text;

    bool isEmpty() const;
    bool operator==(const CaptureFilter &o) const;
    bool operator!=(const CaptureFilter &o) const { return !(*this == o); }

    // Call after changing the fields and before the Entry overload of matches() (precomputes
    // lower-case patterns); the CaptureRecord overload prepares a copy itself when needed.
    void prepare();
    // type: the frame type (CaptureBuffer::visit's type argument, or typeName()).
    bool matches(const CaptureBuffer::Entry &entry, const CaptureBuffer::Endpoint &endpoint, const QString &type) const;
    bool matches(const CaptureRecord &record) const;

    static constexpr int TextSearchLimit = 4096;

private:
    bool matchesText(QByteArrayView bytes, const QString &type, const QString &peerString) const;
    static int kindFlag(CaptureRecord::Kind kind);

    QByteArray m_textUtf8Lower;
    QString m_textLower;
    QString m_typeLower;
    bool m_typePrefix = false;
    bool m_prepared = false;
};

} // namespace Switchboard
