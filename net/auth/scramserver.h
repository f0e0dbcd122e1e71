#pragma once
// Server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: accepts only the
// GS2 header "n,," and c=biws.
//
//   ScramServer scram(lookup, secret);
//   recv auth.start   reply = scram.handleClientFirst(data)   -> auth.challenge with data = reply
//   recv auth.finish  reply = scram.handleClientFinal(data)   -> auth.ok with data = reply (user())
//   an empty reply means failure: see error() / errorString().
//
// Unknown users get a plausible challenge: a salt derived from the server secret and the user name
// (so it is the same on every attempt and across restarts, as long as the secret is) and the fake
// iteration count; they fail only at the final step, with the same error as a wrong password.
// A ScramServer is a copyable value (it can be kept in a QVariant) and does no expensive work.

#include "credentials.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMetaType>
#include <QString>

#include <functional>
#include <optional>

namespace Switchboard {

class ScramServer
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::ScramServer)
public:
    // Returns the stored verifier of a user, or nullopt if there is no such user.
    using VerifierLookup = std::function<std::optional<ScramVerifier>(const QString &user)>;

    enum class State { Initial, AwaitingClientFinal, Authenticated, Failed };
    enum class Error {
        None,
        NotConfigured,              // default-constructed, no lookup, or invalid injected nonce
        WrongState,                 // messages out of order
        MalformedMessage,           // not RFC 5802 syntax
        ChannelBindingNotSupported, // GS2 flag "y" or "p=..."; only "n" is accepted
        AuthzidNotSupported,        // GS2 header carries a=<authzid>
        ExtensionNotSupported,      // mandatory extension m=
        InvalidUserNameEncoding,    // bad saslname escape, invalid UTF-8
        InvalidNonce,               // client nonce with characters outside printable ASCII
        ChannelBindingMismatch,     // c= is not "biws"
        NonceMismatch,              // r= in client-final differs from the nonce we sent
        InvalidProof                // wrong password or unknown user (deliberately the same)
    };

    ScramServer() = default;
    // `serverSecret`: at least 16 random bytes, kept across restarts (UserStore::serverSecret()).
    // `serverNonce`: for tests only; the server's part of the nonce (empty: 18 random bytes in base64).
    ScramServer(VerifierLookup lookup, const QByteArray &serverSecret, const QByteArray &serverNonce = QByteArray());

    // Iteration count announced for unknown users (default Credentials::DefaultIterations). Use the
    // count real clients register with, so the two look alike.
    void setFakeIterations(int iterations) { m_fakeIterations = iterations; }

    // "n,,n=<user>,r=<cnonce>" -> "r=<cnonce><snonce>,s=<salt>,i=<count>", or empty on error.
    QByteArray handleClientFirst(const QByteArray &clientFirst);
    // "c=biws,r=<nonce>,p=<proof>" -> "v=<server signature>", or empty on error.
    QByteArray handleClientFinal(const QByteArray &clientFinal);

    // The user named in client-first (set once handleClientFirst() parsed it, even if it failed later).
    QString user() const { return m_user; }
    State state() const { return m_state; }
    bool isAuthenticated() const { return m_state == State::Authenticated; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    // RFC 5802 server-error value for error(), e.g. "invalid-proof", "channel-bindings-dont-match".
    QByteArray rfcErrorValue() const;
    // For the server's log only: whether the lookup knew the user. Never tell the client.
    bool userKnown() const { return m_userKnown; }

    // The deterministic stand-in verifier for a user that does not exist.
    static ScramVerifier fakeVerifier(const QByteArray &serverSecret, const QString &user, int iterations);

private:
    QByteArray fail(Error error);
    static QString errorText(Error error);

    VerifierLookup m_lookup;
    QByteArray m_secret;
    QByteArray m_serverNonce;
    int m_fakeIterations = Credentials::DefaultIterations;
    QString m_user;
    bool m_userKnown = false;
    ScramVerifier m_verifier;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
    State m_state = State::Initial;
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace Switchboard

Q_DECLARE_METATYPE(Switchboard::ScramServer)
