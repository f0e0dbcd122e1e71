#include "headerbudget.h"

#include "frameencoder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Switchboard {

HeaderBudget::HeaderBudget(qint64 limit, const QJsonObject &base, qint64 reserve)
    : m_limit(limit)
    , m_used(FrameEncoder::headerBytes(base).size() + reserve)
{
}

qint64 HeaderBudget::jsonSize(const QJsonValue &value)
{
    // A value alone is not a document: measure it as the only item of an array, minus "[]".
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).size() - 2;
}

bool HeaderBudget::take(const QJsonValue &item, int array)
{
    Q_ASSERT(array >= 0 && array < 4);
    const qint64 cost = jsonSize(item) + (m_counts[array] > 0 ? 1 : 0);
    if (m_used + cost > m_limit)
        return false;
    m_used += cost;
    ++m_counts[array];
    return true;
}

} // namespace Switchboard
