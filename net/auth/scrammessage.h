#pragma once
// Helpers shared by ScramClient and ScramServer: the attribute syntax of RFC 5802 section 7.

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Switchboard::Scram {

inline constexpr char Mechanism[] = "SCRAM-SHA-256";
// Channel binding "n,," (no channel binding, no authzid), base64-encoded, as sent in c=.
inline constexpr char GS2Header[] = "n,,";
inline constexpr char ChannelBinding[] = "biws";

struct Attribute
{
    char name = 0;
    QByteArray value;
};

// Splits "a=1,b=2" into attributes. Every part must be one ASCII letter, '=', then a value (may be empty).
// Returns std::nullopt on a syntax error.
std::optional<QList<Attribute>> parseAttributes(const QByteArray &message);

// saslname escaping: '=' -> "=3D", ',' -> "=2C". Encodes the UTF-8 of the name.
QByteArray encodeSaslName(const QString &name);
// Reverses encodeSaslName; nullopt for bad escapes, invalid UTF-8, NUL or an empty name.
std::optional<QString> decodeSaslName(const QByteArray &saslname);

// Nonce characters: printable ASCII except ',' (RFC 5802 "printable").
bool isValidNonce(const QByteArray &nonce);
// A fresh nonce: 18 random bytes in base64 (24 characters).
QByteArray randomNonce();

// Strict base64 decoding; nullopt on any decoding error or empty input.
std::optional<QByteArray> decodeBase64(const QByteArray &text);

// Parses a decimal iteration count (no sign, no leading zeros apart from "0"). nullopt if not a valid int.
std::optional<int> parseIterations(const QByteArray &text);

} // namespace Switchboard::Scram
