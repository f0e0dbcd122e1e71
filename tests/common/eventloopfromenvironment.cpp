// Linked into every unit and integration test: SWITCHBOARD_EVENT_LOOP=epoll runs the test's main
// thread on EpollDispatcher, the event loop switchboard-server runs on (ctest runs the tests that
// drive a whole server in-process both ways; the whole suite may be run so). GUI tests keep the
// platform's dispatcher, which also delivers window-system events.
#include "net/core/epolldispatcher.h"

#include <QCoreApplication>

namespace {

#ifdef Q_OS_LINUX
// Before main(): Qt takes a dispatcher only before the application object exists.
const bool s_installed = [] {
    if (qEnvironmentVariable("SWITCHBOARD_EVENT_LOOP") != QLatin1String("epoll"))
        return false;
    QCoreApplication::setEventDispatcher(new Switchboard::EpollDispatcher);
    return true;
}();
#endif

} // namespace
