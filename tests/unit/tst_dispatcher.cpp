// The dispatcher both ends share: replies matched to their request by id (in any order, with a
// timeout each, failed together on disconnect), other frames routed by type to typed handlers.
#include "net/protocol/requesttable.h"
#include "net/protocol/router.h"

#include <QSignalSpy>
#include <QTest>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {
Frame frameOf(const QJsonObject &header)
{
    Frame f;
    f.header = header;
    return f;
}

struct Peer
{
    QStringList seen;
    QStringList invalid;
};
} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT
private slots:
    void outOfOrderReplies();
    void errorsGoToTheirRequest();
    void timeouts();
    void failAllOnDisconnect();
    void destroyedContextDropsHandlers();
    void onlyFirstFrameResolves();
    void routerDecodesAndRejects();
};

void TestDispatcher::outOfOrderReplies()
{
    RequestTable table;
    QList<qint64> order;
    const qint64 a = table.nextId();
    const qint64 b = table.nextId();
    const qint64 c = table.nextId();
    for (qint64 id : {a, b, c})
        table.add(id, nullptr, [&order, id](const Frame &) { order.append(id); }, {}, 5000);
    QCOMPARE(table.size(), 3);
    QVERIFY(table.resolve(frameOf(ChatAck{c, 1, 1}.toJson())));
    QVERIFY(table.resolve(frameOf(ChatAck{a, 2, 2}.toJson())));
    // A frame with no id, or an id nobody waits for, is not a reply.
    QVERIFY(!table.resolve(frameOf(Presence{QString(), QStringLiteral("x"), Presence::Event::Online}.toJson())));
    QVERIFY(!table.resolve(frameOf(ChatAck{99, 2, 2}.toJson())));
    QVERIFY(table.resolve(frameOf(ChatAck{b, 3, 3}.toJson())));
    QCOMPARE(order, (QList<qint64>{c, a, b}));
    QCOMPARE(table.size(), 0);
    // Answered once: a duplicate is no longer a reply.
    QVERIFY(!table.resolve(frameOf(ChatAck{b, 3, 3}.toJson())));
}

void TestDispatcher::errorsGoToTheirRequest()
{
    RequestTable table;
    Error got;
    bool replied = false;
    const qint64 id = table.nextId();
    table.add(id, nullptr, [&](const Frame &) { replied = true; }, [&](const Error &e) { got = e; }, 5000);
    Error sent = Error::make(ErrorCode::NotInRoom, QStringLiteral("join first"), id);
    QVERIFY(table.resolve(frameOf(sent.toJson())));
    QVERIFY(!replied);
    QCOMPARE(got.code, ErrorCode::NotInRoom);
    QCOMPARE(got.id, id);
    QCOMPARE(got.message, QStringLiteral("join first"));
}

void TestDispatcher::timeouts()
{
    RequestTable table;
    QList<Error> errors;
    const qint64 slow = table.nextId();
    const qint64 patient = table.nextId();
    const qint64 answered = table.nextId();
    table.add(slow, nullptr, {}, [&](const Error &e) { errors.append(e); }, 300);
    table.add(patient, nullptr, {}, [&](const Error &e) { errors.append(e); }, 0); // no timeout
    table.add(answered, nullptr, [](const Frame &) {}, [&](const Error &e) { errors.append(e); }, 300);
    QVERIFY(table.resolve(frameOf(Pong{answered, {}}.toJson())));
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 3000);
    QCOMPARE(errors.first().code, ErrorCode::Timeout);
    QCOMPARE(errors.first().id, slow);
    QVERIFY(table.contains(patient));
    QVERIFY(!table.contains(slow));
    // A late reply to the timed-out request is no longer matched.
    QVERIFY(!table.resolve(frameOf(Pong{slow, {}}.toJson())));
}

void TestDispatcher::failAllOnDisconnect()
{
    RequestTable table;
    QList<qint64> failed;
    for (int i = 0; i < 5; ++i) {
        const qint64 id = table.nextId();
        table.add(id, nullptr, {}, [&failed](const Error &e) {
            QCOMPARE(e.code, ErrorCode::Disconnected);
            failed.append(e.id);
        }, 10000);
    }
    table.failAll(ErrorCode::Disconnected, QStringLiteral("gone"));
    QCOMPARE(failed, (QList<qint64>{1, 2, 3, 4, 5})); // in the order they were sent
    QCOMPARE(table.size(), 0);
}

void TestDispatcher::destroyedContextDropsHandlers()
{
    RequestTable table;
    int calls = 0;
    auto *context = new QObject;
    const qint64 id = table.nextId();
    table.add(id, context, [&](const Frame &) { ++calls; }, [&](const Error &) { ++calls; }, 5000);
    delete context;
    QVERIFY(table.resolve(frameOf(Pong{id, {}}.toJson()))); // consumed, but nobody is called
    QCOMPARE(calls, 0);
}

void TestDispatcher::onlyFirstFrameResolves()
{
    // download.request is answered by download.begin; the later download.end with the same id
    // is a pushed frame, routed by type.
    RequestTable table;
    Router<Peer> router;
    Peer peer;
    router.on<DownloadEnd>([](Peer &p, const DownloadEnd &end, const Frame &) { p.seen << QStringLiteral("end %1").arg(end.download); });
    const qint64 id = table.nextId();
    table.add(id, nullptr, [&peer](const Frame &f) { peer.seen << f.type(); }, {}, 5000);
    const Frame begin = frameOf(DownloadBegin{id, 5, FileInfo{}, 0, 1}.toJson());
    const Frame end = frameOf(DownloadEnd{id, 5, 42, 10, QStringLiteral("h")}.toJson());
    for (const Frame &f : {begin, end})
        if (!table.resolve(f))
            QVERIFY(router.route(peer, f));
    QCOMPARE(peer.seen, (QStringList{QStringLiteral("download.begin"), QStringLiteral("end 5")}));
}

void TestDispatcher::routerDecodesAndRejects()
{
    Router<Peer> router;
    router.setInvalidHandler([](Peer &p, const Frame &, const DecodeError &e) { p.invalid << e.field; });
    router.on<ChatSend>([](Peer &p, const ChatSend &m, const Frame &) { p.seen << m.text; }, 1);
    Peer peer;
    QVERIFY(router.route(peer, frameOf(ChatSend{1, QStringLiteral("lobby"), {}, QStringLiteral("hi")}.toJson())));
    QJsonObject bad = ChatSend{2, QStringLiteral("lobby"), {}, QStringLiteral("x")}.toJson();
    bad.insert(QStringLiteral("text"), 12);
    QVERIFY(router.route(peer, frameOf(bad)));
    QVERIFY(!router.route(peer, frameOf(QJsonObject{{QStringLiteral("type"), QStringLiteral("no.such")}})));
    QCOMPARE(peer.seen, QStringList{QStringLiteral("hi")});
    QCOMPARE(peer.invalid, QStringList{QStringLiteral("text")});
    QCOMPARE(router.find(QStringLiteral("chat.send"))->flags, 1);
}

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
