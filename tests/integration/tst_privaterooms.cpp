// Private rooms and replies bounded by the peer's header limit (issue 9, items 2 and 4), over real
// sockets on loopback with a real SQLite database: outsiders cannot join, list, read or download;
// an invitation lets a user in from that moment (or with the earlier history when the owner
// shares it); the owner removes and hands over; everything survives a restart. Room lists and
// history are paged or cut so no frame passes the header limit a client announced.
#include "answer.h"
#include "cliprocess.h"
#include "net/auth/credentials.h"
#include "net/auth/userstore.h"
#include "net/capture/capturerecord.h"
#include "net/client/clientsession.h"
#include "net/chat/privaterooms.h"
#include "net/server/chatserver.h"
#include "net/storage/database.h"
#include "net/server/serverruntime.h"
#include "net/transfer/uploader.h"

#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int Wait = 10000;
const QString Secret = QStringLiteral("secretroom");

// The largest frame header that went by, per direction.
class HeaderMeter : public CaptureSink
{
public:
    void record(const CaptureRecord &r) override
    {
        if (r.kind != CaptureRecord::Kind::Frame)
            return;
        QMutexLocker lock(&m_mutex);
        qint64 &largest = r.direction == CaptureRecord::Direction::Out ? m_out : m_in;
        largest = qMax(largest, qint64(r.headerLength));
        if (r.direction == CaptureRecord::Direction::Out)
            ++m_types[r.header.value(QLatin1String("type")).toString()];
    }
    int sent(const QString &type)
    {
        QMutexLocker lock(&m_mutex);
        return m_types.value(type);
    }
    qint64 largestOut()
    {
        QMutexLocker lock(&m_mutex);
        return m_out;
    }
    qint64 largestIn()
    {
        QMutexLocker lock(&m_mutex);
        return m_in;
    }

private:
    QMutex m_mutex;
    qint64 m_out = 0;
    qint64 m_in = 0;
    QHash<QString, int> m_types;
};

struct Client
{
    ClientSession session;
    QString name;

    explicit Client(const QString &user, quint32 maxHeader = 0) : name(user)
    {
        session.setAutoReconnect(false);
        if (maxHeader > 0)
            session.client()->setMaxInboundHeader(maxHeader);
    }

    bool logIn(quint16 port, bool registerFirst)
    {
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        QSignalSpy failed(&session, &ClientSession::loginFailed);
        session.logIn(QStringLiteral("127.0.0.1"), port, name, QStringLiteral("pw-") + name, registerFirst);
        return ok.wait(Wait) || !ok.isEmpty();
    }

    // A typed request on the session's connection, answered or failed within Wait.
    template <class Reply, class M>
    Test::Answer<Reply> ask(const M &message)
    {
        return Test::ask<Reply>(*session.client(), message, Wait);
    }

    ErrorCode joinError(const QString &room)
    {
        const auto a = ask<RoomJoined>(RoomJoin{0, room});
        return a.ok() ? ErrorCode::None : a.error.code;
    }

    QStringList texts(const QList<ChatMessage> &messages)
    {
        QStringList out;
        for (const ChatMessage &m : messages)
            out.append(m.text);
        return out;
    }

    // Sends and waits for the ack; the message id.
    qint64 say(const QString &room, const QString &text)
    {
        const auto a = ask<ChatAck>(ChatSend{0, room, QString(), text});
        return a.ok() ? a->msg : 0;
    }

    QStringList roomList()
    {
        QSignalSpy spy(&session, &ClientSession::roomListReceived);
        session.requestRoomList();
        if (!spy.wait(Wait))
            return {QStringLiteral("<no answer>")};
        return spy.first().at(0).toStringList();
    }
};

// Logs a fresh account in (registering it); null on failure.
std::unique_ptr<Client> newUser(quint16 port, const QString &name, quint32 maxHeader = 0)
{
    auto c = std::make_unique<Client>(name, maxHeader);
    if (!c->logIn(port, true))
        return nullptr;
    return c;
}

} // namespace

