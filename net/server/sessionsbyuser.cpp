#include "sessionsbyuser.h"

namespace Switchboard {

void SessionsByUser::setUser(ServerSession *session, const QString &user)
{
    const auto it = m_userOf.find(session);
    if (it != m_userOf.end()) {
        if (*it == user)
            return;
        const auto list = m_byUser.find(*it);
        if (list != m_byUser.end()) {
            list->removeOne(session);
            if (list->isEmpty())
                m_byUser.erase(list);
        }
        m_userOf.erase(it);
    }
    if (user.isEmpty())
        return;
    m_userOf.insert(session, user);
    m_byUser[user].append(session);
}

} // namespace Switchboard
