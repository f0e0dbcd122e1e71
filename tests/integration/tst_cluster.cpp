// Several server nodes sharing live state through a private redis-server (docs/CLUSTER.md, "Live
// state over Redis"), and one SQLite file (the lead reruns these on PostgreSQL after the merge).
// Nodes are ServerRuntimes in this process, or switchboard-server processes where one is killed.
#include "net/auth/authservice.h"
#include "net/chat/chatservice.h"
#include "net/client/clientsession.h"
#include "net/cluster/clusterbus.h"
#include "net/server/chatserver.h"
#include "net/server/serverruntime.h"
#include "clusternode.h"
#include "redisrelay.h"
#include "redistestserver.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Switchboard;

namespace {

const QString Lobby = QStringLiteral("lobby");

using Node = Test::ClusterNode;

struct Client
{
    ClientSession session;
    QList<ChatMessage> received;
    Client()
    {
        QObject::connect(&session, &ClientSession::messageReceived, &session,
                         [this](const ChatMessage &m) { received.append(m); });
    }
    bool logIn(quint16 port, const QString &user, bool registerFirst = true)
    {
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        QSignalSpy failed(&session, &ClientSession::loginFailed);
        session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw"), registerFirst);
        for (int i = 0; i < 150 && ok.isEmpty() && failed.isEmpty(); ++i)
            QTest::qWait(100);
        return !ok.isEmpty();
    }
    bool joined(const QString &room)
    {
        QSignalSpy spy(&session, &ClientSession::roomJoined);
        if (session.joinedRooms().contains(room))
            return true;
        session.joinRoom(room);
        return spy.wait(5000);
    }
    QList<qint64> roomIds(const QString &room) const
    {
        QList<qint64> ids;
        for (const ChatMessage &m : received)
            if (m.room == room)
                ids.append(m.id);
        return ids;
    }
};

// alice on node a and bob on node b, both in lobby, each seen there by the other's node.
bool aliceAndBobInLobby(Client &alice, quint16 a, Client &bob, quint16 b)
{
    return alice.logIn(a, QStringLiteral("alice")) && bob.logIn(b, QStringLiteral("bob")) && alice.joined(Lobby)
        && bob.joined(Lobby)
        && QTest::qWaitFor([&] { return alice.session.members(Lobby).contains(QStringLiteral("bob")); }, 5000);
}

// Registers `user` (password "pw") through the node and logs out again.
bool registered(quint16 port, const QString &user)
{
    Client c;
    const bool ok = c.logIn(port, user);
    c.session.logOut();
    return ok;
}

// One login as `user` with a wrong password: the error code it got (empty when none came).
QString wrongPassword(quint16 port, const QString &user)
{
    Client wrong;
    QSignalSpy failed(&wrong.session, &ClientSession::loginFailed);
    wrong.session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("nope"));
    if (failed.isEmpty() && !failed.wait(10000))
        return QString();
    return failed.first().at(0).value<Protocol::Error>().codeString;
}

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clusterUrl();
    void roomAndPrivateAcrossTwoNodes();
    void threeNodesOneOrder();
    void privateRoomAcrossNodes();
    void lateNodeLearnsWhoIsWhere();
    void killedNodeGoesOffline();
    void throttleCountsAcrossNodes();
    void throttleSeenByAFreshNode();
    void throttleAloneWhileRedisIsAway();
    void kickReachesTheOtherNode();
    void redisRestartSurvived();
    void silentRedisIsLeft();
    void missedMessagesReplayed();

private:
    std::unique_ptr<Node> node(const QString &id, const QString &redisUrl = QString());

    std::unique_ptr<Test::RedisTestServer> m_redis;
    std::unique_ptr<QTemporaryDir> m_dir; // one SQLite file for every node
};

void TestCluster::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (Test::RedisTestServer::binary().isEmpty())
        QSKIP("redis-server is not installed (Debian: apt-get install redis-server)");
}

