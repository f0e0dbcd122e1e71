#pragma once
#include <QString>

namespace Switchboard {

// What a service needs to know of the accounts: whether one exists. UserStore is one; a
// service given a UserDirectory knows nothing else of where accounts live.
class UserDirectory
{
public:
    virtual ~UserDirectory() = default;
    virtual bool userExists(const QString &name) const = 0;
};

} // namespace Switchboard
