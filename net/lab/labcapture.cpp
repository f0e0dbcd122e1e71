#include "labcapture.h"

#include "net/connection/connection.h"

#include <QDateTime>

namespace Switchboard {

LabCapture::LabCapture()
    : m_id(Connection::newId())
{
}

CaptureRecord LabCapture::base(CaptureRecord::Kind kind, const QAbstractSocket *socket) const
{
    CaptureRecord r;
    r.kind = kind;
    r.connectionId = m_id;
    r.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    r.transport = socket->socketType() == QAbstractSocket::UdpSocket ? CaptureRecord::Transport::Udp
                                                                      : CaptureRecord::Transport::Tcp;
    r.localAddress = socket->localAddress();
    r.localPort = socket->localPort();
    r.peerAddress = socket->peerAddress();
    r.peerPort = socket->peerPort();
    return r;
}

void LabCapture::chunk(CaptureRecord::Direction direction, const QAbstractSocket *socket, const QByteArray &bytes)
{
    qint64 &offset = direction == CaptureRecord::Direction::In ? m_received : m_sent;
    if (m_sink) {
        CaptureRecord r = base(CaptureRecord::Kind::Chunk, socket);
        r.direction = direction;
        r.bytes = bytes;
        r.streamOffset = offset;
        m_sink->record(r);
    }
    offset += bytes.size();
}

void LabCapture::datagram(CaptureRecord::Direction direction, const QAbstractSocket *socket, const QHostAddress &peer,
                          quint16 peerPort, const QByteArray &bytes)
{
    if (!m_sink)
        return;
    CaptureRecord r = base(CaptureRecord::Kind::Datagram, socket);
    r.direction = direction;
    r.peerAddress = peer;
    r.peerPort = peerPort;
    r.bytes = bytes;
    m_sink->record(r);
}

void LabCapture::event(const QAbstractSocket *socket, const QString &text)
{
    if (!m_sink)
        return;
    CaptureRecord r = base(CaptureRecord::Kind::Event, socket);
    r.text = text;
    m_sink->record(r);
}

} // namespace Switchboard
