#pragma once
// The real switchboard-server binary in a child process, for fault tests that kill it (kill -9),
// restart it on the same data directory and watch its memory.
//
// The binary comes from SWITCHBOARD_SERVER (set by tests/CMakeLists.txt for tst_faults*). Whether
// the harness passes --no-tls is decided by one constant, PassNoTls below: by default the flag is
// passed exactly when `switchboard-server --help` mentions it (TLS on by default arrives with it;
// these tests talk to the server in plaintext, as the teaching mode does).

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace Switchboard::Test {

enum class NoTlsFlag { Never, Always, WhenSupported };
inline constexpr NoTlsFlag PassNoTls = NoTlsFlag::WhenSupported;

class ServerProcess
{
public:
    ServerProcess() = default;
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;
    ~ServerProcess() { kill(); }

    static QString binary() { return qEnvironmentVariable("SWITCHBOARD_SERVER"); }

    static bool passesNoTls()
    {
        if (PassNoTls != NoTlsFlag::WhenSupported)
            return PassNoTls == NoTlsFlag::Always;
        static const bool mentioned = [] {
            QProcess help;
            help.start(binary(), {QStringLiteral("--help")});
            help.waitForFinished(10000);
            return help.readAllStandardOutput().contains("--no-tls");
        }();
        return mentioned;
    }

    // Starts the server on 127.0.0.1 (a free port, or `port` to come back where it was) with its
    // state in dataDir; waits for its "listening on" line. False (see error()) if it did not come up.
    bool start(const QString &dataDir, const QStringList &extra = {}, quint16 port = 0, int timeoutMs = 30000)
    {
        kill();
        m_output.clear();
        m_error.clear();
        QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--data"),
                         dataDir};
        if (passesNoTls())
            args << QStringLiteral("--no-tls");
        args << extra;
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
        // A test that crashes must not leave its server running.
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_process.start(binary(), args);
        if (!m_process.waitForStarted(timeoutMs)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(binary(), m_process.errorString());
            return false;
        }
        static const QRegularExpression listening(QStringLiteral("listening on tcp://127\\.0\\.0\\.1:(\\d+)"));
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            m_output += m_process.readAllStandardOutput();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_output));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(100);
        }
        m_error = QStringLiteral("the server did not start listening: %1 %2")
                      .arg(QString::fromUtf8(m_output), QString::fromUtf8(m_process.readAllStandardError()));
        kill();
        return false;
    }

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    QString error() const { return m_error; }
    QByteArray standardError() { return m_stderr += m_process.readAllStandardError(); }

    // SIGKILL: no chance to flush or clean up, like a crash or a power cut of the process.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(10000);
    }

    // Whether VmRSS measures what the server keeps: not under AddressSanitizer (scripts/test-sanitize.sh
    // builds the server and the tests with it), whose quarantine holds freed memory (256 MiB by default).
    static constexpr bool memoryIsMeasurable()
    {
#if defined(__SANITIZE_ADDRESS__)
        return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
        return false;
#else
        return true;
#endif
#else
        return true;
#endif
    }

    // Resident memory of the server in KiB (VmRSS in /proc/PID/status), -1 if unknown.
    qint64 rssKiB() const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(pid()));
        if (pid() <= 0 || !status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        return -1;
    }

private:
    QProcess m_process;
    QByteArray m_output;
    QByteArray m_stderr;
    QString m_error;
    quint16 m_port = 0;
};

} // namespace Switchboard::Test
