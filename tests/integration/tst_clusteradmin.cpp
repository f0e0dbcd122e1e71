// Acting on a running cluster from outside it: "switchboard-server --cluster URL kick NAME" and
// "user del NAME" with --cluster end the user's sessions on every node (docs/CLUSTER.md, "Kick,
// lockout and throttling"). Two nodes in this process on a private redis-server; the admin is the
// real server binary.
#include "net/client/clientsession.h"
#include "net/cluster/clusteradmin.h"
#include "net/cluster/clusterbus.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "net/server/serverruntime.h"
#include "clusternode.h"
#include "redistestserver.h"
#include "serverprocess.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Switchboard;

namespace {

// A logged-in client that records why it was disconnected.
struct Client
{
    ClientSession session;
    QSignalSpy errors{&session, &ClientSession::errorReceived};
    QSignalSpy down{&session, &ClientSession::disconnected};
    bool logIn(quint16 port, const QString &user, bool registerFirst = true)
    {
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw"), registerFirst);
        return ok.wait(15000);
    }
    QString kickedFor() const
    {
        for (const QList<QVariant> &e : errors) {
            const auto error = e.at(0).value<Protocol::Error>();
            if (error.codeString == QLatin1String("kicked"))
                return error.message;
        }
        return QStringLiteral("(not kicked)");
    }
};

// Runs the server binary as an administrator; its exit status and output.
int admin(const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(Test::ServerProcess::binary(), args);
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestClusterAdmin : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void adminKickReachesEveryNode();
    void kickCommand();
    void deletedUserIsKicked();
    void kickWithoutRedisFails();
    void redisByHostName();

private:
    std::unique_ptr<Test::RedisTestServer> m_redis;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestClusterAdmin::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (Test::RedisTestServer::binary().isEmpty())
        QSKIP("redis-server is not installed (Debian: apt-get install redis-server)");
    QVERIFY2(!Test::ServerProcess::binary().isEmpty(), "SWITCHBOARD_SERVER is not set (see tests/CMakeLists.txt)");
}

void TestClusterAdmin::init()
{
    m_redis = std::make_unique<Test::RedisTestServer>();
    QVERIFY2(m_redis->start(), m_redis->output().constData());
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestClusterAdmin::cleanup()
{
    m_redis.reset();
}

void TestClusterAdmin::adminKickReachesEveryNode()
{
    Test::ClusterNode a(m_dir->path(), m_redis->url(), QStringLiteral("a"));
    a.waitLive();
    Test::ClusterNode b(m_dir->path(), m_redis->url(), QStringLiteral("b"));
    b.waitLive();
    QVERIFY(a.ok && b.ok);
    Client bobOnA, bobOnB, carol;
    QVERIFY(bobOnA.logIn(a.port(), QStringLiteral("bob")));
    QVERIFY(bobOnB.logIn(b.port(), QStringLiteral("bob"), false));
    QVERIFY(carol.logIn(b.port(), QStringLiteral("carol")));

    ClusterBus::Settings settings;
    QString error;
    QVERIFY2(ClusterBus::parseUrl(m_redis->url(), &settings, &error), qPrintable(error));
    ClusterAdmin kicker(settings);
    QSignalSpy published(&kicker, &ClusterAdmin::published);
    kicker.kick(QStringLiteral("bob"), QStringLiteral("maintenance"));
    QVERIFY(published.wait(5000));
    QCOMPARE(published.first().at(0).toInt(), 2); // both nodes were subscribed

    QTRY_VERIFY_WITH_TIMEOUT(!bobOnA.down.isEmpty() && !bobOnB.down.isEmpty(), 5000);
    QCOMPARE(bobOnA.kickedFor(), QStringLiteral("maintenance"));
    QCOMPARE(bobOnB.kickedFor(), QStringLiteral("maintenance"));
    // Nobody else, and the admin is not taken for a node.
    QVERIFY(carol.down.isEmpty());
    QCOMPARE(b.runtime.server()->clientCount(), 1);
    // B learns that bob's session on A ended from A's Offline event, a Redis hop later.
    QTRY_VERIFY_WITH_TIMEOUT(!b.runtime.cluster()->isOnlineElsewhere(QStringLiteral("bob")), 5000);
}

void TestClusterAdmin::kickCommand()
{
    Test::ClusterNode a(m_dir->path(), m_redis->url(), QStringLiteral("a"));
    a.waitLive();
    QVERIFY(a.ok);
    Client bob;
    QVERIFY(bob.logIn(a.port(), QStringLiteral("bob")));
    QByteArray output;
    QCOMPARE(admin({QStringLiteral("--cluster"), m_redis->url(), QStringLiteral("kick"), QStringLiteral("bob"),
                    QStringLiteral("bye")}, &output), 0);
    QVERIFY2(output.contains("kicked bob on 1 node"), output.constData());
    QVERIFY(bob.down.wait(5000) || !bob.down.isEmpty());
    QCOMPARE(bob.kickedFor(), QStringLiteral("bye"));
}

void TestClusterAdmin::deletedUserIsKicked()
{
    Test::ClusterNode a(m_dir->path(), m_redis->url(), QStringLiteral("a"));
    a.waitLive();
    QVERIFY(a.ok);
    Client bob, carol;
    QVERIFY(bob.logIn(a.port(), QStringLiteral("bob")));
    QVERIFY(carol.logIn(a.port(), QStringLiteral("carol")));
    QByteArray output;
    QCOMPARE(admin({QStringLiteral("--data"), m_dir->path(), QStringLiteral("--cluster"), m_redis->url(),
                    QStringLiteral("user"), QStringLiteral("del"), QStringLiteral("bob")}, &output), 0);
    QVERIFY2(output.contains("deleted bob") && output.contains("kicked bob on 1 node"), output.constData());
    QVERIFY(bob.down.wait(5000) || !bob.down.isEmpty());
    QCOMPARE(bob.kickedFor(), QStringLiteral("account deleted"));
    QVERIFY(carol.down.isEmpty());
    // And the account is gone: logging in again fails.
    Client again;
    QSignalSpy failed(&again.session, &ClientSession::loginFailed);
    again.session.logIn(QStringLiteral("127.0.0.1"), a.port(), QStringLiteral("bob"), QStringLiteral("pw"), false);
    QVERIFY(failed.wait(15000));
}

void TestClusterAdmin::kickWithoutRedisFails()
{
    const QString url = m_redis->url();
    m_redis.reset(); // nothing listens there now
    QByteArray output;
    QCOMPARE(admin({QStringLiteral("--cluster"), url, QStringLiteral("kick"), QStringLiteral("bob")}, &output), 1);
    QVERIFY2(output.contains("did not answer"), output.constData());
    QCOMPARE(admin({QStringLiteral("kick"), QStringLiteral("bob")}, &output), 2); // no --cluster
    QVERIFY2(output.contains("--cluster"), output.constData());
}

// A host name in --cluster is looked up (QHostInfo, not hiredis on the event loop) at every
// attempt; localhost's IPv4 address comes first, where the test Redis listens.
void TestClusterAdmin::redisByHostName()
{
    QString url = m_redis->url();
    QVERIFY2(url.contains(QLatin1String("127.0.0.1")), qPrintable(url));
    url.replace(QLatin1String("127.0.0.1"), QLatin1String("localhost"));
    Test::ClusterNode a(m_dir->path(), url, QStringLiteral("a"));
    QVERIFY(a.waitLive());
    Client bob;
    QVERIFY(bob.logIn(a.port(), QStringLiteral("bob")));
    QByteArray output;
    QCOMPARE(admin({QStringLiteral("--cluster"), url, QStringLiteral("kick"), QStringLiteral("bob")}, &output), 0);
    QVERIFY2(output.contains("kicked bob on 1 node"), output.constData());
    QVERIFY(bob.down.wait(5000) || !bob.down.isEmpty());
    // A name that does not resolve is reported, never a hang.
    QCOMPARE(admin({QStringLiteral("--cluster"), QStringLiteral("redis://no-such-host.invalid:6379"), QStringLiteral("kick"),
                    QStringLiteral("bob")}, &output), 1);
    QVERIFY2(output.contains("cannot resolve"), output.constData());
}

QTEST_GUILESS_MAIN(TestClusterAdmin)
#include "tst_clusteradmin.moc"
