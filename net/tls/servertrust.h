#pragma once
// Whether a client goes on with a server after the TLS handshake: the trust-on-first-use rules of
// docs/PROTOCOL.md, "Transport security", in one place for the GUI and the CLI.

#include "clienttls.h"
#include "knownservers.h"

#include <QSslCertificate>
#include <QString>

namespace Switchboard {

class ServerTrust
{
public:
    enum class Verdict {
        Trusted,   // pinned, CA-verified for the host name, or recorded with this fingerprint
        Unknown,   // never seen: ask, record, or refuse (ClientTls::unknownServer)
        Changed,   // recorded with another fingerprint: a hard stop
    };
    struct Result
    {
        Verdict verdict = Verdict::Unknown;
        QString fingerprint;      // the server's
        QString knownFingerprint; // Changed: the recorded one
        int knownLine = 0;        // Changed: its line in the file
        QString how;              // Trusted: "pinned", "ca", "known", "sibling" (recorded for another node)
    };

    ServerTrust(const ClientTls &policy, const QString &host, quint16 port);

    // caVerified: the normal certificate verification (chain to a system CA, host name) passed.
    Result check(const QSslCertificate &certificate, bool caVerified) const;
    // Records the fingerprint as this server's (after the user accepted, or on first use).
    bool remember(const QString &fingerprint, QString *error) const;
    QString knownServersFile() const { return m_known.path(); }
    QString server() const { return KnownServers::key(m_host, m_port); }

    // The explanation for a changed certificate, like ssh's: what it means, what to do.
    QString changedMessage(const Result &result) const;

private:
    ClientTls m_policy;
    QString m_host;
    quint16 m_port;
    mutable KnownServers m_known;
};

} // namespace Switchboard
