#pragma once
// Streams capture records straight to a pcapng file (switchboard-server / switchboard-cli --capture).

#include "capturerecord.h"
#include "pcapngwriter.h"

#include <QFile>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Switchboard {

class CaptureBuffer;

// A CaptureSink writing every Chunk/Datagram record to a pcapng file as it arrives.
// record() is thread-safe; the file is flushed at least once a second (from this object's thread)
// and on close(). Usage:
//     auto capture = std::make_shared<CaptureFileWriter>();
//     if (!capture->open(path, &error)) { ... }   server.setCaptureSink(capture);
class CaptureFileWriter : public QObject, public CaptureSink
{
    Q_OBJECT
public:
    explicit CaptureFileWriter(QObject *parent = nullptr);
    ~CaptureFileWriter() override; // closes

    // Creates (truncates) the file and writes the pcapng header.
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const;
    QString fileName() const;
    void close();

    void record(const CaptureRecord &record) override;

    qint64 packetsWritten() const;
    // The first write error, if any (writing stops after it).
    QString errorString() const;

    // Writes the stored records of a buffer numbered [from, to) to a pcapng file. Safe to run in
    // a worker thread (the buffer is read in batches under its lock). progress(done, total) may
    // return false to cancel. Returns the number of packets written, or -1 on error.
    static qint64 exportBuffer(const CaptureBuffer &buffer, const QString &path, QString *error = nullptr,
                               quint64 from = 0, quint64 to = ~quint64(0),
                               const std::function<bool(qint64, qint64)> &progress = {});

signals:
    // Writing failed (disk full...); nothing more is written. Emitted in this object's thread.
    void writeFailed(const QString &error);

private:
    void flush();

    mutable QMutex m_mutex;
    QFile m_file;
    PcapngWriter m_writer;
    QString m_error;
    bool m_dirty = false;
    bool m_failed = false;
    QTimer m_flushTimer;
};

} // namespace Switchboard
