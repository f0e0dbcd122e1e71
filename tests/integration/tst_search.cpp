// history.search (docs/PROTOCOL.md 7.8) over loopback with a real SQLite database: matches newest
// first in pages with "more", the user's % _ \ matched literally, ASCII case folded, private rooms
// searched by their members only (from where each may read), private chats by their two users;
// ClientSession's slot and `switchboard-cli search --json` on top.
#include "answer.h"
#include "cliprocess.h"
#include "net/client/clientsession.h"
#include "testserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int Wait = 10000;

struct Searcher
{
    ClientSession session;
    QString name;

    Searcher(const QString &user, quint16 port) : name(user)
    {
        session.setAutoReconnect(false);
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        session.logIn(QStringLiteral("127.0.0.1"), port, name, QStringLiteral("pw-") + name, true);
        loggedIn = ok.wait(Wait) || !ok.isEmpty();
    }
    template <class Reply, class M>
    Test::Answer<Reply> ask(const M &message)
    {
        return Test::ask<Reply>(*session.client(), message, Wait);
    }
    qint64 say(const QString &room, const QString &to, const QString &text)
    {
        const auto a = ask<ChatAck>(ChatSend{0, room, to, text});
        return a.ok() ? a->msg : 0;
    }
    Test::Answer<HistorySearchResult> search(const QString &room, const QString &text, qint64 before = 0, int limit = 0)
    {
        return ask<HistorySearchResult>(HistorySearchRequest{0, room, QString(), text, before, limit});
    }
    bool loggedIn = false;
};

QStringList texts(const QList<ChatMessage> &messages)
{
    QStringList out;
    for (const ChatMessage &m : messages)
        out.append(m.text);
    return out;
}

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void pagesNewestFirst();
    void wildcardsAreLiteral();
    void privateRoomsForMembersOnly();
    void privateChatsForTheirUsers();
    void sessionSlotAndCli();

private:
    std::unique_ptr<Test::TestServer> m_server;
};

void TestSearch::init()
{
    m_server = std::make_unique<Test::TestServer>();
    QVERIFY(m_server->ok());
}

void TestSearch::pagesNewestFirst()
{
    Searcher alice(QStringLiteral("alice"), m_server->port());
    QVERIFY(alice.loggedIn);
    QVERIFY(alice.ask<RoomJoined>(RoomJoin{0, QStringLiteral("lobby")}).ok());
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(alice.say(QStringLiteral("lobby"), {}, QStringLiteral("Apple %1").arg(i)));
        QVERIFY(alice.say(QStringLiteral("lobby"), {}, QStringLiteral("pear %1").arg(i)));
    }
    auto page = alice.search(QStringLiteral("lobby"), QStringLiteral("aPPle"), 0, 2);
    QVERIFY(page.ok());
    QCOMPARE(texts(page->messages), (QStringList{QStringLiteral("Apple 4"), QStringLiteral("Apple 5")}));
    QVERIFY(page->more);
    page = alice.search(QStringLiteral("lobby"), QStringLiteral("apple"), page->messages.first().id, 2);
    QCOMPARE(texts(page->messages), (QStringList{QStringLiteral("Apple 2"), QStringLiteral("Apple 3")}));
    QVERIFY(page->more);
    page = alice.search(QStringLiteral("lobby"), QStringLiteral("apple"), page->messages.first().id, 2);
    QCOMPARE(texts(page->messages), QStringList{QStringLiteral("Apple 1")});
    QVERIFY(!page->more);
    // Exactly the limit left: no "more" (the server looks one row further).
    page = alice.search(QStringLiteral("lobby"), QStringLiteral("pear"), 0, 5);
    QCOMPARE(page->messages.size(), 5);
    QVERIFY(!page->more);
    QVERIFY(alice.search(QStringLiteral("lobby"), QStringLiteral("kiwi"))->messages.isEmpty());
    QCOMPARE(alice.search(QStringLiteral("lobby"), QString()).error.code, ErrorCode::BadRequest);
    QCOMPARE(alice.search(QStringLiteral("lobby"), QString(201, QLatin1Char('a'))).error.code, ErrorCode::BadRequest);
}

void TestSearch::wildcardsAreLiteral()
{
    Searcher alice(QStringLiteral("alice"), m_server->port());
    QVERIFY(alice.ask<RoomJoined>(RoomJoin{0, QStringLiteral("lobby")}).ok());
    for (const char *t : {"500 off today", "50%_off today", "C:\\temp\\x", "C:/temp/x", "a_b", "axb"})
        QVERIFY(alice.say(QStringLiteral("lobby"), {}, QString::fromUtf8(t)));
    // Unescaped, "50%_off" would also match "500 off", "a_b" "axb", and "\t" would escape the t.
    QCOMPARE(texts(alice.search(QStringLiteral("lobby"), QStringLiteral("50%_off"))->messages),
             QStringList{QStringLiteral("50%_off today")});
    QCOMPARE(texts(alice.search(QStringLiteral("lobby"), QStringLiteral("a_b"))->messages), QStringList{QStringLiteral("a_b")});
    QCOMPARE(texts(alice.search(QStringLiteral("lobby"), QStringLiteral(":\\temp"))->messages),
             QStringList{QStringLiteral("C:\\temp\\x")});
    QCOMPARE(alice.search(QStringLiteral("lobby"), QStringLiteral("%"))->messages.size(), 1);
}

