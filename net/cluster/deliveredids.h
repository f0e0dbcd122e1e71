#pragma once
// The message ids a clustered node has delivered to its own sessions (live from Redis, locally
// while degraded, or replayed from storage), so that a message replayed after a cut and then
// received live too (or the other way round) goes out once (docs/CLUSTER.md, "When Redis goes
// away"). Bounded: the newest Capacity ids are kept; every id at or below floor() counts as
// delivered, so a replay reads the messages above floor() and skips the ids kept here.
//
// The ids come from one database sequence, increasing in the order the inserts ran; live delivery
// may interleave two nodes' ids slightly out of numeric order (and a transaction may commit after
// a later one), which is why the floor trails the newest id by Capacity ids instead of being the
// newest id itself.

#include <QtGlobal>

#include <set>

namespace Switchboard {

class DeliveredIds
{
public:
    static constexpr int Capacity = 1024;

    // Messages up to `floor` (the newest stored when the node started) are not this node's to
    // deliver: its sessions get them as history.
    explicit DeliveredIds(qint64 floor = 0)
        : m_floor(floor)
    {
    }

    // True the first time `id` is seen: deliver it. False for a repeat (or an id at or below the
    // floor).
    bool firstTime(qint64 id);
    bool contains(qint64 id) const { return id <= m_floor || m_ids.count(id) > 0; }
    qint64 floor() const { return m_floor; }

private:
    std::set<qint64> m_ids; // all above m_floor
    qint64 m_floor;
};

} // namespace Switchboard
