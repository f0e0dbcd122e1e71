#pragma once
// A plain QTcpSocket peer that collects everything it reads (for raw TCP tests: the socket lab).
#include <QTcpSocket>

#include <memory>

namespace Switchboard::Test {

struct CollectingSocket
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray received;
    CollectingSocket()
    {
        QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(), [this] { received += socket->readAll(); });
    }
};

} // namespace Switchboard::Test
