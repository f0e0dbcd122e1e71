#pragma once
// What the framing proxy does to the bytes of one direction (docs/WORKBENCH.md).

#include <QtGlobal>

namespace Switchboard {

struct ProxyKnobs
{
    int splitMin = 0;          // > 0: every write is cut into pieces of splitMin..splitMax bytes
    int splitMax = 0;
    int splitDelayMs = 1;      // between pieces, so that they arrive as separate reads
    int coalesceMs = 0;        // > 0: writes arriving within this many ms go out as one
    int latencyMs = 0;         // every byte is held this long
    qint64 rateBytesPerSecond = 0; // > 0: throttled to this rate
    qint64 closeAfter = -1;    // >= 0: the connection is closed after this many bytes in this direction

    bool splits() const { return splitMin > 0; }
    bool operator==(const ProxyKnobs &o) const
    {
        return splitMin == o.splitMin && splitMax == o.splitMax && splitDelayMs == o.splitDelayMs
               && coalesceMs == o.coalesceMs && latencyMs == o.latencyMs && rateBytesPerSecond == o.rateBytesPerSecond
               && closeAfter == o.closeAfter;
    }
    bool operator!=(const ProxyKnobs &o) const { return !(*this == o); }
};

} // namespace Switchboard
