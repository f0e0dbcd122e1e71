#pragma once
// Credentials of scheme 1 (docs/PROTOCOL.md, "Accounts"):
//
//   credential     = lowercase hex of MD5(UTF-8(user + password))      (32 ASCII characters)
//   SaltedPassword = PBKDF2-HMAC-SHA-256(credential, salt, iterations, 32 bytes)
//   ClientKey      = HMAC-SHA-256(SaltedPassword, "Client Key")
//   StoredKey      = SHA-256(ClientKey)
//   ServerKey      = HMAC-SHA-256(SaltedPassword, "Server Key")
//
// The credential is the SCRAM-SHA-256 password (RFC 5802 / RFC 7677). It is ASCII, so SASLprep
// leaves it unchanged. Neither the password nor the credential ever leaves the client: registration
// sends the verifier (salt, iterations, StoredKey, ServerKey), login runs SCRAM.
//
// Everything here is reentrant and free of shared state (but a derivation counter), so the expensive calls (saltedPassword(),
// deriveVerifier()) can run in a QThreadPool / QThread.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Switchboard {

struct ScramVerifier
{
    QByteArray salt;
    int iterations = 0;
    QByteArray storedKey; // SHA-256(ClientKey), 32 bytes
    QByteArray serverKey; // HMAC(SaltedPassword, "Server Key"), 32 bytes
    int scheme = 1;

    bool operator==(const ScramVerifier &o) const
    {
        return scheme == o.scheme && iterations == o.iterations && salt == o.salt && storedKey == o.storedKey
            && serverKey == o.serverKey;
    }
    bool operator!=(const ScramVerifier &o) const { return !(*this == o); }
};

class Credentials
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::Credentials)
public:
    static constexpr int Scheme = 1;               // MD5(user + password) hex as the SCRAM-SHA-256 password
    static constexpr int KeySize = 32;             // SHA-256 output
    static constexpr int SaltSize = 16;            // bytes of a freshly generated salt
    static constexpr int MinSaltSize = 8;          // smallest salt a verifier may have
    static constexpr int MaxSaltSize = 64;
    static constexpr int MinIterations = 4096;     // smallest count accepted at registration / by the client
    static constexpr int DefaultIterations = 100000;
    static constexpr int MaxIterations = 1000000; // larger counts are refused (denial-of-service guard)

    // Lowercase hex of MD5 over the UTF-8 bytes of user + password.
    static QString md5Credential(const QString &user, const QString &password);
    // The SCRAM password of scheme 1: md5Credential() as ASCII bytes.
    static QByteArray scramPassword(const QString &user, const QString &password)
    {
        return md5Credential(user, password).toLatin1();
    }
    // True for exactly 32 hexadecimal digits (either case).
    static bool isMd5Hex(const QString &text);

    // `size` bytes from QRandomGenerator::system().
    static QByteArray randomBytes(int size);
    static QByteArray randomSalt(int size = SaltSize) { return randomBytes(size); }

    // PBKDF2-HMAC-SHA-256 (RFC 5802 Hi()), Pbkdf2Sha256. Expensive (100,000 iterations: ~15 ms):
    // run it off the GUI thread.
    static QByteArray saltedPassword(const QByteArray &scramPassword, const QByteArray &salt, int iterations);
    // How many times this process ran saltedPassword() (an atomic count: tests check that a
    // re-login reuses the cached key instead of deriving it again).
    static quint64 derivationCount();
    static QByteArray clientKey(const QByteArray &saltedPassword);
    static QByteArray serverKey(const QByteArray &saltedPassword);
    static QByteArray storedKey(const QByteArray &clientKey);
    static QByteArray hmac(const QByteArray &key, const QByteArray &message); // HMAC-SHA-256
    static QByteArray hash(const QByteArray &data);                           // SHA-256
    // Bytewise XOR; both arguments must have the same size (returns empty otherwise).
    static QByteArray xorBytes(const QByteArray &a, const QByteArray &b);

    // The verifier for a SCRAM password (for scheme 1: md5Credential(...).toLatin1()).
    static ScramVerifier deriveVerifier(const QByteArray &scramPassword, const QByteArray &salt, int iterations);
    // Same with a fresh random salt of SaltSize bytes.
    static ScramVerifier deriveVerifier(const QByteArray &scramPassword, int iterations = DefaultIterations);
    // The verifier from an already computed SaltedPassword (cheap).
    static ScramVerifier verifierFromSaltedPassword(const QByteArray &salt, int iterations,
                                                    const QByteArray &saltedPassword);
    // Checks scheme, salt size, iteration range and key sizes. `reason` gets a translated message.
    static bool isValidVerifier(const ScramVerifier &verifier, QString *reason = nullptr);

    // Comparison whose duration does not depend on where the inputs differ (sizes are not secret).
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

} // namespace Switchboard
