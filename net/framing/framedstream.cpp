#include "framedstream.h"

#include <QJsonValue>

namespace Switchboard {

QString FramedStream::label(const Framing::Message &m)
{
    if (m.headLength > 0) {
        const QString type = m.head.value(QStringLiteral("type")).toString();
        if (!type.isEmpty())
            return type;
        const QString name = m.head.value(QStringLiteral("filename")).toString();
        if (!name.isEmpty())
            return tr("upload %1").arg(name);
        return tr("JSON head");
    }
    const QByteArray body = m.body().left(24);
    const QString text = QString::fromUtf8(body).simplified();
    if (!text.isEmpty() && !text.contains(QChar::ReplacementCharacter)
        && std::all_of(text.begin(), text.end(), [](QChar c) { return c.isPrint(); }))
        return QLatin1Char('"') + text + (m.bodyLength > 24 ? QStringLiteral("…\"") : QStringLiteral("\""));
    return tr("%n bytes", nullptr, int(m.bodyLength));
}

FramedStream::Result FramedStream::analyze(const QVector<StreamAnalyzer::Chunk> &chunks, const QString &framingName,
                                           CaptureRecord::Direction direction, bool resync)
{
    Result r;
    QString why;
    auto decoder = StreamDecoder::create(framingName, resync, &why);
    QVector<StreamAnalyzer::Frame> frames;
    if (decoder) {
        auto take = [&](const QList<Framing::Message> &messages) {
            for (const Framing::Message &m : messages) {
                StreamAnalyzer::Frame f;
                f.offset = m.offset;
                f.length = m.bytes.size();
                f.type = label(m);
                frames.append(f);
                r.messages.append(m);
            }
        };
        for (const StreamAnalyzer::Chunk &c : chunks)
            take(decoder->feed(c.offset, c.bytes));
        take(decoder->finish());
        if (!decoder->failures().isEmpty())
            r.failure = decoder->failures().first();
        r.gaps = decoder->gaps();
        r.skips = decoder->skips();
        r.pendingBytes = decoder->stopped() ? 0 : decoder->pendingBytes();
        if (r.pendingBytes > 0) {
            StreamAnalyzer::Frame f;
            f.offset = decoder->pendingOffset();
            f.length = r.pendingBytes;
            f.complete = false;
            f.type = tr("incomplete");
            frames.append(f);
        }
        // The analyzer sees the messages in stream order; skipped stretches simply hold none.
        std::sort(frames.begin(), frames.end(),
                  [](const StreamAnalyzer::Frame &a, const StreamAnalyzer::Frame &b) { return a.offset < b.offset; });
    } else {
        r.failure.offset = 0;
        r.failure.text = why;
    }
    r.analysis = StreamAnalyzer::analyze(chunks, frames, direction, StreamAnalyzer::Framing::V1, false);
    // Where the framing did not fit comes first; gaps and skipped bytes after the analyzer's notes.
    auto note = [](qint64 offset, const QString &text) {
        StreamAnalyzer::Note n;
        n.offset = offset;
        n.text = text;
        return n;
    };
    QList<StreamAnalyzer::Note> first, last;
    if (decoder) {
        for (const Framing::Failure &f : decoder->failures())
            first.append(note(f.offset, tr("The framing %1 does not fit at byte %2: %3.")
                                            .arg(framingName)
                                            .arg(f.offset)
                                            .arg(f.text)));
    } else {
        first.append(note(0, tr("The framing %1 does not fit at byte 0: %2.").arg(framingName, why)));
    }
    for (const StreamDecoder::Gap &g : std::as_const(r.gaps))
        last.append(note(g.offset,
                         resync ? tr("Bytes %1 to %2 were not captured.").arg(g.offset).arg(g.offset + g.length - 1)
                                : tr("Bytes from offset %1 on were not captured: message boundaries after it "
                                     "are unknown (resync finds them again).")
                                      .arg(g.offset)));
    for (const StreamDecoder::Skip &k : std::as_const(r.skips))
        last.append(note(k.offset, tr("Skipped %1 bytes at %2..%3, %4.")
                                       .arg(k.length)
                                       .arg(k.offset)
                                       .arg(k.end() - 1)
                                       .arg(k.why)));
    std::stable_sort(last.begin(), last.end(),
                     [](const StreamAnalyzer::Note &a, const StreamAnalyzer::Note &b) { return a.offset < b.offset; });
    r.analysis.notes = first + r.analysis.notes + last;
    return r;
}

} // namespace Switchboard
