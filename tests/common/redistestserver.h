#pragma once
// A private redis-server for cluster tests: on 127.0.0.1 (a free port, or the same one again after
// stop() to play a Redis restart), persisting nothing, killed (SIGKILL) in the destructor. Tests
// QSKIP when redis-server is not installed (Debian: redis-server).

#include "freeport.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Switchboard::Test {

class RedisTestServer
{
public:
    RedisTestServer() = default;
    RedisTestServer(const RedisTestServer &) = delete;
    RedisTestServer &operator=(const RedisTestServer &) = delete;
    ~RedisTestServer() { stop(); }

    static QString binary() { return QStandardPaths::findExecutable(QStringLiteral("redis-server")); }

    // Starts it and waits until it answers PING; port 0: the last port, or a free one.
    bool start(quint16 port = 0, int timeoutMs = 10000)
    {
        stop();
        if (port == 0)
            port = m_port ? m_port : freePort();
        m_port = port;
        m_process.setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_process.start(binary(), {QStringLiteral("--port"), QString::number(port), QStringLiteral("--bind"),
                                   QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(),
                                   QStringLiteral("--appendonly"), QStringLiteral("no"), QStringLiteral("--dir"),
                                   m_dir.path()});
        if (!m_process.waitForStarted(timeoutMs))
            return false;
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(500)) {
                probe.write("PING\r\n");
                while (probe.waitForReadyRead(500))
                    if (probe.readAll().contains("+PONG"))
                        return true;
            }
            QTest::qWait(50);
        }
        m_output = m_process.readAll();
        stop();
        return false;
    }
    // SIGKILL: Redis vanishes as in a crash.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        resume(); // a stopped process dies only once it runs again
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    // SIGSTOP / SIGCONT: a Redis that keeps its connections open but answers nothing (a hung
    // host, a partition that closes nothing).
    void pause() { signal(SIGSTOP); }
    void resume() { signal(SIGCONT); }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("redis://127.0.0.1:%1").arg(m_port); }
    QByteArray output() const { return m_output; }

private:
    void signal(int number)
    {
#ifdef Q_OS_LINUX
        if (m_process.processId() > 0)
            ::kill(pid_t(m_process.processId()), number);
#else
        Q_UNUSED(number);
#endif
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QByteArray m_output;
};

} // namespace Switchboard::Test
