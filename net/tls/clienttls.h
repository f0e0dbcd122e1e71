#pragma once
// How a client secures its connection and decides whom to trust (docs/PROTOCOL.md,
// "Transport security"). The apps build one from their options: TLS on unless the user chose
// --no-tls or "Unencrypted (for teaching)".

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace Switchboard {

struct ClientTls
{
    // What to do with a server whose certificate is neither CA-verified for its host name nor
    // recorded in the known-servers file.
    enum class UnknownServer {
        Ask,            // ask the user (ChatClient::trustRequested), record if accepted: the GUI
        TrustFirstUse,  // record it and go on, like ssh's accept-new: the CLI
        Refuse,         // certificate_unknown: the CLI's --strict-tls
    };

    bool enabled = true;
    UnknownServer unknownServer = UnknownServer::Ask;
    QString knownServersFile;  // KnownServers path; empty: nothing is recorded (unknown servers stay unknown)
    QStringList fingerprints;  // trusted up front for any server ("SHA256:..."): --fingerprint, the GUI's own server
    // The other addresses the user gave for the same service (the nodes of a cluster, host as typed
    // and port): a certificate already recorded for one of them is trusted at the others too.
    QList<std::pair<QString, quint16>> siblings;

    static ClientTls plaintext()
    {
        ClientTls t;
        t.enabled = false;
        return t;
    }
};

} // namespace Switchboard
