#include "uploader.h"

#include "net/client/chatclient.h"
#include "net/protocol/protocol.h"
#include "streamhasher.h"
#include "transferprotocol.h"

#include <QFileInfo>

namespace Switchboard {

using namespace TransferProtocol;

Uploader::Uploader(ChatClient *client, const QString &filePath, QObject *parent)
    : Transfer(client, parent)
    , m_path(filePath)
{
    setDisplayName(QFileInfo(filePath).fileName());
    setTotal(QFileInfo(filePath).size());
    if (client) {
        connect(client, &ChatClient::frameReceived, this, &Uploader::onFrame);
        connect(client, &ChatClient::disconnected, this, &Uploader::onDisconnected);
    }
}

Uploader::~Uploader() = default;

void Uploader::start()
{
    if (isBusy() || state() == State::Finished)
        return;
    clearError();
    m_offerId = m_endId = m_uploadId = 0;
    m_bytesSent = 0;
    const QFileInfo fi(m_path);
    if (!fi.isFile() || !fi.isReadable()) {
        fail(ErrorCode::LocalIo, tr("Cannot read %1.").arg(m_path));
        return;
    }
    setTotal(fi.size());
    if (!m_hash.isEmpty() && fi.size() == m_hashedSize && fi.lastModified() == m_hashedMtime) {
        offer();
        return;
    }
    // Checksum first (the offer carries it), on the worker pool.
    setState(State::Hashing);
    delete m_hasher;
    m_hasher = new StreamHasher(this);
    const qint64 size = fi.size();
    const QDateTime mtime = fi.lastModified();
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

void Uploader::offer()
{
    ChatClient *c = client();
    if (!c || c->state() != ChatClient::State::Ready) {
        fail(ErrorCode::Disconnected, tr("Not connected to a server."));
        return;
    }
    QJsonObject h{{QStringLiteral("type"), Type::UploadOffer},
                  {Field::Name, m_remoteName.isEmpty() ? QFileInfo(m_path).fileName() : m_remoteName},
                  {Field::FileSize, double(bytesTotal())},
                  {Field::Hash, m_hash}};
    if (!m_room.isEmpty())
        h.insert(Field::Room, m_room);
    else
        h.insert(Field::To, m_recipient);
    setState(State::Waiting);
    m_offerId = c->sendRequest(h);
    if (m_offerId == 0)
        fail(ErrorCode::Disconnected, tr("Not connected to a server."));
}

void Uploader::onFrame(const Frame &frame)
{
    const QString type = frame.type();
    const QJsonObject &h = frame.header;
    const qint64 id = h.value(Field::Id).toInteger(0);
    const qint64 upload = h.value(Field::Upload).toInteger(0);
    const bool mine = (id != 0 && (id == m_offerId || id == m_endId)) || (m_uploadId != 0 && upload == m_uploadId);
    if (!mine)
        return;

    if (type == Protocol::Type::Error) {
        if (state() == State::Cancelled || state() == State::Failed)
            return;
        stopWork();
        m_uploadId = 0;
        fail(h.value(QLatin1String("code")).toString(), h.value(QLatin1String("message")).toString());
        return;
    }
    if (type == Type::UploadAccept && id == m_offerId && state() == State::Waiting) {
        m_uploadId = upload;
        m_offset = h.value(Field::Offset).toInteger(0);
        m_flow = SendWindow(windowLimits());
        m_flow.reset(m_offset);
        m_resumeOffset = m_offset;
        m_chunk = effectiveChunkSize(h.value(Field::Chunk).toInteger(0));
        if (m_offset < 0 || m_offset > bytesTotal()) {
            abandon(Protocol::ErrorCode::BadRequest, tr("The server asked for an impossible offset."));
            return;
        }
        m_file.setFileName(m_path);
        if (!m_file.open(QIODevice::ReadOnly) || !m_file.seek(m_offset)) {
            abandon(ErrorCode::LocalIo, tr("Cannot read %1: %2").arg(m_path, m_file.errorString()));
            return;
        }
        resetRate();
        setState(State::Running);
        setDone(m_offset, true);
        watchConnection();
        pump();
        return;
    }
    if (type == Type::UploadAck && upload == m_uploadId) {
        const qint64 offset = h.value(Field::Offset).toInteger(0);
        if (offset <= m_offset)
            m_flow.acked(offset);
        pump();
        return;
    }
    if (type == Type::UploadDone && upload == m_uploadId) {
        stopWork();
        m_fileId = h.value(Field::File).toInteger(0);
        m_finalName = h.value(Field::Name).toString();
        setState(State::Finished);
        setDone(bytesTotal(), true);
        emit finished(m_fileId);
        emit completed();
    }
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
    while (state() == State::Running && m_offset < total && m_flow.canSend(m_offset)
           && conn->bytesToWrite() < unsentLimit()) {
        const qint64 n = qMin<qint64>(m_chunk, total - m_offset);
        const QByteArray data = m_file.read(n);
        if (data.size() != n) {
            m_pumping = false;
            abandon(ErrorCode::FileChanged, tr("%1 changed or became unreadable during the upload.").arg(m_path));
            return;
        }
        const QJsonObject h{{QStringLiteral("type"), Type::UploadChunk},
                            {Field::Upload, double(m_uploadId)},
                            {Field::Offset, double(m_offset)}};
        if (c->sendRequest(h, data) == 0)
            break;
        m_offset += n;
        m_bytesSent += n;
        m_flow.sent(m_offset);
        setDone(m_offset);
    }
    m_pumping = false;
    if (state() == State::Running && m_offset >= total) {
        m_file.close();
        unwatchConnection();
        setState(State::Verifying);
        m_endId = c->sendRequest(QJsonObject{{QStringLiteral("type"), Type::UploadEnd}, {Field::Upload, double(m_uploadId)}});
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
    if (m_uploadId != 0 && m_file.isOpen() && c && c->state() == ChatClient::State::Ready) {
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
        c->sendRequest(QJsonObject{{QStringLiteral("type"), Type::UploadCancel}, {Field::Upload, double(m_uploadId)}});
    stopWork();
    m_uploadId = 0;
    setState(State::Cancelled);
}

void Uploader::abandon(const QString &code, const QString &message)
{
    ChatClient *c = client();
    if (m_uploadId != 0 && c && c->state() == ChatClient::State::Ready)
        c->sendRequest(QJsonObject{{QStringLiteral("type"), Type::UploadCancel}, {Field::Upload, double(m_uploadId)}});
    stopWork();
    m_uploadId = 0;
    fail(code, message);
}

void Uploader::stopWork()
{
    if (m_hasher) {
        m_hasher->disconnect(this);
        m_hasher->deleteLater();
        m_hasher = nullptr;
    }
    m_file.close();
    unwatchConnection();
}

void Uploader::onDisconnected()
{
    m_uploadId = 0;
    m_file.close();
    if (state() == State::Paused)
        return; // resume() offers again
    if (state() == State::Waiting || state() == State::Running || state() == State::Verifying) {
        stopWork();
        fail(ErrorCode::Disconnected, tr("The connection was lost; start the upload again to resume it."));
    }
}

} // namespace Switchboard
