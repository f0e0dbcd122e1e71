#include "downloader.h"

#include "net/client/chatclient.h"
#include "filenamesanitizer.h"
#include "chunkwriter.h"
#include "transferchannel.h"
#include "transferprotocol.h"
#include "xxh3hasher.h"

#include <QDir>
#include <QFileInfo>

namespace Switchboard {

using namespace TransferProtocol;
using namespace Protocol;

Downloader::Downloader(ChatClient *client, qint64 fileId, QObject *parent)
    : Transfer(client, parent)
    , m_fileId(fileId)
{
    setDisplayName(tr("File %1").arg(fileId));
    if (client)
        connect(client, &ChatClient::disconnected, this, &Downloader::onDisconnected);
}

Downloader::~Downloader() = default;

void Downloader::setDestinationDirectory(const QString &dir)
{
    m_dir = dir;
    m_file.clear();
}

void Downloader::setDestinationFile(const QString &path)
{
    m_file = path;
    m_dir.clear();
}

QString Downloader::partPath() const
{
    if (!m_file.isEmpty())
        return m_file + QStringLiteral(".part");
    return QDir(m_dir.isEmpty() ? QDir::currentPath() : m_dir)
        .filePath(QStringLiteral(".switchboard-%1.part").arg(m_fileId));
}

void Downloader::start()
{
    if (isBusy() || state() == State::Finished)
        return;
    clearError();
    m_requestId = 0;
    setDownloadId(0);
    m_bytesReceived = 0;
    ChatClient *c = client();
    if (!c || c->state() != ChatClient::State::Ready) {
        fail(ErrorCode::Disconnected, tr("Not connected to a server."));
        return;
    }
    stopWork(false);
    setState(State::Waiting);
    if (m_retiring) {
        // The last run's writer is still finishing a write into the .part: open it after that.
        m_afterRetired = connect(m_retiring, &QObject::destroyed, this, &Downloader::openAndRequest);
        return;
    }
    openAndRequest();
}

void Downloader::openAndRequest()
{
    disconnect(m_afterRetired);
    ChatClient *c = client();
    if (state() != State::Waiting || !c)
        return; // paused, cancelled or failed meanwhile
    m_writer = new ChunkWriter(this);
    m_writer->setInline(m_writeInline);
    if (!m_writer->start(partPath())) {
        const QString why = m_writer->errorString();
        stopWork(false);
        fail(ErrorCode::LocalIo, why);
        return;
    }
    m_received = m_writer->startSize(); // a prefix from an earlier run: the writer hashes it first
    m_resumeOffset = m_received;
    connect(m_writer, &ChunkWriter::stored, this, &Downloader::onStored);
    connect(m_writer, &ChunkWriter::finished, this, &Downloader::onHashed);
    connect(m_writer, &ChunkWriter::failed, this, [this](const QString &message) {
        stopWork(true);
        fail(ErrorCode::LocalIo, message);
    });
    m_requestId = c->request<DownloadBegin>(DownloadRequest{0, m_fileId, m_received}, this,
                                            [this](const DownloadBegin &b, const Frame &) { onBegin(b); },
                                            [this](const Error &e) {
                                                if (e.id == m_requestId)
                                                    onError(e);
                                            });
    if (m_requestId == 0)
        fail(ErrorCode::Disconnected, tr("Not connected to a server."));
}

void Downloader::setDownloadId(qint64 download)
{
    ChatClient *c = client();
    if (m_downloadId != 0 && c)
        TransferChannel::of(c)->removeDownload(m_downloadId);
    m_downloadId = download;
    if (m_downloadId != 0 && c)
        TransferChannel::of(c)->addDownload(m_downloadId, this);
}

void Downloader::onError(const Error &error)
{
    if (!isBusy() || error.code == ErrorCode::Disconnected)
        return; // onDisconnected() reports a lost connection
    if (error.code == ErrorCode::BadOffset && m_resumeOffset > 0 && !m_retried) {
        restartFromZero(); // our .part is longer than the file: not this file's
        return;
    }
    stopWork(false);
    fail(error.code, error.message);
}

void Downloader::onBegin(const DownloadBegin &begin)
{
    ChatClient *c = client();
    if (begin.id != m_requestId || state() != State::Waiting) {
        // The answer to a request we gave up on (paused, cancelled): stop it.
        if (c)
            c->send(DownloadCancel{0, begin.download});
        return;
    }
    m_info = begin.file;
    setDownloadId(begin.download);
    setDisplayName(m_info.name);
    setTotal(m_info.size);
    if (begin.offset != m_received) {
        stopWork(true);
        fail(ErrorCode::BadReply, tr("The server started at an unexpected offset."));
        return;
    }
    resetRate();
    setState(State::Running);
    setDone(m_received, true);
}

void Downloader::onChunk(const DownloadChunk &chunk, const QByteArray &payload)
{
    if (state() != State::Running)
        return;
    if (chunk.offset != m_received || m_received + payload.size() > m_info.size) {
        stopWork(true);
        fail(ErrorCode::BadOffset, tr("The server sent data out of order."));
        return;
    }
    if (m_writer->queuedBytes() + payload.size() > MaxUnstoredBytes) {
        // More than any window allows beyond our acks: the server does not wait for them.
        stopWork(true);
        fail(ErrorCode::BadReply, tr("The server sent more than %1 bytes ahead of the acknowledgements.").arg(MaxUnstoredBytes));
        return;
    }
    m_received += payload.size();
    m_bytesReceived += payload.size();
    if (!m_writer->write(payload)) { // inline: written (and onStored() run) before it returns
        const QString why = m_writer->errorString();
        stopWork(true);
        fail(ErrorCode::LocalIo, why);
    }
}

qint64 Downloader::unstoredBytes() const
{
    return m_writer ? m_writer->queuedBytes() : 0;
}

void Downloader::onStored(qint64 bytes)
{
    if (state() != State::Running && state() != State::Verifying)
        return;
    // The absolute offset: bytes of the file we hold, a resumed prefix included. Only what is in
    // the file is acknowledged, so a slow disk slows the server down instead of filling memory.
    if (state() == State::Running)
        client()->send(DownloadAck{m_downloadId, bytes});
    setDone(bytes);
}

void Downloader::onEnd(const DownloadEnd &end)
{
    if (state() != State::Running)
        return;
    m_endHash = end.hash;
    if (m_received != m_info.size) {
        stopWork(false);
        fail(ErrorCode::SizeMismatch, tr("Received %1 of %2 bytes.").arg(m_received).arg(m_info.size));
        return;
    }
    setDownloadId(0);
    setState(State::Verifying);
    setDone(m_writer->storedBytes(), true);
    m_writer->finish(); // stored() up to the end, then finished() with the hash
}

void Downloader::onHashed(const QString &hash)
{
    if (state() != State::Verifying)
        return;
    if (!Xxh3Hasher::sameHash(hash, m_info.hash) || (!m_endHash.isEmpty() && !Xxh3Hasher::sameHash(hash, m_endHash))) {
        if (m_resumeOffset > 0 && !m_retried) {
            restartFromZero(); // the old .part was not a prefix of this file
            return;
        }
        stopWork(false);
        QFile::remove(partPath());
        fail(ErrorCode::HashMismatch, tr("The downloaded data does not match the file's checksum."));
        return;
    }
    QString why;
    if (!moveIntoPlace(&why)) {
        stopWork(false);
        fail(ErrorCode::LocalIo, why);
        return;
    }
    stopWork(false);
    setState(State::Finished);
    emit finished(m_savedPath);
    emit completed();
}

bool Downloader::moveIntoPlace(QString *error)
{
    const QString part = partPath();
    if (!m_file.isEmpty()) {
        if (QFileInfo::exists(m_file) && !QFile::remove(m_file)) {
            *error = tr("Cannot replace %1.").arg(m_file);
            return false;
        }
        if (!QFile::rename(part, m_file)) {
            *error = tr("Cannot move the download to %1.").arg(m_file);
            return false;
        }
        m_savedPath = m_file;
        return true;
    }
    const QDir dir(m_dir.isEmpty() ? QDir::currentPath() : m_dir);
    const QString name = FileNameSanitizer::sanitize(m_info.name);
    // QFile::rename never replaces an existing file; if another one appears between the check and
    // the rename, try the next name.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString candidate = FileNameSanitizer::uniqueName(
            name, [&dir](const QString &n) { return QFileInfo::exists(dir.filePath(n)); });
        const QString target = dir.filePath(candidate);
        if (QFile::rename(part, target)) {
            m_savedPath = target;
            return true;
        }
        if (!QFileInfo::exists(target))
            break;
    }
    *error = tr("Cannot move the download into %1.").arg(dir.path());
    return false;
}

