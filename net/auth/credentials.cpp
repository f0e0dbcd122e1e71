#include "credentials.h"
#include "pbkdf2sha256.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>


namespace Switchboard {

namespace {
QAtomicInteger<quint64> s_derivations;
} // namespace

QString Credentials::md5Credential(const QString &user, const QString &password)
{
    const QByteArray digest = QCryptographicHash::hash((user + password).toUtf8(), QCryptographicHash::Md5);
    return QString::fromLatin1(digest.toHex()); // toHex() is lowercase
}

bool Credentials::isMd5Hex(const QString &text)
{
    if (text.size() != 32)
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool hex = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
        if (!hex)
            return false;
    }
    return true;
}

QByteArray Credentials::randomBytes(int size)
{
    QByteArray out(qMax(0, size), Qt::Uninitialized);
    auto *rng = QRandomGenerator::system();
    for (char &c : out)
        c = char(rng->bounded(256));
    return out;
}

QByteArray Credentials::saltedPassword(const QByteArray &scramPassword, const QByteArray &salt, int iterations)
{
    if (iterations <= 0 || salt.isEmpty())
        return {};
    s_derivations.fetchAndAddRelaxed(1);
    // On OpenSSL's SHA-256 with precomputed HMAC pads: 100,000 iterations in ~15 ms, against ~40 ms
    // for OpenSSL's PKCS5_PBKDF2_HMAC and ~260 ms for QPasswordDigestor (net/auth/pbkdf2sha256.h).
    return Pbkdf2Sha256::derive(scramPassword, salt, iterations);
}

quint64 Credentials::derivationCount()
{
    return s_derivations.loadRelaxed();
}

QByteArray Credentials::hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray Credentials::hash(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

QByteArray Credentials::clientKey(const QByteArray &saltedPassword)
{
    return hmac(saltedPassword, QByteArrayLiteral("Client Key"));
}

QByteArray Credentials::serverKey(const QByteArray &saltedPassword)
{
    return hmac(saltedPassword, QByteArrayLiteral("Server Key"));
}

QByteArray Credentials::storedKey(const QByteArray &clientKey)
{
    return hash(clientKey);
}

QByteArray Credentials::xorBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return {};
    QByteArray out(a.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < a.size(); ++i)
        out[i] = char(a[i] ^ b[i]);
    return out;
}

ScramVerifier Credentials::verifierFromSaltedPassword(const QByteArray &salt, int iterations,
                                                      const QByteArray &saltedPassword)
{
    ScramVerifier v;
    v.scheme = Scheme;
    v.salt = salt;
    v.iterations = iterations;
    if (saltedPassword.size() != KeySize)
        return v;
    v.storedKey = storedKey(clientKey(saltedPassword));
    v.serverKey = serverKey(saltedPassword);
    return v;
}

ScramVerifier Credentials::deriveVerifier(const QByteArray &scramPassword, const QByteArray &salt, int iterations)
{
    return verifierFromSaltedPassword(salt, iterations, saltedPassword(scramPassword, salt, iterations));
}

ScramVerifier Credentials::deriveVerifier(const QByteArray &scramPassword, int iterations)
{
    return deriveVerifier(scramPassword, randomSalt(), iterations);
}

bool Credentials::isValidVerifier(const ScramVerifier &v, QString *reason)
{
    QString why;
    if (v.scheme != Scheme)
        why = tr("Unsupported credential scheme %1.").arg(v.scheme);
    else if (v.salt.size() < MinSaltSize || v.salt.size() > MaxSaltSize)
        why = tr("The salt must have %1 to %2 bytes.").arg(MinSaltSize).arg(MaxSaltSize);
    else if (v.iterations < MinIterations || v.iterations > MaxIterations)
        why = tr("The iteration count must be between %1 and %2.").arg(MinIterations).arg(MaxIterations);
    else if (v.storedKey.size() != KeySize || v.serverKey.size() != KeySize)
        why = tr("StoredKey and ServerKey must have %1 bytes each.").arg(KeySize);
    if (reason)
        *reason = why;
    return why.isEmpty();
}

bool Credentials::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    const auto *pa = reinterpret_cast<const unsigned char *>(a.constData());
    const auto *pb = reinterpret_cast<const unsigned char *>(b.constData());
    volatile unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff = diff | (pa[i] ^ pb[i]);
    return diff == 0;
}

} // namespace Switchboard
