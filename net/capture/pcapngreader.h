#pragma once
// Reads back what PcapngWriter writes (tests, tools): pcapng blocks and the synthesized headers.

#include "packetdecoder.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QString>

class QIODevice;

namespace Switchboard {

// A small pcapng reader: section header, interface description, enhanced and simple packet blocks;
// other blocks are skipped. Either byte order. Plus a decoder for Ethernet/IPv4/IPv6/TCP/UDP.
class PcapngReader
{
    Q_DECLARE_TR_FUNCTIONS(PcapngReader)
public:
    struct Packet
    {
        quint32 interfaceId = 0;
        qint64 timeUs = 0; // assuming the interface's resolution is microseconds (the default)
        quint32 originalLength = 0;
        QByteArray data;
        QString comment;
    };

    using Decoded = PacketDecoder::Decoded;

    // Reads every packet of the device (all sections). False on malformed input; see errorString().
    bool read(QIODevice *device);
    bool readFile(const QString &path);

    const QList<Packet> &packets() const { return m_packets; }
    QList<quint16> linkTypes() const { return m_linkTypes; }
    QString applicationName() const { return m_application; }
    QString errorString() const { return m_error; }

    // Decodes an Ethernet frame carrying IPv4/IPv6 and TCP/UDP (PacketDecoder).
    static Decoded decode(const QByteArray &ethernetFrame);

private:
    bool fail(const QString &message);

    QList<Packet> m_packets;
    QList<quint16> m_linkTypes;
    QString m_application;
    QString m_error;
};

} // namespace Switchboard
