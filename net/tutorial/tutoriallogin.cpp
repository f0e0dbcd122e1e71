#include "tutoriallogin.h"

namespace Switchboard {

bool TutorialLogin::matches(const std::optional<ScramVerifier> &verifier, const QString &user, const QString &password,
                            const QByteArray &standInSalt)
{
    const QByteArray credential = Credentials::scramPassword(user, password);
    if (!verifier) { // the same work, so the answer's delay does not tell which names exist
        Credentials::saltedPassword(credential, standInSalt, Credentials::DefaultIterations);
        return false;
    }
    const QByteArray salted = Credentials::saltedPassword(credential, verifier->salt, verifier->iterations);
    const ScramVerifier derived = Credentials::verifierFromSaltedPassword(verifier->salt, verifier->iterations, salted);
    return Credentials::constantTimeEquals(derived.storedKey, verifier->storedKey)
        && Credentials::constantTimeEquals(derived.serverKey, verifier->serverKey);
}

} // namespace Switchboard
