#include "scrammessage.h"

#include "credentials.h"

#include <QStringDecoder>

namespace Switchboard::Scram {

std::optional<QList<Attribute>> parseAttributes(const QByteArray &message)
{
    QList<Attribute> out;
    if (message.isEmpty())
        return std::nullopt;
    const QList<QByteArray> parts = message.split(',');
    for (const QByteArray &part : parts) {
        if (part.size() < 2 || part.at(1) != '=')
            return std::nullopt;
        const char name = part.at(0);
        if (!((name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z')))
            return std::nullopt;
        out.append(Attribute{name, part.mid(2)});
    }
    return out;
}

QByteArray encodeSaslName(const QString &name)
{
    QByteArray out;
    const QByteArray utf8 = name.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '=')
            out.append("=3D");
        else if (c == ',')
            out.append("=2C");
        else
            out.append(c);
    }
    return out;
}

std::optional<QString> decodeSaslName(const QByteArray &saslname)
{
    QByteArray raw;
    raw.reserve(saslname.size());
    for (qsizetype i = 0; i < saslname.size(); ++i) {
        const char c = saslname.at(i);
        if (c == ',' || c == '\0')
            return std::nullopt;
        if (c != '=') {
            raw.append(c);
            continue;
        }
        const QByteArray escape = saslname.mid(i + 1, 2);
        if (escape == "2C")
            raw.append(',');
        else if (escape == "3D")
            raw.append('=');
        else
            return std::nullopt;
        i += 2;
    }
    if (raw.isEmpty())
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString name = decoder.decode(raw);
    if (decoder.hasError())
        return std::nullopt;
    return name;
}

bool isValidNonce(const QByteArray &nonce)
{
    if (nonce.isEmpty())
        return false;
    for (const char c : nonce) {
        if (c < 0x21 || c > 0x7e || c == ',')
            return false;
    }
    return true;
}

QByteArray randomNonce()
{
    return Credentials::randomBytes(18).toBase64();
}

std::optional<QByteArray> decodeBase64(const QByteArray &text)
{
    if (text.isEmpty())
        return std::nullopt;
    auto result = QByteArray::fromBase64Encoding(text, QByteArray::Base64Encoding
                                                           | QByteArray::AbortOnBase64DecodingErrors);
    if (!result || result.decoded.isEmpty())
        return std::nullopt;
    return result.decoded;
}

std::optional<int> parseIterations(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 10 || (text.size() > 1 && text.at(0) == '0'))
        return std::nullopt;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

} // namespace Switchboard::Scram
