#pragma once
#include "net/protocol/messages.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Switchboard {

class ChatClient;
class Downloader;
class Uploader;

// The client side of the transfer streams on one ChatClient: routes upload.ack, download.chunk,
// download.end and the transfer errors that answer no request (they carry "upload"/"download")
// to the one Uploader or Downloader that owns that id, so each transfer sees only its own
// frames. Replies to a transfer's own requests (offer, end, cancel, download.request) reach it
// through the request table directly.
class TransferChannel : public QObject
{
    Q_OBJECT
public:
    // The channel of this client (created on first use, a child of the client).
    static TransferChannel *of(ChatClient *client);

    void addUpload(qint64 upload, Uploader *uploader);
    void removeUpload(qint64 upload);
    void addDownload(qint64 download, Downloader *downloader);
    void removeDownload(qint64 download);

private:
    explicit TransferChannel(ChatClient *client);
    void onError(const Protocol::Error &error);

    QHash<qint64, QPointer<Uploader>> m_uploads;
    QHash<qint64, QPointer<Downloader>> m_downloads;
};

} // namespace Switchboard
