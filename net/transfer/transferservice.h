#pragma once
#include "net/protocol/messages.h"
#include "net/core/bufferpool.h"
#include "net/protocol/frame.h"
#include "net/server/roommembership.h"
#include "transferconfig.h"
#include "uploadstore.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <list>
#include <map>
#include <memory>

namespace Switchboard {

class ChatServer;
class RoomMembership;
class ServerSession;
class UserDirectory;

// The server side of file transfer: registers the upload.* and download.* handlers on a
// ChatServer (all require login) and drives the UploadStore it is given.
//
// Permissions: a user may share into a room and download files of a room when the RoomMembership
// says the user is in the room (without one: nobody); a file sent privately can be downloaded by
// its owner and its recipient. Unknown and forbidden files get the same "file_not_found" answer
// so ids reveal nothing. A verified file is announced by fileShared(); announcing it in the chat
// is for whoever composes the server (ServerRuntime connects it to ChatService::shareFile).
//
// Flow control both ways: every stored upload chunk is confirmed with upload.ack, and a download
// keeps only a window (SendWindow: adaptive, steered by queueing delay) unacknowledged by
// download.ack; its next chunk is also queued only while the connection holds less than
// MaxUnsentBytes unsent (continuing on bytesWritten and on acks). Several downloads of one
// session take turns chunk by chunk. Chat frames therefore wait behind about one window of file
// data at most, whatever the kernel buffers could hold.
class TransferService : public QObject
{
    Q_OBJECT
public:
    // The store must outlive the service.
    TransferService(ChatServer *server, UploadStore *store, QObject *parent = nullptr);
    ~TransferService() override;

    // Prepares the store with config and registers the handlers. Call once.
    bool start(const TransferConfig &config, QString *error);
    // A running service takes new sizes, quota and transfer counts (a configuration reload);
    // transfers already open keep going, the new limits apply from the next offer or request.
    void applyLimits(const TransferConfig &config);
    // Both must outlive the service.
    void setRoomMembership(const RoomMembership *rooms) { m_rooms = rooms; }
    // Announces a verified file (the chat's file message) and calls `then` once it is stored and
    // delivered: upload.done follows its announcement (docs/PROTOCOL.md). Unset: upload.done at
    // once. fileShared() is emitted either way.
    using Announcer = std::function<void(const FileInfo &file, std::function<void()> then)>;
    void setAnnouncer(Announcer announcer) { m_announcer = std::move(announcer); }
    // Who may receive a file privately; unset: any non-empty name is accepted.
    void setUserDirectory(const UserDirectory *users) { m_users = users; }

    UploadStore *store() const { return m_store; }
    const TransferConfig &config() const { return m_config; }
    // Whether `user` may download `file`: `done` runs at once, or later on this thread once a
    // private room's record is read (RoomMembership::canSeeFile).
    void canDownload(const QString &user, const FileInfo &file, RoomMembership::Seen done);
    bool canShareInRoom(const QString &user, const QString &room) const;

signals:
    // A verified file was stored: the chat feature announces it in file.room or to file.toUser.
    void fileShared(const Switchboard::FileInfo &file);
    // Each line logged to switchboard.transfer (English), for a GUI's server log.
    void logMessage(const QString &line);

private:
    struct Outgoing;
    struct SessionState;

    template <class M>
    void route(void (TransferService::*method)(ServerSession *, const M &, const Frame &));
    void onOffer(ServerSession *session, const Protocol::UploadOffer &request, const Frame &frame);
    void onChunk(ServerSession *session, const Protocol::UploadChunk &chunk, const Frame &frame);
    void onEnd(ServerSession *session, const Protocol::UploadEnd &request, const Frame &frame);
    // The offer's reservation, once its recipient (if any) is known to exist; holds the session.
    void reserve(ServerSession *session, qint64 id, const UploadStore::Offer &offer);
    // Answers upload.accept (or the offer's error) once the store has reserved the upload.
    void accept(ServerSession *session, qint64 id, const UploadStore::Offer &offer, const UploadStore::Ticket &ticket,
                const TransferError &error);
    void onUploadCancel(ServerSession *session, const Protocol::UploadCancel &request, const Frame &frame);
    void answerCancel(ServerSession *session, qint64 upload, qint64 requestId, bool cancelled);
    void onDownloadRequest(ServerSession *session, const Protocol::DownloadRequest &request, const Frame &frame);
    // The rest of download.request once the file's row is read and whether the user may see it.
    void startDownload(ServerSession *session, const Protocol::DownloadRequest &request, const FileInfo &file,
                       bool allowed);
    void onDownloadCancel(ServerSession *session, const Protocol::DownloadCancel &request, const Frame &frame);
    void onDownloadAck(ServerSession *session, const Protocol::DownloadAck &ack, const Frame &frame);
    void onSessionEnded(ServerSession *session);
    void pump(ServerSession *session);
    SessionState &state(ServerSession *session);
    void log(const QString &line);
    // TooManyTransfers (the account's limit), TransfersFull (the server's) or None.
    Protocol::ErrorCode transferLimit(ServerSession *session) const;
    // True (and the error sent) when a new upload or download would pass a limit.
    bool refuseAtLimit(ServerSession *session, qint64 requestId);
    void uploadFailed(ServerSession *session, qint64 upload, Protocol::ErrorCode code, const QString &message,
                      qint64 requestId);

    QPointer<ChatServer> m_server;
    UploadStore *m_store;
    TransferConfig m_config;
    const RoomMembership *m_rooms = nullptr;
    const UserDirectory *m_users = nullptr;
    Announcer m_announcer;
    QSet<qint64> m_unannounced; // stored, their finish callback not run yet
    std::map<ServerSession *, std::unique_ptr<SessionState>> m_sessions;
    std::map<qint64, ServerSession *> m_uploadSession; // upload id -> session sending it
    qint64 m_nextDownload = 1;
    BufferPool m_buffers{8}; // download chunks, back once the sockets have written them
    bool m_started = false;
};

} // namespace Switchboard
