#pragma once
// QCOMPARE prints a Protocol::ErrorCode as its wire string ("auth_failed") instead of a number.

#include "net/protocol/errorcode.h"

#include <QByteArray>

namespace Switchboard::Protocol {

// Found by argument-dependent lookup from QTest.
inline char *toString(ErrorCode code)
{
    return qstrdup(toWire(code).toUtf8().constData());
}

} // namespace Switchboard::Protocol
