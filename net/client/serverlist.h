#pragma once
#include "net/core/endpoint.h"

#include <QList>
#include <QString>

namespace Switchboard {

// Where a client connects: one server, or several nodes of one cluster (docs/CLUSTER.md), and
// which of them it is on now. ClientSession moves to the next node when its connection fails.
class ServerList
{
public:
    ServerList() = default;
    explicit ServerList(const QList<Endpoint> &nodes);

    // "host:port, host:port" (also "host", which takes defaultPort, and "[v6]:port"); commas or
    // white space between them. False, with error, for a bad item or an empty list.
    static bool parse(const QString &text, quint16 defaultPort, QList<Endpoint> *out, QString *error = nullptr);

    bool isEmpty() const { return m_nodes.isEmpty(); }
    int size() const { return int(m_nodes.size()); }
    QList<Endpoint> nodes() const { return m_nodes; }
    // The node in use (an empty Endpoint for an empty list).
    Endpoint current() const { return m_nodes.value(m_index); }
    int currentIndex() const { return m_index; }
    // Moves on to the next node, after the last back to the first.
    void advance();
    // What an account is bound to: the one node's "host:port", or every node's, sorted and
    // joined by ',' (the same cluster whichever node the client is on).
    QString identity() const;

private:
    QList<Endpoint> m_nodes;
    int m_index = 0;
};

} // namespace Switchboard
