#pragma once
#include "net/protocol/messages.h"
#include "transfer.h"

#include <QDateTime>

namespace Switchboard {

class ChunkReader;
class StreamHasher;

// Uploads one local file through a ChatClient: offers it (upload.offer), streams upload.chunk
// frames from the offset the server accepts and waits for upload.done. With a server that allows
// it (hello transfer.hashAtEnd) the file is hashed while the chunks go out and the hash travels in
// upload.end, so the file is read once; with an older server (or
// setHashWhileSending(false)) it is hashed on the worker pool first and the offer carries the hash.
// A hashless offer resumes an interrupted upload of the same name and size (PROTOCOL 8.2); should
// the server's prefix come from another version of the file, upload.end's hash fails
// (hash_mismatch, the server deletes it) and the upload starts over from 0, once. Chunks are
// queued only while at most the send window is
// unacknowledged (upload.ack) and the connection holds less than the window unsent, continuing on
// bytesWritten and acks, so memory stays flat and chat frames are not stuck behind the whole file.
// A ChunkReader reads (and hashes) the file on a thread of its own, a few chunks ahead, so the
// owner's thread only hands ready chunks to the socket.
//
// After a failure (e.g. the connection dropped) start() offers the file again and the server
// resumes from what it already has; the checksum is reused if the file did not change.
class Uploader : public Transfer
{
    Q_OBJECT
public:
    Uploader(ChatClient *client, const QString &filePath, QObject *parent = nullptr);
    ~Uploader() override;

    // Where to share: a room, or privately to a user (set exactly one before start()).
    void setRoom(const QString &room) { m_room = room; }
    void setRecipient(const QString &user) { m_recipient = user; }
    QString room() const { return m_room; }
    QString recipient() const { return m_recipient; }
    // The name offered to the server (default: the file's own name).
    void setRemoteName(const QString &name) { m_remoteName = name; }
    void setHashWhileSending(bool on) { m_hashWhileSending = on; }

    QString filePath() const { return m_path; }
    QString hash() const { return m_hash; }
    qint64 uploadId() const { return m_uploadId; }
    qint64 fileId() const { return m_fileId; }
    QString finalName() const { return m_finalName; } // the server's (sanitized, unique) name
    qint64 resumeOffset() const { return m_resumeOffset; } // where the server let the last run start
    qint64 bytesSent() const { return m_bytesSent; }       // payload bytes queued in the last run
    const SendWindow &flow() const { return m_flow; }

public slots:
    void start() override;
    void pause() override;
    void resume() override;
    void cancel() override;

signals:
    void hashProgress(qint64 bytesHashed, qint64 bytesTotal);
    void finished(qint64 fileId);

private:
    friend class TransferChannel; // delivers this upload's acks and errors
    void begin(); // start() without resetting m_restarted
    void offer();
    void hashFirst();
    void endHashed(const QString &hash); // the file was hashed while sent: check it, then end()
    void end(const QString &hash);
    void setUploadId(qint64 upload);
    void onAccept(const Protocol::UploadAccept &accept);
    void onAck(const Protocol::UploadAck &ack);
    void onDone(const Protocol::UploadDone &done);
    void onError(const Protocol::Error &error);
    void onDisconnected();
    void onWritable() override;
    void pump();
    void stopWork();
    void dropReader();
    void abandon(Protocol::ErrorCode code, const QString &message); // tell the server, then fail

    QString m_path;
    QString m_remoteName;
    QString m_room;
    QString m_recipient;
    QString m_hash;
    qint64 m_hashedSize = -1;
    QDateTime m_hashedMtime;
    QDateTime m_startMtime;    // the file's when this run started: a change fails the upload
    bool m_hashWhileSending = true;
    bool m_restarted = false;  // this start() already began again after a resumed prefix failed
    bool m_hashAtEnd = false;  // this run hashes while sending
    StreamHasher *m_hasher = nullptr; // hashFirst() only
    ChunkReader *m_reader = nullptr;  // while this run sends chunks
    qint64 m_uploadId = 0;
    qint64 m_offset = 0;
    SendWindow m_flow;
    qint64 m_resumeOffset = 0;
    qint64 m_bytesSent = 0;
    qint64 m_fileId = 0;
    int m_chunk = 0;        // the smallest chunk: the server's suggestion or setChunkSize()
    int m_chunkCeiling = 0; // the largest (chunkCeiling())
    QString m_finalName;
    bool m_pumping = false;
};

} // namespace Switchboard
