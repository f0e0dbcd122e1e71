// SIGHUP reloads the real server's configuration file without dropping anyone: new limits and
// settings apply, a new capture file starts (logrotate), a broken file changes nothing, and the
// settings that need a restart are named.
#include "net/client/clientsession.h"
#include "net/protocol/errorcode.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Switchboard;

namespace {
constexpr int LongWait = 15000;
}

class TestReload : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_config;

    void writeConfig(const QByteArray &text)
    {
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config = m_dir.filePath(QStringLiteral("server.conf"));
    }

    void hangupReloadsWithoutDroppingClients()
    {
        QString bin = qEnvironmentVariable("SWITCHBOARD_BINARY_DIR");
        if (bin.isEmpty())
            bin = QCoreApplication::applicationDirPath() + QStringLiteral("/..");
        const QString program = bin + QStringLiteral("/app/switchboard-server");
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + " is not built"));
        const QString capture = m_dir.filePath(QStringLiteral("traffic.pcapng"));
        writeConfig("listen = 127.0.0.1:0\nno-tls\nhistory = 5\ncapture = " + capture.toUtf8() + "\n");

        QByteArray out, err;
        QProcess proc;
        connect(&proc, &QProcess::readyReadStandardOutput, this, [&] { out += proc.readAllStandardOutput(); });
        connect(&proc, &QProcess::readyReadStandardError, this, [&] { err += proc.readAllStandardError(); });
        proc.start(program, {QStringLiteral("--config"), m_config, QStringLiteral("--data"), m_dir.filePath(QStringLiteral("data"))});
        QVERIFY2(proc.waitForStarted(LongWait), qPrintable(proc.errorString()));
        auto stop = qScopeGuard([&] {
            if (proc.state() != QProcess::NotRunning) {
                proc.kill();
                proc.waitForFinished(LongWait);
            }
        });
        static const QRegularExpression re(QStringLiteral("^listening on tcp://127\\.0\\.0\\.1:(\\d+)$"), QRegularExpression::MultilineOption);
        QRegularExpressionMatch m;
        QTRY_VERIFY2_WITH_TIMEOUT((m = re.match(QString::fromUtf8(out))).hasMatch() || proc.state() == QProcess::NotRunning,
                                  qPrintable(QString::fromUtf8(err)), LongWait);
        QVERIFY2(m.hasMatch(), qPrintable(QString::fromUtf8(err)));
        const quint16 port = quint16(m.captured(1).toUInt());

        ClientSession alice;
        alice.setAutoJoin({QStringLiteral("lobby")});
        QSignalSpy aliceIn(&alice, &ClientSession::roomJoined);
        QSignalSpy aliceGone(&alice, &ClientSession::disconnected);
        alice.logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("alice"), QStringLiteral("pw-alice-1"), true);
        QVERIFY(aliceIn.wait(LongWait));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(capture).size() > 0, LongWait);

        // logrotate moves the capture away; the reload closes registration and starts a new file.
        QVERIFY(QFile::rename(capture, capture + QStringLiteral(".1")));
        writeConfig("listen = 127.0.0.1:0\nno-tls\nhistory = 5\nno-register\nlisten = 127.0.0.1:1\ncapture = " + capture.toUtf8() + "\n");
        err.clear();
        QCOMPARE(::kill(pid_t(proc.processId()), SIGHUP), 0);
        QTRY_VERIFY2_WITH_TIMEOUT(err.contains("reload: configuration applied"), qPrintable(QString::fromUtf8(err)), LongWait);
        QVERIFY2(err.contains("restart is needed to change: listen"), qPrintable(QString::fromUtf8(err)));
        QCOMPARE(proc.state(), QProcess::Running); // SIGHUP used to kill it (exit 129)
        QVERIFY(QFileInfo::exists(capture));

        ClientSession mallory; // registration is now closed
        QSignalSpy refused(&mallory, &ClientSession::loginFailed);
        mallory.logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("mallory"), QStringLiteral("pw-mallory-1"), true);
        QVERIFY(refused.wait(LongWait));
        QCOMPARE(refused.first().at(0).value<Protocol::Error>().code, Protocol::ErrorCode::RegistrationDisabled);

        // alice never noticed, and her message still goes through (and into the new capture).
        QVERIFY(aliceGone.isEmpty());
        QSignalSpy sent(&alice, &ClientSession::messageSent);
        const qint64 before = QFileInfo(capture).size();
        alice.sendToRoom(QStringLiteral("lobby"), QStringLiteral("still here"));
        QVERIFY(sent.wait(LongWait));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(capture).size() > before, LongWait);

        // A broken file changes nothing and says why.
        writeConfig("listen = 127.0.0.1:0\nno-tls\nhistory = lots\n");
        err.clear();
        QCOMPARE(::kill(pid_t(proc.processId()), SIGHUP), 0);
        QTRY_VERIFY2_WITH_TIMEOUT(err.contains("reload: the configuration is not valid"), qPrintable(QString::fromUtf8(err)), LongWait);
        QCOMPARE(proc.state(), QProcess::Running);
        ClientSession mallory2;
        QSignalSpy refusedAgain(&mallory2, &ClientSession::loginFailed);
        mallory2.logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("mallory"), QStringLiteral("pw-mallory-1"), true);
        QVERIFY(refusedAgain.wait(LongWait));
        QCOMPARE(refusedAgain.first().at(0).value<Protocol::Error>().code, Protocol::ErrorCode::RegistrationDisabled);
        QVERIFY(aliceGone.isEmpty());

        proc.terminate();
        QVERIFY(proc.waitForFinished(LongWait));
        QCOMPARE(proc.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestReload)
#include "tst_reload.moc"
