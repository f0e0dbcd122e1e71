#pragma once
// A login for tests and benchmarks that run a bare ChatServer with a feature service (no
// AuthService, no user database): an auth.start with the mechanism "TEST-TRUST" logs the session
// in as the user named in its data, answered with auth.ok. Never installed by a real server.

#include "answer.h"
#include "net/server/chatserver.h"
#include "net/server/serversession.h"

namespace Switchboard::Test {

inline const QString TrustMechanism = QStringLiteral("TEST-TRUST");

inline void installTrustLogin(ChatServer &server)
{
    server.route<Protocol::AuthStart>([](ServerSession &s, const Protocol::AuthStart &start, const Frame &) {
        if (start.mechanism != TrustMechanism || start.data.isEmpty()) {
            s.sendError(Protocol::ErrorCode::AuthFailed, QStringLiteral("Test login only."), start.id);
            return;
        }
        s.setUser(start.data);
        s.send(Protocol::AuthOk{start.id, start.data, QString(), {}, {}});
    }, ChatServer::Anonymous);
}

// Logs a Ready client in as `user`; the error when the server refused or did not answer in time.
inline Answer<Protocol::AuthOk> trustLogIn(ChatClient &client, const QString &user, int timeoutMs)
{
    Answer<Protocol::AuthOk> answer = ask<Protocol::AuthOk>(client, Protocol::AuthStart{0, TrustMechanism, user, {}}, timeoutMs);
    if (answer.ok() && answer->user != user) {
        answer.error = Protocol::Error::local(Protocol::ErrorCode::BadReply, QStringLiteral("Logged in as someone else."));
        answer.reply.reset();
    }
    return answer;
}

} // namespace Switchboard::Test
