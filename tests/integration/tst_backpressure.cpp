// Back-pressure over real sockets on 127.0.0.1 (docs/PROTOCOL.md section 1, ARCHITECTURE.md):
// a room member that stops reading never makes the server queue more than --max-queued-bytes
// for it, the members that read keep receiving every message while it is stalled, and the
// stalled one, once it reads again, finds every message up to the drop in order and then the
// fatal error slow_consumer as its last frame.
#include "net/chat/chatservice.h"
#include "net/chat/chatstore.h"
#include "net/client/chatclient.h"
#include "net/connection/connection.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"
#include "net/storage/database.h"
#include "trustjoin.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

constexpr int LongWait = 20000; // generous: the machine is shared
constexpr qint64 Bound = 1 << 20;

} // namespace

class TestBackpressure : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatServer> m_server;
    std::unique_ptr<ChatService> m_chat;
    quint16 m_port = 0;

    std::unique_ptr<ChatClient> connectAs(const QString &user)
    {
        return Test::trustJoin(m_port, user, ChatService::DefaultRoom, LongWait);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_database = std::make_unique<Database>();
        QString error;
        QVERIFY2(m_database->open(m_dir.filePath(QStringLiteral("switchboard.db")), &error), qPrintable(error));
        m_store = std::make_unique<ChatStore>(*m_database);
        m_server = std::make_unique<ChatServer>();
        m_server->setIdleTimeout(0);
        m_server->setMaxQueuedBytes(Bound);
        Test::installTrustLogin(*m_server);
        m_chat = std::make_unique<ChatService>(m_server.get(), m_store.get(), nullptr);
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0, &error));
        m_port = m_server->listeners().first().port;
    }

    void cleanupTestCase()
    {
        m_chat.reset();
        m_server.reset();
        m_store.reset();
        m_database.reset();
    }

    void stalledMemberIsToldAndDropped();
};

void TestBackpressure::stalledMemberIsToldAndDropped()
{
    // The stalled member's server side: its queue, and the moment it passes the bound.
    QPointer<Connection> slowConnection;
    bool overflowed = false;
    qint64 slowPeak = -1;
    connect(m_server.get(), &ChatServer::sessionStarted, this, [&](ServerSession *s) {
        connect(s, &ServerSession::userChanged, this, [&, s](const QString &user) {
            if (user != QLatin1String("slow"))
                return;
            slowConnection = s->connection();
            connect(slowConnection, &Connection::sendOverflow, this, [&] { overflowed = true; });
        });
    });
    connect(m_server.get(), &ChatServer::sessionEnded, this, [&](ServerSession *s) {
        if (s->user() == QLatin1String("slow"))
            slowPeak = s->connection()->peakQueuedBytes();
    });

    // A member on a bare socket that logs in, joins and then reads nothing: Qt takes at most
    // 4 KiB from the kernel for it, the rest stays in the kernel's buffers and then the server's.
    QTcpSocket slow;
    slow.setReadBufferSize(4096);
    slow.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(slow.waitForConnected(LongWait));
    slow.write(FrameEncoder::encode(Hello{1, {1}, QStringLiteral("stalled")}.toJson())
               + FrameEncoder::encode(AuthStart{2, Test::TrustMechanism, QStringLiteral("slow"), {}}.toJson())
               + FrameEncoder::encode(RoomJoin{3, ChatService::DefaultRoom}.toJson()));
    QTRY_VERIFY_WITH_TIMEOUT(m_chat->members(ChatService::DefaultRoom).contains(QLatin1String("slow")), LongWait);
    QVERIFY(slowConnection);

    constexpr int Readers = 3;
    std::vector<std::unique_ptr<ChatClient>> readers;
    std::vector<QList<qint64>> got(Readers);
    for (int i = 0; i < Readers; ++i) {
        readers.push_back(connectAs(QStringLiteral("reader%1").arg(i)));
        QVERIFY(readers.back());
        readers.back()->on<ChatMessage>(this, [&got, i](const ChatMessage &m, const Frame &) { got[i].append(m.id); });
    }
    auto flooder = connectAs(QStringLiteral("flooder"));
    QVERIFY(flooder);

    // 30 KB messages in bursts of 20. After each burst every reader has every message of it
    // while the stalled member has read nothing: its stall holds nobody up. Until the server
    // gives up on it (the kernel's socket buffers on loopback take several MiB first), then
    // five bursts more.
    const QString text(30000, QLatin1Char('x'));
    int sent = 0, acked = 0, burstsAfter = 0;
    QElapsedTimer clock;
    clock.start();
    while (burstsAfter < 5 && sent < 4000) {
        if (overflowed)
            ++burstsAfter;
        for (int i = 0; i < 20; ++i, ++sent)
            flooder->request<ChatAck>(ChatSend{0, ChatService::DefaultRoom, QString(), text}, this,
                                      [&](const ChatAck &, const Frame &) { ++acked; }, {}, {}, LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(acked, sent, LongWait);
        for (int r = 0; r < Readers; ++r)
            QTRY_COMPARE_WITH_TIMEOUT(int(got[r].size()), sent, LongWait);
    }
    const qint64 elapsedMs = clock.elapsed();
    QVERIFY2(overflowed, "the stalled member was never dropped");
    for (int r = 0; r < Readers; ++r)
        for (int i = 1; i < sent; ++i)
            QVERIFY(got[r].at(i) > got[r].at(i - 1));

    // Now the stalled member reads: everything up to the drop, in order, then the notice, then
    // the end of the connection.
    QByteArray received;
    connect(&slow, &QTcpSocket::readyRead, this, [&] { received += slow.readAll(); });
    slow.setReadBufferSize(0);
    received += slow.readAll();
    QTRY_VERIFY_WITH_TIMEOUT(slow.state() == QAbstractSocket::UnconnectedState, LongWait);
    received += slow.readAll();
    FrameDecoder decoder;
    decoder.feed(received);
    QList<Frame> frames;
    Frame f;
    while (decoder.next(&f))
        frames.append(f);
    QCOMPARE(decoder.bufferedBytes(), qint64(0)); // nothing cut off
    QVERIFY(!frames.isEmpty());
    const auto notice = Error::fromJson(frames.last().header);
    QVERIFY2(notice.ok() && notice->code == ErrorCode::SlowConsumer && notice->fatal,
             qPrintable(frames.last().type()));
    QList<qint64> slowGot;
    for (const Frame &frame : std::as_const(frames))
        if (frame.type() == ChatMessage::Type)
            slowGot.append(ChatMessage::fromJson(frame.header)->id);
    QVERIFY(!slowGot.isEmpty());
    QVERIFY(slowGot.size() < sent);
    // No gap: the messages it got are the first ones the readers got, all of them.
    QCOMPARE(slowGot, got[0].mid(0, slowGot.size()));

    // The server never held more than the bound for it.
    QTRY_VERIFY_WITH_TIMEOUT(slowPeak >= 0, LongWait);
    QVERIFY2(slowPeak <= Bound, qPrintable(QString::number(slowPeak)));
    QVERIFY(slowPeak > Bound / 2); // and the bound, not something else, stopped it
    qInfo("%d messages of 30 KB to %d readers in %lld ms (%.0f deliveries/s); the stalled member got %lld "
          "before the notice; peak queued for it %lld bytes (bound %lld)",
          sent, Readers, qlonglong(elapsedMs), elapsedMs > 0 ? 1000.0 * sent * Readers / elapsedMs : 0.0,
          qlonglong(slowGot.size()), qlonglong(slowPeak), qlonglong(Bound));
}

QTEST_GUILESS_MAIN(TestBackpressure)
#include "tst_backpressure.moc"
