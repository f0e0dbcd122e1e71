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
                                           CaptureRecord::Direction direction, qint64 firstGap)
{
    Result r;
    QString why;
    auto framing = Framing::create(framingName, &why);
    QVector<StreamAnalyzer::Frame> frames;
    if (framing) {
        qint64 expected = chunks.isEmpty() ? 0 : chunks.first().offset;
        for (const StreamAnalyzer::Chunk &c : chunks) {
            if ((firstGap >= 0 && c.offset > firstGap) || c.offset != expected)
                break;
            expected = c.end();
            for (const Framing::Message &m : framing->feed(c.bytes)) {
                StreamAnalyzer::Frame f;
                f.offset = m.offset + chunks.first().offset;
                f.length = m.bytes.size();
                f.type = label(m);
                frames.append(f);
                r.messages.append(m);
            }
        }
        r.failure = framing->failure();
        if (r.failure.isSet() && !chunks.isEmpty())
            r.failure.offset += chunks.first().offset; // the framing counts from the first chunk
        r.pendingBytes = framing->pending().size();
        if (!framing->failed() && r.pendingBytes > 0) {
            StreamAnalyzer::Frame f;
            f.offset = framing->consumed() + chunks.first().offset;
            f.length = r.pendingBytes;
            f.complete = false;
            f.type = tr("incomplete");
            frames.append(f);
        }
    } else {
        r.failure.offset = 0;
        r.failure.text = why;
    }
    r.analysis = StreamAnalyzer::analyze(chunks, frames, direction, StreamAnalyzer::Framing::V1, false);
    if (r.failure.isSet()) {
        StreamAnalyzer::Note n;
        n.offset = r.failure.offset;
        n.text = tr("The framing %1 does not fit at byte %2: %3.").arg(framingName).arg(r.failure.offset).arg(r.failure.text);
        r.analysis.notes.prepend(n);
    }
    if (firstGap >= 0) {
        StreamAnalyzer::Note n;
        n.offset = firstGap;
        n.text = tr("Bytes from offset %1 on were not captured: message boundaries after it are unknown.").arg(firstGap);
        r.analysis.notes.append(n);
    }
    return r;
}

} // namespace Switchboard
