#pragma once
#include "net/protocol/messages.h"
#include "transfer.h"

#include <QPointer>

namespace Switchboard {

class ChunkWriter;

// Downloads one file through a ChatClient into a ".part" file, and moves it into place only after
// size and XXH3-128 hash match. A ChunkWriter writes and hashes the data on a thread of its own, so
// the owner's thread (a GUI thread) never waits for the disk; a chunk is acknowledged once it is in
// the file. A ".part" left by an interrupted download is resumed (its prefix is re-hashed too).
//
// Into a directory: the server's name, sanitized again here, made unique ("name (1).ext") so an
// existing file is never overwritten. Into an explicit file path: that file is replaced.
class Downloader : public Transfer
{
    Q_OBJECT
public:
    Downloader(ChatClient *client, qint64 fileId, QObject *parent = nullptr);
    ~Downloader() override;

    void setDestinationDirectory(const QString &dir);
    void setDestinationFile(const QString &path);
    // Shown until the server tells the real name.
    void setNameHint(const QString &name) { setDisplayName(name); }
    // Writes each chunk at once in the owner's thread (hashing still on the pool): for a client
    // with no UI to keep responsive (the CLI); one thread hop less per chunk. Before start().
    void setWriteInline(bool on) { m_writeInline = on; }
    // Data received and not yet in the file, beyond which the server is not waiting for the acks
    // (its window is at most 32 MiB): the download fails rather than queue more.
    static constexpr qint64 MaxUnstoredBytes = 64 * 1024 * 1024;

    qint64 fileId() const { return m_fileId; }
    FileInfo fileInfo() const { return m_info; }
    QString partPath() const;
    QString savedPath() const { return m_savedPath; }
    qint64 resumeOffset() const { return m_resumeOffset; }
    qint64 bytesReceived() const { return m_bytesReceived; } // payload bytes of the last run
    // Bytes received and not yet in the file (waiting for the disk).
    qint64 unstoredBytes() const;

public slots:
    void start() override;
    void pause() override;
    void resume() override;
    void cancel() override;

signals:
    void finished(const QString &savedPath);

private:
    friend class TransferChannel; // delivers this download's chunks, end and errors
    void setDownloadId(qint64 download);
    void onBegin(const Protocol::DownloadBegin &begin);
    void onChunk(const Protocol::DownloadChunk &chunk, const QByteArray &payload);
    void onEnd(const Protocol::DownloadEnd &end);
    void onError(const Protocol::Error &error);
    void onDisconnected();
    void onStored(qint64 bytes);
    void onHashed(const QString &hash);
    void openAndRequest(); // start() once the last run's writer is gone
    void stopWork(bool tellServer);
    bool moveIntoPlace(QString *error);
    void restartFromZero();

    qint64 m_fileId;
    QString m_dir;
    QString m_file;
    FileInfo m_info;
    QString m_endHash;
    ChunkWriter *m_writer = nullptr;
    QPointer<ChunkWriter> m_retiring; // the last run's, finishing its last write
    QMetaObject::Connection m_afterRetired;
    bool m_writeInline = false;
    qint64 m_requestId = 0;
    qint64 m_downloadId = 0;
    qint64 m_received = 0;
    qint64 m_resumeOffset = 0;
    qint64 m_bytesReceived = 0;
    QString m_savedPath;
    bool m_retried = false;
};

} // namespace Switchboard
