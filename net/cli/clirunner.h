#pragma once
#include <QCoreApplication>
#include <QStringList>

namespace Switchboard {

class ChatClient;

// The logic of switchboard-cli, kept in net so tests can drive it. run() spins the event loop
// until the command finishes and returns the process exit status.
class CliRunner
{
    Q_DECLARE_TR_FUNCTIONS(CliRunner)
public:
    int run(const QStringList &arguments);

private:
    int ping(ChatClient &client, int count);
};

} // namespace Switchboard