void TestCluster::init()
{
    m_redis = std::make_unique<Test::RedisTestServer>();
    QVERIFY2(m_redis->start(), m_redis->output().constData());
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCluster::cleanup()
{
    m_redis.reset();
}

std::unique_ptr<Node> TestCluster::node(const QString &id, const QString &redisUrl)
{
    auto n = std::make_unique<Node>(m_dir->path(), redisUrl.isEmpty() ? m_redis->url() : redisUrl, id);
    n->waitLive();
    return n;
}

void TestCluster::clusterUrl()
{
    ClusterBus::Settings s;
    QString error;
    QVERIFY(ClusterBus::parseUrl(QStringLiteral("redis://10.0.0.7:7000"), &s, &error));
    QCOMPARE(s.host, QStringLiteral("10.0.0.7"));
    QCOMPARE(s.port, quint16(7000));
    QVERIFY(ClusterBus::parseUrl(QStringLiteral("redis://[::1]"), &s, &error));
    QCOMPARE(s.host, QStringLiteral("::1"));
    QCOMPARE(s.port, quint16(6379));
    for (const char *bad : {"http://h:1", "redis://", "redis://h:1/db", "h:6379"})
        QVERIFY2(!ClusterBus::parseUrl(QString::fromLatin1(bad), &s, &error), bad);
    QVERIFY(error.contains(QStringLiteral("redis://HOST:PORT")));
    // A node given a bad URL does not start.
    ServerRuntime runtime;
    ServerConfig config;
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
    config.dataDir = m_dir->path();
    config.tls = false;
    config.announce = false;
    config.clusterUrl = QStringLiteral("redis:/nowhere");
    QVERIFY(!runtime.start(config, &error));
    QVERIFY(error.contains(QStringLiteral("redis:/nowhere")));
}

void TestCluster::roomAndPrivateAcrossTwoNodes()
{
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"));
    QVERIFY(a->ok && b->ok);
    Client alice, bob;
    // Presence crosses: each sees the other online and in the room.
    QVERIFY(aliceAndBobInLobby(alice, a->port(), bob, b->port()));
    QVERIFY(bob.session.members(Lobby).contains(QStringLiteral("alice")));
    QTRY_VERIFY(alice.session.onlineUsers().contains(QStringLiteral("bob")));
    QTRY_VERIFY(bob.session.onlineUsers().contains(QStringLiteral("alice")));
    QVERIFY(a->runtime.chat()->members(Lobby).contains(QStringLiteral("bob")));

    alice.session.sendToRoom(Lobby, QStringLiteral("hello from a"));
    bob.session.sendToRoom(Lobby, QStringLiteral("hello from b"));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 2);
    QTRY_COMPARE(bob.roomIds(Lobby).size(), 2);
    QCOMPARE(alice.roomIds(Lobby), bob.roomIds(Lobby));

    // Privately, both ways: the recipient once, the sender's echo once.
    bob.received.clear();
    alice.received.clear();
    alice.session.sendToUser(QStringLiteral("bob"), QStringLiteral("psst"));
    QTRY_COMPARE(bob.received.size(), 1);
    QCOMPARE(bob.received.first().text, QStringLiteral("psst"));
    QCOMPARE(bob.received.first().sender, QStringLiteral("alice"));
    QTRY_COMPARE(alice.received.size(), 1);

    // Leaving is seen on the other node.
    QSignalSpy left(&alice.session, &ClientSession::presence);
    bob.session.leaveRoom(Lobby);
    QTRY_VERIFY(!alice.session.members(Lobby).contains(QStringLiteral("bob")));
    QTRY_VERIFY(!a->runtime.chat()->members(Lobby).contains(QStringLiteral("bob")));
    // Each message went through Redis exactly once: nothing more arrived.
    QCOMPARE(alice.received.size(), 1);
    QCOMPARE(bob.received.size(), 1);

    // Logging out is seen as offline on the other node.
    bob.session.logOut();
    QTRY_VERIFY(!alice.session.onlineUsers().contains(QStringLiteral("bob")));
}

