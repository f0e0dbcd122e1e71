// The chat's message model: bounded under a flood, deduplicated, paged from the top, pending
// lines resolved, day headers, own messages; and the store that routes to the right model.
#include "net/client/conversationstore.h"
#include "net/client/messagelistmodel.h"
#include "net/protocol/messages.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Switchboard;
using Kind = MessageListModel::Kind;

class TestMessageListModel : public QObject
{
    Q_OBJECT
private slots:
    void floodStaysBounded();
    void duplicatesAreDropped();
    void historyMergesInOrder();
    void pagingFromTheTop();
    void pendingBecomesMessage();
    void pendingRemovedWhenMessageCameFirst();
    void rejectedKeepsText();
    void dayHeaders();
    void ownFlagFollowsMe();
    void fileMessagesCarryFileInfo();
    void storeRoutesByConversation();
    void storePagesThroughHistoryWanted();
};

static qint64 at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute)).toMSecsSinceEpoch();
}

static ChatMessage msg(qint64 id, const QString &sender, const QString &text, qint64 ts = 0, const QString &room = QStringLiteral("lobby"))
{
    ChatMessage m;
    m.id = id;
    m.timestampMs = ts ? ts : at(1, 12) + id * 1000;
    m.room = room;
    m.sender = sender;
    m.text = text;
    return m;
}

static QList<qint64> ids(const MessageListModel &model)
{
    QList<qint64> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row).data(MessageListModel::MessageIdRole).toLongLong());
    return out;
}

void TestMessageListModel::floodStaysBounded()
{
    MessageListModel model(QStringLiteral("me"));
    model.setMaxRows(5000);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    int most = 0;
    connect(&model, &QAbstractItemModel::rowsInserted, this, [&] { most = qMax(most, model.rowCount()); });
    for (int i = 1; i <= 100000; ++i)
        model.appendMessage(msg(i, QStringLiteral("bob"), QStringLiteral("line %1").arg(i)));
    QVERIFY(model.rowCount() <= 5000);
    QVERIFY(model.rowCount() >= 4500);
    QVERIFY(most <= 5001); // one row past the window at most, before the trim
    QCOMPARE(model.messageCount(), model.rowCount());
    // The newest are kept, in order; the oldest went in batches, not row by row.
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last).data(MessageListModel::MessageIdRole).toLongLong(), 100000);
    QCOMPARE(model.index(last).data(MessageListModel::TextRole).toString(), QStringLiteral("line 100000"));
    QCOMPARE(model.index(0).data(MessageListModel::MessageIdRole).toLongLong(), 100000 - last);
    QVERIFY2(removed.size() <= 100000 / 400, qPrintable(QString::number(removed.size())));
    QVERIFY(removed.size() >= 100);
    // Dropped ids are forgotten (the dedupe set is bounded too): an old message can come back
    // through paging.
    QVERIFY(!model.contains(1));
    QVERIFY(model.contains(100000));
}

void TestMessageListModel::duplicatesAreDropped()
{
    MessageListModel model(QStringLiteral("me"));
    QAbstractItemModelTester tester(&model);
    model.appendMessage(msg(5, QStringLiteral("bob"), QStringLiteral("five")));
    model.appendMessage(msg(5, QStringLiteral("bob"), QStringLiteral("five")));
    model.appendMessage(msg(6, QStringLiteral("bob"), QStringLiteral("six")));
    QCOMPARE(model.rowCount(), 2);
    // A replay overlapping live delivery adds only what is missing.
    model.mergeHistory({msg(4, QStringLiteral("bob"), QStringLiteral("four")), msg(5, QStringLiteral("bob"), QStringLiteral("five")),
                        msg(6, QStringLiteral("bob"), QStringLiteral("six")), msg(7, QStringLiteral("bob"), QStringLiteral("seven"))});
    QCOMPARE(ids(model), (QList<qint64>{4, 5, 6, 7}));
    model.mergeHistory({msg(4, QStringLiteral("bob"), QStringLiteral("four")), msg(7, QStringLiteral("bob"), QStringLiteral("seven"))});
    QCOMPARE(model.rowCount(), 4);
}

void TestMessageListModel::historyMergesInOrder()
{
    MessageListModel model(QStringLiteral("me"));
    QAbstractItemModelTester tester(&model);
    model.appendPending(1, QStringLiteral("typed offline"));
    model.mergeHistory({msg(10, QStringLiteral("bob"), QStringLiteral("a")), msg(20, QStringLiteral("bob"), QStringLiteral("b"))});
    // The replay sits above the line still waiting to be sent.
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.kind(2), Kind::Pending);
    QCOMPARE(ids(model), (QList<qint64>{10, 20, 0}));
    // A gap is filled in its place; unsorted input is sorted.
    model.mergeHistory({msg(30, QStringLiteral("bob"), QStringLiteral("d")), msg(15, QStringLiteral("bob"), QStringLiteral("c")),
                        msg(5, QStringLiteral("bob"), QStringLiteral("z"))});
    QCOMPARE(ids(model), (QList<qint64>{5, 10, 15, 20, 30, 0}));
}

