#pragma once
#include <QCoreApplication>
#include "clioutput.h"

#include <QList>
#include <QStringList>
#include <memory>

class QCommandLineParser;

namespace Switchboard {

class CaptureFileWriter;
class ChatClient;
class ClientSession;
struct ClientTls;
struct Endpoint;

// The logic of switchboard-cli, kept in net so tests can drive it. run() spins the event loop
// until the command finishes and returns the process exit status:
// 0 success, 1 the command failed, 2 bad usage, 3 connection failed or lost, 4 timed out.
// With --json every result is one JSON object per line on stdout, every error one on stderr
// ({"error": CODE, "message": TEXT}; CliOutput).
class CliRunner
{
    Q_DECLARE_TR_FUNCTIONS(CliRunner)
public:
    CliRunner();
    ~CliRunner();
    int run(const QStringList &arguments);

    // send --stdin: messages in flight (sent, not yet acknowledged) at most.
    static constexpr int DefaultSendWindow = 20; // as ClientSession's

private:
    void setUpTls(ChatClient &client, const ClientTls &tls);
    int ping(ChatClient &client, int count);
    int login(ClientSession &session, const QList<Endpoint> &servers, bool registerFirst, const QStringList &rooms);
    int send(ClientSession &session, const QString &room, const QString &to, const QStringList &texts, bool fromStdin,
             int window);
    // Several nodes (followNodes): stays through a failover, printing each message once;
    // messages up to seenBefore (the first join's replay) are not printed.
    int listen(ClientSession &session, const QString &room, int count, qint64 seenBefore, bool followNodes);

    QString m_user;
    QString m_password;
    int m_timeoutMs = 10000;
    std::unique_ptr<CaptureFileWriter> m_capture; // --capture
    CliOutput m_output;                           // --json or prose
};

} // namespace Switchboard