void TestCluster::threeNodesOneOrder()
{
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"));
    auto c = node(QStringLiteral("c"));
    QVERIFY(a->ok && b->ok && c->ok);
    Client clients[3];
    const QString names[3] = {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")};
    Node *nodes[3] = {a.get(), b.get(), c.get()};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(clients[i].logIn(nodes[i]->port(), names[i]));
        QVERIFY(clients[i].joined(Lobby));
    }
    for (int i = 0; i < 3; ++i)
        QTRY_COMPARE(clients[i].session.members(Lobby).size(), 3);
    // Everyone sends at once, interleaved: every client gets all of them once, in one order.
    constexpr int PerClient = 40;
    for (int k = 0; k < PerClient; ++k)
        for (int i = 0; i < 3; ++i)
            clients[i].session.sendToRoom(Lobby, QStringLiteral("%1 #%2").arg(names[i]).arg(k));
    for (int i = 0; i < 3; ++i)
        QTRY_COMPARE_WITH_TIMEOUT(clients[i].roomIds(Lobby).size(), 3 * PerClient, 20000);
    const QList<qint64> order = clients[0].roomIds(Lobby);
    QCOMPARE(QSet<qint64>(order.begin(), order.end()).size(), 3 * PerClient); // no duplicates
    QCOMPARE(clients[1].roomIds(Lobby), order);
    QCOMPARE(clients[2].roomIds(Lobby), order);
    // And nothing more trickles in.
    QTest::qWait(200);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(clients[i].roomIds(Lobby).size(), 3 * PerClient);
}

void TestCluster::privateRoomAcrossNodes()
{
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"));
    QVERIFY(a->ok && b->ok);
    Client alice, bob;
    QVERIFY(alice.logIn(a->port(), QStringLiteral("alice")));
    QVERIFY(bob.logIn(b->port(), QStringLiteral("bob")));
    const QString room = QStringLiteral("secret");
    QSignalSpy created(&alice.session, &ClientSession::roomJoined);
    alice.session.createRoom(room, true);
    QVERIFY(created.wait(5000));
    // Not on the list yet: node b refuses bob too, once the creation reached it (a join racing it
    // there is undone when it arrives).
    QTRY_VERIFY(b->runtime.chat()->isPrivate(room));
    QSignalSpy errors(&bob.session, &ClientSession::errorReceived);
    bob.session.joinRoom(room);
    QVERIFY(errors.wait(5000));
    QCOMPARE(errors.first().at(0).value<Protocol::Error>().codeString, QStringLiteral("not_a_member"));

    QSignalSpy invited(&bob.session, &ClientSession::invitedToRoom);
    alice.session.inviteToRoom(room, QStringLiteral("bob"));
    QVERIFY(invited.wait(5000));
    QCOMPARE(invited.first().at(1).toString(), QStringLiteral("alice"));
    QVERIFY(bob.joined(room));
    QTRY_VERIFY(alice.session.members(room).contains(QStringLiteral("bob")));
    alice.session.sendToRoom(room, QStringLiteral("between us"));
    QTRY_COMPARE(bob.roomIds(room).size(), 1);
    QTRY_COMPARE(alice.roomIds(room).size(), 1);

    // Removed on node a: bob learns it on node b and is out of the room on both nodes.
    QSignalSpy removed(&bob.session, &ClientSession::removedFromRoom);
    alice.session.removeFromRoom(room, QStringLiteral("bob"));
    QVERIFY(removed.wait(5000));
    QTRY_VERIFY(!b->runtime.chat()->members(room).contains(QStringLiteral("bob")));
    QTRY_VERIFY(!alice.session.members(room).contains(QStringLiteral("bob")));
    alice.session.sendToRoom(room, QStringLiteral("alone now"));
    QTRY_COMPARE(alice.roomIds(room).size(), 2);
    QCOMPARE(bob.roomIds(room).size(), 1);
}

