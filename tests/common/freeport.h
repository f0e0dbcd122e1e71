#pragma once
#include <QTcpServer>

namespace Switchboard::Test {

// A TCP port on 127.0.0.1 that nobody listens on right now (the kernel's choice). The login
// panel's port box cannot hold 0 ("any port": it clamps to 1), so GUI tests that host a server
// ask for a free port here; two tests hosting on port 1 at once made one of them meet the
// "port taken" question and time out under ctest -j.
inline quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace Switchboard::Test
