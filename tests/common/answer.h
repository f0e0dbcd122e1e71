#pragma once
// Typed requests from tests: send one and wait, bounded, for what answers it.

#include "errorcodeprinting.h"
#include "net/client/chatclient.h"
#include "net/protocol/messages.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace Switchboard::Test {

// The reply to a request, or the error that answered it instead (the server's, or a local
// timeout / disconnected / bad_reply).
template <class Reply>
struct Answer
{
    std::optional<Reply> reply;
    Frame frame;           // the reply frame (its payload, its raw header)
    Protocol::Error error; // when there is no reply

    bool ok() const { return reply.has_value(); }
    const Reply &operator*() const { return *reply; }
    const Reply *operator->() const { return &*reply; }
};

// Sends `message` as a request expecting a Reply and runs the event loop until it is answered;
// the client's request timeout (timeoutMs, > 0) bounds the wait.
template <class Reply, class M>
Answer<Reply> ask(ChatClient &client, const M &message, int timeoutMs, const QByteArray &payload = {})
{
    Answer<Reply> answer;
    QEventLoop loop;
    bool answered = false;
    const qint64 id = client.template request<Reply>(
        message, &loop,
        [&](const Reply &reply, const Frame &frame) {
            answer.reply = reply;
            answer.frame = frame;
            answered = true;
            loop.quit();
        },
        [&](const Protocol::Error &e) {
            answer.error = e;
            answered = true;
            loop.quit();
        },
        payload, timeoutMs);
    if (id == 0) {
        answer.error = Protocol::Error::local(Protocol::ErrorCode::Disconnected, QStringLiteral("Not connected."));
        return answer;
    }
    // A guard past the client's own deadline keeps the wait bounded even if the client drops an
    // answer (a test failure then, not a hang).
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, [&] {
        answer.error = Protocol::Error::local(Protocol::ErrorCode::Timeout, QStringLiteral("The client reported nothing."));
        loop.quit();
    });
    if (!answered) {
        guard.start(timeoutMs + 2000);
        loop.exec();
    }
    return answer;
}

} // namespace Switchboard::Test