class tst_PrivateRooms : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(start());
    }
    void cleanup()
    {
        m_runtime.reset();
        m_dir.reset();
    }

    void outsidersSeeNothing();
    void invitationShowsHistoryFromThen();
    void ownerRemovesAndHandsOver();
    void survivesRestart();
    void publicRoomsAndCreateRules();
    void roomListPagedToAnnouncedLimit();
    void historyCutToAnnouncedLimit();
    void cliManagesRooms();
    void membersPagedToAnnouncedLimit();
    void deletedAccountLeavesRooms();

private:
    // Runs switchboard-cli as `user` (password as Client uses) against this server; exit code and stdout.
    std::pair<int, QString> cli(const QString &user, const QStringList &arguments)
    {
        const Test::CliRun run = Test::runCli(port(), user, QStringList{QStringLiteral("room")} + arguments);
        if (!run.err.isEmpty())
            qInfo().noquote() << "switchboard-cli:" << QString::fromUtf8(run.err).trimmed();
        return {run.exitCode, QString::fromUtf8(run.out)};
    }

    bool start()
    {
        m_runtime = std::make_unique<ServerRuntime>();
        ServerConfig config;
        config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
        config.dataDir = m_dir->path();
        config.tls = false;                 // the test's clients speak plaintext (tst_tls covers TLS)
        config.maxRegistrationsPerHour = 0; // hundreds of accounts from 127.0.0.1
        QString error;
        if (!m_runtime->start(config, &error)) {
            qWarning() << error;
            return false;
        }
        return true;
    }
    quint16 port() const { return m_runtime->endpoints().value(0).port; }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir->filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(data);
        return path;
    }

    // Uploads into a room; the file id (0 on failure).
    qint64 upload(Client &c, const QString &room, const QString &path)
    {
        Uploader up(c.session.client(), path);
        up.setRoom(room);
        up.start();
        QElapsedTimer timer;
        timer.start();
        while ((up.isBusy() || up.state() == Transfer::State::Queued) && timer.elapsed() < Wait)
            QTest::qWait(5);
        return up.state() == Transfer::State::Finished ? up.fileId() : 0;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ServerRuntime> m_runtime;
};

void tst_PrivateRooms::outsidersSeeNothing()
{
    auto alice = newUser(port(), QStringLiteral("alice"));
    auto mallory = newUser(port(), QStringLiteral("mallory"));
    QVERIFY(alice && mallory);
    const auto created = alice->ask<RoomJoined>(RoomCreate{0, Secret, true});
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    QCOMPARE(created->members, QStringList{QStringLiteral("alice")});
    QVERIFY(alice->say(Secret, QStringLiteral("the secret plan")) > 0);
    const qint64 file = upload(*alice, Secret, writeFile(QStringLiteral("plan.txt"), "the plan in a file"));
    QVERIFY(file > 0);

    // Listed to the owner, with its owner; not to mallory.
    QVERIFY(alice->roomList().contains(Secret));
    QVERIFY(alice->session.isPrivateRoom(Secret));
    QCOMPARE(alice->session.roomOwner(Secret), QStringLiteral("alice"));
    const QStringList seen = mallory->roomList();
    QVERIFY2(!seen.contains(Secret), qPrintable(seen.join(QLatin1Char(','))));
    QVERIFY(seen.contains(QStringLiteral("lobby")));

    // Every way in is refused, each like a room that is not there.
    QCOMPARE(mallory->joinError(Secret), ErrorCode::NotAMember);
    QCOMPARE(mallory->ask<History>(HistoryRequest{0, Secret, QString(), 0, 50}).error.code, ErrorCode::NotInRoom);
    QCOMPARE(mallory->ask<History>(HistoryRequest{0, QStringLiteral("nosuchroom"), QString(), 0, 50}).error.code,
             ErrorCode::NotInRoom);
    QCOMPARE(mallory->ask<RoomMembers>(RoomMembersRequest{0, Secret, QString()}).error.code, ErrorCode::NotAMember);
    QCOMPARE(mallory->ask<RoomMembers>(RoomMembersRequest{0, QStringLiteral("nosuchroom"), QString()}).error.code,
             ErrorCode::NotAMember);
    QCOMPARE(mallory->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("mallory"), true}).error.code,
             ErrorCode::NotAMember);
    QCOMPARE(mallory->ask<ChatAck>(ChatSend{0, Secret, QString(), QStringLiteral("hi")}).error.code, ErrorCode::NotInRoom);
    QCOMPARE(mallory->ask<DownloadBegin>(DownloadRequest{0, file, 0}).error.code, ErrorCode::FileNotFound);
    QCOMPARE(mallory->ask<UploadAccept>(UploadOffer{0, QStringLiteral("x"), 1,
                                                    QStringLiteral("xxh3-128:99aa06d3014798d86001c324468d497f"), Secret,
                                                    QString()})
                 .error.code,
             ErrorCode::NotInRoom);
    // The owner still has it all.
    QVERIFY(alice->ask<DownloadBegin>(DownloadRequest{0, file, 0}).ok());
}

