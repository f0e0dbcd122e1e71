#include "uploader.h"

#include "net/client/chatclient.h"
#include "chunkreader.h"
#include "streamhasher.h"
#include "transferchannel.h"
#include "transferprotocol.h"

#include <QFileInfo>

namespace Switchboard {

using namespace TransferProtocol;
using namespace Protocol;

Uploader::Uploader(ChatClient *client, const QString &filePath, QObject *parent)
    : Transfer(client, parent)
    , m_path(filePath)
{
    setDisplayName(QFileInfo(filePath).fileName());
    setTotal(QFileInfo(filePath).size());
    if (client)
        connect(client, &ChatClient::disconnected, this, &Uploader::onDisconnected);
}

Uploader::~Uploader() = default;

void Uploader::start()
{
    if (isBusy() || state() == State::Finished)
        return;
    m_restarted = false;
    begin();
}

void Uploader::begin()
{
    clearError();
    setUploadId(0);
    m_bytesSent = 0;
    const QFileInfo fi(m_path);
    if (!fi.isFile() || !fi.isReadable()) {
        fail(ErrorCode::LocalIo, tr("Cannot read %1.").arg(m_path));
        return;
    }
    setTotal(fi.size());
    m_startMtime = fi.lastModified();
    m_hashAtEnd = false;
    if (!m_hash.isEmpty() && fi.size() == m_hashedSize && fi.lastModified() == m_hashedMtime) {
        offer();
        return;
    }
    m_hash.clear();
    ChatClient *c = client();
    if (m_hashWhileSending && c && c->serverHello().transfer && c->serverHello().transfer->hashAtEnd) {
        // No separate pass over the file first: it is hashed while it is sent.
        m_hashAtEnd = true;
        offer();
        return;
    }
    hashFirst();
}

void Uploader::hashFirst()
{
    // Checksum first (the offer carries it), on the worker pool.
    setState(State::Hashing);
    delete m_hasher;
    m_hasher = new StreamHasher(this);
    const qint64 size = bytesTotal();
    const QDateTime mtime = m_startMtime;
    connect(m_hasher, &StreamHasher::progress, this, [this, size](qint64 n) { emit hashProgress(n, size); });
    connect(m_hasher, &StreamHasher::finished, this, [this, size, mtime](const QString &hash) {
        m_hasher->deleteLater();
        m_hasher = nullptr;
        m_hash = hash;
        m_hashedSize = size;
        m_hashedMtime = mtime;
        if (state() == State::Hashing)
            offer();
    });
    connect(m_hasher, &StreamHasher::failed, this, [this](const QString &message) {
        m_hasher->deleteLater();
        m_hasher = nullptr;
        fail(ErrorCode::LocalIo, message);
    });
    m_hasher->addFile(m_path, 0, size);
    m_hasher->finish();
}

void Uploader::endHashed(const QString &hash)
{
    if (QFileInfo(m_path).lastModified() != m_startMtime) {
        abandon(ErrorCode::FileChanged, tr("%1 changed during the upload.").arg(m_path));
        return;
    }
    m_hash = hash;
    m_hashedSize = bytesTotal();
    m_hashedMtime = m_startMtime;
    end(hash);
}

void Uploader::end(const QString &hash)
{
    ChatClient *c = client();
    if (!c)
        return;
    // Verification of a large file takes a while on the server: no timeout beyond the connection's.
    c->request<UploadDone>(UploadEnd{0, m_uploadId, hash}, this, [this](const UploadDone &d, const Frame &) { onDone(d); },
                           [this](const Error &e) { onError(e); }, {}, 0);
}

void Uploader::offer()
{
    ChatClient *c = client();
    if (!c || c->state() != ChatClient::State::Ready) {
        fail(ErrorCode::Disconnected, tr("Not connected to a server."));
        return;
    }
    UploadOffer offer;
    offer.name = m_remoteName.isEmpty() ? QFileInfo(m_path).fileName() : m_remoteName;
    offer.fileSize = bytesTotal();
    offer.hash = m_hash;
    offer.room = m_room;
    offer.to = m_room.isEmpty() ? m_recipient : QString();
    setState(State::Waiting);
    const qint64 id = c->request<UploadAccept>(offer, this, [this](const UploadAccept &a, const Frame &) { onAccept(a); },
                                               [this](const Error &e) { onError(e); });
    if (id == 0)
        fail(ErrorCode::Disconnected, tr("Not connected to a server."));
}

void Uploader::setUploadId(qint64 upload)
{
    ChatClient *c = client();
    if (m_uploadId != 0 && c)
        TransferChannel::of(c)->removeUpload(m_uploadId);
    m_uploadId = upload;
    if (m_uploadId != 0 && c)
        TransferChannel::of(c)->addUpload(m_uploadId, this);
}

void Uploader::onError(const Error &error)
{
    if (state() == State::Cancelled || state() == State::Failed || state() == State::Finished)
        return;
    if (error.code == ErrorCode::Disconnected)
        return; // onDisconnected() reports it
    stopWork();
    setUploadId(0);
    if (error.code == ErrorCode::HashMismatch && m_hashAtEnd && m_resumeOffset > 0 && !m_restarted) {
        // The server resumed a prefix of other data (the file changed since the interrupted
        // attempt) and deleted it: send the whole file again.
        m_restarted = true;
        setState(State::Queued);
        begin();
        return;
    }
    fail(error.code, error.message);
}

void Uploader::onAccept(const UploadAccept &accept)
{
    if (state() != State::Waiting)
        return;
    setUploadId(accept.upload);
    m_offset = accept.offset;
    m_flow = SendWindow(windowLimits());
    m_flow.reset(m_offset);
    m_resumeOffset = m_offset;
    m_chunk = effectiveChunkSize(accept.chunk);
    if (m_offset < 0 || m_offset > bytesTotal()) {
        abandon(ErrorCode::BadReply, tr("The server asked for an impossible offset."));
        return;
    }
    dropReader();
    m_reader = new ChunkReader(this);
    m_chunkCeiling = chunkCeiling(m_chunk);
    // A few chunks read ahead (2 MiB, at least two of the largest): enough to keep the socket fed,
    // flat in file size.
    const qint64 ahead = qMax<qint64>(2 << 20, 2 * qint64(m_chunkCeiling));
    if (!m_reader->start(m_path, m_offset, bytesTotal(), m_flow.chunkSize(m_chunk, m_chunkCeiling), ahead, m_hashAtEnd)) {
        abandon(ErrorCode::LocalIo, tr("Cannot read %1: %2").arg(m_path, m_reader->errorString()));
        return;
    }
    connect(m_reader, &ChunkReader::readyRead, this, &Uploader::pump);
    connect(m_reader, &ChunkReader::failed, this, [this] {
        abandon(ErrorCode::FileChanged, tr("%1 changed or became unreadable during the upload.").arg(m_path));
    });
    resetRate();
    setState(State::Running);
    setDone(m_offset, true);
    watchConnection();
    pump();
}

void Uploader::onAck(const UploadAck &ack)
{
    if (ack.offset <= m_offset) {
        m_flow.acked(ack.offset);
        if (m_reader) // chunks grow with the window on a fast path (FastChunkSize)
            m_reader->setChunkSize(m_flow.chunkSize(m_chunk, m_chunkCeiling));
    }
    pump();
}

void Uploader::onDone(const UploadDone &done)
{
    if (done.upload != m_uploadId)
        return;
    stopWork();
    setUploadId(0);
    m_fileId = done.file.id;
    m_finalName = done.file.name;
    setState(State::Finished);
    setDone(bytesTotal(), true);
    emit finished(m_fileId);
    emit completed();
}

void Uploader::onWritable()
{
    pump();
}

void Uploader::pump()
{
    if (state() != State::Running || m_pumping)
        return;
    ChatClient *c = client();
    Connection *conn = c ? c->connection() : nullptr;
    if (!conn || !conn->isOpen())
        return; // onDisconnected() follows
    m_pumping = true;
    const qint64 total = bytesTotal();
    while (state() == State::Running && m_reader && m_offset < total && m_flow.canSend(m_offset)
           && conn->bytesToWrite() < unsentLimit()) {
        // Read (and hashed) by the reader's thread; the socket queues it by reference.
        const QByteArray data = m_reader->take();
        if (data.isNull())
            break; // readyRead() calls again
        const qint64 n = data.size();
        if (!c->send(UploadChunk{m_uploadId, m_offset}, data))
            break;
        m_offset += n;
        m_bytesSent += n;
        m_flow.sent(m_offset);
        setDone(m_offset);
    }
    m_pumping = false;
    if (state() == State::Running && m_offset >= total) {
        if (m_reader && !m_reader->atEnd())
            return; // still hashing (a resumed prefix): readyRead() calls again
        const QString hash = m_reader ? m_reader->hash() : QString();
        dropReader();
        unwatchConnection();
        setState(State::Verifying);
        if (!m_hashAtEnd)
            end(QString());
        else
            endHashed(hash);
    }
}

void Uploader::pause()
{
    if (state() == State::Running || state() == State::Queued)
        setState(State::Paused);
}

void Uploader::resume()
{
    if (state() != State::Paused)
        return;
    ChatClient *c = client();
    if (m_uploadId != 0 && m_reader && c && c->state() == ChatClient::State::Ready) {
        resetRate();
        setState(State::Running);
        watchConnection();
        pump();
    } else {
        setState(State::Queued);
        start(); // offer again: the server resumes where it stopped
    }
}

void Uploader::cancel()
{
    if (isFinal())
        return;
    ChatClient *c = client();
    if (m_uploadId != 0 && c && c->state() == ChatClient::State::Ready)
        c->request<UploadCancelled>(UploadCancel{0, m_uploadId}, nullptr, [](const UploadCancelled &, const Frame &) {});
    stopWork();
    setUploadId(0);
    setState(State::Cancelled);
}

void Uploader::abandon(ErrorCode code, const QString &message)
{
    ChatClient *c = client();
    if (m_uploadId != 0 && c && c->state() == ChatClient::State::Ready)
        c->request<UploadCancelled>(UploadCancel{0, m_uploadId}, nullptr, [](const UploadCancelled &, const Frame &) {});
    stopWork();
    setUploadId(0);
    fail(code, message);
}

void Uploader::stopWork()
{
    if (m_hasher) {
        m_hasher->disconnect(this);
        m_hasher->deleteLater();
        m_hasher = nullptr;
    }
    dropReader();
    unwatchConnection();
}

void Uploader::dropReader()
{
    if (!m_reader)
        return;
    // Often called from one of the reader's own signals: stop its thread now, delete it later.
    m_reader->disconnect(this);
    m_reader->stop();
    m_reader->deleteLater();
    m_reader = nullptr;
}

void Uploader::onDisconnected()
{
    setUploadId(0);
    dropReader();
    if (state() == State::Paused)
        return; // resume() offers again
    if (state() == State::Waiting || state() == State::Running || state() == State::Verifying) {
        stopWork();
        fail(ErrorCode::Disconnected, tr("The connection was lost; start the upload again to resume it."));
    }
}

} // namespace Switchboard
