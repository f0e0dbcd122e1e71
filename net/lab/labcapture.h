#pragma once
// How the socket lab reports its traffic to the packet inspector: one stream per TCP connection
// (chunks in each direction with their stream offsets, so the two-layer view can relate them to
// frames) and one per UDP endpoint (datagrams).

#include "net/capture/capturerecord.h"

#include <QAbstractSocket>

namespace Switchboard {

class LabCapture
{
public:
    LabCapture(); // takes a fresh id from the connections' counter

    quint64 id() const { return m_id; }
    void setSink(CaptureSink *sink) { m_sink = sink; }
    CaptureSink *sink() const { return m_sink; }

    // A TCP chunk as read from (In) or written to (Out) the socket.
    void chunk(CaptureRecord::Direction direction, const QAbstractSocket *socket, const QByteArray &bytes);
    // A UDP datagram received from or sent to peer.
    void datagram(CaptureRecord::Direction direction, const QAbstractSocket *socket, const QHostAddress &peer,
                  quint16 peerPort, const QByteArray &bytes);
    // Connected, closed, refused...
    void event(const QAbstractSocket *socket, const QString &text);

private:
    CaptureRecord base(CaptureRecord::Kind kind, const QAbstractSocket *socket) const;

    quint64 m_id;
    CaptureSink *m_sink = nullptr;
    qint64 m_received = 0;
    qint64 m_sent = 0;
};

} // namespace Switchboard
