#pragma once
// A connection speaking raw frames from a chosen loopback source address (127.0.0.x): hello,
// then registration or SCRAM by hand, as an attacker (or a careful client) would.

#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <optional>

namespace Switchboard::Test {

class RawLoginPeer : public QObject
{
public:
    static constexpr int LongWait = 20000; // generous: the machine is shared

    RawLoginPeer(quint16 port, const QHostAddress &from, const QString &user)
        : scram(user)
    {
        connect(&socket, &QTcpSocket::readyRead, this, [this] {
            decoder.feed(socket.readAll());
            Frame f;
            while (decoder.next(&f))
                frames.append(f);
        });
        socket.bind(from);
        socket.connectToHost(QHostAddress::LocalHost, port);
        socket.write(FrameEncoder::encode(Protocol::Hello{1, {1}, QStringLiteral("rawloginpeer")}.toJson()));
    }

    template <class M>
    void send(const M &m) { socket.write(FrameEncoder::encode(m.toJson())); }
    void start(const QString &deviceToken = QString())
    {
        send(Protocol::AuthStart{2, QStringLiteral("SCRAM-SHA-256"), QString::fromUtf8(scram.clientFirstMessage()),
                                 deviceToken});
    }
    // With the challenge when there was one; otherwise the best an attacker can do: a proof
    // against a server-first made up from its own nonce.
    void finish(const QString &password)
    {
        if (!challenged())
            scram.handleServerFirst("r=" + scram.clientNonce() + "made-up,s=c2FsdHNhbHQ=,i=4096");
        scram.computeProofWithPassword(Credentials::scramPassword(scram.user(), password));
        send(Protocol::AuthFinish{3, QString::fromUtf8(scram.clientFinalMessage())});
    }
    // The reply to request `id`, if it came.
    const Frame *answer(qint64 id) const
    {
        for (const Frame &f : frames)
            if (f.header.value(QLatin1String("id")).toInteger() == id && f.type() != QLatin1String("hello"))
                return &f;
        return nullptr;
    }
    bool challenged()
    {
        const Frame *f = answer(2);
        if (!f || f->type() != Protocol::AuthChallenge::Type)
            return false;
        if (scram.state() == ScramClient::State::AwaitingServerFirst)
            scram.handleServerFirst(Protocol::AuthChallenge::fromJson(f->header).value().data.toUtf8());
        return true;
    }
    QString code(qint64 id) const
    {
        const Frame *f = answer(id);
        return f ? (f->type() == Protocol::Error::Type ? f->header.value(QLatin1String("code")).toString() : f->type())
                 : QString();
    }
    bool helloed() const { return !frames.isEmpty(); }

    QTcpSocket socket;
    FrameDecoder decoder;
    QList<Frame> frames;
    ScramClient scram;
};

struct RawLogin
{
    QString code;                       // of the last answer: its type on success, else the error code
    std::optional<Protocol::AuthOk> ok; // a login's success
    int retryAfter = -1;                // with auth_locked, too_many_registrations
};

// A full login from `from`, presenting `deviceToken` when given.
inline RawLogin rawLogIn(quint16 port, const QHostAddress &from, const QString &user, const QString &password,
                         const QString &deviceToken = QString())
{
    RawLogin result;
    RawLoginPeer p(port, from, user);
    if (!QTest::qWaitFor([&] { return p.helloed(); }, RawLoginPeer::LongWait))
        return RawLogin{QStringLiteral("no hello"), {}, -1};
    p.start(deviceToken);
    if (!QTest::qWaitFor([&] { return p.answer(2) != nullptr; }, RawLoginPeer::LongWait))
        return RawLogin{QStringLiteral("no answer to auth.start"), {}, -1};
    qint64 last = 2;
    if (p.challenged()) {
        p.finish(password);
        if (!QTest::qWaitFor([&] { return p.answer(3) != nullptr; }, RawLoginPeer::LongWait))
            return RawLogin{QStringLiteral("no answer to auth.finish"), {}, -1};
        last = 3;
    }
    const Frame *answer = p.answer(last);
    result.code = p.code(last);
    result.retryAfter = answer->header.value(QLatin1String("retryAfter")).toInt(-1);
    if (answer->type() == Protocol::AuthOk::Type)
        result.ok = Protocol::AuthOk::fromJson(answer->header).value();
    return result;
}

// A registration (the verifier at the lowest iteration count) from `from`: code "registered" or
// the error's.
inline RawLogin rawRegister(quint16 port, const QHostAddress &from, const QString &user, const QString &password)
{
    RawLoginPeer p(port, from, user);
    if (!QTest::qWaitFor([&] { return p.helloed(); }, RawLoginPeer::LongWait))
        return RawLogin{QStringLiteral("no hello"), {}, -1};
    const ScramVerifier v = Credentials::deriveVerifier(Credentials::scramPassword(user, password),
                                                        Credentials::MinIterations);
    Protocol::Register r;
    r.id = 2;
    r.user = user;
    r.scheme = v.scheme;
    r.salt = v.salt;
    r.iterations = v.iterations;
    r.storedKey = v.storedKey;
    r.serverKey = v.serverKey;
    p.send(r);
    if (!QTest::qWaitFor([&] { return p.answer(2) != nullptr; }, RawLoginPeer::LongWait))
        return RawLogin{QStringLiteral("no answer to register"), {}, -1};
    return RawLogin{p.code(2), {}, p.answer(2)->header.value(QLatin1String("retryAfter")).toInt(-1)};
}

} // namespace Switchboard::Test
