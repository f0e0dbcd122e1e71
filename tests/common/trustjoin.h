#pragma once
// For integration tests against a bare ChatServer with the test login (testlogin.h).

#include "net/client/chatclient.h"
#include "testlogin.h"

#include <QSignalSpy>

#include <memory>

namespace Switchboard::Test {

// A client connected to 127.0.0.1:port, logged in as `user` and in `room`; null when any step
// failed or did not finish in time.
inline std::unique_ptr<ChatClient> trustJoin(quint16 port, const QString &user, const QString &room, int timeoutMs)
{
    auto client = std::make_unique<ChatClient>();
    client->setKeepaliveInterval(0);
    QSignalSpy ready(client.get(), &ChatClient::ready);
    client->connectToServer(QStringLiteral("127.0.0.1"), port);
    if (!ready.wait(timeoutMs) || !trustLogIn(*client, user, timeoutMs).ok())
        return nullptr;
    if (!ask<Protocol::RoomJoined>(*client, Protocol::RoomJoin{0, room}, timeoutMs).ok())
        return nullptr;
    return client;
}

} // namespace Switchboard::Test
