// Accounts and chat over real sockets on loopback.
#include "net/auth/credentials.h"
#include "net/auth/userstore.h"
#include "net/capture/capturerecord.h"
#include "net/client/clientsession.h"
#include "net/connection/tcpconnection.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/framedecoder.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "testserver.h"

#include <QFile>
#include <QStandardPaths>
#include <QMutex>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Switchboard;

namespace {

// Records every byte a connection sends or receives.
class ByteRecorder : public CaptureSink
{
public:
    void record(const CaptureRecord &r) override
    {
        if (r.kind != CaptureRecord::Kind::Chunk)
            return;
        QMutexLocker lock(&m_mutex);
        m_bytes += r.bytes;
    }
    QByteArray bytes()
    {
        QMutexLocker lock(&m_mutex);
        return m_bytes;
    }

private:
    QMutex m_mutex;
    QByteArray m_bytes;
};

// The wire code of the Protocol::Error a signal carried as its first argument.
QString codeOf(const QList<QVariant> &args)
{
    return args.at(0).value<Protocol::Error>().codeString;
}

struct Client
{
    ClientSession session;
    bool logIn(quint16 port, const QString &user, const QString &password, bool registerFirst = false)
    {
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        QSignalSpy failed(&session, &ClientSession::loginFailed);
        session.logIn(QStringLiteral("127.0.0.1"), port, user, password, registerFirst);
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
};

} // namespace

class TestChat : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void registerAndLogin();
    void wrongPasswordAndLockout();
    void registrationDisabled();
    void importedUserinfoLogsIn();
    void passwordNeverOnTheWire();
    void roomAndPrivateChat();
    void sameUserTwoPlaces();
    void historyReplayedOnJoin();
    void badChatInput();
    void chatBeforeLoginRefused();
    void reconnectSendsQueuedMessages();
    void robotAnswers();
    void kickedClientStaysOut();
    void outboxNeverCrossesAccounts();
};

void TestChat::registerAndLogin()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QCOMPARE(a.session.status(), ClientSession::Status::Online);
    a.session.logOut();
    Client again;
    QVERIFY(again.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw")));
    // Registering the same name again is refused with user_exists.
    Client dup;
    QSignalSpy failed(&dup.session, &ClientSession::loginFailed);
    QVERIFY(!dup.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("other"), true));
    QCOMPARE(codeOf(failed.first()), QStringLiteral("user_exists"));
    // The database holds a verifier, not the password or its digest.
    QFile db(ServerRuntime::databasePath(server.dataDir()));
    QVERIFY(db.open(QIODevice::ReadOnly));
    const QByteArray all = db.readAll();
    QVERIFY(!all.contains(Credentials::md5Credential(QStringLiteral("alice"), QStringLiteral("pw")).toLatin1()));
    QVERIFY(server.runtime().users()->verifier(QStringLiteral("alice")).has_value());
}

void TestChat::wrongPasswordAndLockout()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("right"), true));
    QStringList codes;
    for (int i = 0; i < 6; ++i) {
        Client c;
        QSignalSpy failed(&c.session, &ClientSession::loginFailed);
        QVERIFY(!c.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("wrong")));
        QCOMPARE(failed.size(), 1);
        codes << codeOf(failed.first());
        if (codes.last() == QLatin1String("auth_locked"))
            QVERIFY(failed.first().at(0).value<Protocol::Error>().retryAfter > 0); // retryAfter seconds reach the UI
    }
    QCOMPARE(codes.mid(0, 4), QStringList(4, QStringLiteral("auth_failed")));
    QCOMPARE(codes.at(4), QStringLiteral("auth_locked")); // the 5th failure locks
    QCOMPARE(codes.at(5), QStringLiteral("auth_locked"));
    // While locked, even the right password is refused.
    Client right;
    QSignalSpy failed(&right.session, &ClientSession::loginFailed);
    QVERIFY(!right.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("right")));
    QCOMPARE(codeOf(failed.first()), QStringLiteral("auth_locked"));
}

void TestChat::registrationDisabled()
{
    ServerConfig config;
    config.allowRegistration = false;
    Test::TestServer server(config);
    QVERIFY(server.ok());
    Client c;
    QSignalSpy failed(&c.session, &ClientSession::loginFailed);
    QVERIFY(!c.logIn(server.port(), QStringLiteral("eve"), QStringLiteral("pw"), true));
    QCOMPARE(codeOf(failed.first()), QStringLiteral("registration_disabled"));
}