void tst_PrivateRooms::invitationShowsHistoryFromThen()
{
    auto alice = newUser(port(), QStringLiteral("alice"));
    auto bob = newUser(port(), QStringLiteral("bob"));
    auto carol = newUser(port(), QStringLiteral("carol"));
    QVERIFY(alice && bob && carol);
    QVERIFY(alice->ask<RoomJoined>(RoomCreate{0, Secret, true}).ok());
    QVERIFY(alice->say(Secret, QStringLiteral("before bob")) > 0);
    const qint64 oldFile = upload(*alice, Secret, writeFile(QStringLiteral("old.txt"), "old"));
    QVERIFY(oldFile > 0);
    QTest::qWait(5); // the next upload's time differs from bob's invitation (millisecond clock)

    QSignalSpy invited(&bob->session, &ClientSession::invitedToRoom);
    const auto invite = alice->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("bob"), false});
    QVERIFY2(invite.ok(), qPrintable(invite.error.message));
    QCOMPARE(invite->members, (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    QCOMPARE(invite->owner, QStringLiteral("alice"));
    QTRY_COMPARE_WITH_TIMEOUT(invited.size(), 1, Wait);
    QCOMPARE(invited.first().at(0).toString(), Secret);
    QCOMPARE(invited.first().at(1).toString(), QStringLiteral("alice"));
    QVERIFY(bob->roomList().contains(Secret));

    QVERIFY(alice->say(Secret, QStringLiteral("after bob")) > 0);
    const auto joined = bob->ask<RoomJoined>(RoomJoin{0, Secret});
    QVERIFY2(joined.ok(), qPrintable(joined.error.message));
    QCOMPARE(bob->texts(joined->history), QStringList{QStringLiteral("after bob")});
    const auto history = bob->ask<History>(HistoryRequest{0, Secret, QString(), 0, 50});
    QVERIFY(history.ok());
    QCOMPARE(bob->texts(history->messages), QStringList{QStringLiteral("after bob")});
    // Files posted before the invitation are not bob's either; later ones are.
    QCOMPARE(bob->ask<DownloadBegin>(DownloadRequest{0, oldFile, 0}).error.code, ErrorCode::FileNotFound);
    const qint64 newFile = upload(*alice, Secret, writeFile(QStringLiteral("new.txt"), "new"));
    QVERIFY(newFile > 0);
    QVERIFY(bob->ask<DownloadBegin>(DownloadRequest{0, newFile, 0}).ok());

    // A member may invite, but only the owner shares the earlier history.
    QCOMPARE(bob->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("carol"), true}).error.code, ErrorCode::Forbidden);
    QCOMPARE(bob->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("nobody"), false}).error.code,
             ErrorCode::UnknownUser);
    QVERIFY(alice->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("carol"), true}).ok());
    const auto carolJoined = carol->ask<RoomJoined>(RoomJoin{0, Secret});
    QVERIFY(carolJoined.ok());
    // Everything, the file messages included.
    QCOMPARE(carol->texts(carolJoined->history), (QStringList{QStringLiteral("before bob"), QStringLiteral("old.txt"),
                                                              QStringLiteral("after bob"), QStringLiteral("new.txt")}));
    QVERIFY(carol->ask<DownloadBegin>(DownloadRequest{0, oldFile, 0}).ok());
}

