#pragma once
#include "net/protocol/messages.h"

#include <QString>

namespace Switchboard {

// Who is in which chat room. ChatService is one; TransferService asks it whether a user may
// share a file into a room or download one shared there, and knows nothing else of chat.
class RoomMembership
{
public:
    virtual ~RoomMembership() = default;
    virtual bool isMember(const QString &user, const QString &room) const = 0;
    // Whether the user may download a file shared in a room (file.room): a member of a private
    // room sees only what was posted after they were added, unless the owner shared more.
    virtual bool canSeeFile(const QString &user, const FileInfo &file) const { return isMember(user, file.room); }
};

} // namespace Switchboard