void TestChat::importedUserinfoLogsIn()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("userinfo"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // The tutorials' format: name|md5(name + password)
    f.write("egon|" + Credentials::md5Credential(QStringLiteral("egon"), QStringLiteral("123")).toLatin1() + "\n");
    f.write("小明|" + Credentials::md5Credential(QStringLiteral("小明"), QStringLiteral("密码")).toUtf8() + "\n");
    f.close();
    UserStore::ImportReport report;
    QVERIFY(server.runtime().users()->importUserInfo(path, Credentials::MinIterations, &report));
    QCOMPARE(report.imported, 2);
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("egon"), QStringLiteral("123")));
    Client b;
    QVERIFY(b.logIn(server.port(), QStringLiteral("小明"), QStringLiteral("密码")));
    Client wrong;
    QVERIFY(!wrong.logIn(server.port(), QStringLiteral("egon"), QStringLiteral("124")));
}

void TestChat::passwordNeverOnTheWire()
{
    ByteRecorder clientSide; // ChatClient takes a plain pointer: declared before the clients
    Test::TestServer server;
    QVERIFY(server.ok());
    auto serverSide = std::make_shared<ByteRecorder>(); // the server's connections share it
    server.runtime().setCaptureSink(serverSide);
    Client c;
    c.session.client()->setCaptureSink(&clientSide);
    const QString password = QStringLiteral("correct horse battery");
    QVERIFY(c.logIn(server.port(), QStringLiteral("dora"), password, true)); // register + login
    c.session.logOut();
    Client again;
    again.session.client()->setCaptureSink(&clientSide);
    QVERIFY(again.logIn(server.port(), QStringLiteral("dora"), password));

    const QByteArray digest = Credentials::md5Credential(QStringLiteral("dora"), password).toLatin1();
    for (const QByteArray &stream : {serverSide->bytes(), clientSide.bytes()}) {
        QVERIFY(stream.size() > 200);
        QVERIFY(stream.contains("SCRAM-SHA-256")); // the recording did see the login
        QVERIFY(!stream.contains(password.toUtf8()));
        QVERIFY(!stream.contains(digest));
        QVERIFY(!stream.contains(digest.toUpper()));
        QVERIFY(!stream.contains(QByteArray::fromHex(digest)));
        QVERIFY(!stream.contains(QByteArray::fromHex(digest).toBase64()));
    }
}

void TestChat::roomAndPrivateChat()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client a, b, c;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QVERIFY(b.logIn(server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true));
    QVERIFY(c.logIn(server.port(), QStringLiteral("carol"), QStringLiteral("pw"), true));
    QVERIFY(a.joined(QStringLiteral("技术部")));
    QSignalSpy presence(&a.session, &ClientSession::presence);
    QVERIFY(b.joined(QStringLiteral("技术部")));
    QTRY_VERIFY(!presence.isEmpty());
    QCOMPARE(presence.last().at(1).toString(), QStringLiteral("bob"));
    QCOMPARE(presence.last().at(2).toString(), QStringLiteral("join"));
    QTRY_COMPARE(a.session.members(QStringLiteral("技术部")), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));

    QSignalSpy bGot(&b.session, &ClientSession::messageReceived);
    QSignalSpy cGot(&c.session, &ClientSession::messageReceived);
    QSignalSpy aSent(&a.session, &ClientSession::messageSent);
    a.session.sendToRoom(QStringLiteral("技术部"), QStringLiteral("会议三点开始"));
    QVERIFY(aSent.wait(5000));
    QTRY_COMPARE(bGot.size(), 1);
    auto m = bGot.first().first().value<ChatMessage>();
    QCOMPARE(m.text, QStringLiteral("会议三点开始"));
    QCOMPARE(m.room, QStringLiteral("技术部"));
    QCOMPARE(m.id, aSent.first().at(1).toLongLong());
    QVERIFY(m.timestampMs > 0);

    // Private: only bob (and alice's own connections) see it.
    a.session.sendToUser(QStringLiteral("bob"), QStringLiteral("just for you"));
    QTRY_COMPARE(bGot.size(), 2);
    m = bGot.last().first().value<ChatMessage>();
    QCOMPARE(m.recipient, QStringLiteral("bob"));
    QCOMPARE(m.sender, QStringLiteral("alice"));
    // A lobby message sent after it reaches carol: had the private one gone to her, it would be there first.
    a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("after the private one"));
    QTRY_VERIFY(!cGot.isEmpty() && cGot.last().first().value<ChatMessage>().text == QLatin1String("after the private one"));
    for (const auto &args : cGot)
        QVERIFY(args.first().value<ChatMessage>().text != QLatin1String("just for you"));

    // Leaving: bob gets a leave notice.
    QSignalSpy bPresence(&b.session, &ClientSession::presence);
    a.session.leaveRoom(QStringLiteral("技术部"));
    QTRY_VERIFY(!bPresence.isEmpty());
    QCOMPARE(bPresence.last().at(2).toString(), QStringLiteral("leave"));
}

