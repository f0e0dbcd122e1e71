#include "streamanalyzer.h"
#include "net/protocol/messages.h"

#include "framedissector.h"
#include "net/tutorial/tutorialstream.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtEndian>

#include <algorithm>

namespace Switchboard {

int StreamAnalyzer::Result::chunkIndex(quint64 seq) const
{
    for (int i = 0; i < chunks.size(); ++i)
        if (chunks.at(i).seq == seq)
            return i;
    return -1;
}

int StreamAnalyzer::Result::frameIndex(quint64 seq) const
{
    for (int i = 0; i < frames.size(); ++i)
        if (frames.at(i).seq == seq)
            return i;
    return -1;
}

QString StreamAnalyzer::chunkWord(CaptureRecord::Direction direction, int n)
{
    if (direction == CaptureRecord::Direction::Out)
        return n == 1 ? tr("write") : tr("writes");
    return n == 1 ? tr("read") : tr("reads");
}

QString StreamAnalyzer::frameName(const Frame &f)
{
    const QString type = f.type.isEmpty() ? tr("unknown type") : f.type;
    if (f.seq)
        return tr("frame No. %1 (%2)").arg(f.seq).arg(type);
    return tr("frame at offset %1 (%2)").arg(f.offset).arg(type);
}

namespace {

QString typeOf(QByteArrayView wire)
{
    if (wire.size() < 4)
        return {};
    const quint32 n = qFromBigEndian<quint32>(wire.data());
    if (wire.size() < 4 + qsizetype(n))
        return {};
    return Protocol::typeOf(QJsonDocument::fromJson(wire.sliced(4, n).toByteArray()).object());
}

// A tutorial message is named after its head: the file it uploads, or its keys.
QString tutorialTypeOf(QByteArrayView wire)
{
    if (wire.size() < 4)
        return {};
    const qint32 n = qFromLittleEndian<qint32>(wire.data());
    if (n <= 0 || wire.size() < 4 + qsizetype(n))
        return {};
    const QJsonObject head = QJsonDocument::fromJson(wire.sliced(4, n).toByteArray()).object();
    const QString name = head.value(QLatin1String("filename")).toString();
    if (!name.isEmpty())
        return name;
    return head.keys().join(QLatin1Char(','));
}

} // namespace

qint64 StreamAnalyzer::tutorialFrameLength(QByteArrayView bytes)
{
    return FrameDissector::prefixedFrameLength(bytes, false, QLatin1String("filesize"), TutorialStream::MaxHeadBytes);
}

StreamAnalyzer::Result StreamAnalyzer::analyze(QVector<Chunk> chunks, QVector<Frame> frames,
                                               CaptureRecord::Direction direction, Framing framing,
                                               bool decodeUncovered)
{
    const bool tutorial = framing == Framing::Tutorial;
    Result r;
    r.direction = direction;
    std::stable_sort(chunks.begin(), chunks.end(), [](const Chunk &a, const Chunk &b) { return a.offset < b.offset; });
    std::stable_sort(frames.begin(), frames.end(), [](const Frame &a, const Frame &b) { return a.offset < b.offset; });
    // One frame per offset (a frame recorded twice, or recorded and decoded).
    frames.erase(std::unique(frames.begin(), frames.end(),
                             [](const Frame &a, const Frame &b) { return a.offset == b.offset; }),
                 frames.end());

    // Decode the stretches no frame record covers, from runs of contiguous chunks.
    QSet<qint64> boundaries{0};
    for (const Frame &f : frames) {
        boundaries.insert(f.offset);
        boundaries.insert(f.end());
    }
    QVector<Frame> decoded;
    for (int i = 0; decodeUncovered && i < chunks.size();) {
        QByteArray run = chunks.at(i).bytes;
        const qint64 runStart = chunks.at(i).offset;
        int j = i + 1;
        while (j < chunks.size() && chunks.at(j).offset == runStart + run.size()) {
            run.append(chunks.at(j).bytes);
            ++j;
        }
        i = j;
        const qint64 runEnd = runStart + run.size();
        auto frameAt = [&](qint64 at) {
            const auto it = std::lower_bound(frames.cbegin(), frames.cend(), at,
                                             [](const Frame &f, qint64 o) { return f.offset < o; });
            return it;
        };
        qint64 p = runStart;
        if (!boundaries.contains(p)) {
            const auto it = frameAt(p);
            if (it == frames.cend() || it->offset >= runEnd)
                continue; // no known frame boundary in this run
            p = it->offset;
        }
        while (p < runEnd) {
            const auto it = frameAt(p);
            if (it != frames.cend() && it->offset == p) {
                if (it->length <= 0)
                    break;
                p = it->end();
                continue;
            }
            const qint64 nextRecorded = it == frames.cend() ? runEnd : qMin(runEnd, it->offset);
            const QByteArrayView rest(run.constData() + (p - runStart), runEnd - p);
            const qint64 len = tutorial ? tutorialFrameLength(rest) : FrameDissector::frameLength(rest);
            const auto typeOfFrame = tutorial ? tutorialTypeOf : typeOf;
            if (len < 0)
                break; // not a frame: stop decoding this run
            Frame f;
            f.offset = p;
            if (len > 0 && p + len <= nextRecorded) {
                f.length = len;
                f.type = typeOfFrame(rest.first(len));
            } else if (len > 0 && nextRecorded == runEnd) {
                f.length = runEnd - p; // the shown stream ends inside this frame
                f.type = typeOfFrame(rest);
                f.complete = false;
            } else if (len == 0) {
                f.length = runEnd - p;
                f.complete = false;
            } else {
                break; // disagrees with a recorded frame; trust the record
            }
            decoded.append(f);
            p += f.length;
        }
    }
    if (!decoded.isEmpty()) {
        frames += decoded;
        std::stable_sort(frames.begin(), frames.end(), [](const Frame &a, const Frame &b) { return a.offset < b.offset; });
    }

    r.chunks = chunks;
    r.frames = frames;
    r.framesOfChunk.resize(chunks.size());
    r.chunksOfFrame.resize(frames.size());
    for (int fi = 0; fi < frames.size(); ++fi) {
        const Frame &f = frames.at(fi);
        auto it = std::upper_bound(chunks.cbegin(), chunks.cend(), f.offset,
                                   [](qint64 o, const Chunk &c) { return o < c.end(); });
        for (; it != chunks.cend() && it->offset < f.end(); ++it) {
            const int ci = int(it - chunks.cbegin());
            r.framesOfChunk[ci].append(fi);
            r.chunksOfFrame[fi].append(ci);
        }
    }

    const QString one = chunkWord(direction, 1);
    for (int ci = 0; ci < chunks.size(); ++ci) {
        const QVector<int> &fs = r.framesOfChunk.at(ci);
        if (fs.size() < 2)
            continue;
        ++r.stickyChunks;
        const Chunk &c = chunks.at(ci);
        int whole = 0;
        for (int fi : fs)
            if (frames.at(fi).offset >= c.offset && frames.at(fi).end() <= c.end() && frames.at(fi).complete)
                ++whole;
        Note n;
        n.seq = c.seq;
        n.aboutChunk = true;
        n.offset = c.offset;
        if (whole == fs.size() && direction == CaptureRecord::Direction::Out)
            n.text = tr("%1 frames went out in one write (No. %2, %3 bytes) — the receiver may well read them "
                        "together (sticky packets) and must split them using the length prefixes.")
                         .arg(fs.size()).arg(c.seq).arg(c.bytes.size());
        else if (whole == fs.size())
            n.text = tr("%1 frames arrived in one read (No. %2, %3 bytes) — sticky packets: the receiver must "
                        "split them using the length prefixes.")
                         .arg(fs.size()).arg(c.seq).arg(c.bytes.size());
        else
            n.text = tr("One %1 (No. %2, %3 bytes) carried parts of %4 frames, %5 of them whole — sticky packets: "
                        "frame boundaries fall inside the %1.")
                         .arg(one).arg(c.seq).arg(c.bytes.size()).arg(fs.size()).arg(whole);
        r.notes.append(n);
    }
    for (int fi = 0; fi < frames.size(); ++fi) {
        const QVector<int> &cs = r.chunksOfFrame.at(fi);
        if (cs.size() < 2)
            continue;
        ++r.splitFrames;
        const Frame &f = frames.at(fi);
        QStringList nos;
        for (int ci : cs)
            nos << QString::number(chunks.at(ci).seq);
        Note n;
        n.seq = f.seq;
        n.offset = f.offset;
        n.text = tr("%1, %2 bytes, was split across %3 %4 (No. %5): the receiver must wait for the rest "
                    "before it can decode it.")
                     .arg(frameName(f)).arg(f.length).arg(cs.size()).arg(chunkWord(direction, int(cs.size())))
                     .arg(nos.join(QStringLiteral(", ")));
        n.text[0] = n.text.at(0).toUpper();
        r.notes.append(n);
    }
    std::stable_sort(r.notes.begin(), r.notes.end(), [](const Note &a, const Note &b) { return a.offset < b.offset; });

    const QString chunksText = QStringLiteral("%1 %2").arg(chunks.size()).arg(chunkWord(direction, int(chunks.size())));
    const QString framesText = frames.size() == 1 ? tr("1 frame") : tr("%1 frames").arg(frames.size());
    if (chunks.isEmpty())
        r.summary = tr("No data was captured for this direction of the connection.");
    else if (r.stickyChunks == 0 && r.splitFrames == 0)
        r.summary = tr("%1, %2: every %3 carried whole frames only, no frame was split — no sticky packets here.")
                        .arg(chunksText, framesText, one);
    else
        r.summary = tr("%1, %2: %3 %4 carried more than one frame (sticky packets), %5 split across %6.")
                        .arg(chunksText, framesText)
                        .arg(r.stickyChunks)
                        .arg(chunkWord(direction, r.stickyChunks))
                        .arg(r.splitFrames == 1 ? tr("1 frame was") : tr("%1 frames were").arg(r.splitFrames))
                        .arg(chunkWord(direction, 2));
    return r;
}

StreamAnalyzer::Result StreamAnalyzer::collect(const CaptureBuffer &buffer, quint64 connectionId,
                                               CaptureRecord::Direction direction, quint64 around, quint64 window,
                                               int maxChunks, Framing framing)
{
    QVector<Chunk> chunks;
    QVector<Frame> frames;
    const quint64 from = around > window ? around - window : 0;
    const quint64 to = around + window + 1;
    constexpr quint64 Batch = 4096;
    for (quint64 seq = qMax(from, buffer.firstSequence()); seq < to;) {
        const quint64 batchEnd = qMin(to, seq + Batch);
        const quint64 next = buffer.visit(seq, batchEnd, [&](quint64 s, const CaptureBuffer::Entry &e,
                                                             const CaptureBuffer::Endpoint &, const QString &type) {
            if (e.connectionId != connectionId || e.direction != direction)
                return;
            if (e.kind == CaptureRecord::Kind::Chunk) {
                chunks.append(Chunk{s, e.streamOffset, e.bytes, e.timeUs});
            } else if (e.kind == CaptureRecord::Kind::Frame && framing == Framing::V1) {
                Frame f;
                f.seq = s;
                f.offset = e.streamOffset;
                f.length = e.bytes.size();
                f.type = type.isEmpty() ? typeOf(e.bytes) : type;
                frames.append(f);
            }
        });
        if (next <= seq || next < batchEnd)
            break; // reached the end of the buffer
        seq = next;
    }
    // Keep the chunks nearest to `around`.
    if (chunks.size() > maxChunks) {
        int centre = 0;
        while (centre < chunks.size() && chunks.at(centre).seq < around)
            ++centre;
        int start = qBound(0, centre - maxChunks / 2, int(chunks.size()) - maxChunks);
        chunks = chunks.mid(start, maxChunks);
    }
    if (!chunks.isEmpty()) {
        qint64 lo = chunks.first().offset;
        qint64 hi = chunks.first().end();
        for (const Chunk &c : chunks) {
            lo = qMin(lo, c.offset);
            hi = qMax(hi, c.end());
        }
        frames.erase(std::remove_if(frames.begin(), frames.end(),
                                    [&](const Frame &f) { return f.end() <= lo || f.offset >= hi; }),
                     frames.end());
    }
    return analyze(chunks, frames, direction, framing);
}

} // namespace Switchboard
