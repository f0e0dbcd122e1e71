#pragma once
// Client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding ("n,,", c=biws).
//
//   ScramClient scram(user);
//   send auth.start   data = scram.clientFirstMessage()              "n,,n=user,r=<cnonce>"
//   recv auth.challenge      scram.handleServerFirst(data)           "r=<cnonce+snonce>,s=<salt>,i=<count>"
//   -- expensive, may run in a QThreadPool/QThread (pure, reentrant):
//        QByteArray sp = ScramClient::saltedPassword(password, scram.salt(), scram.iterations());
//   -- back on the owning thread:
//        scram.computeProof(sp);
//   send auth.finish  data = scram.clientFinalMessage()              "c=biws,r=<nonce>,p=<proof>"
//   recv auth.ok             scram.handleServerFinal(data)           "v=<server signature>"
//
// `password` is the SCRAM password bytes; for Switchboard's scheme 1 that is
// Credentials::scramPassword(user, plainPassword) (MD5 hex). The SaltedPassword depends only on
// (password, salt, iterations), so a caller may cache it to skip PBKDF2 on a reconnect.
// A ScramClient is a plain value; use it from one thread at a time.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Switchboard {

class ScramClient
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::ScramClient)
public:
    enum class State {
        Initial,             // clientFirstMessage() not called yet
        AwaitingServerFirst, // client-first produced
        AwaitingProof,       // server-first accepted; computeProof() next
        AwaitingServerFinal, // client-final produced
        Authenticated,       // server signature verified
        Failed
    };
    enum class Error {
        None,
        InvalidUserName,         // empty user name
        InvalidNonce,            // injected client nonce has characters outside printable ASCII, or ','
        WrongState,              // call out of order
        MalformedMessage,        // server message does not follow RFC 5802 syntax
        ExtensionNotSupported,   // server sent a mandatory extension (m=)
        NonceMismatch,           // server nonce does not extend our client nonce
        InvalidSalt,             // s= is not valid, non-empty base64
        IterationsOutOfRange,    // i= outside the accepted range (see setIterationLimits)
        InvalidSaltedPassword,   // computeProof() got something that is not 32 bytes
        ServerRejected,          // server-final carried e=<reason> (see serverError())
        ServerSignatureMismatch  // v= did not match: the server does not know our verifier
    };

    // `clientNonce` is for tests; empty means 18 random bytes in base64.
    explicit ScramClient(const QString &user, const QByteArray &clientNonce = QByteArray());

    QString user() const { return m_user; }
    QByteArray clientNonce() const { return m_clientNonce; }

    // "n,,n=<saslname>,r=<cnonce>". Moves Initial -> AwaitingServerFirst; later calls return the same text.
    // Empty if the client has failed (bad user name or nonce).
    QByteArray clientFirstMessage();

    // Parses "r=...,s=...,i=...[,ext]". On success salt() and iterations() are set.
    bool handleServerFirst(const QByteArray &serverFirst);
    QByteArray salt() const { return m_salt; }
    int iterations() const { return m_iterations; }
    QByteArray combinedNonce() const { return m_nonce; }

    // PBKDF2-HMAC-SHA-256(password, salt, iterations): the only expensive step. Pure and reentrant.
    static QByteArray saltedPassword(const QByteArray &password, const QByteArray &salt, int iterations);
    // Computes the proof from saltedPassword(); moves AwaitingProof -> AwaitingServerFinal.
    bool computeProof(const QByteArray &saltedPassword);
    // Blocking convenience: saltedPassword() + computeProof(). Not for the GUI thread.
    bool computeProofWithPassword(const QByteArray &password);
    // "c=biws,r=<nonce>,p=<proof>"; empty before computeProof() succeeded.
    QByteArray clientFinalMessage() const { return m_clientFinal; }

    // "v=<base64>" -> Authenticated; "e=<reason>" -> Failed(ServerRejected).
    bool handleServerFinal(const QByteArray &serverFinal);

    // Iteration counts the client accepts from a server (default Credentials::MinIterations ..
    // Credentials::MaxIterations). The lower bound keeps an active attacker from asking for a cheap hash,
    // the upper one from making the client spin.
    void setIterationLimits(int minimum, int maximum);

    State state() const { return m_state; }
    bool isAuthenticated() const { return m_state == State::Authenticated; }
    bool hasFailed() const { return m_state == State::Failed; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    // The e= value of a rejected server-final, e.g. "invalid-proof".
    QString serverError() const { return m_serverError; }
    // client-first-bare "," server-first "," client-final-without-proof (empty until computeProof()).
    QByteArray authMessage() const { return m_authMessage; }

private:
    bool fail(Error error, const QString &message);
    static QString errorText(Error error);

    QString m_user;
    QByteArray m_clientNonce;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
    QByteArray m_salt;
    int m_iterations = 0;
    QByteArray m_authMessage;
    QByteArray m_clientFinal;
    QByteArray m_expectedServerSignature;
    int m_minIterations;
    int m_maxIterations;
    State m_state = State::Initial;
    Error m_error = Error::None;
    QString m_errorString;
    QString m_serverError;
};

} // namespace Switchboard
