#pragma once
// Turns what a user types in the socket lab (text in UTF-8 or GBK, hex, escapes) into bytes, and
// received bytes back into something readable.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Switchboard {

class PayloadCodec
{
    Q_DECLARE_TR_FUNCTIONS(PayloadCodec)
public:
    enum class Format : quint8 { Utf8, Gbk, Hex };

    // "utf8", "gbk", "hex" (as saved in JSON and given on the command line); nullopt when unknown.
    static std::optional<Format> formatFromName(const QString &name);
    static QString formatName(Format format);

    // GBK needs Qt built with ICU; false means only UTF-8 (and hex) can be used.
    static bool gbkAvailable();

    // The bytes for `input`: text encoded in UTF-8 or GBK (after expanding escapes such as \r\n,
    // \t, \\, \xHH and \0 when `escapes` is set), or hex digits with optional spaces, colons or
    // "0x" prefixes ("48 65 6c", "48656c"). Nullopt with a reason in *error when it cannot be encoded.
    static std::optional<QByteArray> encode(const QString &input, Format format, bool escapes = false,
                                            QString *error = nullptr);
    static std::optional<QByteArray> parseHex(const QString &input, QString *error = nullptr);
    // Expands backslash escapes into bytes the text encoding leaves alone (\xHH is a raw byte).
    static std::optional<QByteArray> expandEscapes(const QString &input, Format textFormat, QString *error = nullptr);

    // Received bytes as text in `format` (UTF-8 or GBK); nullopt when they are not valid in it.
    static std::optional<QString> decode(const QByteArray &bytes, Format format);
    // "48 65 6c".
    static QString toHex(const QByteArray &bytes);
    // Text when the bytes are valid in `format` and printable (tabs and line breaks allowed), else hex.
    static QString display(const QByteArray &bytes, Format format, bool *isText = nullptr);
    // display() for one line of a list: line breaks and tabs written as \r \n \t.
    static QString displayLine(const QByteArray &bytes, Format format);
};

} // namespace Switchboard
