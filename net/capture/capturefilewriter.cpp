#include "capturefilewriter.h"

#include "capturebuffer.h"
#include "net/core/logging.h"
#include "net/storage/owneronly.h"

namespace Switchboard {

CaptureFileWriter::CaptureFileWriter(QObject *parent)
    : QObject(parent)
{
    m_flushTimer.setInterval(1000);
    connect(&m_flushTimer, &QTimer::timeout, this, &CaptureFileWriter::flush);
}

CaptureFileWriter::~CaptureFileWriter()
{
    close();
}

bool CaptureFileWriter::open(const QString &path, QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen())
        m_file.close();
    m_error.clear();
    m_failed = false;
    m_file.setFileName(path);
    m_writer = PcapngWriter(&m_file);
    // 0600: a capture holds every chat line and file byte that crossed the wire.
    if (!OwnerOnly::open(m_file, QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = tr("Cannot create the capture file %1: %2").arg(path, m_file.errorString());
        if (error)
            *error = m_error;
        return false;
    }
    if (!m_writer.writeHeader() || !m_file.flush()) {
        m_error = m_writer.errorString().isEmpty() ? m_file.errorString() : m_writer.errorString();
        m_file.close();
        if (error)
            *error = m_error;
        return false;
    }
    lock.unlock();
    m_flushTimer.start();
    qCInfo(lcCapture).noquote() << "writing the capture to" << path;
    return true;
}

bool CaptureFileWriter::isOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen();
}

QString CaptureFileWriter::fileName() const
{
    QMutexLocker lock(&m_mutex);
    return m_file.fileName();
}

void CaptureFileWriter::close()
{
    m_flushTimer.stop();
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen()) {
        m_file.flush();
        m_file.close();
        qCInfo(lcCapture).noquote() << "capture file" << m_file.fileName() << "closed," << m_writer.packetsWritten()
                                    << "packets";
    }
    m_dirty = false;
}

void CaptureFileWriter::record(const CaptureRecord &record)
{
    if (record.kind != CaptureRecord::Kind::Chunk && record.kind != CaptureRecord::Kind::Datagram)
        return;
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen() || m_failed)
        return;
    if (!m_writer.write(record)) {
        m_failed = true;
        m_error = m_writer.errorString();
        qCWarning(lcCapture).noquote() << "capture file" << m_file.fileName() << "write failed, capture stopped:" << m_error;
        QMetaObject::invokeMethod(this, [this, error = m_error] { emit writeFailed(error); }, Qt::QueuedConnection);
        return;
    }
    m_dirty = true;
}

void CaptureFileWriter::flush()
{
    QMutexLocker lock(&m_mutex);
    if (m_dirty && m_file.isOpen())
        m_file.flush();
    m_dirty = false;
}

qint64 CaptureFileWriter::packetsWritten() const
{
    QMutexLocker lock(&m_mutex);
    return m_writer.packetsWritten();
}

QString CaptureFileWriter::errorString() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

qint64 CaptureFileWriter::exportBuffer(const CaptureBuffer &buffer, const QString &path, QString *error,
                                       quint64 from, quint64 to,
                                       const std::function<bool(qint64, qint64)> &progress)
{
    QFile file(path);
    if (!OwnerOnly::open(file, QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = tr("Cannot create the capture file %1: %2").arg(path, file.errorString());
        return -1;
    }
    PcapngWriter writer(&file);
    if (!writer.writeHeader()) {
        if (error)
            *error = writer.errorString();
        return -1;
    }
    from = qMax(from, buffer.firstSequence());
    to = qMin(to, buffer.endSequence());
    const qint64 total = to > from ? qint64(to - from) : 0;
    constexpr quint64 Batch = 4096;
    for (quint64 seq = from; seq < to;) {
        const quint64 batchEnd = qMin(to, seq + Batch);
        // Only chunks and datagrams become packets; copy just those (reference counts, no bytes).
        std::vector<std::pair<CaptureBuffer::Entry, CaptureBuffer::Endpoint>> copies;
        buffer.visit(seq, batchEnd, [&](quint64, const CaptureBuffer::Entry &e, const CaptureBuffer::Endpoint &ep, const QString &) {
            if (e.kind == CaptureRecord::Kind::Chunk || e.kind == CaptureRecord::Kind::Datagram)
                copies.emplace_back(e, ep);
        });
        for (const auto &c : copies) {
            if (!writer.write(CaptureBuffer::toRecord(c.first, c.second))) {
                if (error)
                    *error = writer.errorString();
                return -1;
            }
        }
        seq = batchEnd;
        if (progress && !progress(qint64(seq - from), total)) {
            if (error)
                *error = tr("Export cancelled.");
            return -1;
        }
    }
    if (!file.flush()) {
        if (error)
            *error = tr("Could not write the capture file: %1").arg(file.errorString());
        return -1;
    }
    return writer.packetsWritten();
}

} // namespace Switchboard
