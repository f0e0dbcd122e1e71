#include "downloader.h"

#include "net/client/chatclient.h"
#include "filenamesanitizer.h"
#include "streamhasher.h"
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
    const QString part = partPath();
    m_part.close();
    m_part.setFileName(part);
    if (!m_part.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        fail(ErrorCode::LocalIo, tr("Cannot write %1: %2").arg(part, m_part.errorString()));
        return;
    }
    m_received = m_part.size();
    m_resumeOffset = m_received;
    delete m_hasher;
    m_hasher = new StreamHasher(this);
    m_hasher->setBackingFile(part);
    if (m_received > 0)
        m_hasher->addFile(part, 0, m_received); // the prefix from an earlier run, on the worker
    connect(m_hasher, &StreamHasher::finished, this, &Downloader::onHashed);
    connect(m_hasher, &StreamHasher::failed, this, [this](const QString &message) {
        stopWork(false);
        fail(ErrorCode::LocalIo, message);
    });
    setState(State::Waiting);
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
    if (m_part.write(payload) != payload.size()) {
        const QString why = m_part.errorString();
        m_part.resize(m_received);
        stopWork(true);
        fail(ErrorCode::LocalIo, tr("Cannot write %1: %2").arg(m_part.fileName(), why));
        return;
    }
    m_hasher->addData(payload); // written first: the hasher may re-read it from the file
    m_received += payload.size();
    m_bytesReceived += payload.size();
    // The absolute offset: bytes of the file we hold, a resumed prefix included.
    client()->send(DownloadAck{m_downloadId, m_received});
    setDone(m_received);
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
    m_part.close();
    setDownloadId(0);
    setState(State::Verifying);
    setDone(m_received, true);
    m_hasher->finish();
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
    if (m_part.isOpen()) {
        m_part.close();
        if (QFileInfo(m_part.fileName()).size() == 0)
            QFile::remove(m_part.fileName()); // nothing worth resuming: leave no litter
    }
    if (m_hasher) {
        m_hasher->disconnect(this);
        m_hasher->deleteLater();
        m_hasher = nullptr;
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
