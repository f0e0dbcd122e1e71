#pragma once
// Routes incoming frames by "type" to handlers that receive the decoded message. The server
// (ChatServer, Peer = ServerSession) and the client (ChatClient, Peer = ChatClient) both route
// with it; replies to a client's own requests are matched by id in a RequestTable before any
// type route is consulted.

#include "frame.h"
#include "messages.h"

#include <QHash>
#include <QString>

#include <functional>

namespace Switchboard {

template <class Peer>
class Router
{
public:
    using RawHandler = std::function<void(Peer &, const Frame &)>;
    using InvalidHandler = std::function<void(Peer &, const Frame &, const Protocol::DecodeError &)>;

    struct Route
    {
        RawHandler handler;
        int flags = 0; // meaning is the owner's (the server marks routes that need a login)
    };

    // Decodes frames of type M::Type into M and calls handler(peer, message, frame); a frame that
    // does not decode goes to the invalid handler instead. A later route for a type replaces the
    // earlier one.
    template <class M, class F>
    void on(F handler, int flags = 0)
    {
        add(QString(M::Type), [this, handler](Peer &peer, const Frame &frame) {
            Protocol::Decoded<M> m = M::fromJson(frame.header);
            if (!m) {
                if (m_invalid)
                    m_invalid(peer, frame, m.error());
                return;
            }
            handler(peer, m.value(), frame);
        }, flags);
    }

    void add(const QString &type, RawHandler handler, int flags = 0) { m_routes.insert(type, Route{std::move(handler), flags}); }
    void remove(const QString &type) { m_routes.remove(type); }
    void setInvalidHandler(InvalidHandler handler) { m_invalid = std::move(handler); }

    const Route *find(const QString &type) const
    {
        const auto it = m_routes.constFind(type);
        return it == m_routes.constEnd() ? nullptr : &it.value();
    }

    // Calls the route of the frame's type; false when there is none.
    bool route(Peer &peer, const Frame &frame) const
    {
        const Route *r = find(frame.type());
        if (!r)
            return false;
        r->handler(peer, frame);
        return true;
    }

private:
    QHash<QString, Route> m_routes;
    InvalidHandler m_invalid;
};

} // namespace Switchboard
