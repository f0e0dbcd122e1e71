#pragma once
#include <QJsonObject>
#include <QJsonValue>

namespace Switchboard {

// Counts the bytes of a compact JSON header while items are added to its arrays, so that a reply
// can be cut to the header size the peer announced (hello "maxHeader", docs/PROTOCOL.md section
// 1, "Replies the peer can take"). Start from the reply with its arrays empty and every optional
// member it may end up with already set (a "more" flag, say); `reserve` covers what is not (a
// "next" cursor). The count is exact for QJsonDocument's compact form, which is what
// FrameEncoder writes: an item adds its own JSON text, and a comma unless it is first.
class HeaderBudget
{
public:
    HeaderBudget(qint64 limit, const QJsonObject &base, qint64 reserve = 0);

    // Adds item to array number `array` (0, 1, ... as the caller numbers them) if the header
    // still fits; false (and nothing counted) when it would not.
    bool take(const QJsonValue &item, int array = 0);
    qint64 used() const { return m_used; }
    qint64 limit() const { return m_limit; }

    static qint64 jsonSize(const QJsonValue &value);

private:
    qint64 m_limit;
    qint64 m_used;
    int m_counts[4] = {0, 0, 0, 0};
};

} // namespace Switchboard
