#pragma once
// How Switchboard names a certificate to people: "SHA256:" + the unpadded base64 of the SHA-256
// digest of the certificate's DER encoding, the form ssh prints for host keys
// (docs/PROTOCOL.md, "Transport security"). The server logs it, clients pin it, users compare it.

#include <QSslCertificate>
#include <QString>

namespace Switchboard {

class Fingerprint
{
public:
    static QString of(const QSslCertificate &certificate);
    // The canonical form of text a user typed ("SHA256:..." with or without base64 padding and
    // surrounding spaces); empty when it is not a SHA-256 fingerprint.
    static QString normalized(const QString &text);
};

} // namespace Switchboard
