#include "servercertificate.h"

#include "fingerprint.h"
#include "net/storage/owneronly.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Switchboard {

namespace {

template <class T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? QByteArray(data, int(n)) : QByteArray();
}

// Whether the PEM key belongs to the PEM certificate: a mismatch would fail every handshake.
bool keyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    // No passphrase prompt on the terminal: an encrypted key simply does not load.
    auto noPassphrase = [](char *, int, int, void *) -> int { return 0; };
    BioPtr certBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    BioPtr keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    X509Ptr cert(certBio ? PEM_read_bio_X509(certBio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    PKeyPtr key(keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    const bool matches = cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
    ERR_clear_error(); // the error queue is shared with Qt's OpenSSL backend in this thread
    return matches;
}

bool readFile(const QString &path, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

// Written to a temporary name, then renamed: a crash never leaves half a key in place.
bool writeOwnerOnly(const QString &path, const QByteArray &data, QString *error)
{
    const QString tmp = path + QStringLiteral(".new");
    QFile::remove(tmp);
    QFile f(tmp);
    if (!OwnerOnly::open(f, QIODevice::WriteOnly | QIODevice::NewOnly) || f.write(data) != data.size() || !f.flush()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(tmp, f.errorString());
        f.remove();
        return false;
    }
    f.close();
    QFile::remove(path);
    if (!QFile::rename(tmp, path)) {
        *error = QStringLiteral("Cannot rename %1 to %2").arg(tmp, path);
        QFile::remove(tmp);
        return false;
    }
    return true;
}

} // namespace

QString ServerCertificate::certificatePath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/tls/server.crt");
}

QString ServerCertificate::keyPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/tls/server.key");
}

QString ServerCertificate::fingerprint() const
{
    return Fingerprint::of(certificate());
}

bool ServerCertificate::load(const QString &certificateFile, const QString &keyFile, QString *error)
{
    QByteArray cert, key;
    return readFile(certificateFile, &cert, error) && readFile(keyFile, &key, error) && parse(cert, key, error);
}

bool ServerCertificate::loadOrCreate(const QString &dataDir, QString *error, bool *generated)
{
    const QString certFile = certificatePath(dataDir);
    const QString keyFile = keyPath(dataDir);
    if (generated)
        *generated = false;
    // The certificate is written after its key, so a certificate on disk always has its key.
    if (QFileInfo::exists(certFile))
        return load(certFile, keyFile, error);
    if (!OwnerOnly::makeDirectory(QFileInfo(certFile).path())) {
        *error = QStringLiteral("Cannot create %1").arg(QFileInfo(certFile).path());
        return false;
    }
    QByteArray cert, key;
    if (!generate(QStringLiteral("Switchboard server"), &cert, &key, error) || !parse(cert, key, error)
        || !writeOwnerOnly(keyFile, key, error) || !writeOwnerOnly(certFile, cert, error)) {
        m_chain.clear();
        m_key = QSslKey();
        return false;
    }
    if (generated)
        *generated = true;
    return true;
}

bool ServerCertificate::parse(const QByteArray &certificatePem, const QByteArray &keyPem, QString *error)
{
    m_chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (m_chain.isEmpty() || m_chain.first().isNull()) {
        *error = QStringLiteral("No PEM certificate found");
        m_chain.clear();
        return false;
    }
    // QSslKey needs the algorithm: certbot issues ECDSA or RSA keys.
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        m_key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!m_key.isNull())
            break;
    }
    if (m_key.isNull() || !keyMatchesCertificate(certificatePem, keyPem)) {
        *error = m_key.isNull() ? QStringLiteral("No unencrypted PEM private key (ECDSA or RSA) found")
                                : QStringLiteral("The private key does not belong to the certificate");
        m_chain.clear();
        m_key = QSslKey();
        return false;
    }
    return true;
}

QSslConfiguration ServerCertificate::serverConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(m_chain);
    config.setPrivateKey(m_key);
    config.setProtocol(QSsl::TlsV1_2OrLater); // OpenSSL picks 1.3 when the client offers it
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // clients log in with SCRAM, not certificates
    return config;
}

bool ServerCertificate::generate(const QString &commonName, QByteArray *certificatePem, QByteArray *keyPem,
                                 QString *error)
{
    auto fail = [error](const char *what) {
        *error = QStringLiteral("Cannot generate the TLS certificate (%1)").arg(QLatin1String(what));
        ERR_clear_error();
        return false;
    };
    PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return fail("EC key");
    X509Ptr cert(X509_new());
    BnPtr serial(BN_new());
    if (!cert || !serial || !X509_set_version(cert.get(), 2) // v3
        || !BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) // positive, random
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return fail("serial");
    constexpr long Day = 24 * 3600;
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -Day) // tolerate clocks a day behind
        || !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 20 * 365 * Day))
        return fail("validity");
    X509_NAME *name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.toUtf8();
    if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(cn.constData()),
                                    int(cn.size()), -1, 0)
        || !X509_set_issuer_name(cert.get(), name) || !X509_set_pubkey(cert.get(), key.get()))
        return fail("name");
    if (!X509_sign(cert.get(), key.get(), EVP_sha256()))
        return fail("signature");

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || !PEM_write_bio_X509(certBio.get(), cert.get())
        || !PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return fail("PEM");
    *certificatePem = bioContents(certBio.get());
    *keyPem = bioContents(keyBio.get());
    return true;
}

} // namespace Switchboard