void TestSearch::privateRoomsForMembersOnly()
{
    Searcher alice(QStringLiteral("alice"), m_server->port());
    Searcher bob(QStringLiteral("bob"), m_server->port());
    Searcher carol(QStringLiteral("carol"), m_server->port());
    const QString secret = QStringLiteral("secretroom");
    QVERIFY(alice.ask<RoomJoined>(RoomCreate{0, secret, true}).ok());
    QVERIFY(alice.say(secret, {}, QStringLiteral("plan before bob")));
    QVERIFY(alice.ask<RoomMembers>(RoomInvite{0, secret, QStringLiteral("bob"), false}).ok());
    QVERIFY(alice.say(secret, {}, QStringLiteral("plan after bob")));

    QCOMPARE(alice.search(secret, QStringLiteral("plan"))->messages.size(), 2);
    // bob was invited without the earlier history: he finds only what he may read.
    QCOMPARE(texts(bob.search(secret, QStringLiteral("plan"))->messages), QStringList{QStringLiteral("plan after bob")});
    // An outsider gets not_a_member, nothing about the messages.
    const auto outsider = carol.search(secret, QStringLiteral("plan"));
    QVERIFY(!outsider.ok());
    QCOMPARE(outsider.error.code, ErrorCode::NotAMember);
}

void TestSearch::privateChatsForTheirUsers()
{
    Searcher alice(QStringLiteral("alice"), m_server->port());
    Searcher bob(QStringLiteral("bob"), m_server->port());
    Searcher carol(QStringLiteral("carol"), m_server->port());
    QVERIFY(alice.say({}, QStringLiteral("bob"), QStringLiteral("lunch at noon?")));
    QVERIFY(bob.say({}, QStringLiteral("alice"), QStringLiteral("lunch yes")));
    QVERIFY(carol.say({}, QStringLiteral("alice"), QStringLiteral("lunch with me?")));
    const auto ab = alice.ask<HistorySearchResult>(HistorySearchRequest{0, {}, QStringLiteral("bob"), QStringLiteral("lunch"), 0, 0});
    QCOMPARE(texts(ab->messages), (QStringList{QStringLiteral("lunch at noon?"), QStringLiteral("lunch yes")}));
    const auto cb = carol.ask<HistorySearchResult>(HistorySearchRequest{0, {}, QStringLiteral("bob"), QStringLiteral("lunch"), 0, 0});
    QVERIFY(cb->messages.isEmpty()); // carol's chat with bob, not alice's
}

void TestSearch::sessionSlotAndCli()
{
    Searcher alice(QStringLiteral("alice"), m_server->port());
    QVERIFY(alice.ask<RoomJoined>(RoomJoin{0, QStringLiteral("lobby")}).ok());
    const qint64 first = alice.say(QStringLiteral("lobby"), {}, QStringLiteral("release notes v1"));
    const qint64 second = alice.say(QStringLiteral("lobby"), {}, QStringLiteral("release notes v2"));
    QVERIFY(first && second);

    QSignalSpy results(&alice.session, &ClientSession::searchResults);
    const qint64 id = alice.session.searchHistory(QStringLiteral("lobby"), QString(), QStringLiteral("release"), 0, 1);
    QVERIFY(id > 0);
    QVERIFY(results.wait(Wait));
    QCOMPARE(results.first().at(0).toLongLong(), id);
    const auto page = results.first().at(2).value<QList<ChatMessage>>();
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.first().id, second);
    QVERIFY(results.first().at(3).toBool());
    QSignalSpy failed(&alice.session, &ClientSession::searchFailed);
    alice.session.searchHistory(QStringLiteral("nosuchprivate"), QString(), QString());
    QVERIFY(failed.wait(Wait));
    QCOMPARE(failed.first().at(1).value<Error>().code, ErrorCode::BadRequest);

    if (!Test::cliBuilt())
        QSKIP("switchboard-cli is not built");
    Test::CliRun cli = Test::runCli(m_server->port(), QStringLiteral("alice"),
                                    {QStringLiteral("--json"), QStringLiteral("search"), QStringLiteral("lobby"),
                                     QStringLiteral("release"), QStringLiteral("notes"), QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(cli.exitCode, 0);
    const QList<QByteArray> lines = cli.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    const QJsonObject match = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(match.value(QStringLiteral("text")).toString(), QStringLiteral("release notes v2"));
    const QJsonObject end = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(end.value(QStringLiteral("type")).toString(), QStringLiteral("search.end"));
    QCOMPARE(end.value(QStringLiteral("more")).toBool(), true);
    QCOMPARE(end.value(QStringLiteral("before")).toInteger(), second);

    // An error is one JSON line on standard error, with its code.
    cli = Test::runCli(m_server->port(), QStringLiteral("alice"),
                       {QStringLiteral("--json"), QStringLiteral("search"), QStringLiteral("lobby"), QString(201, QLatin1Char('x'))});
    QCOMPARE(cli.exitCode, 1);
    const QJsonObject error = QJsonDocument::fromJson(cli.err.trimmed()).object();
    QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("bad_request"));
}

QTEST_MAIN(TestSearch)
#include "tst_search.moc"
