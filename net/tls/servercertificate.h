#pragma once
// The certificate and private key a TLS server presents: files the operator gives
// (--tls-cert/--tls-key, e.g. certbot's fullchain.pem and privkey.pem), or a self-signed
// ECDSA P-256 certificate generated once in the data directory and reused on every start, so
// clients that pinned its fingerprint keep trusting it.

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

namespace Switchboard {

class ServerCertificate
{
public:
    static QString certificatePath(const QString &dataDir); // <dataDir>/tls/server.crt
    static QString keyPath(const QString &dataDir);         // <dataDir>/tls/server.key (0600)

    // Reads a PEM certificate (chain: the server's first, then intermediates) and its PEM key.
    bool load(const QString &certificateFile, const QString &keyFile, QString *error);
    // Loads the data directory's certificate, generating it first when there is none.
    // generated (optional) says whether this call created it.
    bool loadOrCreate(const QString &dataDir, QString *error, bool *generated = nullptr);

    bool isNull() const { return m_chain.isEmpty() || m_key.isNull(); }
    QSslCertificate certificate() const { return m_chain.value(0); }
    QString fingerprint() const; // Fingerprint::of(certificate())
    // What a listening QSslSocket uses: this chain and key, TLS 1.2 or later, no client certificates.
    QSslConfiguration serverConfiguration() const;

    // A new self-signed ECDSA P-256 certificate (SHA-256 signature, 20 years), both in PEM.
    static bool generate(const QString &commonName, QByteArray *certificatePem, QByteArray *keyPem, QString *error);

private:
    bool parse(const QByteArray &certificatePem, const QByteArray &keyPem, QString *error);

    QList<QSslCertificate> m_chain;
    QSslKey m_key;
};

} // namespace Switchboard
