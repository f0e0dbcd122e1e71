#include "framedissector.h"
#include "net/protocol/messages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QtEndian>

namespace Switchboard {

namespace {

qsizetype skipWhitespace(QByteArrayView s, qsizetype i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
    return i;
}

// s[i] == '"'; returns the index after the closing quote, or -1.
qsizetype scanString(QByteArrayView s, qsizetype i)
{
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\')
            ++i;
        else if (s[i] == '"')
            return i + 1;
    }
    return -1;
}

qsizetype scanValue(QByteArrayView s, qsizetype i)
{
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return scanString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '"') {
                i = scanString(s, i);
                if (i < 0)
                    return -1;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return i + 1;
            }
            ++i;
        }
        return -1;
    }
    qsizetype j = i;
    while (j < s.size() && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n'
           && s[j] != '\r')
        ++j;
    return j > i ? j : -1;
}

QString shorten(const QString &text, int max = 120)
{
    return text.size() > max ? text.left(max - 1) + QChar(0x2026) : text;
}

} // namespace

bool FrameDissector::scanMembers(QByteArrayView s, QList<Member> *members)
{
    members->clear();
    qsizetype i = skipWhitespace(s, 0);
    if (i >= s.size() || s[i] != '{')
        return false;
    i = skipWhitespace(s, i + 1);
    if (i < s.size() && s[i] == '}')
        return true;
    while (i < s.size()) {
        if (s[i] != '"')
            return false;
        const qsizetype keyEnd = scanString(s, i);
        if (keyEnd < 0)
            return false;
        Member m;
        m.offset = i;
        // Decode the key properly (escapes) through the JSON parser.
        const QJsonDocument keyDoc = QJsonDocument::fromJson(QByteArray("[") + s.sliced(i, keyEnd - i).toByteArray() + "]");
        m.key = keyDoc.isArray() ? keyDoc.array().at(0).toString() : QString::fromUtf8(s.sliced(i + 1, keyEnd - i - 2));
        qsizetype j = skipWhitespace(s, keyEnd);
        if (j >= s.size() || s[j] != ':')
            return false;
        j = skipWhitespace(s, j + 1);
        const qsizetype valueEnd = scanValue(s, j);
        if (valueEnd < 0)
            return false;
        m.valueOffset = j;
        m.valueLength = valueEnd - j;
        m.length = valueEnd - i;
        members->append(m);
        i = skipWhitespace(s, valueEnd);
        if (i < s.size() && s[i] == ',') {
            i = skipWhitespace(s, i + 1);
            continue;
        }
        return i < s.size() && s[i] == '}';
    }
    return false;
}

qint64 FrameDissector::frameLength(QByteArrayView bytes, quint32 maxHeader)
{
    return prefixedFrameLength(bytes, true, QLatin1String("size"), maxHeader);
}

qint64 FrameDissector::prefixedFrameLength(QByteArrayView bytes, bool bigEndian, QLatin1String sizeKey,
                                           quint32 maxHeader)
{
    if (bytes.size() < 4)
        return 0;
    const quint32 n = bigEndian ? qFromBigEndian<quint32>(bytes.data()) : qFromLittleEndian<quint32>(bytes.data());
    if (n == 0 || n > maxHeader)
        return -1;
    if (bytes.size() < 4 + qsizetype(n))
        return 0;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.sliced(4, n).toByteArray());
    if (!doc.isObject())
        return -1;
    const QJsonValue size = doc.object().value(sizeKey);
    qint64 payload = 0;
    if (!size.isUndefined()) {
        const double d = size.toDouble(-1);
        if (d < 0 || d != double(qint64(d)))
            return -1;
        payload = qint64(d);
    }
    return 4 + qint64(n) + payload;
}

FrameDissector::Field FrameDissector::dissectFrame(QByteArrayView wire, qint64 base)
{
    Field frame;
    frame.label = tr("Frame");
    frame.offset = base;
    frame.length = wire.size();
    if (wire.size() < 4) {
        frame.value = tr("incomplete: %n byte(s) of the 4-byte length prefix", nullptr, int(wire.size()));
        return frame;
    }
    const quint32 n = qFromBigEndian<quint32>(wire.data());
    Field prefix;
    prefix.label = tr("Length prefix");
    prefix.value = tr("%1 (header length, 4 bytes big-endian: %2)")
                       .arg(n)
                       .arg(QString::fromLatin1(wire.first(4).toByteArray().toHex(' ')));
    prefix.offset = base;
    prefix.length = 4;
    frame.children.append(prefix);

    Field header;
    header.label = tr("Header");
    header.offset = base + 4;
    const qint64 haveHeader = qMin<qint64>(n, wire.size() - 4);
    header.length = haveHeader;
    if (haveHeader < qint64(n)) {
        header.value = tr("incomplete: %1 of %2 bytes").arg(haveHeader).arg(n);
        frame.children.append(header);
        frame.value = tr("incomplete frame");
        return frame;
    }
    const QByteArrayView json = wire.sliced(4, n);
    header.value = shorten(QString::fromUtf8(json));
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray());
    QList<Member> members;
    qint64 payloadSize = 0;
    QString type;
    if (!doc.isObject() || !scanMembers(json, &members)) {
        header.value = tr("not a JSON object: %1").arg(header.value);
    } else {
        const QJsonObject obj = doc.object();
        type = Protocol::typeOf(obj);
        payloadSize = qMax<qint64>(0, qint64(obj.value(QLatin1String("size")).toDouble(0)));
        for (const Member &m : members) {
            Field f;
            f.key = m.key;
            f.label = m.key;
            const QJsonValue v = obj.value(m.key);
            if (v.isString())
                f.value = shorten(v.toString());
            else
                f.value = shorten(QString::fromUtf8(json.sliced(m.valueOffset, m.valueLength)));
            f.offset = base + 4 + m.offset;
            f.length = m.length;
            header.children.append(f);
        }
    }
    frame.children.append(header);

    const qint64 havePayload = wire.size() - 4 - qint64(n);
    if (payloadSize > 0 || havePayload > 0) {
        Field payload;
        payload.label = tr("Payload");
        payload.offset = base + 4 + n;
        payload.length = qMin(havePayload, payloadSize);
        payload.value = payload.length < payloadSize ? tr("%1 of %2 bytes").arg(payload.length).arg(payloadSize)
                                                     : tr("%n byte(s)", nullptr, int(payloadSize));
        frame.children.append(payload);
    }
    const bool complete = havePayload >= payloadSize;
    frame.value = type.isEmpty() ? QString() : type;
    if (complete)
        frame.length = 4 + n + payloadSize;
    else
        frame.value += QLatin1Char(' ') + tr("(incomplete)");
    frame.value = frame.value.trimmed();
    return frame;
}

} // namespace Switchboard
