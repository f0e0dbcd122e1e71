#pragma once
#include "framing.h"

namespace Switchboard {

// "len:N:be|le[:inclusive]": an unsigned N-byte length (N = 1, 2, 4) then that many bytes;
// inclusive: the length counts the prefix too (a value below N does not fit).
class LengthPrefixFraming : public Framing
{
public:
    LengthPrefixFraming(int prefixBytes, bool bigEndian, bool inclusive);

    // The unsigned N-byte integer at data (which holds at least N bytes).
    static quint32 readPrefix(QByteArrayView data, int prefixBytes, bool bigEndian);

protected:
    qint64 measure(QByteArrayView data, qint64 scanned, Failure *failure) override;
    void describe(Message &message) const override;

private:
    int m_prefixBytes;
    bool m_bigEndian;
    bool m_inclusive;
};

} // namespace Switchboard
