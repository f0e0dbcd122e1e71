#pragma once
// A logged-in client for the fault tests (tests/integration/tst_faults*.cpp), which run the real
// server binary (serverprocess.h) and so log in with SCRAM like every real client.

#include "answer.h"
#include "net/client/clientsession.h"
#include "net/connection/tcpconnection.h"

#include <QSignalSpy>
#include <QTest>

namespace Switchboard::Test {

struct FaultClient
{
    ClientSession session;

    FaultClient() { session.setAutoReconnect(false); }

    // Registers when asked; true once logged in (bounded: 20 s).
    bool logIn(quint16 port, const QString &user, bool registerFirst)
    {
        QSignalSpy ok(&session, &ClientSession::loggedIn);
        QSignalSpy failed(&session, &ClientSession::loginFailed);
        session.logIn(QStringLiteral("127.0.0.1"), port, user, QStringLiteral("pw-") + user, registerFirst);
        return QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 20000) && !ok.isEmpty();
    }
    bool join(const QString &room)
    {
        if (session.joinedRooms().contains(room))
            return true;
        QSignalSpy spy(&session, &ClientSession::roomJoined);
        session.joinRoom(room);
        return QTest::qWaitFor([&] { return session.joinedRooms().contains(room); }, 10000);
    }
    ChatClient *client() const { return session.client(); }
    // The socket under the session (tests that stop reading it).
    QTcpSocket *socket() const
    {
        auto *tcp = qobject_cast<TcpConnection *>(session.connection());
        return tcp ? tcp->socket() : nullptr;
    }
    // Every message of a room, oldest first, paged through history (bounded).
    QList<ChatMessage> wholeHistory(const QString &room)
    {
        QList<ChatMessage> all;
        qint64 before = 0;
        for (int page = 0; page < 10000; ++page) {
            Protocol::HistoryRequest request;
            request.room = room;
            request.before = before;
            request.limit = 500;
            const Answer<Protocol::History> a = ask<Protocol::History>(*client(), request, 20000);
            if (!a.ok() || a->messages.isEmpty())
                break;
            all = a->messages + all;
            before = a->messages.first().id;
        }
        return all;
    }
};

} // namespace Switchboard::Test
