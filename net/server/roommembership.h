#pragma once
#include "net/protocol/messages.h"

#include <QString>

#include <functional>

class QObject;

namespace Switchboard {

// Who is in which chat room. ChatService is one; TransferService asks it whether a user may
// share a file into a room or download one shared there, and knows nothing else of chat.
class RoomMembership
{
public:
    using Seen = std::function<void(bool visible, const QString &error)>;

    virtual ~RoomMembership() = default;
    virtual bool isMember(const QString &user, const QString &room) const = 0;
    // Whether the user may download a file shared in a room (file.room): a member of a private
    // room sees only what was posted after they were added, unless the owner shared more.
    // `done` runs on `receiver`'s thread: at once here; ChatService reads a private room's file
    // message through its storage (PostgreSQL: off the event loop) and answers later, not at all
    // once `receiver` is gone (the membership must outlive it). `error`: the read failed.
    virtual void canSeeFile(const QString &user, const FileInfo &file, QObject *receiver, Seen done) const
    {
        (void)receiver;
        done(isMember(user, file.room), QString());
    }
};

} // namespace Switchboard
