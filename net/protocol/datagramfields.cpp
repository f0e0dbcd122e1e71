#include "datagramfields.h"

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

} // namespace Switchboard::DatagramFields
