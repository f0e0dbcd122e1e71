#pragma once
// Logging categories, one per area. Enable with QT_LOGGING_RULES, e.g.
// QT_LOGGING_RULES="switchboard.*.debug=true". Log text is English and never translated.

#include <QLoggingCategory>

namespace Switchboard {
Q_DECLARE_LOGGING_CATEGORY(lcServer)   // switchboard.server
Q_DECLARE_LOGGING_CATEGORY(lcAuth)     // switchboard.auth
Q_DECLARE_LOGGING_CATEGORY(lcChat)     // switchboard.chat
Q_DECLARE_LOGGING_CATEGORY(lcTransfer) // switchboard.transfer
Q_DECLARE_LOGGING_CATEGORY(lcCapture)  // switchboard.capture
Q_DECLARE_LOGGING_CATEGORY(lcClient)   // switchboard.client
} // namespace Switchboard