void TestMessageListModel::pagingFromTheTop()
{
    MessageListModel model(QStringLiteral("me")); // no QAbstractItemModelTester: it calls fetchMore
    QSignalSpy wanted(&model, &MessageListModel::historyWanted);
    QVERIFY(!model.canFetchMore(QModelIndex())); // nothing shown yet: the join replay comes first
    for (int i = 101; i <= 110; ++i)
        model.appendMessage(msg(i, QStringLiteral("bob"), QString::number(i)));
    QVERIFY(model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.first().first().toLongLong(), 101);
    // One page at a time.
    QVERIFY(!model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(wanted.size(), 1);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QList<ChatMessage> page;
    for (int i = 91; i <= 100; ++i)
        page.append(msg(i, QStringLiteral("bob"), QString::number(i)));
    model.prependHistory(page);
    QCOMPARE(inserted.size(), 1); // one block
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 9);
    QCOMPARE(model.rowCount(), 20);
    QList<qint64> expected;
    for (int i = 91; i <= 110; ++i)
        expected.append(i);
    QCOMPARE(ids(model), expected);

    QVERIFY(model.canFetchMore(QModelIndex()));
    model.fetchMore(QModelIndex());
    QCOMPARE(wanted.last().first().toLongLong(), 91);
    model.prependHistory({}); // the beginning of the conversation
    QVERIFY(!model.canFetchMore(QModelIndex()));
    QVERIFY(!model.hasOlderHistory());

    // Rows dropped from the window can be paged in again.
    model.setMaxRows(10);
    model.appendMessage(msg(111, QStringLiteral("bob"), QStringLiteral("111")));
    QVERIFY(model.rowCount() <= 10);
    QVERIFY(model.canFetchMore(QModelIndex()));
}

void TestMessageListModel::pendingBecomesMessage()
{
    MessageListModel model(QStringLiteral("me"));
    QAbstractItemModelTester tester(&model);
    model.appendMessage(msg(1, QStringLiteral("bob"), QStringLiteral("hi")));
    model.appendPending(7, QStringLiteral("hello"));
    QCOMPARE(model.kind(1), Kind::Pending);
    QCOMPARE(model.index(1).data(MessageListModel::LocalIdRole).toLongLong(), 7);
    QVERIFY(model.index(1).data(MessageListModel::IsOwnRole).toBool());
    QCOMPARE(model.messageCount(), 1);
    model.markSent(7, 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.kind(1), Kind::Message);
    QCOMPARE(model.index(1).data(MessageListModel::MessageIdRole).toLongLong(), 2);
    QCOMPARE(model.index(1).data(MessageListModel::TextRole).toString(), QStringLiteral("hello"));
    QCOMPARE(model.messageCount(), 2);
    // The server's delivery of the same message (after its ack) is not shown twice.
    model.appendMessage(msg(2, QStringLiteral("me"), QStringLiteral("hello")));
    QCOMPARE(model.rowCount(), 2);
    model.markSent(7, 2); // a second ack for the same line changes nothing
    QCOMPARE(model.rowCount(), 2);

    // Pending rows are still found after rows went in above them (a page, a filled gap).
    model.appendPending(8, QStringLiteral("eight"));
    model.appendMessage(msg(10, QStringLiteral("bob"), QStringLiteral("ten")));
    model.appendPending(9, QStringLiteral("nine"));
    model.mergeHistory({msg(5, QStringLiteral("bob"), QStringLiteral("gap"))}); // between 2 and 10
    model.fetchMore(QModelIndex());
    model.prependHistory({msg(1, QStringLiteral("bob"), QStringLiteral("hi"))});
    QCOMPARE(ids(model), (QList<qint64>{1, 2, 5, 0, 10, 0}));
    model.markSent(9, 12);
    model.markRejected(8, QStringLiteral("no"));
    QCOMPARE(model.kind(3), Kind::Rejected);
    QCOMPARE(model.index(5).data(MessageListModel::MessageIdRole).toLongLong(), 12);

    // A pending row dropped from the window: its acknowledgement changes nothing.
    MessageListModel small(QStringLiteral("me"));
    small.setMaxRows(10);
    small.appendPending(1, QStringLiteral("old"));
    for (int i = 1; i <= 20; ++i)
        small.appendMessage(msg(100 + i, QStringLiteral("bob"), QStringLiteral("x")));
    const int rows = small.rowCount();
    small.markSent(1, 500);
    QCOMPARE(small.rowCount(), rows);
    QVERIFY(!small.contains(500));
}

