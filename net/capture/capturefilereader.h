#pragma once
// Reads packets from a pcap or pcapng file one at a time, holding only the current block in
// memory, so a capture of any size can be imported with progress (CaptureImport).

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QString>
#include <QVector>

namespace Switchboard {

class CaptureFileReader
{
    Q_DECLARE_TR_FUNCTIONS(CaptureFileReader)
public:
    // Larger captured packets are taken as a damaged file (tcpdump's own limit is 256 KiB).
    static constexpr qint64 MaxPacket = 1 << 20;

    enum class Format { Unknown, Pcap, Pcapng };
    struct Packet
    {
        quint32 linkType = 0;
        qint64 timeUs = 0; // microseconds since the Unix epoch
        quint32 originalLength = 0;
        QByteArray data;
        QString comment;
    };

    // Opens the file and reads its first header; false with errorString() when it is neither format.
    bool open(const QString &path);
    // The same on an open device (not owned), read from its current position.
    bool open(QIODevice *device);
    // The next packet; false at the end of the file or on damage (then errorString() is set).
    bool next(Packet *packet);

    Format format() const { return m_format; }
    QString errorString() const { return m_error; }
    qint64 position() const { return m_device ? m_device->pos() : 0; }
    qint64 size() const { return m_device ? m_device->size() : 0; }
    // Packets with a link type PacketDecoder does not read are still returned; this counts them.
    qint64 packetsRead() const { return m_packets; }

private:
    struct Interface
    {
        quint32 linkType = 0;
        // Timestamp units per second (if_tsresol; 10^6 by default).
        qint64 unitsPerSecond = 1000000;
    };
    bool fail(const QString &message);
    bool readExactly(char *to, qint64 n);
    bool readPcapHeader(const QByteArray &first);
    bool nextPcap(Packet *packet);
    bool nextPcapng(Packet *packet);
    quint16 u16(const char *p) const;
    quint32 u32(const char *p) const;
    static qint64 toMicroseconds(quint64 time, qint64 unitsPerSecond);

    QFile m_file;                  // when opened by path
    QIODevice *m_device = nullptr; // what is read: m_file or the caller's
    Format m_format = Format::Unknown;
    bool m_bigEndian = false;
    bool m_nanoseconds = false;       // pcap: the timestamps' fraction is nanoseconds
    quint32 m_pcapLinkType = 0;
    QVector<Interface> m_interfaces;  // pcapng: of the current section
    QByteArray m_block;
    qint64 m_packets = 0;
    QString m_error;
};

} // namespace Switchboard
