#include "logging.h"

namespace Switchboard {

Q_LOGGING_CATEGORY(lcServer, "switchboard.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "switchboard.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "switchboard.chat", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransfer, "switchboard.transfer", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCluster, "switchboard.cluster", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCapture, "switchboard.capture", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "switchboard.client", QtInfoMsg)
} // namespace Switchboard