void TestChat::sameUserTwoPlaces()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client laptop, phone, bob;
    QVERIFY(laptop.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QVERIFY(phone.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw")));
    QVERIFY(bob.logIn(server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true));
    QVERIFY(laptop.joined(QStringLiteral("lobby")));
    QVERIFY(phone.joined(QStringLiteral("lobby")));
    QVERIFY(bob.joined(QStringLiteral("lobby")));
    QSignalSpy l(&laptop.session, &ClientSession::messageReceived);
    QSignalSpy p(&phone.session, &ClientSession::messageReceived);
    bob.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("room msg"));
    bob.session.sendToUser(QStringLiteral("alice"), QStringLiteral("private msg"));
    QTRY_COMPARE(l.size(), 2);
    QTRY_COMPARE(p.size(), 2);
}

void TestChat::historyReplayedOnJoin()
{
    ServerConfig config;
    config.historyCount = 3;
    Test::TestServer server(config);
    QVERIFY(server.ok());
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QVERIFY(a.joined(QStringLiteral("lobby")));
    QSignalSpy sent(&a.session, &ClientSession::messageSent);
    for (int i = 1; i <= 5; ++i)
        a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("m%1").arg(i));
    QTRY_COMPARE(sent.size(), 5);
    Client b;
    QSignalSpy joined(&b.session, &ClientSession::roomJoined);
    QVERIFY(b.logIn(server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true));
    QTRY_VERIFY(!joined.isEmpty());
    const auto history = joined.first().at(2).value<QList<ChatMessage>>();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(0).text, QStringLiteral("m3"));
    QCOMPARE(history.at(2).text, QStringLiteral("m5"));
    // Paging backwards with "history": before the oldest message shown, two at a time; "before"
    // is exclusive and every page comes oldest first, until the start of the room.
    QSignalSpy older(&b.session, &ClientSession::historyReceived);
    b.session.requestHistory(QStringLiteral("lobby"), QString(), history.at(0).id, 2);
    QVERIFY(older.wait(5000));
    const auto page1 = older.at(0).at(2).value<QList<ChatMessage>>();
    QCOMPARE(older.at(0).at(3).toLongLong(), history.at(0).id);
    QCOMPARE(page1.size(), 2);
    QCOMPARE(page1.at(0).text, QStringLiteral("m1"));
    QCOMPARE(page1.at(1).text, QStringLiteral("m2"));
    QVERIFY(page1.at(0).id < page1.at(1).id);
    b.session.requestHistory(QStringLiteral("lobby"), QString(), page1.at(0).id, 2);
    QVERIFY(older.wait(5000));
    QVERIFY(older.at(1).at(2).value<QList<ChatMessage>>().isEmpty());
    // Without "before": the newest page.
    b.session.requestHistory(QStringLiteral("lobby"));
    QVERIFY(older.wait(5000));
    QCOMPARE(older.at(2).at(2).value<QList<ChatMessage>>().size(), 5);
}

void TestChat::badChatInput()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QVERIFY(a.joined(QStringLiteral("lobby")));
    QSignalSpy rejected(&a.session, &ClientSession::messageRejected);
    QSignalSpy errors(&a.session, &ClientSession::errorReceived);
    a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("   "));
    a.session.sendToRoom(QStringLiteral("lobby"), QString(40000, QLatin1Char('x'))); // over the text limit
    a.session.sendToRoom(QStringLiteral("lobby"), QString(70000, QLatin1Char('x'))); // over the header limit: refused locally
    a.session.sendToRoom(QStringLiteral("no room"), QStringLiteral("x"));
    a.session.sendToRoom(QStringLiteral("elsewhere"), QStringLiteral("x"));
    a.session.sendToUser(QStringLiteral("nobody"), QStringLiteral("x"));
    QTRY_COMPARE(rejected.size(), 6);
    QStringList codes;
    for (const auto &r : rejected)
        codes << Protocol::toWire(r.at(1).value<Protocol::ErrorCode>());
    codes.sort();
    QCOMPARE(codes, (QStringList{QStringLiteral("empty_message"), QStringLiteral("invalid_room"), QStringLiteral("message_too_long"),
                                 QStringLiteral("message_too_long"), QStringLiteral("not_in_room"), QStringLiteral("unknown_user")}));
    a.session.joinRoom(QStringLiteral("bad name!"));
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(codeOf(errors.first()), QStringLiteral("invalid_room"));
    // None of these was fatal: the connection still works.
    QSignalSpy sent(&a.session, &ClientSession::messageSent);
    a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("still here"));
    QVERIFY(sent.wait(5000));
}

