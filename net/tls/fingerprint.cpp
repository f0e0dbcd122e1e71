#include "fingerprint.h"

#include <QCryptographicHash>

namespace Switchboard {

namespace {
const QString Prefix = QStringLiteral("SHA256:");
constexpr int DigestBytes = 32;
} // namespace

QString Fingerprint::of(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return QString();
    const QByteArray digest = QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256);
    return Prefix + QString::fromLatin1(digest.toBase64(QByteArray::OmitTrailingEquals));
}

QString Fingerprint::normalized(const QString &text)
{
    const QString t = text.trimmed();
    if (!t.startsWith(Prefix, Qt::CaseInsensitive))
        return QString();
    const auto decoded = QByteArray::fromBase64Encoding(t.mid(Prefix.size()).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != DigestBytes)
        return QString();
    return Prefix + QString::fromLatin1(decoded.decoded.toBase64(QByteArray::OmitTrailingEquals));
}

} // namespace Switchboard
