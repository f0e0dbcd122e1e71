// Resource bounds of the server over real sockets on 127.0.0.1: a peer that stops reading is
// dropped at the send-queue bound, and a peer that has not logged in cannot send a payload.
#include "net/chat/chatservice.h"
#include "net/chat/chatstore.h"
#include "net/client/chatclient.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "net/storage/database.h"
#include "trustjoin.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int LongWait = 20000; // generous: the machine is shared

QByteArray encoded(const QJsonObject &header, const QByteArray &payload = {})
{
    return FrameEncoder::encode(header, payload);
}

QByteArray helloBytes()
{
    return encoded(QJsonObject{{"type", "hello"}, {"id", 1}, {"versions", QJsonArray{1}}, {"client", "raw"}});
}

QByteArray trustLoginBytes(const QString &user)
{
    return encoded(AuthStart{2, Test::TrustMechanism, user, {}}.toJson());
}

// A peer on a bare QTcpSocket. Unless told to read, it takes at most 4 KiB from the kernel and
// then leaves the rest there, like a client that stopped reading.
class RawPeer : public QObject
{
public:
    RawPeer(quint16 port, bool reads)
    {
        if (!reads)
            socket.setReadBufferSize(4096);
        else
            connect(&socket, &QTcpSocket::readyRead, this, [this] { received += socket.readAll(); });
        connect(&socket, &QTcpSocket::disconnected, this, [this] {
            if (socket.isOpen())
                received += socket.readAll();
            closed = true;
        });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }

    QList<Frame> frames() const
    {
        FrameDecoder d;
        d.feed(received);
        QList<Frame> out;
        Frame f;
        while (d.next(&f))
            out.append(f);
        return out;
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<ChatService> m_chat;
    quint16 m_port = 0;

    void startServer(qint64 maxQueuedBytes)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_database = std::make_unique<Database>();
        QString error;
        QVERIFY2(m_database->open(m_dir->filePath(QStringLiteral("switchboard.db")), &error), qPrintable(error));
        m_store = std::make_unique<ChatStore>(*m_database);
        m_server = std::make_unique<ChatServer>();
        m_server->setIdleTimeout(0);
        m_server->setMaxQueuedBytes(maxQueuedBytes);
        Test::installTrustLogin(*m_server);
        m_chat = std::make_unique<ChatService>(m_server.get(), m_store.get(), nullptr);
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0, &error));
        m_port = m_server->listeners().first().port;
    }

    std::unique_ptr<ChatClient> connectAs(const QString &user)
    {
        return Test::trustJoin(m_port, user, ChatService::DefaultRoom, LongWait);
    }

private slots:
    void cleanup()
    {
        m_chat.reset();
        m_server.reset();
        m_store.reset();
        m_database.reset();
        m_dir.reset();
    }

    void slowReaderIsDropped();
    void noPayloadBeforeLogin();
    void loginDeadline();
    void pendingPerAddress();
};

