#include "transferchannel.h"

#include "downloader.h"
#include "net/client/chatclient.h"
#include "uploader.h"

namespace Switchboard {

using namespace Protocol;

TransferChannel *TransferChannel::of(ChatClient *client)
{
    if (auto *existing = client->findChild<TransferChannel *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new TransferChannel(client);
}

TransferChannel::TransferChannel(ChatClient *client)
    : QObject(client)
{
    client->on<UploadAck>(this, [this](const UploadAck &ack, const Frame &) {
        if (Uploader *u = m_uploads.value(ack.upload))
            u->onAck(ack);
    });
    client->on<DownloadChunk>(this, [this](const DownloadChunk &chunk, const Frame &frame) {
        if (Downloader *d = m_downloads.value(chunk.download))
            d->onChunk(chunk, frame.payload);
    });
    client->on<DownloadEnd>(this, [this](const DownloadEnd &end, const Frame &) {
        if (Downloader *d = m_downloads.value(end.download))
            d->onEnd(end);
    });
    connect(client, &ChatClient::serverError, this, &TransferChannel::onError);
}

void TransferChannel::addUpload(qint64 upload, Uploader *uploader)
{
    m_uploads.insert(upload, uploader);
}

void TransferChannel::removeUpload(qint64 upload)
{
    m_uploads.remove(upload);
}

void TransferChannel::addDownload(qint64 download, Downloader *downloader)
{
    m_downloads.insert(download, downloader);
}

void TransferChannel::removeDownload(qint64 download)
{
    m_downloads.remove(download);
}

void TransferChannel::onError(const Error &error)
{
    if (error.upload > 0) {
        if (Uploader *u = m_uploads.value(error.upload))
            u->onError(error);
    } else if (error.download > 0) {
        if (Downloader *d = m_downloads.value(error.download))
            d->onError(error);
    }
}

} // namespace Switchboard
