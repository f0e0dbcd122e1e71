#pragma once
// One direction of a stream seen through a framing: the chunks as delivered, the messages the
// framing cuts from them, and StreamAnalyzer's sticky/split explanation of the two together.

#include "framing.h"

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
        Framing::Failure failure;        // where the framing stopped fitting (a stream offset), if it did
        qint64 pendingBytes = 0;         // an incomplete message at the end
    };

    // chunks: in stream order, contiguous except where gaps are listed (nothing is decoded past
    // the first gap: the message boundaries are lost there). Null framing name: see Framing::create.
    static Result analyze(const QVector<StreamAnalyzer::Chunk> &chunks, const QString &framingName,
                          CaptureRecord::Direction direction, qint64 firstGap = -1);
    // A short label for a message: its JSON head's "type" or file name, or the start of its text.
    static QString label(const Framing::Message &message);
};

} // namespace Switchboard
