#pragma once
#include <QCoreApplication>
#include <QEventLoop>

namespace Switchboard {

class CliOutput;
class ClientSession;
namespace Protocol {
struct Error;
}

// One CLI command's wait for its answer: the event loop, the exit status, and the common ways
// it ends besides success: the server refused (1), the connection was lost (3), no answer in
// time (4), each reported through the CliOutput. Handlers connected with phase() as context
// go when the wait does.
class CommandWait
{
    Q_DECLARE_TR_FUNCTIONS(CommandWait)
public:
    explicit CommandWait(const CliOutput &output) : m_output(output) {}

    QObject *phase() { return &m_phase; }
    const CliOutput &output() const { return m_output; }
    // Connection loss and the timeout end the wait.
    void watch(ClientSession &session, int timeoutMs);
    void refuse(const Protocol::Error &error);
    void fail(int status, const QString &code, const QString &message, const QString &text);
    void done() { m_loop.quit(); }
    int exec();

private:
    const CliOutput &m_output;
    QEventLoop m_loop;
    QObject m_phase;
    int m_status = 0;
};

} // namespace Switchboard
