#pragma once
// One direction of a stream seen through a framing: the chunks as delivered, the messages the
// framing cuts from them, and StreamAnalyzer's sticky/split explanation of the two together.

#include "framing.h"
#include "streamdecoder.h"

#include "net/capture/streamanalyzer.h"

#include <QCoreApplication>

namespace Switchboard {

class FramedStream
{
    Q_DECLARE_TR_FUNCTIONS(FramedStream)
public:
    struct Result
    {
        StreamAnalyzer::Result analysis; // chunks beside messages (as "frames"), notes, summary
        QList<Framing::Message> messages;
        Framing::Failure failure;        // where the framing first stopped fitting (a stream offset), if it did
        qint64 pendingBytes = 0;         // an incomplete message at the end
        QList<StreamDecoder::Gap> gaps;
        QList<StreamDecoder::Skip> skips; // bytes passed over (see StreamDecoder)
    };

    // chunks: in stream order; where one starts beyond the end of the one before, the bytes between
    // were not captured. Without resync nothing is decoded past the first gap or where the framing
    // stops fitting; with resync decoding picks up again (StreamDecoder). Messages carry stream
    // offsets. Unknown framing name: see Framing::create.
    static Result analyze(const QVector<StreamAnalyzer::Chunk> &chunks, const QString &framingName,
                          CaptureRecord::Direction direction, bool resync = false);
    // A short label for a message: its JSON head's "type" or file name, or the start of its text.
    static QString label(const Framing::Message &message);
};

} // namespace Switchboard