void tst_PrivateRooms::ownerRemovesAndHandsOver()
{
    auto alice = newUser(port(), QStringLiteral("alice"));
    auto bob = newUser(port(), QStringLiteral("bob"));
    auto carol = newUser(port(), QStringLiteral("carol"));
    QVERIFY(alice && bob && carol);
    QVERIFY(alice->ask<RoomJoined>(RoomCreate{0, Secret, true}).ok());
    QVERIFY(alice->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("bob"), false}).ok());
    QVERIFY(alice->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("carol"), false}).ok());
    QVERIFY(bob->ask<RoomJoined>(RoomJoin{0, Secret}).ok());
    bob->session.joinRoom(Secret); // the session's own view, so it can drop the room when told
    QTRY_VERIFY_WITH_TIMEOUT(bob->session.joinedRooms().contains(Secret), Wait);
    const qint64 file = upload(*alice, Secret, writeFile(QStringLiteral("f.txt"), "f"));
    QVERIFY(file > 0);
    QVERIFY(bob->ask<DownloadBegin>(DownloadRequest{0, file, 0}).ok());

    // Only the owner removes others; nobody removes the owner.
    QCOMPARE(bob->ask<RoomMembers>(RoomRemove{0, Secret, QStringLiteral("carol")}).error.code, ErrorCode::Forbidden);
    QCOMPARE(alice->ask<RoomMembers>(RoomRemove{0, Secret, QStringLiteral("alice")}).error.code, ErrorCode::Forbidden);
    QCOMPARE(bob->ask<RoomMembers>(RoomOwner{0, Secret, QStringLiteral("bob")}).error.code, ErrorCode::Forbidden);

    QSignalSpy removed(&bob->session, &ClientSession::removedFromRoom);
    const auto afterRemove = alice->ask<RoomMembers>(RoomRemove{0, Secret, QStringLiteral("bob")});
    QVERIFY(afterRemove.ok());
    QCOMPARE(afterRemove->members, (QStringList{QStringLiteral("alice"), QStringLiteral("carol")}));
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, Wait);
    QCOMPARE(removed.first().at(0).toString(), Secret);
    QVERIFY(!bob->session.joinedRooms().contains(Secret));
    // Access is gone at once: no messages, history, files or way back in.
    QCOMPARE(bob->ask<ChatAck>(ChatSend{0, Secret, QString(), QStringLiteral("still here?")}).error.code,
             ErrorCode::NotInRoom);
    QCOMPARE(bob->ask<History>(HistoryRequest{0, Secret, QString(), 0, 50}).error.code, ErrorCode::NotInRoom);
    QCOMPARE(bob->ask<DownloadBegin>(DownloadRequest{0, file, 0}).error.code, ErrorCode::FileNotFound);
    QCOMPARE(bob->joinError(Secret), ErrorCode::NotAMember);
    QVERIFY(!bob->roomList().contains(Secret));

    // Hand-over: carol owns it and alice is an ordinary member.
    const auto handed = alice->ask<RoomMembers>(RoomOwner{0, Secret, QStringLiteral("carol")});
    QVERIFY(handed.ok());
    QCOMPARE(handed->owner, QStringLiteral("carol"));
    QCOMPARE(alice->ask<RoomMembers>(RoomOwner{0, Secret, QStringLiteral("alice")}).error.code, ErrorCode::Forbidden);
    QCOMPARE(alice->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("bob"), true}).error.code, ErrorCode::Forbidden);
    QSignalSpy members(&carol->session, &ClientSession::roomMembersReceived);
    carol->session.requestMembers(Secret);
    QVERIFY(members.wait(Wait));
    QCOMPARE(members.last().at(2).toString(), QStringLiteral("carol"));
    QCOMPARE(carol->session.roomOwner(Secret), QStringLiteral("carol"));
    QVERIFY(carol->ask<RoomMembers>(RoomRemove{0, Secret, QStringLiteral("alice")}).ok());
    QCOMPARE(alice->joinError(Secret), ErrorCode::NotAMember);
}