void TestCluster::lateNodeLearnsWhoIsWhere()
{
    auto a = node(QStringLiteral("a"));
    QVERIFY(a->ok);
    Client alice;
    QVERIFY(alice.logIn(a->port(), QStringLiteral("alice")));
    QVERIFY(alice.joined(QStringLiteral("garden")));
    // A node started later reads the others' keys: alice is online and in her room there.
    auto b = node(QStringLiteral("b"));
    QVERIFY(b->ok);
    QTRY_VERIFY(b->runtime.chat()->onlineUsers().contains(QStringLiteral("alice")));
    QTRY_VERIFY(b->runtime.chat()->members(QStringLiteral("garden")).contains(QStringLiteral("alice")));
    Client bob;
    QVERIFY(bob.logIn(b->port(), QStringLiteral("bob")));
    QSignalSpy joined(&bob.session, &ClientSession::roomJoined);
    bob.session.joinRoom(QStringLiteral("garden"));
    QVERIFY(joined.wait(5000));
    QCOMPARE(joined.first().at(1).toStringList(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
}

void TestCluster::killedNodeGoesOffline()
{
    if (Test::ServerProcess::binary().isEmpty())
        QSKIP("SWITCHBOARD_SERVER is not set (run through ctest)");
    auto a = node(QStringLiteral("a"));
    QVERIFY(a->ok);
    Test::ServerProcess b;
    QVERIFY2(b.start(m_dir->path(), {QStringLiteral("--cluster"), m_redis->url(), QStringLiteral("--node-id"),
                                     QStringLiteral("b"), QStringLiteral("--no-announce")}),
             qPrintable(b.error()));
    Client alice, bob;
    QVERIFY(alice.logIn(a->port(), QStringLiteral("alice")));
    QVERIFY(bob.logIn(b.port(), QStringLiteral("bob")));
    QVERIFY(alice.joined(Lobby));
    QVERIFY(bob.joined(Lobby));
    QTRY_VERIFY_WITH_TIMEOUT(alice.session.members(Lobby).contains(QStringLiteral("bob")), 5000);
    QVERIFY(alice.session.onlineUsers().contains(QStringLiteral("bob")));

    bob.session.setAutoReconnect(false);
    QElapsedTimer since;
    since.start();
    b.kill(); // SIGKILL: no goodbye, its key just stops being refreshed
    const ClusterBus::Settings settings;
    const int bound = settings.presenceTtlMs + settings.refreshMs + 1000; // TTL + one read + slack
    QTRY_VERIFY_WITH_TIMEOUT(!alice.session.onlineUsers().contains(QStringLiteral("bob")), bound + 2000);
    const qint64 took = since.elapsed();
    qInfo("bob went offline on node a %lld ms after node b was killed", took);
    QVERIFY2(took <= bound, qPrintable(QString::number(took)));
    QVERIFY(!alice.session.members(Lobby).contains(QStringLiteral("bob")));
    QVERIFY(!a->runtime.chat()->members(Lobby).contains(QStringLiteral("bob")));
}

void TestCluster::throttleCountsAcrossNodes()
{
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"));
    QVERIFY(a->ok && b->ok);
    QVERIFY(registered(a->port(), QStringLiteral("carol")));
    const int limit = a->runtime.auth()->throttle().policy().maxFailures;
    for (int i = 0; i < limit; ++i)
        QCOMPARE(wrongPassword(a->port(), QStringLiteral("carol")),
                 i + 1 < limit ? QStringLiteral("auth_failed") : QStringLiteral("auth_locked"));
    // The count is in Redis: carol is locked out on node b as well, even with the right password.
    Client right;
    QSignalSpy failed(&right.session, &ClientSession::loginFailed);
    QVERIFY(!right.logIn(b->port(), QStringLiteral("carol"), false));
    QCOMPARE(failed.first().at(0).value<Protocol::Error>().codeString, QStringLiteral("auth_locked"));
}

void TestCluster::throttleSeenByAFreshNode()
{
    auto a = node(QStringLiteral("a"));
    QVERIFY(a->ok);
    QVERIFY(registered(a->port(), QStringLiteral("dave")));
    const int limit = a->runtime.auth()->throttle().policy().maxFailures;
    for (int i = 0; i < limit; ++i)
        QCOMPARE(wrongPassword(a->port(), QStringLiteral("dave")),
                 i + 1 < limit ? QStringLiteral("auth_failed") : QStringLiteral("auth_locked"));
    // Node b starts only now: it saw none of those attempts, yet reads the same counts.
    auto b = node(QStringLiteral("b"));
    QVERIFY(b->ok);
    const QHostAddress loopback(QHostAddress::LocalHost);
    QCOMPARE(b->runtime.auth()->throttle().pairFailures(QStringLiteral("dave"), loopback), 0);
    Client right;
    QSignalSpy failed(&right.session, &ClientSession::loginFailed);
    QVERIFY(!right.logIn(b->port(), QStringLiteral("dave"), false));
    const auto error = failed.first().at(0).value<Protocol::Error>();
    QCOMPARE(error.codeString, QStringLiteral("auth_locked"));
    QVERIFY(error.retryAfter > 0);
    // Another account from the same address is not locked (the address is far from its limit).
    Client erin;
    QVERIFY(erin.logIn(b->port(), QStringLiteral("erin")));
}

void TestCluster::throttleAloneWhileRedisIsAway()
{
    auto a = node(QStringLiteral("a"));
    QVERIFY(a->ok);
    QVERIFY(registered(a->port(), QStringLiteral("frank")));
    m_redis->stop();
    QTRY_VERIFY(!a->live());
    // No Redis to ask: the node's own count locks, without waiting.
    const int limit = a->runtime.auth()->throttle().policy().maxFailures;
    for (int i = 0; i < limit; ++i)
        QCOMPARE(wrongPassword(a->port(), QStringLiteral("frank")),
                 i + 1 < limit ? QStringLiteral("auth_failed") : QStringLiteral("auth_locked"));
}

void TestCluster::kickReachesTheOtherNode()
{
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"));
    QVERIFY(a->ok && b->ok);
    Client bob;
    QVERIFY(bob.logIn(b->port(), QStringLiteral("bob")));
    QSignalSpy errors(&bob.session, &ClientSession::errorReceived);
    QSignalSpy down(&bob.session, &ClientSession::disconnected);
    a->runtime.kickUser(QStringLiteral("bob"), QStringLiteral("out"));
    QVERIFY(down.wait(5000));
    QCOMPARE(errors.first().at(0).value<Protocol::Error>().codeString, QStringLiteral("kicked"));
    QTRY_COMPARE(b->runtime.server()->clientCount(), 0);
}

void TestCluster::redisRestartSurvived()
{
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"));
    QVERIFY(a->ok && b->ok);
    Client alice, bob;
    QVERIFY(aliceAndBobInLobby(alice, a->port(), bob, b->port()));

    m_redis->stop();
    QTRY_VERIFY(!a->live());
    // Degraded: node a still serves its own clients, locally.
    QSignalSpy sent(&alice.session, &ClientSession::messageSent);
    alice.session.sendToRoom(Lobby, QStringLiteral("while redis is away"));
    QVERIFY(sent.wait(5000));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 1);

    QVERIFY2(m_redis->start(), m_redis->output().constData()); // same port, empty: every key lost
    QTRY_VERIFY_WITH_TIMEOUT(a->live() && b->live(), 10000);
    // Presence is written again and messages cross again.
    QTRY_VERIFY_WITH_TIMEOUT(alice.session.members(Lobby).contains(QStringLiteral("bob")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(a->runtime.chat()->onlineUsers().contains(QStringLiteral("bob")), 10000);
    alice.session.sendToRoom(Lobby, QStringLiteral("redis is back"));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 2);
    // What bob missed meanwhile was replayed to him from storage, before the live one.
    QTRY_COMPARE(bob.roomIds(Lobby).size(), 2);
    QCOMPARE(bob.roomIds(Lobby), alice.roomIds(Lobby));
    QCOMPARE(bob.received.first().text, QStringLiteral("while redis is away"));
    QCOMPARE(bob.received.last().text, QStringLiteral("redis is back"));
}

void TestCluster::silentRedisIsLeft()
{
    auto a = node(QStringLiteral("a"));
    QVERIFY(a->ok);
    Client alice;
    QVERIFY(alice.logIn(a->port(), QStringLiteral("alice")));
    QVERIFY(alice.joined(Lobby));
    m_redis->pause(); // connections stay open, nothing answers
    const ClusterBus::Settings settings;
    QTRY_VERIFY_WITH_TIMEOUT(!a->live(), settings.presenceTtlMs + 2 * settings.refreshMs + 1000);
    // Degraded, not stuck: alice's messages reach her again.
    alice.session.sendToRoom(Lobby, QStringLiteral("anyone?"));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 1);
    m_redis->resume();
    QTRY_VERIFY_WITH_TIMEOUT(a->live(), 10000);
    alice.session.sendToRoom(Lobby, QStringLiteral("back"));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 2);
}

