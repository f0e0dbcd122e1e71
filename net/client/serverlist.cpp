#include "serverlist.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace Switchboard {

ServerList::ServerList(const QList<Endpoint> &nodes)
    : m_nodes(nodes)
{
}

bool ServerList::parse(const QString &text, quint16 defaultPort, QList<Endpoint> *out, QString *error)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    QList<Endpoint> nodes;
    for (const QString &item : text.split(separators, Qt::SkipEmptyParts)) {
        Endpoint e;
        // A bare name or IPv4 address (no colon) takes the default port; "[v6]" alone too. Digits
        // alone are a port on 127.0.0.1, as Endpoint reads them.
        bool number = false;
        item.toUInt(&number);
        const bool bare = !number
            && (!item.contains(QLatin1Char(':')) || (item.startsWith(QLatin1Char('[')) && item.endsWith(QLatin1Char(']'))));
        const QString spec = bare ? item + QLatin1Char(':') + QString::number(defaultPort) : item;
        if (!Endpoint::parse(spec, &e, error))
            return false;
        nodes.append(e);
    }
    if (nodes.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("Endpoint", "No server address given.");
        return false;
    }
    *out = nodes;
    return true;
}

void ServerList::advance()
{
    if (!m_nodes.isEmpty())
        m_index = (m_index + 1) % int(m_nodes.size());
}

QString ServerList::identity() const
{
    QStringList all;
    for (const Endpoint &e : m_nodes)
        all.append(e.toString());
    if (all.size() <= 1)
        return all.value(0);
    all.sort();
    all.removeDuplicates();
    return all.join(QLatin1Char(','));
}

} // namespace Switchboard