void tst_PrivateRooms::survivesRestart()
{
    {
        auto alice = newUser(port(), QStringLiteral("alice"));
        auto bob = newUser(port(), QStringLiteral("bob"));
        auto mallory = newUser(port(), QStringLiteral("mallory"));
        QVERIFY(alice && bob && mallory);
        QVERIFY(alice->ask<RoomJoined>(RoomCreate{0, Secret, true}).ok());
        QVERIFY(alice->say(Secret, QStringLiteral("old secret")) > 0);
        QVERIFY(alice->ask<RoomMembers>(RoomInvite{0, Secret, QStringLiteral("bob"), false}).ok());
        QVERIFY(alice->ask<RoomMembers>(RoomOwner{0, Secret, QStringLiteral("bob")}).ok());
        QVERIFY(bob->ask<RoomJoined>(RoomJoin{0, Secret}).ok());
        QVERIFY(bob->say(Secret, QStringLiteral("new secret")) > 0);
    }
    // Everyone gone: the room has no one present, yet it stays (private rooms are not presence).
    m_runtime.reset();
    QVERIFY(start()); // the same data directory: the database is opened again

    auto alice = std::make_unique<Client>(QStringLiteral("alice"));
    auto bob = std::make_unique<Client>(QStringLiteral("bob"));
    auto mallory = std::make_unique<Client>(QStringLiteral("mallory"));
    QVERIFY(alice->logIn(port(), false) && bob->logIn(port(), false) && mallory->logIn(port(), false));
    QVERIFY(!mallory->roomList().contains(Secret));
    QCOMPARE(mallory->joinError(Secret), ErrorCode::NotAMember);
    QCOMPARE(mallory->ask<RoomJoined>(RoomCreate{0, Secret, false}).error.code, ErrorCode::RoomExists);
    QVERIFY(bob->roomList().contains(Secret));
    QCOMPARE(bob->session.roomOwner(Secret), QStringLiteral("bob"));
    const auto joined = bob->ask<RoomJoined>(RoomJoin{0, Secret});
    QVERIFY(joined.ok());
    QCOMPARE(bob->texts(joined->history), QStringList{QStringLiteral("new secret")});
    const auto members = bob->ask<RoomMembers>(RoomMembersRequest{0, Secret, QString()});
    QVERIFY(members.ok());
    QVERIFY(members->isPrivate);
    QCOMPARE(members->owner, QStringLiteral("bob"));
    QCOMPARE(members->members, (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    const auto aliceJoined = alice->ask<RoomJoined>(RoomJoin{0, Secret});
    QVERIFY(aliceJoined.ok());
    QCOMPARE(alice->texts(aliceJoined->history), (QStringList{QStringLiteral("old secret"), QStringLiteral("new secret")}));
}

void tst_PrivateRooms::publicRoomsAndCreateRules()
{
    auto alice = newUser(port(), QStringLiteral("alice"));
    auto bob = newUser(port(), QStringLiteral("bob"));
    QVERIFY(alice && bob);
    // A public room said before, in a name later made private, is not that private room's history.
    QVERIFY(alice->ask<RoomJoined>(RoomCreate{0, QStringLiteral("open"), false}).ok());
    QVERIFY(alice->say(QStringLiteral("open"), QStringLiteral("public words")) > 0);
    QCOMPARE(bob->ask<RoomJoined>(RoomCreate{0, QStringLiteral("open"), true}).error.code, ErrorCode::RoomExists);
    QCOMPARE(bob->ask<RoomJoined>(RoomCreate{0, QStringLiteral("lobby"), false}).error.code, ErrorCode::RoomExists);
    QCOMPARE(bob->ask<RoomJoined>(RoomCreate{0, QStringLiteral("bad name"), true}).error.code, ErrorCode::InvalidRoom);
    QVERIFY(bob->ask<RoomJoined>(RoomJoin{0, QStringLiteral("open")}).ok()); // public: anyone joins
    const auto members = bob->ask<RoomMembers>(RoomMembersRequest{0, QStringLiteral("open"), QString()});
    QVERIFY(members.ok());
    QVERIFY(!members->isPrivate);
    QCOMPARE(members->members, (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    QCOMPARE(bob->ask<RoomMembers>(RoomInvite{0, QStringLiteral("open"), QStringLiteral("alice"), false}).error.code,
             ErrorCode::NotAMember);
    QVERIFY(alice->ask<RoomLeft>(RoomLeave{0, QStringLiteral("open")}).ok());
    QVERIFY(bob->ask<RoomLeft>(RoomLeave{0, QStringLiteral("open")}).ok());

    // The public room is gone with its last member: its name may now become private.
    const auto created = bob->ask<RoomJoined>(RoomCreate{0, QStringLiteral("open"), true});
    QVERIFY(created.ok());
    QVERIFY(created->history.isEmpty());
    // Leaving a private room keeps the access: join again at will.
    QVERIFY(bob->ask<RoomLeft>(RoomLeave{0, QStringLiteral("open")}).ok());
    QVERIFY(bob->ask<RoomJoined>(RoomJoin{0, QStringLiteral("open")}).ok());
    // A member may take themselves off the list (the owner may not).
    QVERIFY(bob->ask<RoomMembers>(RoomInvite{0, QStringLiteral("open"), QStringLiteral("alice"), false}).ok());
    QVERIFY(alice->ask<RoomMembers>(RoomRemove{0, QStringLiteral("open"), QStringLiteral("alice")}).ok());
    QCOMPARE(alice->joinError(QStringLiteral("open")), ErrorCode::NotAMember);
}

void tst_PrivateRooms::roomListPagedToAnnouncedLimit()
{
    auto meter = std::make_shared<HeaderMeter>();
    m_runtime->setCaptureSink(meter);
    // A client that takes v1's 64 KiB headers only, in 800 rooms with long names.
    auto busy = newUser(port(), QStringLiteral("busy"), 65536);
    QVERIFY(busy);
    const int rooms = 800;
    for (int i = 0; i < rooms; ++i) {
        const QString name = QStringLiteral("room-%1-").arg(i, 3, 10, QLatin1Char('0')) + QString(55, QLatin1Char('x'));
        QVERIFY(busy->session.client()->request<RoomJoined>(RoomJoin{0, name}, this, [](const RoomJoined &, const Frame &) {}) > 0);
    }
    QVERIFY(busy->ask<Pong>(Ping{0, QJsonValue()}).ok()); // every join answered before this
    const QStringList listed = busy->roomList();
    QCOMPARE(listed.size(), rooms + 1); // and lobby
    QVERIFY(listed.contains(QStringLiteral("room-799-") + QString(55, QLatin1Char('x'))));
    // Paged: one page at login (lobby only), then at least two for the 801 rooms.
    QVERIFY2(meter->sent(QStringLiteral("rooms")) >= 3, qPrintable(QString::number(meter->sent(QStringLiteral("rooms")))));
    qInfo("801 rooms listed in %d pages (one at login), largest header %lld bytes", meter->sent(QStringLiteral("rooms")) - 1,
          meter->largestOut());
    QVERIFY2(meter->largestOut() <= 65536, qPrintable(QString::number(meter->largestOut())));
    QCOMPARE(busy->session.status(), ClientSession::Status::Online);
}

void tst_PrivateRooms::historyCutToAnnouncedLimit()
{
    auto meter = std::make_shared<HeaderMeter>();
    m_runtime->setCaptureSink(meter);
    auto writer = newUser(port(), QStringLiteral("writer"));
    QVERIFY(writer);
    QVERIFY(writer->ask<RoomJoined>(RoomCreate{0, QStringLiteral("long"), false}).ok());
    QStringList texts;
    for (int i = 0; i < 3; ++i) {
        texts.append(QString(32000, QLatin1Char('a' + i)));
        QVERIFY(writer->say(QStringLiteral("long"), texts.last()) > 0);
    }
    // A text whose escaping would make its frame too large for a v1 peer is refused up front.
    QCOMPARE(writer->ask<ChatAck>(ChatSend{0, QStringLiteral("long"), QString(), QString(10800, QLatin1Char('\x01'))})
                 .error.code,
             ErrorCode::MessageTooLong);

    auto small = newUser(port(), QStringLiteral("small"), 65536);
    QVERIFY(small);
    const auto joined = small->ask<RoomJoined>(RoomJoin{0, QStringLiteral("long")});
    QVERIFY2(joined.ok(), qPrintable(joined.error.message));
    // The newest that fit (two of about 32 KB each), and the flag saying older ones remain.
    QCOMPARE(small->texts(joined->history), texts.mid(1));
    QVERIFY(joined->more);
    // Paging back by "before" fetches the rest, one per page.
    QStringList all = small->texts(joined->history);
    qint64 before = joined->history.constFirst().id;
    for (int page = 0; page < 5 && before > 0; ++page) {
        const auto h = small->ask<History>(HistoryRequest{0, QStringLiteral("long"), QString(), before, 50});
        QVERIFY2(h.ok(), qPrintable(h.error.message));
        if (h->messages.isEmpty())
            break;
        all = small->texts(h->messages) + all;
        before = h->messages.constFirst().id;
        if (!h->more && h->messages.size() < 50)
            break;
    }
    QCOMPARE(all, texts);
    QVERIFY2(meter->largestOut() <= 65536, qPrintable(QString::number(meter->largestOut())));

    // A client announcing more gets everything in one reply.
    auto big = newUser(port(), QStringLiteral("big"));
    QVERIFY(big);
    QVERIFY(big->ask<RoomJoined>(RoomJoin{0, QStringLiteral("long")}).ok());
    const auto bigHistory = big->ask<History>(HistoryRequest{0, QStringLiteral("long"), QString(), 0, 50});
    QVERIFY(bigHistory.ok());
    QCOMPARE(big->texts(bigHistory->messages), texts);
    QVERIFY(!bigHistory->more);
    QVERIFY(meter->largestOut() > 65536);
}

void tst_PrivateRooms::cliManagesRooms()
{
    if (!Test::cliBuilt())
        QSKIP("switchboard-cli is not built");
    auto alice = newUser(port(), QStringLiteral("alice"));
    auto bob = newUser(port(), QStringLiteral("bob"));
    auto mallory = newUser(port(), QStringLiteral("mallory"));
    QVERIFY(alice && bob && mallory);
    using Run = std::pair<int, QString>;
    QCOMPARE(cli(QStringLiteral("alice"), {QStringLiteral("create"), QStringLiteral("team"), QStringLiteral("--private")}),
             Run(0, QStringLiteral("created team\n")));
    QCOMPARE(cli(QStringLiteral("alice"), {QStringLiteral("invite"), QStringLiteral("team"), QStringLiteral("bob")}).first, 0);
    QCOMPARE(cli(QStringLiteral("bob"), {QStringLiteral("members"), QStringLiteral("team")}),
             Run(0, QStringLiteral("alice (owner)\nbob\n")));
    QCOMPARE(cli(QStringLiteral("mallory"), {QStringLiteral("members"), QStringLiteral("team")}).first, 1);
    QCOMPARE(cli(QStringLiteral("bob"), {QStringLiteral("owner"), QStringLiteral("team"), QStringLiteral("bob")}).first, 1);
    QCOMPARE(cli(QStringLiteral("alice"), {QStringLiteral("owner"), QStringLiteral("team"), QStringLiteral("bob")}).first, 0);
    QCOMPARE(cli(QStringLiteral("bob"), {QStringLiteral("remove"), QStringLiteral("team"), QStringLiteral("alice")}).first, 0);
    QCOMPARE(cli(QStringLiteral("bob"), {QStringLiteral("members"), QStringLiteral("team")}),
             Run(0, QStringLiteral("bob (owner)\n")));
    QCOMPARE(cli(QStringLiteral("bob"), {QStringLiteral("invite"), QStringLiteral("team")}).first, 2); // usage
    QCOMPARE(alice->joinError(QStringLiteral("team")), ErrorCode::NotAMember);
}

void tst_PrivateRooms::membersPagedToAnnouncedLimit()
{
    auto meter = std::make_shared<HeaderMeter>();
    m_runtime->setCaptureSink(meter);
    auto owner = newUser(port(), QStringLiteral("owner"), 65536);
    QVERIFY(owner);
    QVERIFY(owner->ask<RoomJoined>(RoomCreate{0, QStringLiteral("crowd"), true}).ok());
    QVERIFY(owner->ask<RoomLeft>(RoomLeave{0, QStringLiteral("crowd")}).ok()); // no updates pushed while inviting
    // 720 accounts with 32 Han characters each (96 bytes of UTF-8): their list passes 64 KiB.
    ScramVerifier verifier;
    verifier.scheme = Credentials::Scheme;
    verifier.salt = QByteArray(Credentials::SaltSize, 's');
    verifier.iterations = Credentials::MinIterations;
    verifier.storedKey = QByteArray(Credentials::KeySize, 'k');
    verifier.serverKey = QByteArray(Credentials::KeySize, 'K');
    const int users = 720;
    for (int i = 0; i < users; ++i) {
        const QString name = QChar(char16_t(0x4E00 + i)) + QString(31, QChar(char16_t(0x5B57)));
        QString error;
        QVERIFY2(m_runtime->users()->addUser(name, verifier, &error), qPrintable(error));
        QVERIFY(owner->session.client()->request<RoomMembers>(RoomInvite{0, QStringLiteral("crowd"), name, false}, this,
                                                              [](const RoomMembers &, const Frame &) {}) > 0);
        // Each answer is a page of up to 64 KiB: read them in batches, as a client must (a
        // connection with 8 MiB unread is dropped).
        if (i % 50 == 49) {
            const auto pong = owner->ask<Pong>(Ping{0, QJsonValue()});
            QVERIFY2(pong.ok(), qPrintable(pong.error.message));
        }
    }
    QVERIFY(owner->ask<Pong>(Ping{0, QJsonValue()}).ok()); // every invitation answered before this
    QSignalSpy members(&owner->session, &ClientSession::roomMembersReceived);
    QVERIFY(owner->session.requestMembers(QStringLiteral("crowd")) > 0);
    QVERIFY(members.wait(Wait));
    QCOMPARE(members.first().at(3).toStringList().size(), users + 1);
    QCOMPARE(owner->session.accessList(QStringLiteral("crowd")).size(), users + 1);
    QCOMPARE(owner->session.roomOwner(QStringLiteral("crowd")), QStringLiteral("owner"));
    QVERIFY2(meter->largestOut() <= 65536, qPrintable(QString::number(meter->largestOut())));
    QVERIFY(meter->largestOut() > 60000); // the pages were full
}

void tst_PrivateRooms::deletedAccountLeavesRooms()
{
    Database db;
    QVERIFY(db.open(m_dir->filePath(QStringLiteral("other/switchboard.db"))));
    QString error;
    {
        PrivateRooms rooms(db);
        QVERIFY(rooms.load(&error));
        QVERIFY(rooms.create(QStringLiteral("team"), QStringLiteral("alice"), 0, &error));
        QVERIFY(rooms.add(QStringLiteral("team"), QStringLiteral("carol"), {0, 200}, &error));
        QVERIFY(rooms.add(QStringLiteral("team"), QStringLiteral("bob"), {0, 100}, &error));
        QVERIFY(rooms.create(QStringLiteral("solo"), QStringLiteral("alice"), 0, &error));
        QVERIFY(rooms.create(QStringLiteral("bobs"), QStringLiteral("bob"), 0, &error));
        QVERIFY(rooms.add(QStringLiteral("bobs"), QStringLiteral("alice"), {0, 100}, &error));
        QVERIFY2(rooms.forgetUser(QStringLiteral("alice"), &error), qPrintable(error));
        QCOMPARE(rooms.owner(QStringLiteral("team")), QStringLiteral("bob")); // added before carol
        QVERIFY(!rooms.contains(QStringLiteral("solo")));
        QCOMPARE(rooms.members(QStringLiteral("bobs")), QStringList{QStringLiteral("bob")});
        QVERIFY(rooms.roomsOf(QStringLiteral("alice")).isEmpty());
    }
    PrivateRooms again(db); // as the database keeps it
    QVERIFY(again.load(&error));
    QCOMPARE(again.owner(QStringLiteral("team")), QStringLiteral("bob"));
    QCOMPARE(again.members(QStringLiteral("team")), (QStringList{QStringLiteral("bob"), QStringLiteral("carol")}));
    QVERIFY(!again.contains(QStringLiteral("solo")));
    QVERIFY(again.roomsOf(QStringLiteral("alice")).isEmpty());
}

QTEST_GUILESS_MAIN(tst_PrivateRooms)
#include "tst_privaterooms.moc"
