#pragma once
// Switchboard's logging categories, one per area. Log text is English and never translated (an
// operator greps it, a bug report quotes it); clients translate protocol errors by their code.
// Levels follow Qt's rules: info and above are on by default, debug is off; for example
//   QT_LOGGING_RULES="switchboard.*.debug=true"      everything, including each chat message's route
//   QT_LOGGING_RULES="switchboard.auth.info=false"   no login lines
// The server's message pattern (app/main_server.cpp) prefixes time and category; QT_MESSAGE_PATTERN
// overrides it.

#include <QLoggingCategory>

namespace Switchboard {

Q_DECLARE_LOGGING_CATEGORY(lcServer)   // switchboard.server: listeners, sessions, timeouts, database, tutorial mode
Q_DECLARE_LOGGING_CATEGORY(lcAuth)     // switchboard.auth: registrations, logins, lockouts
Q_DECLARE_LOGGING_CATEGORY(lcChat)     // switchboard.chat: rooms and messages (debug)
Q_DECLARE_LOGGING_CATEGORY(lcTransfer) // switchboard.transfer: uploads and downloads
Q_DECLARE_LOGGING_CATEGORY(lcCluster)    // switchboard.cluster: Redis, other nodes
Q_DECLARE_LOGGING_CATEGORY(lcCapture)  // switchboard.capture: capture files
Q_DECLARE_LOGGING_CATEGORY(lcClient)   // switchboard.client: the client core (connecting, ignored frames)

} // namespace Switchboard
