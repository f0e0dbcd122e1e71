#include "endpoint.h"

#include <QCoreApplication>

namespace Switchboard {

bool Endpoint::parse(const QString &text, Endpoint *out, QString *error)
{
    QString host = QStringLiteral("127.0.0.1");
    QString portText = text.trimmed();
    if (portText.startsWith(QLatin1Char('['))) {
        const int close = portText.indexOf(QLatin1Char(']'));
        if (close < 0 || portText.mid(close + 1, 1) != QLatin1String(":")) {
            if (error)
                *error = QCoreApplication::translate("Endpoint", "Expected [IPv6]:PORT, got \"%1\".").arg(text);
            return false;
        }
        host = portText.mid(1, close - 1);
        portText = portText.mid(close + 2);
    } else if (const int colon = portText.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        if (portText.indexOf(QLatin1Char(':')) != colon) {
            if (error)
                *error = QCoreApplication::translate("Endpoint", "Put IPv6 addresses in brackets: [::1]:PORT.");
            return false;
        }
        host = portText.left(colon);
        portText = portText.mid(colon + 1);
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535 || host.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("Endpoint", "Expected HOST:PORT, got \"%1\".").arg(text);
        return false;
    }
    out->host = host;
    out->port = quint16(port);
    return true;
}

QString Endpoint::toString() const
{
    if (host.contains(QLatin1Char(':')))
        return QStringLiteral("[%1]:%2").arg(host).arg(port);
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

QString Endpoint::format(const QHostAddress &address, quint16 port)
{
    return Endpoint{address.toString(), port}.toString();
}

} // namespace Switchboard
