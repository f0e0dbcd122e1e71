#pragma once
#include <QString>

namespace Switchboard {

// Who is in which chat room. ChatService is one; TransferService asks it whether a user may
// share a file into a room or download one shared there, and knows nothing else of chat.
class RoomMembership
{
public:
    virtual ~RoomMembership() = default;
    virtual bool isMember(const QString &user, const QString &room) const = 0;
};

} // namespace Switchboard