void TestCluster::missedMessagesReplayed()
{
    // Node b reaches Redis through a relay that can be cut; node a directly.
    Test::RedisRelay relay(m_redis->port());
    auto a = node(QStringLiteral("a"));
    auto b = node(QStringLiteral("b"), relay.url());
    QVERIFY(a->ok && b->ok);
    Client alice, bob;
    QVERIFY(aliceAndBobInLobby(alice, a->port(), bob, b->port()));
    alice.session.sendToRoom(Lobby, QStringLiteral("before"));
    QTRY_COMPARE(bob.roomIds(Lobby).size(), 1);

    // b is out of touch; a is not: what a publishes meanwhile never reaches b live.
    relay.cut();
    QTRY_VERIFY(!b->live());
    QVERIFY(a->live());
    QSignalSpy sent(&alice.session, &ClientSession::messageSent);
    for (int i = 1; i <= 3; ++i)
        alice.session.sendToRoom(Lobby, QStringLiteral("missed %1").arg(i));
    alice.session.sendToUser(QStringLiteral("bob"), QStringLiteral("missed privately"));
    QTRY_COMPARE(sent.size(), 4);
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 4);
    QCOMPARE(bob.received.size(), 1);

    // Back in touch: b replays them to bob once, in order, before what comes live.
    relay.mend();
    QTRY_VERIFY_WITH_TIMEOUT(b->live(), 10000);
    alice.session.sendToRoom(Lobby, QStringLiteral("after"));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 5);
    QTRY_COMPARE(bob.roomIds(Lobby).size(), 5);
    QCOMPARE(bob.roomIds(Lobby), alice.roomIds(Lobby));
    QCOMPARE(bob.received.constLast().text, QStringLiteral("after"));
    QCOMPARE(bob.received.size(), 6);
    const auto privately = std::count_if(bob.received.cbegin(), bob.received.cend(), [](const ChatMessage &m) {
        return m.recipient == QLatin1String("bob") && m.text == QLatin1String("missed privately");
    });
    QCOMPARE(privately, 1);

    // Now b is the one whose deliveries stay local: bob posts while cut off, alice on a gets
    // them once b is back and asks every node to replay.
    relay.cut();
    QTRY_VERIFY(!b->live());
    bob.session.sendToRoom(Lobby, QStringLiteral("from the cut-off node"));
    QTRY_COMPARE(bob.roomIds(Lobby).size(), 6); // delivered on b, locally
    QCOMPARE(alice.roomIds(Lobby).size(), 5);
    relay.mend();
    QTRY_VERIFY_WITH_TIMEOUT(b->live(), 10000);
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 6);
    bob.session.sendToRoom(Lobby, QStringLiteral("last"));
    QTRY_COMPARE(alice.roomIds(Lobby).size(), 7);
    QTRY_COMPARE(bob.roomIds(Lobby).size(), 7);
    QCOMPARE(alice.roomIds(Lobby), bob.roomIds(Lobby));
    const QList<qint64> ids = alice.roomIds(Lobby);
    QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), 7);
}

QTEST_MAIN(TestCluster)
#include "tst_cluster.moc"
