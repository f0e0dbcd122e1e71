#include "servertrust.h"

#include "fingerprint.h"

#include <QCoreApplication>

namespace Switchboard {

ServerTrust::ServerTrust(const ClientTls &policy, const QString &host, quint16 port)
    : m_policy(policy)
    , m_host(host)
    , m_port(port)
    , m_known(policy.knownServersFile)
{
}

ServerTrust::Result ServerTrust::check(const QSslCertificate &certificate, bool caVerified) const
{
    Result r;
    r.fingerprint = Fingerprint::of(certificate);
    if (r.fingerprint.isEmpty())
        return r; // no certificate: nothing to trust
    // A fingerprint the user gave (or the GUI's own server) wins: it was verified out of band.
    for (const QString &pinned : m_policy.fingerprints) {
        if (Fingerprint::normalized(pinned) == r.fingerprint) {
            r.verdict = Verdict::Trusted;
            r.how = QStringLiteral("pinned");
            return r;
        }
    }
    if (caVerified) {
        r.verdict = Verdict::Trusted;
        r.how = QStringLiteral("ca");
        return r;
    }
    const KnownServers::Entry known = m_known.find(m_host, m_port);
    if (known.fingerprint.isEmpty()) {
        // Never seen at this address, but the same certificate is recorded for another node of
        // the same service: the key proves it is the same operator (a stranger's differs).
        for (const auto &[host, port] : m_policy.siblings) {
            if (KnownServers::key(host, port) == server())
                continue;
            if (m_known.find(host, port).fingerprint == r.fingerprint) {
                r.verdict = Verdict::Trusted;
                r.how = QStringLiteral("sibling");
                return r;
            }
        }
        return r;
    }
    if (known.fingerprint == r.fingerprint) {
        r.verdict = Verdict::Trusted;
        r.how = QStringLiteral("known");
        return r;
    }
    r.verdict = Verdict::Changed;
    r.knownFingerprint = known.fingerprint;
    r.knownLine = known.line;
    return r;
}

bool ServerTrust::remember(const QString &fingerprint, QString *error) const
{
    return m_known.add(m_host, m_port, fingerprint, error);
}

QString ServerTrust::changedMessage(const Result &r) const
{
    const QString where = m_known.path().isEmpty()
        ? QCoreApplication::translate("Switchboard::ServerTrust", "this session's trusted servers")
        : QStringLiteral("%1:%2").arg(m_known.path()).arg(r.knownLine);
    return QCoreApplication::translate(
               "Switchboard::ServerTrust",
               "The certificate of %1 has CHANGED since you last connected. Someone may be intercepting "
               "the connection (a man-in-the-middle attack), or the server's certificate was replaced. "
               "The connection was stopped before anything was sent.\n"
               "Expected fingerprint: %2\nPresented fingerprint: %3\n"
               "Ask the server's operator for its fingerprint (switchboard-server logs it at start). If the "
               "new one is right, remove the line for %1 from %4 and connect again.")
        .arg(server(), r.knownFingerprint, r.fingerprint, where);
}

} // namespace Switchboard