void TestMessageListModel::pendingRemovedWhenMessageCameFirst()
{
    MessageListModel model(QStringLiteral("me"));
    QAbstractItemModelTester tester(&model);
    model.appendPending(3, QStringLiteral("hello"));
    model.appendMessage(msg(9, QStringLiteral("me"), QStringLiteral("hello")));
    QCOMPARE(model.rowCount(), 2);
    model.markSent(3, 9);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.kind(0), Kind::Message);
    QCOMPARE(ids(model), (QList<qint64>{9}));
}

void TestMessageListModel::rejectedKeepsText()
{
    MessageListModel model(QStringLiteral("me"));
    QAbstractItemModelTester tester(&model);
    model.appendPending(4, QStringLiteral("too much"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.markRejected(4, QStringLiteral("too long"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(model.kind(0), Kind::Rejected);
    QCOMPARE(model.index(0).data(MessageListModel::TextRole).toString(), QStringLiteral("too much"));
    QCOMPARE(model.index(0).data(MessageListModel::ReasonRole).toString(), QStringLiteral("too long"));
    model.markSent(4, 12); // no longer pending: nothing to replace
    QCOMPARE(model.kind(0), Kind::Rejected);
    QCOMPARE(model.messageCount(), 0);
}

void TestMessageListModel::dayHeaders()
{
    MessageListModel model(QStringLiteral("me"));
    QAbstractItemModelTester tester(&model);
    model.appendMessage(msg(10, QStringLiteral("bob"), QStringLiteral("a"), at(1, 10)));
    model.appendMessage(msg(20, QStringLiteral("bob"), QStringLiteral("b"), at(1, 23, 59)));
    model.appendMessage(msg(30, QStringLiteral("bob"), QStringLiteral("c"), at(2, 0, 1)));
    model.appendNotice(QStringLiteral("carol joined")); // now: not March 2026
    auto header = [&](int row) { return model.index(row).data(MessageListModel::ShowDayHeaderRole).toBool(); };
    QVERIFY(header(0));
    QVERIFY(!header(1));
    QVERIFY(header(2));
    QVERIFY(header(3));
    const QString day1 = model.index(0).data(MessageListModel::DayTextRole).toString();
    QVERIFY(!day1.isEmpty());
    QCOMPARE(model.index(1).data(MessageListModel::DayTextRole).toString(), day1);
    QVERIFY(model.index(2).data(MessageListModel::DayTextRole).toString() != day1);
    QCOMPARE(model.index(2).data(MessageListModel::TimestampRole).toDateTime(), QDateTime(QDate(2026, 3, 2), QTime(0, 1)));

    // A page of the same day on top: the old first row loses its header, and views are told.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.fetchMore(QModelIndex());
    model.prependHistory({msg(5, QStringLiteral("bob"), QStringLiteral("z"), at(1, 9))});
    QVERIFY(header(0));
    QVERIFY(!header(1));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<QModelIndex>().row(), 1);

    // Trimming the window gives the new first row a header, and views are told.
    model.setMaxRows(10);
    changed.clear();
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 10; ++i)
        model.appendMessage(msg(100 + i, QStringLiteral("bob"), QStringLiteral("x"), at(2, 1 + i)));
    QVERIFY(model.rowCount() <= 10);
    QVERIFY(!removed.isEmpty());
    QCOMPARE(changed.size(), removed.size());
    QCOMPARE(changed.last().first().value<QModelIndex>().row(), 0);
    QVERIFY(changed.last().at(2).value<QList<int>>().contains(MessageListModel::ShowDayHeaderRole));
}

void TestMessageListModel::ownFlagFollowsMe()
{
    MessageListModel model(QStringLiteral("alice"));
    model.appendMessage(msg(1, QStringLiteral("alice"), QStringLiteral("mine")));
    model.appendMessage(msg(2, QStringLiteral("bob"), QStringLiteral("his")));
    model.appendNotice(QStringLiteral("bob joined lobby"));
    auto own = [&](int row) { return model.index(row).data(MessageListModel::IsOwnRole).toBool(); };
    QVERIFY(own(0));
    QVERIFY(!own(1));
    QVERIFY(!own(2));
    QCOMPARE(model.index(1).data(MessageListModel::SenderRole).toString(), QStringLiteral("bob"));
    QCOMPARE(model.index(2).data(MessageListModel::KindRole).value<Kind>(), Kind::Notice);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setMe(QStringLiteral("bob"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(!own(0));
    QVERIFY(own(1));
}

void TestMessageListModel::fileMessagesCarryFileInfo()
{
    FileInfo info;
    info.id = 42;
    info.name = QStringLiteral("report 报告.pdf");
    info.size = 123456;
    info.owner = QStringLiteral("bob");
    ChatMessage m = msg(1, QStringLiteral("bob"), info.name);
    m.file = info;
    MessageListModel model(QStringLiteral("me"));
    model.appendMessage(m);
    model.appendMessage(msg(2, QStringLiteral("bob"), QStringLiteral("plain")));
    const QVariant file = model.index(0).data(MessageListModel::FileRole);
    QVERIFY(file.canConvert<FileInfo>());
    QCOMPARE(file.value<FileInfo>().id, 42);
    QCOMPARE(file.value<FileInfo>().name, info.name);
    QCOMPARE(file.value<FileInfo>().size, 123456);
    QVERIFY(!model.index(1).data(MessageListModel::FileRole).isValid());
}

void TestMessageListModel::storeRoutesByConversation()
{
    ConversationStore store;
    store.setMe(QStringLiteral("alice"));
    store.addMessage(msg(1, QStringLiteral("bob"), QStringLiteral("in the lobby")));
    ChatMessage toBob = msg(2, QStringLiteral("alice"), QStringLiteral("to bob"), 0, QString());
    toBob.recipient = QStringLiteral("bob");
    ChatMessage fromBob = msg(3, QStringLiteral("bob"), QStringLiteral("from bob"), 0, QString());
    fromBob.recipient = QStringLiteral("alice");
    store.addMessage(toBob);
    store.addMessage(fromBob);
    QCOMPARE(store.rooms(), QStringList{QStringLiteral("lobby")});
    QCOMPARE(store.peers(), QStringList{QStringLiteral("bob")});
    QCOMPARE(store.room(QStringLiteral("lobby"))->rowCount(), 1);
    MessageListModel *bob = store.find(QString(), QStringLiteral("bob"));
    QVERIFY(bob);
    QCOMPARE(ids(*bob), (QList<qint64>{2, 3}));
    QVERIFY(bob->index(0).data(MessageListModel::IsOwnRole).toBool());
    QVERIFY(!bob->index(1).data(MessageListModel::IsOwnRole).toBool());

    // Pending lines are resolved in the conversation that shows them.
    store.addPending(QStringLiteral("dev"), QString(), 11, QStringLiteral("queued"));
    store.addPending(QString(), QStringLiteral("bob"), 12, QStringLiteral("queued too"));
    store.markSent(11, 50);
    store.markRejected(12, QStringLiteral("unknown user"));
    QCOMPARE(store.room(QStringLiteral("dev"))->kind(0), Kind::Message);
    QCOMPARE(bob->kind(2), Kind::Rejected);

    store.setHistory(QStringLiteral("lobby"), QString(), {msg(1, QStringLiteral("bob"), QStringLiteral("in the lobby")),
                                                          msg(4, QStringLiteral("carol"), QStringLiteral("later"))});
    QCOMPARE(ids(*store.room(QStringLiteral("lobby"))), (QList<qint64>{1, 4}));

    // Another account: every conversation empties, the models stay valid for their views.
    MessageListModel *lobby = store.room(QStringLiteral("lobby"));
    store.clear();
    store.setMe(QStringLiteral("carol"));
    QCOMPARE(lobby->rowCount(), 0);
    QCOMPARE(store.room(QStringLiteral("lobby")), lobby);
    QCOMPARE(lobby->me(), QStringLiteral("carol"));
}

void TestMessageListModel::storePagesThroughHistoryWanted()
{
    ConversationStore store;
    store.setMe(QStringLiteral("alice"));
    QSignalSpy wanted(&store, &ConversationStore::historyWanted);
    ChatMessage fromBob = msg(30, QStringLiteral("bob"), QStringLiteral("hi"), 0, QString());
    fromBob.recipient = QStringLiteral("alice");
    store.addMessage(fromBob);
    MessageListModel *bob = store.peer(QStringLiteral("bob"));
    bob->fetchMore(QModelIndex());
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.first().at(0).toString(), QString());
    QCOMPARE(wanted.first().at(1).toString(), QStringLiteral("bob"));
    QCOMPARE(wanted.first().at(2).toLongLong(), 30);
    ChatMessage older = msg(20, QStringLiteral("alice"), QStringLiteral("earlier"), 0, QString());
    older.recipient = QStringLiteral("bob");
    store.prependHistory(QString(), QStringLiteral("bob"), {older});
    QCOMPARE(ids(*bob), (QList<qint64>{20, 30}));
}

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"
