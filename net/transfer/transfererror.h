#pragma once
#include <QString>

namespace Switchboard {

// A transfer failure: a stable code (TransferProtocol::ErrorCode or Protocol::ErrorCode, as sent
// in error frames) and a translated, human-readable message. An empty code means "no error".
struct TransferError
{
    QString code;
    QString message;

    bool isError() const { return !code.isEmpty(); }
    void set(const QString &c, const QString &m)
    {
        code = c;
        message = m;
    }
};

} // namespace Switchboard