void TestChat::chatBeforeLoginRefused()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    ChatClient raw;
    QSignalSpy ready(&raw, &ChatClient::ready);
    raw.connectToServer(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(ready.wait(5000));
    QList<Protocol::Error> errors;
    const qint64 id = raw.request<Protocol::ChatAck>(Protocol::ChatSend{0, QStringLiteral("lobby"), QString(), QStringLiteral("sneaky")},
                                                     nullptr, [](const Protocol::ChatAck &, const Frame &) { QFAIL("acknowledged"); },
                                                     [&](const Protocol::Error &e) { errors.append(e); });
    QVERIFY(id > 0);
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(errors.first().code, Protocol::ErrorCode::AuthRequired);
    QCOMPARE(errors.first().id, id);
    QCOMPARE(errors.first().fatal, false);
    QCOMPARE(raw.state(), ChatClient::State::Ready);
}

void TestChat::reconnectSendsQueuedMessages()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client a, b;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QVERIFY(b.logIn(server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true));
    QVERIFY(a.joined(QStringLiteral("lobby")));
    QVERIFY(b.joined(QStringLiteral("lobby")));

    // The server drops alice (as a network failure would).
    QSignalSpy down(&a.session, &ClientSession::disconnected);
    for (ServerSession *s : server.runtime().server()->sessionsOf(QStringLiteral("alice")))
        s->connection()->abort();
    QVERIFY(down.wait(5000));
    QCOMPARE(a.session.status(), ClientSession::Status::Reconnecting);

    // Typed while disconnected: queued, not lost.
    QSignalSpy bGot(&b.session, &ClientSession::messageReceived);
    a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("queued 1"));
    a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("queued 2"));
    QVERIFY(a.session.queuedCount() >= 2);

    QTRY_COMPARE_WITH_TIMEOUT(a.session.status(), ClientSession::Status::Online, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bGot.size(), 2, 10000);
    QCOMPARE(bGot.at(0).first().value<ChatMessage>().text, QStringLiteral("queued 1"));
    QCOMPARE(bGot.at(1).first().value<ChatMessage>().text, QStringLiteral("queued 2"));
    QCOMPARE(a.session.queuedCount(), 0);
    QVERIFY(a.session.joinedRooms().contains(QStringLiteral("lobby")));
}

void TestChat::robotAnswers()
{
    ServerConfig config;
    config.bot = true;
    Test::TestServer server(config);
    QVERIFY(server.ok());
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QVERIFY(a.joined(QStringLiteral("lobby")));
    QSignalSpy got(&a.session, &ClientSession::messageReceived);
    a.session.sendToUser(QStringLiteral("robot"), QStringLiteral("你好"));
    QTRY_VERIFY(got.size() >= 2);
    const auto answer = got.at(1).first().value<ChatMessage>();
    QCOMPARE(answer.sender, QStringLiteral("robot"));
    QVERIFY(answer.text.contains(QStringLiteral("robot")));
    a.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("@robot 时间"));
    QTRY_VERIFY(got.size() >= 4);
    QVERIFY(got.at(3).first().value<ChatMessage>().text.contains(QDate::currentDate().toString(QStringLiteral("yyyy-MM-dd"))));
}

