#include "deliveredids.h"

namespace Switchboard {

bool DeliveredIds::firstTime(qint64 id)
{
    if (id <= m_floor || !m_ids.insert(id).second)
        return false;
    while (int(m_ids.size()) > Capacity) {
        m_floor = *m_ids.begin();
        m_ids.erase(m_ids.begin());
    }
    return true;
}

} // namespace Switchboard
