#include "payloadcodec.h"

#include <QStringDecoder>
#include <QStringEncoder>

namespace Switchboard {

namespace {

const char *const GbkName = "GBK";

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

std::optional<QByteArray> encodeText(const QString &text, PayloadCodec::Format format, QString *error)
{
    if (format == PayloadCodec::Format::Gbk) {
        QStringEncoder encoder(GbkName, QStringConverter::Flag::Stateless);
        if (!encoder.isValid()) {
            if (error)
                *error = PayloadCodec::tr("GBK is not available in this build of Qt (it needs ICU); use UTF-8 or hex.");
            return std::nullopt;
        }
        QByteArray out = encoder.encode(text);
        if (encoder.hasError()) {
            if (error)
                *error = PayloadCodec::tr("The text has characters GBK cannot encode.");
            return std::nullopt;
        }
        return out;
    }
    return text.toUtf8();
}

} // namespace

std::optional<PayloadCodec::Format> PayloadCodec::formatFromName(const QString &name)
{
    const QString n = name.toLower().remove(QLatin1Char('-'));
    if (n == QLatin1String("utf8"))
        return Format::Utf8;
    if (n == QLatin1String("gbk"))
        return Format::Gbk;
    if (n == QLatin1String("hex"))
        return Format::Hex;
    return std::nullopt;
}

QString PayloadCodec::formatName(Format format)
{
    switch (format) {
    case Format::Utf8:
        return QStringLiteral("utf8");
    case Format::Gbk:
        return QStringLiteral("gbk");
    case Format::Hex:
        return QStringLiteral("hex");
    }
    return {};
}

bool PayloadCodec::gbkAvailable()
{
    return QStringEncoder(GbkName).isValid();
}

std::optional<QByteArray> PayloadCodec::encode(const QString &input, Format format, bool escapes, QString *error)
{
    if (format == Format::Hex)
        return parseHex(input, error);
    if (escapes)
        return expandEscapes(input, format, error);
    return encodeText(input, format, error);
}

std::optional<QByteArray> PayloadCodec::parseHex(const QString &input, QString *error)
{
    QByteArray out;
    int high = -1;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input.at(i);
        if (c.isSpace() || c == QLatin1Char(':') || c == QLatin1Char(',') || c == QLatin1Char('-')) {
            if (high >= 0) {
                if (error)
                    *error = tr("Hex byte at character %1 has one digit only.").arg(i);
                return std::nullopt;
            }
            continue;
        }
        // "0x48" / "0X48": skip the prefix at the start of a byte.
        if (high < 0 && c == QLatin1Char('0') && i + 1 < input.size()
            && (input.at(i + 1) == QLatin1Char('x') || input.at(i + 1) == QLatin1Char('X'))) {
            ++i;
            continue;
        }
        const int v = hexValue(c);
        if (v < 0) {
            if (error)
                *error = tr("\"%1\" at character %2 is not a hex digit.").arg(c).arg(i + 1);
            return std::nullopt;
        }
        if (high < 0) {
            high = v;
        } else {
            out.append(char(high << 4 | v));
            high = -1;
        }
    }
    if (high >= 0) {
        if (error)
            *error = tr("Odd number of hex digits: the last byte has one digit only.");
        return std::nullopt;
    }
    return out;
}

std::optional<QByteArray> PayloadCodec::expandEscapes(const QString &input, Format textFormat, QString *error)
{
    QByteArray out;
    QString run; // text since the last escape, encoded as a whole (GBK is multi-byte)
    auto flush = [&]() -> bool {
        if (run.isEmpty())
            return true;
        const auto bytes = encodeText(run, textFormat, error);
        if (!bytes)
            return false;
        out += *bytes;
        run.clear();
        return true;
    };
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input.at(i);
        if (c != QLatin1Char('\\') || i + 1 == input.size()) {
            run.append(c);
            continue;
        }
        const QChar e = input.at(++i);
        char byte = 0;
        switch (e.unicode()) {
        case 'n': byte = '\n'; break;
        case 'r': byte = '\r'; break;
        case 't': byte = '\t'; break;
        case '0': byte = '\0'; break;
        case '\\': byte = '\\'; break;
        case 'x': {
            const int hi = i + 1 < input.size() ? hexValue(input.at(i + 1)) : -1;
            const int lo = i + 2 < input.size() ? hexValue(input.at(i + 2)) : -1;
            if (hi < 0 || lo < 0) {
                if (error)
                    *error = tr("\\x at character %1 needs two hex digits.").arg(i);
                return std::nullopt;
            }
            byte = char(hi << 4 | lo);
            i += 2;
            break;
        }
        default:
            // Unknown escapes stay as typed.
            run.append(c);
            run.append(e);
            continue;
        }
        if (!flush())
            return std::nullopt;
        out.append(byte);
    }
    if (!flush())
        return std::nullopt;
    return out;
}

std::optional<QString> PayloadCodec::decode(const QByteArray &bytes, Format format)
{
    QStringDecoder decoder(format == Format::Gbk ? GbkName : "UTF-8", QStringConverter::Flag::Stateless);
    if (!decoder.isValid())
        return std::nullopt;
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

QString PayloadCodec::toHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

QString PayloadCodec::display(const QByteArray &bytes, Format format, bool *isText)
{
    const auto text = decode(bytes, format == Format::Hex ? Format::Utf8 : format);
    bool printable = text.has_value() && format != Format::Hex;
    if (printable) {
        for (QChar c : *text) {
            if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\r')
                && c != QLatin1Char('\t')) {
                printable = false;
                break;
            }
        }
    }
    if (isText)
        *isText = printable;
    return printable ? *text : toHex(bytes);
}

QString PayloadCodec::displayLine(const QByteArray &bytes, Format format)
{
    bool isText = false;
    QString text = display(bytes, format, &isText);
    if (isText) {
        text.replace(QLatin1Char('\r'), QLatin1String("\\r"));
        text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
        text.replace(QLatin1Char('\t'), QLatin1String("\\t"));
    }
    return text;
}

} // namespace Switchboard
