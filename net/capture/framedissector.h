#pragma once
// Splits a frame's wire bytes into labelled fields with byte ranges (the inspector's detail tree).

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Switchboard {

class FrameDissector
{
    Q_DECLARE_TR_FUNCTIONS(FrameDissector)
public:
    struct Field
    {
        QString label;       // "Length prefix", "Header", "type", "Payload" ...
        QString value;       // shown next to the label
        qint64 offset = -1;  // first byte, relative to the bytes dissected (+ base offset); -1: none
        qint64 length = 0;
        QString key;         // header member name, for members
        QList<Field> children;
    };

    struct Member
    {
        QString key;
        qint64 offset = 0;      // the member's first byte (its opening quote) within the JSON text
        qint64 length = 0;      // up to the end of the value
        qint64 valueOffset = 0;
        qint64 valueLength = 0;
    };

    // Dissects one frame: length prefix, header (one child per top-level member), payload.
    // wire may be a partial frame; what is missing is described. Offsets are shifted by baseOffset.
    static Field dissectFrame(QByteArrayView wire, qint64 baseOffset = 0);
    // The top-level members of a JSON object text with their byte ranges. False if it is not an object.
    static bool scanMembers(QByteArrayView json, QList<Member> *members);
    // Total wire length of the frame starting at bytes[0]: 4 + N + size. 0 if not yet known
    // (fewer than 4 + N bytes), -1 if the bytes are not a valid frame start.
    static qint64 frameLength(QByteArrayView bytes, quint32 maxHeader = 65536);
    // The same for any framing of that shape: a 4-byte head length (big- or little-endian; 0 or
    // above maxHeader is no frame), a JSON object head, then the payload bytes its member sizeKey
    // counts (the tutorials' framing: little-endian, "filesize").
    static qint64 prefixedFrameLength(QByteArrayView bytes, bool bigEndian, QLatin1String sizeKey, quint32 maxHeader);
};

} // namespace Switchboard
