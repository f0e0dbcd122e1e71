#pragma once
#include "net/auth/credentials.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Switchboard {

// The tutorials' login flow checked against Switchboard's accounts: the password is turned into
// the scheme-1 credential MD5(user + password) (docs/PROTOCOL.md 6.2), and that into the SCRAM
// keys with the account's own salt and iteration count; the login is good when they are the
// stored ones. So every account works: added with "user add", registered, or imported from a
// tutorials' userinfo file.
class TutorialLogin
{
public:
    // What the tutorial's server writes with json.dumps({'flag': ...}).encode('utf-8').
    static QByteArray reply(bool ok) { return ok ? QByteArrayLiteral("{\"flag\": true}") : QByteArrayLiteral("{\"flag\": false}"); }

    // Runs PBKDF2 (about 40 ms at 100,000 iterations): call it off the event loop's thread. An
    // unknown user (no verifier) costs the same, with `standInSalt`, and fails.
    static bool matches(const std::optional<ScramVerifier> &verifier, const QString &user, const QString &password,
                        const QByteArray &standInSalt);
};

} // namespace Switchboard