void TestLimits::slowReaderIsDropped()
{
    const qint64 bound = 1 << 20;
    startServer(bound);
    qint64 slowPeak = -1;
    bool slowOverflowed = false;
    connect(m_server.get(), &ChatServer::sessionEnded, this, [&](ServerSession *s) {
        if (s->user() == QLatin1String("slow")) {
            slowPeak = s->connection()->peakQueuedBytes();
            slowOverflowed = s->connection()->hasOverflowed();
        }
    });
    QStringList log;
    connect(m_server.get(), &ChatServer::logMessage, this, [&](const QString &line) { log.append(line); });

    RawPeer slow(m_port, false);
    QVERIFY(slow.socket.waitForConnected(LongWait));
    slow.socket.write(helloBytes() + trustLoginBytes(QStringLiteral("slow"))
                      + encoded(RoomJoin{3, ChatService::DefaultRoom}.toJson()));
    QTRY_VERIFY_WITH_TIMEOUT(m_chat->members(ChatService::DefaultRoom).contains(QLatin1String("slow")), LongWait);

    auto reader = connectAs(QStringLiteral("reader"));
    QVERIFY(reader);
    int readerGot = 0;
    reader->on<ChatMessage>(this, [&](const ChatMessage &, const Frame &) { ++readerGot; });
    auto flooder = connectAs(QStringLiteral("flooder"));
    QVERIFY(flooder);

    // 30 KB messages in bursts of 20 until the server gives up on the slow member (the kernel's
    // socket buffers on loopback take several MiB first), at most 120 MB.
    const QString text(30000, QLatin1Char('x'));
    int sent = 0, acked = 0;
    while (slowPeak < 0 && sent < 4000) {
        for (int i = 0; i < 20; ++i, ++sent)
            flooder->request<ChatAck>(ChatSend{0, ChatService::DefaultRoom, QString(), text}, this,
                                      [&](const ChatAck &, const Frame &) { ++acked; }, {}, {}, LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(acked, sent, LongWait);
    }
    QVERIFY2(slowPeak >= 0, "the slow member was never dropped");
    QVERIFY(slowOverflowed);
    QVERIFY2(slowPeak <= bound, qPrintable(QString::number(slowPeak)));
    QVERIFY(std::any_of(log.cbegin(), log.cend(), [](const QString &l) { return l.contains(QLatin1String("not reading")); }));
    // The member that reads gets every message, during and after the drop.
    for (int i = 0; i < 5; ++i, ++sent)
        QVERIFY(Test::ask<ChatAck>(*flooder, ChatSend{0, ChatService::DefaultRoom, QString(), QStringLiteral("after")}, LongWait).ok());
    QTRY_COMPARE_WITH_TIMEOUT(readerGot, sent, LongWait);
    qInfo("dropped after %d messages of 30 KB; peak unsent %lld bytes (bound %lld)", sent - 5, slowPeak, bound);
}

void TestLimits::noPayloadBeforeLogin()
{
    startServer(ChatServer::DefaultMaxQueuedBytes);
    qint64 receivedByServer = -1;
    connect(m_server.get(), &ChatServer::sessionEnded, this,
            [&](ServerSession *s) { receivedByServer = s->connection()->bytesReceived(); });

    // hello, then a ping announcing a 1 MiB payload, its first 64 KiB sent at once.
    const QByteArray payload(1 << 20, 'p');
    const QByteArray ping = encoded(Ping{5, 1}.toJson(), payload);
    RawPeer early(m_port, true);
    QVERIFY(early.socket.waitForConnected(LongWait));
    early.socket.write(helloBytes() + ping.left(ping.size() - payload.size() + 65536));
    QTRY_VERIFY_WITH_TIMEOUT(early.closed, LongWait);
    const QList<Frame> frames = early.frames();
    QVERIFY(!frames.isEmpty());
    const Decoded<Error> error = Error::fromJson(frames.last().header);
    QVERIFY(error);
    QCOMPARE(error->codeString, QStringLiteral("frame_payload_too_large"));
    QVERIFY(error->fatal);
    QTRY_VERIFY_WITH_TIMEOUT(receivedByServer >= 0, LongWait);
    QVERIFY2(receivedByServer < 65536 + 4096, qPrintable(QString::number(receivedByServer)));

    // After login the same ping is answered with its pong.
    RawPeer member(m_port, true);
    QVERIFY(member.socket.waitForConnected(LongWait));
    member.socket.write(helloBytes() + trustLoginBytes(QStringLiteral("member")) + ping);
    QTRY_VERIFY_WITH_TIMEOUT(!member.frames().isEmpty() && member.frames().last().type() == QLatin1String("pong"), LongWait);
    QCOMPARE(member.frames().last().header.value(QLatin1String("id")).toInteger(), 5);
    const QList<Frame> frames2 = member.frames();
    QVERIFY(std::any_of(frames2.cbegin(), frames2.cend(), [](const Frame &f) { return f.type() == QLatin1String("auth.ok"); }));
    QVERIFY(!member.closed);
}

// The fatal error that ended a raw peer's connection.
static QString fatalCode(const RawPeer &peer)
{
    const QList<Frame> frames = peer.frames();
    if (frames.isEmpty())
        return QStringLiteral("(nothing)");
    const Decoded<Error> error = Error::fromJson(frames.last().header);
    return error && error->fatal ? error->codeString : frames.last().type();
}

void TestLimits::loginDeadline()
{
    startServer(ChatServer::DefaultMaxQueuedBytes);
    m_server->setLoginTimeout(300);
    auto member = connectAs(QStringLiteral("member")); // logged in: the deadline is not for it
    QVERIFY(member);

    RawPeer idle(m_port, true);
    QVERIFY(idle.socket.waitForConnected(LongWait));
    idle.socket.write(helloBytes());
    QTRY_VERIFY_WITH_TIMEOUT(idle.closed, LongWait);
    QCOMPARE(fatalCode(idle), QStringLiteral("login_timeout"));
    QCOMPARE(idle.frames().first().type(), QStringLiteral("hello"));
    QCOMPARE(member->state(), ChatClient::State::Ready);
    QCOMPARE(m_server->sessionsOf(QStringLiteral("member")).size(), 1);
}

void TestLimits::pendingPerAddress()
{
    startServer(ChatServer::DefaultMaxQueuedBytes);
    m_server->setMaxPendingPerAddress(3);
    std::vector<std::unique_ptr<RawPeer>> pending;
    for (int i = 0; i < 3; ++i) {
        pending.push_back(std::make_unique<RawPeer>(m_port, true));
        QVERIFY(pending.back()->socket.waitForConnected(LongWait));
        pending.back()->socket.write(helloBytes());
        QTRY_COMPARE_WITH_TIMEOUT(pending.back()->frames().size(), 1, LongWait);
    }
    RawPeer fourth(m_port, true);
    QTRY_VERIFY_WITH_TIMEOUT(fourth.closed, LongWait);
    QCOMPARE(fatalCode(fourth), QStringLiteral("too_many_connections"));

    // Once one of them has logged in, there is room for another.
    pending.front()->socket.write(trustLoginBytes(QStringLiteral("first")));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->sessionsOf(QStringLiteral("first")).size() == 1, LongWait);
    RawPeer fifth(m_port, true);
    QVERIFY(fifth.socket.waitForConnected(LongWait));
    fifth.socket.write(helloBytes());
    QTRY_COMPARE_WITH_TIMEOUT(fifth.frames().size(), 1, LongWait);
    QCOMPARE(fifth.frames().first().type(), QStringLiteral("hello"));
    QVERIFY(!fifth.closed);
    for (const auto &p : pending)
        QVERIFY(!p->closed);
}

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
