#pragma once
// Runs the built switchboard-cli against a server living in the test's own process: the test's
// event loop keeps running (and serving) while the CLI talks to it. Bounded by 20 s.

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

namespace Switchboard::Test {

struct CliRun
{
    int exitCode = -1; // -1: did not start, -2: killed after the time limit
    QByteArray out;
    QByteArray err;
};

inline QString cliProgram()
{
    return qEnvironmentVariable("SWITCHBOARD_BINARY_DIR") + QStringLiteral("/app/switchboard-cli");
}

inline bool cliBuilt()
{
    return QFile::exists(cliProgram());
}

// switchboard-cli --no-tls --server 127.0.0.1:PORT --user USER ARGUMENTS..., password "pw-USER".
inline CliRun runCli(quint16 port, const QString &user, const QStringList &arguments)
{
    QProcess proc;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SWITCHBOARD_PASSWORD"), QStringLiteral("pw-") + user);
    proc.setProcessEnvironment(env);
    proc.start(cliProgram(), QStringList{QStringLiteral("--no-tls"), QStringLiteral("--server"),
                                         QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--user"), user}
                                 + arguments);
    CliRun run;
    if (!proc.waitForStarted(5000))
        return run;
    QElapsedTimer timer;
    timer.start();
    while (proc.state() != QProcess::NotRunning && timer.elapsed() < 20000)
        QTest::qWait(10);
    if (proc.state() != QProcess::NotRunning) {
        proc.kill();
        proc.waitForFinished(1000);
        run.exitCode = -2;
        return run;
    }
    run.exitCode = proc.exitCode();
    run.out = proc.readAllStandardOutput();
    run.err = proc.readAllStandardError();
    return run;
}

} // namespace Switchboard::Test