void TestChat::kickedClientStaysOut()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client a;
    QVERIFY(a.logIn(server.port(), QStringLiteral("alice"), QStringLiteral("pw"), true));
    QSignalSpy errors(&a.session, &ClientSession::errorReceived);
    QSignalSpy down(&a.session, &ClientSession::disconnected);
    const auto sessions = server.runtime().server()->sessionsOf(QStringLiteral("alice"));
    QCOMPARE(sessions.size(), 1);
    server.runtime().server()->kick(sessions.first(), QStringLiteral("bye"));
    QVERIFY(down.wait(5000));
    QCOMPARE(codeOf(errors.first()), QStringLiteral("kicked"));
    // Offline, not Reconnecting: no reconnect is scheduled (a scheduled one shows as Reconnecting).
    QCOMPARE(a.session.status(), ClientSession::Status::Offline);
    QTRY_COMPARE(server.runtime().server()->clientCount(), 0);
}

void TestChat::outboxNeverCrossesAccounts()
{
    Test::TestServer server;
    QVERIFY(server.ok());
    Client watcher;
    QVERIFY(watcher.logIn(server.port(), QStringLiteral("watcher"), QStringLiteral("pw"), true));
    QVERIFY(watcher.joined(QStringLiteral("lobby")));
    QSignalSpy seen(&watcher.session, &ClientSession::messageReceived);

    // bob is kicked, types a line while offline, logs out (keeping it), and registers carol.
    Client bob;
    QVERIFY(bob.logIn(server.port(), QStringLiteral("bob"), QStringLiteral("pw"), true));
    QSignalSpy down(&bob.session, &ClientSession::disconnected);
    server.runtime().server()->kick(server.runtime().server()->sessionsOf(QStringLiteral("bob")).first(), QStringLiteral("out"));
    QVERIFY(down.wait(5000));
    QSignalSpy pending(&bob.session, &ClientSession::messagePending);
    bob.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("typed as bob"));
    QCOMPARE(pending.size(), 1);
    QCOMPARE(bob.session.queuedCount(), 1);
    QSignalSpy kept(&bob.session, &ClientSession::outboxKept);
    bob.session.logOut();
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().at(0).toString(), QStringLiteral("bob@127.0.0.1:%1").arg(server.port()));
    QCOMPARE(kept.first().at(1).toInt(), 1);

    QSignalSpy joined(&bob.session, &ClientSession::roomJoined);
    QVERIFY(bob.logIn(server.port(), QStringLiteral("carol"), QStringLiteral("pw"), true));
    QTRY_VERIFY(!joined.isEmpty());
    QCOMPARE(bob.session.queuedCount(), 0);
    QCOMPARE(bob.session.queuedForOtherAccounts(), 1);
    // carol says something; the watcher sees only that, never bob's line under carol's name.
    bob.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("carol here"));
    QTRY_VERIFY(!seen.isEmpty() && seen.last().at(0).value<ChatMessage>().text == QLatin1String("carol here"));
    for (const auto &args : std::as_const(seen)) {
        const auto m = args.at(0).value<ChatMessage>();
        QVERIFY2(m.text != QLatin1String("typed as bob"), qPrintable(m.sender));
    }

    // Back as bob: the kept line is shown as pending again, then goes out, as bob.
    bob.session.logOut();
    QSignalSpy shownAgain(&bob.session, &ClientSession::messagePending);
    QVERIFY(bob.logIn(server.port(), QStringLiteral("bob"), QStringLiteral("pw")));
    QCOMPARE(shownAgain.size(), 1);
    QCOMPARE(shownAgain.first().at(3).toString(), QStringLiteral("typed as bob"));
    QTRY_VERIFY(!seen.isEmpty() && seen.last().at(0).value<ChatMessage>().text == QLatin1String("typed as bob"));
    QCOMPARE(seen.last().at(0).value<ChatMessage>().sender, QStringLiteral("bob"));
    QTRY_COMPARE(bob.session.queuedCount(), 0);

    // Discarding at logout drops it for good.
    server.runtime().server()->kick(server.runtime().server()->sessionsOf(QStringLiteral("bob")).first(), QStringLiteral("out"));
    QTRY_COMPARE(bob.session.status(), ClientSession::Status::Offline);
    QSignalSpy rejected(&bob.session, &ClientSession::messageRejected);
    bob.session.sendToRoom(QStringLiteral("lobby"), QStringLiteral("never sent"));
    bob.session.logOut(ClientSession::OutboxPolicy::Discard);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().at(1).value<Protocol::ErrorCode>(), Protocol::ErrorCode::Cancelled);
    QCOMPARE(bob.session.queuedCount(), 0);
    QCOMPARE(bob.session.queuedForOtherAccounts(), 0);
}

QTEST_GUILESS_MAIN(TestChat)
#include "tst_chat.moc"
