#include "commandrunner.h"

namespace Switchboard {

CommandRunner::CommandRunner(const TutorialCommand &command, int timeoutMs, qint64 maxOutput, QObject *parent)
    : QObject(parent)
    , m_command(command)
    , m_timeoutMs(timeoutMs)
    , m_maxOutput(maxOutput)
{
    m_process.setProgram(command.program);
    m_process.setArguments(command.arguments);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        kill(QStringLiteral("time limit of %1 ms").arg(m_timeoutMs));
    });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &CommandRunner::read);
    connect(&m_process, &QProcess::readyReadStandardError, this, &CommandRunner::read);
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        read();
        if (!m_killed.isEmpty())
            done(QStringLiteral("killed: ") + m_killed);
        else
            done(status == QProcess::NormalExit ? QStringLiteral("exit %1").arg(code) : QStringLiteral("crashed"));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            done(QStringLiteral("cannot start: ") + m_process.errorString());
    });
}

CommandRunner::~CommandRunner()
{
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(1000); // SIGKILL: reaped at once
    }
}

void CommandRunner::start()
{
    m_clock.start();
    m_timer.start(m_timeoutMs);
    m_process.start(QIODevice::ReadOnly);
}

void CommandRunner::read()
{
    m_out += m_process.readAllStandardOutput();
    m_err += m_process.readAllStandardError();
    if (m_out.size() + m_err.size() > m_maxOutput) {
        // Keep the first bytes, as far as the limit allows.
        m_out.truncate(qMin<qint64>(m_out.size(), m_maxOutput));
        m_err.truncate(qMin<qint64>(m_err.size(), m_maxOutput - m_out.size()));
        kill(QStringLiteral("output limit of %1 bytes").arg(m_maxOutput));
    }
}

void CommandRunner::kill(const QString &why)
{
    if (!m_killed.isEmpty())
        return;
    m_killed = why; // also when it has just exited: its output was still cut
    if (m_process.state() != QProcess::NotRunning)
        m_process.kill(); // finished() follows
}

void CommandRunner::done(const QString &outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    // As the tutorial's server: stderr if there is any, else stdout.
    QByteArray answer = m_err.isEmpty() ? m_out : m_err;
    if (!m_killed.isEmpty() || outcome.startsWith(QLatin1String("cannot start")))
        answer += "switchboard: " + m_command.name.toUtf8() + ' ' + outcome.toUtf8() + '\n';
    emit finished(answer, outcome, m_clock.elapsed());
}

} // namespace Switchboard