void Downloader::restartFromZero()
{
    m_retried = true;
    stopWork(true);
    QFile::remove(partPath());
    setState(State::Queued);
    start();
}

void Downloader::stopWork(bool tellServer)
{
    ChatClient *c = client();
    if (tellServer && m_downloadId != 0 && c && c->state() == ChatClient::State::Ready)
        c->request<DownloadCancelled>(DownloadCancel{0, m_downloadId}, nullptr, [](const DownloadCancelled &, const Frame &) {});
    setDownloadId(0);
    m_requestId = 0;
    disconnect(m_afterRetired);
    if (m_writer) {
        m_writer->disconnect(this);
        if (m_received == 0)
            QFile::remove(partPath()); // nothing received, so nothing being written: leave no litter
        // Never waits for the disk (a stalled write can take seconds); the writer goes once its
        // last write is done, possibly after returning from its finished() that called this.
        m_retiring = m_writer;
        m_writer->abandon();
        m_writer = nullptr;
    }
}

void Downloader::pause()
{
    if (state() != State::Running && state() != State::Waiting && state() != State::Queued)
        return;
    stopWork(true); // the .part stays; resume() asks for the rest
    setState(State::Paused);
}

void Downloader::resume()
{
    if (state() != State::Paused)
        return;
    setState(State::Queued);
    start();
}

void Downloader::cancel()
{
    if (isFinal())
        return;
    stopWork(true);
    QFile::remove(partPath());
    setState(State::Cancelled);
}

void Downloader::onDisconnected()
{
    if (!isBusy())
        return;
    stopWork(false);
    fail(ErrorCode::Disconnected, tr("The connection was lost; start the download again to resume it."));
}

} // namespace Switchboard
