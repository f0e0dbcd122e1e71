#include "datagramfields.h"

#include <QJsonDocument>
#include <QString>
#include <cmath>

namespace Switchboard::DatagramFields {

bool isInteger(const QJsonValue &v, double min, double max)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    // Range first: converting an out-of-range double to an integer is undefined (a fuzz finding).
    return d >= min && d <= max && d == std::floor(d);
}

bool isShortString(const QJsonValue &v, int maxChars, bool allowEmpty)
{
    if (!v.isString())
        return false;
    const QString s = v.toString();
    if (s.size() > maxChars || (!allowEmpty && s.isEmpty()))
        return false;
    for (QChar c : s)
        if (c.category() == QChar::Other_Control)
            return false;
    return true;
}

std::optional<QJsonObject> objectOf(const QByteArray &bytes, int maxBytes, QLatin1String magic, int version)
{
    if (bytes.isEmpty() || bytes.size() > maxBytes || bytes.front() != '{')
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    QJsonObject o = doc.object();
    if (o.value(QStringLiteral("magic")).toString() != magic || !isInteger(o.value(QStringLiteral("v")), version, version))
        return std::nullopt;
    return o;
}

} // namespace Switchboard::DatagramFields
