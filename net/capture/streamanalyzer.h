#pragma once
// Relates the chunks a connection's reads (or writes) delivered to the frames reassembled from
// them: which reads carried several frames (sticky packets), which frames were split across reads.

#include "capturebuffer.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVector>

namespace Switchboard {

class StreamAnalyzer
{
    Q_DECLARE_TR_FUNCTIONS(StreamAnalyzer)
public:
    // How frames are cut out of the chunks. V1: Switchboard's own (4-byte big-endian length +
    // JSON header + "size" payload bytes, docs/PROTOCOL.md). Tutorial: the tutorials' upload
    // framing, struct.pack('i') (4-byte little-endian signed head length) + JSON head + "filesize"
    // bytes, as the tutorial port and the socket lab's raw streams carry it.
    enum class Framing : quint8 { V1, Tutorial };

    struct Chunk
    {
        quint64 seq = 0;
        qint64 offset = 0;
        QByteArray bytes;
        qint64 timeUs = 0;
        qint64 end() const { return offset + bytes.size(); }
    };
    struct Frame
    {
        quint64 seq = 0;     // 0: not recorded as a frame, decoded here from the chunks
        qint64 offset = 0;
        qint64 length = 0;   // wire length (known part when incomplete)
        QString type;
        bool complete = true; // false: the stream shown ends before the frame does
        qint64 end() const { return offset + length; }
    };
    struct Note
    {
        quint64 seq = 0;      // the record the note is about (0 when none)
        qint64 offset = 0;    // where in the stream
        bool aboutChunk = false;
        QString text;
    };
    struct Result
    {
        CaptureRecord::Direction direction = CaptureRecord::Direction::In;
        QVector<Chunk> chunks;                  // by stream offset
        QVector<Frame> frames;                  // by stream offset
        QVector<QVector<int>> framesOfChunk;    // indexes into frames overlapping each chunk
        QVector<QVector<int>> chunksOfFrame;    // indexes into chunks overlapping each frame
        int stickyChunks = 0;                   // chunks that carry (parts of) more than one frame
        int splitFrames = 0;                    // frames spread over more than one chunk
        QString summary;
        QVector<Note> notes;
        int chunkIndex(quint64 seq) const;
        int frameIndex(quint64 seq) const;
    };

    // Relates chunks and frames (either may come in any order). Stretches of the chunks not
    // covered by a frame record are decoded here when they start at a known frame boundary, so
    // raw writes (the framing lab's sendRaw) are explained too; decodeUncovered false leaves them be
    // (streams of other framings, net/framing/framedstream.h).
    static Result analyze(QVector<Chunk> chunks, QVector<Frame> frames,
                          CaptureRecord::Direction direction = CaptureRecord::Direction::In,
                          Framing framing = Framing::V1, bool decodeUncovered = true);

    // Collects one connection's chunks and frames in one direction from the buffer records
    // numbered around `around` (at most `window` records before and after) and analyzes them.
    // Under the tutorial framing, recorded (v1) frames are left out: the chunks are cut afresh.
    static Result collect(const CaptureBuffer &buffer, quint64 connectionId, CaptureRecord::Direction direction,
                          quint64 around, quint64 window = 4000, int maxChunks = 400,
                          Framing framing = Framing::V1);

    // The wire length of the tutorial-framed message at the start of bytes: 0 when more bytes are
    // needed to tell, -1 when they are not one (a head length out of 1..65536, a head that is not
    // a JSON object, a "filesize" that is not a whole number >= 0).
    static qint64 tutorialFrameLength(QByteArrayView bytes);

    // "read" / "write" (and plurals) in the words used for a direction.
    static QString chunkWord(CaptureRecord::Direction direction, int n = 1);
    static QString frameName(const Frame &frame);
};

} // namespace Switchboard
