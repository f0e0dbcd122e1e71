#pragma once
#include <QHostAddress>
#include <QString>

namespace Switchboard {

// "HOST:PORT", "[v6]:PORT" or "PORT" (host defaults to 127.0.0.1).
struct Endpoint
{
    QString host;
    quint16 port = 0;

    static bool parse(const QString &text, Endpoint *out, QString *error = nullptr);
    QString toString() const; // brackets around IPv6 literals
    static QString format(const QHostAddress &address, quint16 port);
};

} // namespace Switchboard
