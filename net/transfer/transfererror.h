#pragma once
#include "net/protocol/errorcode.h"

#include <QString>

namespace Switchboard {

// A transfer failure: a protocol error code (as sent in error frames) and a human-readable
// message. Default-constructed: no error.
struct TransferError
{
    Protocol::ErrorCode code = Protocol::ErrorCode::Unknown;
    QString message;
    bool failed = false;

    bool isError() const { return failed; }
    void set(Protocol::ErrorCode c, const QString &m)
    {
        code = c;
        message = m;
        failed = true;
    }
};

} // namespace Switchboard
