#include "transferservice.h"

#include "net/core/logging.h"
#include "net/server/chatserver.h"
#include "net/server/roommembership.h"
#include "net/server/serversession.h"
#include "net/server/userdirectory.h"
#include "transferprotocol.h"
#include "sendwindow.h"
#include "uploadstore.h"

#include <QFile>
#include <QJsonObject>
#include <QSet>

namespace Switchboard {

using namespace TransferProtocol;
using namespace Protocol;

struct TransferService::Outgoing
{
    qint64 id = 0;
    qint64 requestId = 0;
    FileInfo file;
    std::unique_ptr<QFile> data;
    qint64 offset = 0; // next byte to send
    SendWindow flow;   // bytes in flight, confirmed by download.ack
};

struct TransferService::SessionState
{
    QSet<qint64> uploads;       // uploads this session is sending
    QSet<qint64> deadUploads;   // failed or taken over: their late chunks are dropped silently
    std::list<std::unique_ptr<Outgoing>> downloads; // round robin: front goes next
    QMetaObject::Connection writes;
};


TransferService::TransferService(ChatServer *server, UploadStore *store, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_store(store)
{
    connect(m_store, &UploadStore::fileStored, this, [this](const FileInfo &file) {
        m_unannounced.insert(file.id); // announced in its finish callback, before upload.done
        emit fileShared(file);
    });
}

TransferService::~TransferService()
{
    for (auto &[session, st] : m_sessions)
        QObject::disconnect(st->writes);
}

bool TransferService::start(const TransferConfig &config, QString *error)
{
    if (m_started || !m_server)
        return false;
    m_config = config;
    m_config.chunkSize = qBound(MinChunkSize, m_config.chunkSize, MaxChunkSize);
    m_config.chunkSize = int(qMin<qint64>(m_config.chunkSize, m_server->limits().maxPayloadBytes));
    m_config.maxChunkSize = qBound(m_config.chunkSize, m_config.maxChunkSize, MaxChunkSize);
    m_config.maxChunkSize = int(qMax<qint64>(m_config.chunkSize, qMin<qint64>(m_config.maxChunkSize, m_server->limits().maxPayloadBytes)));
    if (m_config.sendWindow > 0 && m_config.sendWindow < m_config.chunkSize)
        m_config.sendWindow = m_config.chunkSize;
    if (!m_store->prepare(m_config, error))
        return false;
    m_started = true;

    // Handlers hold a guarded pointer: the server may outlive this service.
    route(&TransferService::onOffer);
    route(&TransferService::onChunk);
    route(&TransferService::onEnd);
    route(&TransferService::onUploadCancel);
    route(&TransferService::onDownloadRequest);
    route(&TransferService::onDownloadCancel);
    route(&TransferService::onDownloadAck);
    m_server->helloTemplate().transfer = TransferSettings{HashAlgorithm, m_config.maxFileSize, m_config.userQuota,
                                                          m_config.chunkSize, true};
    connect(m_server, &ChatServer::sessionEnded, this, &TransferService::onSessionEnded);
    return true;
}

void TransferService::applyLimits(const TransferConfig &config)
{
    m_config.maxFileSize = config.maxFileSize;
    m_config.userQuota = config.userQuota;
    m_config.minFreeSpace = config.minFreeSpace;
    m_config.maxOpenTransfers = config.maxOpenTransfers;
    m_config.maxOpenTransfersTotal = config.maxOpenTransfersTotal;
    m_store->setLimits(m_config.maxFileSize, m_config.userQuota);
    if (m_started)
        m_server->helloTemplate().transfer = TransferSettings{HashAlgorithm, m_config.maxFileSize, m_config.userQuota,
                                                              m_config.chunkSize, true};
}

void TransferService::log(const QString &line)
{
    qCInfo(lcTransfer).noquote() << line;
    emit logMessage(line);
}

TransferService::SessionState &TransferService::state(ServerSession *session)
{
    auto &st = m_sessions[session];
    if (!st)
        st = std::make_unique<SessionState>();
    return *st;
}

bool TransferService::canShareInRoom(const QString &user, const QString &room) const
{
    return m_rooms && m_rooms->isMember(user, room);
}

void TransferService::canDownload(const QString &user, const FileInfo &file, RoomMembership::Seen done)
{
    if (!file.isValid() || user.isEmpty())
        done(false, QString());
    else if (file.owner == user)
        done(true, QString());
    else if (!file.toUser.isEmpty())
        done(file.toUser == user, QString());
    else if (file.room.isEmpty() || !m_rooms)
        done(false, QString());
    else
        m_rooms->canSeeFile(user, file, this, std::move(done));
}

template <class M>
void TransferService::route(void (TransferService::*method)(ServerSession *, const M &, const Frame &))
{
    const QPointer<TransferService> self(this);
    m_server->route<M>([self, method](ServerSession &s, const M &m, const Frame &f) {
        if (self)
            (self.data()->*method)(&s, m, f);
    });
}

ErrorCode TransferService::transferLimit(ServerSession *session) const
{
    if (m_config.maxOpenTransfers <= 0 && m_config.maxOpenTransfersTotal <= 0)
        return ErrorCode::None;
    // Every connection of the account counts: each open upload or download holds a file.
    qsizetype mine = 0;
    qsizetype all = 0;
    for (const auto &[s, st] : m_sessions) {
        const qsizetype open = st->uploads.size() + qsizetype(st->downloads.size());
        all += open;
        if (s->user() == session->user())
            mine += open;
    }
    if (m_config.maxOpenTransfers > 0 && mine >= m_config.maxOpenTransfers)
        return ErrorCode::TooManyTransfers;
    if (m_config.maxOpenTransfersTotal > 0 && all >= m_config.maxOpenTransfersTotal)
        return ErrorCode::TransfersFull;
    return ErrorCode::None;
}

bool TransferService::refuseAtLimit(ServerSession *session, qint64 requestId)
{
    switch (transferLimit(session)) {
    case ErrorCode::TooManyTransfers:
        session->sendError(ErrorCode::TooManyTransfers,
                           QStringLiteral("You already have %1 uploads and downloads open; finish or cancel one first.")
                               .arg(m_config.maxOpenTransfers),
                           requestId);
        return true;
    case ErrorCode::TransfersFull:
        session->sendError(ErrorCode::TransfersFull,
                           QStringLiteral("The server has %1 uploads and downloads open; try again later.")
                               .arg(m_config.maxOpenTransfersTotal),
                           requestId);
        return true;
    default:
        return false;
    }
}

void TransferService::uploadFailed(ServerSession *session, qint64 upload, ErrorCode code, const QString &message,
                                   qint64 requestId)
{
    SessionState &st = state(session);
    st.uploads.remove(upload);
    st.deadUploads.insert(upload);
    if (m_uploadSession[upload] == session)
        m_uploadSession.erase(upload);
    Error e = Error::make(code, message, requestId);
    e.upload = upload;
    session->send(e);
}

void TransferService::onOffer(ServerSession *session, const UploadOffer &request, const Frame &)
{
    const qint64 id = request.id;
    UploadStore::Offer offer;
    offer.owner = session->user();
    offer.name = request.name;
    offer.size = request.fileSize;
    offer.hash = request.hash;
    offer.room = request.room;
    offer.toUser = request.to;
    if (!offer.room.isEmpty() && !canShareInRoom(offer.owner, offer.room)) {
        session->sendError(ErrorCode::NotInRoom, QStringLiteral("You are not in the room \"%1\".").arg(offer.room), id);
        return;
    }
    if (refuseAtLimit(session, id))
        return;
    // The recipient is looked up through the directory's storage (PostgreSQL: off the event
    // loop); the session's next frames wait for it and then for the reservation.
    if (!offer.toUser.isEmpty() && m_users && m_server) {
        m_users->requireUser(m_server, this, *session, id, offer.toUser,
                             [this, id, offer](ServerSession &s) { reserve(&s, id, offer); });
        return;
    }
    reserve(session, id, offer);
}

void TransferService::reserve(ServerSession *session, qint64 id, const UploadStore::Offer &offer)
{
    // The reservation is looked up and stored through the store's storage (PostgreSQL: off the
    // event loop); the session's next frames wait for the answer.
    const QPointer<ServerSession> guard(session);
    m_server->hold(session);
    m_store->begin(offer, [this, guard, id, offer](const UploadStore::Ticket &ticket, const TransferError &error) {
        ServerSession *s = guard.data();
        if (s && s->state() != ServerSession::State::Closing)
            accept(s, id, offer, ticket, error);
        else if (!error.isError()) // the session ended while it waited: kept for a resume
            m_store->suspend(ticket.upload);
        if (s && m_server)
            m_server->release(s);
    });
}

void TransferService::accept(ServerSession *session, qint64 id, const UploadStore::Offer &offer,
                             const UploadStore::Ticket &ticket, const TransferError &error)
{
    if (error.isError()) {
        session->sendError(error.code, error.message, id);
        return;
    }
    // A resume may take the upload over from a session that has not noticed its client is gone.
    const auto previous = m_uploadSession.find(ticket.upload);
    if (previous != m_uploadSession.end() && previous->second != session) {
        SessionState &old = state(previous->second);
        old.uploads.remove(ticket.upload);
        old.deadUploads.insert(ticket.upload);
    }
    m_uploadSession[ticket.upload] = session;
    SessionState &st = state(session);
    st.uploads.insert(ticket.upload);
    st.deadUploads.remove(ticket.upload);

    session->send(UploadAccept{id, ticket.upload, ticket.offset, ticket.name, m_config.chunkSize});
    if (ticket.resumed)
        log(QStringLiteral("%1 resumes upload %2 (%3) at byte %4")
                .arg(offer.owner).arg(ticket.upload).arg(ticket.name).arg(ticket.offset));
}

void TransferService::onChunk(ServerSession *session, const UploadChunk &chunk, const Frame &frame)
{
    const qint64 upload = chunk.upload;
    const qint64 offset = chunk.offset;
    const qint64 id = idOf(frame.header);
    SessionState &st = state(session);
    if (!st.uploads.contains(upload)) {
        if (!st.deadUploads.contains(upload)) // report once, then drop the rest quietly
            uploadFailed(session, upload, ErrorCode::UnknownUpload, QStringLiteral("No upload %1 is in progress.").arg(upload), id);
        return;
    }
    TransferError error;
    if (!m_store->write(upload, offset, frame.payload, &error)) {
        if (error.code == ErrorCode::SizeMismatch)
            m_store->cancel(upload);
        else
            m_store->suspend(upload); // disk full, I/O, bad offset: keep the verified prefix
        uploadFailed(session, upload, error.code, error.message, id);
        return;
    }
    // Flow control: the uploader keeps at most its window unacknowledged.
    session->send(UploadAck{upload, offset + frame.payload.size()});
}

void TransferService::onEnd(ServerSession *session, const UploadEnd &request, const Frame &)
{
    const qint64 upload = request.upload;
    const qint64 id = request.id;
    SessionState &st = state(session);
    if (!st.uploads.contains(upload)) {
        uploadFailed(session, upload, ErrorCode::UnknownUpload, QStringLiteral("No upload %1 is in progress.").arg(upload), id);
        return;
    }
    const QPointer<ServerSession> guard(session);
    m_store->finish(
        upload, [this, guard, upload, id](const FileInfo &file, const TransferError &error) {
        ServerSession *s = guard.data();
        if (s && !m_sessions.count(s))
            s = nullptr; // ended while its upload was being verified
        if (m_uploadSession.count(upload) && m_uploadSession[upload] == s)
            m_uploadSession.erase(upload);
        if (s && m_sessions.count(s))
            m_sessions[s]->uploads.remove(upload);
        if (error.isError()) {
            if (s)
                uploadFailed(s, upload, error.code, error.message, id);
            return;
        }
        // The file is complete even if its sender left while it was being verified. Its
        // announcement in the chat comes first, then upload.done (docs/PROTOCOL.md).
        const QPointer<TransferService> self(this);
        auto confirm = [self, guard, id, upload, file] {
            if (self && guard && self->m_sessions.count(guard.data()))
                guard->send(UploadDone{id, upload, file});
        };
        if (m_unannounced.remove(file.id) && m_announcer) // not a recovered file, announced at the start
            m_announcer(file, confirm);
        else
            confirm();
        log(QStringLiteral("%1 uploaded file %2 (%3, %4 bytes)").arg(file.owner).arg(file.id).arg(file.name).arg(file.size));
        },
        request.hash);
}

void TransferService::onUploadCancel(ServerSession *session, const UploadCancel &request, const Frame &)
{
    const qint64 upload = request.upload;
    SessionState &st = state(session);
    st.deadUploads.insert(upload);
    if (st.uploads.contains(upload)) {
        m_store->cancel(upload);
        st.uploads.remove(upload);
        m_uploadSession.erase(upload);
        answerCancel(session, upload, request.id, true);
        return;
    }
    // A leftover of an interrupted upload: its row is deleted through the store's storage.
    const QPointer<ServerSession> guard(session);
    m_server->hold(session);
    m_store->discard(upload, session->user(), [this, guard, upload, id = request.id](bool discarded) {
        if (!guard)
            return;
        if (guard->state() != ServerSession::State::Closing)
            answerCancel(guard, upload, id, discarded);
        if (m_server)
            m_server->release(guard);
    });
}

void TransferService::answerCancel(ServerSession *session, qint64 upload, qint64 requestId, bool cancelled)
{
    if (!cancelled)
        session->sendError(ErrorCode::UnknownUpload, QStringLiteral("No upload %1 to cancel.").arg(upload), requestId);
    else
        session->send(UploadCancelled{requestId, upload});
}

void TransferService::onDownloadRequest(ServerSession *session, const DownloadRequest &request, const Frame &)
{
    // The file's row is read through the store's storage (PostgreSQL: off the event loop); the
    // session's next frames wait for the answer.
    const QPointer<ServerSession> guard(session);
    m_server->hold(session);
    // Then, in a private room, whether the user may see it (its message, read the same way).
    auto answer = [this, guard, request](const FileInfo &file, bool allowed, const QString &error) {
        if (!guard)
            return;
        if (guard->state() != ServerSession::State::Closing) {
            if (!error.isEmpty()) {
                qCWarning(lcTransfer).noquote() << "cannot look up file" << request.file << ":" << error;
                guard->sendError(ErrorCode::IoError, QStringLiteral("The server cannot read file %1.").arg(request.file),
                                 request.id);
            } else {
                startDownload(guard, request, file, allowed);
            }
        }
        if (m_server)
            m_server->release(guard);
    };
    m_store->findFile(request.file, [this, guard, answer](const FileInfo &file, const QString &error) {
        if (!error.isEmpty() || !guard || guard->state() == ServerSession::State::Closing)
            answer(file, false, error);
        else
            canDownload(guard->user(), file, [answer, file](bool allowed, const QString &error) { answer(file, allowed, error); });
    });
}

void TransferService::startDownload(ServerSession *session, const DownloadRequest &request, const FileInfo &file,
                                    bool allowed)
{
    const qint64 id = request.id;
    const qint64 fileId = request.file;
    const qint64 offset = request.offset;
    if (!allowed) {
        session->sendError(ErrorCode::FileNotFound, QStringLiteral("There is no file %1 you can download.").arg(fileId), id);
        return;
    }
    if (refuseAtLimit(session, id))
        return;
    if (offset < 0 || offset > file.size) {
        session->sendError(ErrorCode::BadOffset, QStringLiteral("The offset must be between 0 and %1.").arg(file.size), id);
        return;
    }
    auto out = std::make_unique<Outgoing>();
    out->id = m_nextDownload++;
    out->requestId = id;
    out->file = file;
    out->offset = offset;
    SendWindow::Limits limits;
    limits.targetDelayMs = m_config.targetDelayMs;
    if (m_config.sendWindow > 0)
        limits.minimum = limits.initial = limits.maximum = m_config.sendWindow;
    out->flow = SendWindow(limits);
    out->flow.reset(offset);
    out->data = std::make_unique<QFile>(m_store->absolutePath(file));
    if (!out->data->open(QIODevice::ReadOnly | QIODevice::Unbuffered) || out->data->size() != file.size || !out->data->seek(offset)) {
        session->sendError(ErrorCode::IoError, QStringLiteral("The server cannot read file %1.").arg(fileId), id);
        return;
    }
    session->send(DownloadBegin{id, out->id, file, offset, m_config.maxChunkSize}); // the largest chunk it may get

    SessionState &st = state(session);
    st.downloads.push_back(std::move(out));
    if (!st.writes) {
        const QPointer<ServerSession> guard(session);
        st.writes = connect(session->connection(), &Connection::bytesWritten, this, [this, guard] {
            if (guard)
                pump(guard);
        });
    }
    pump(session);
}

void TransferService::onDownloadCancel(ServerSession *session, const DownloadCancel &request, const Frame &)
{
    const qint64 download = request.download;
    SessionState &st = state(session);
    for (auto it = st.downloads.begin(); it != st.downloads.end(); ++it) {
        if ((*it)->id == download) {
            st.downloads.erase(it);
            session->send(DownloadCancelled{request.id, download});
            return;
        }
    }
    session->sendError(ErrorCode::UnknownDownload, QStringLiteral("No download %1 to cancel.").arg(download), request.id);
}

void TransferService::onDownloadAck(ServerSession *session, const DownloadAck &ack, const Frame &)
{
    const auto found = m_sessions.find(session);
    if (found == m_sessions.end())
        return;
    const qint64 download = ack.download;
    const qint64 offset = ack.offset;
    for (auto &out : found->second->downloads) {
        if (out->id == download) {
            if (offset >= 0 && offset <= out->offset)
                out->flow.acked(offset);
            break;
        }
    }
    pump(session);
}

void TransferService::pump(ServerSession *session)
{
    const auto found = m_sessions.find(session);
    if (found == m_sessions.end() || session->state() == ServerSession::State::Closing)
        return;
    SessionState &st = *found->second;
    Connection *c = session->connection();
    // Round robin over the session's downloads, one chunk each per turn, while the connection has
    // room; a download with a full window of unacknowledged data sits its turn out.
    std::size_t idle = 0;
    while (!st.downloads.empty() && idle < st.downloads.size() && c->isOpen()
           && c->bytesToWrite() < MaxUnsentBytes) {
        std::unique_ptr<Outgoing> out = std::move(st.downloads.front());
        st.downloads.pop_front();
        if (out->offset >= out->file.size) {
            session->send(DownloadEnd{out->requestId, out->id, out->file.id, out->file.size, out->file.hash});
            idle = 0;
            continue;
        }
        if (!out->flow.canSend(out->offset)) {
            st.downloads.push_back(std::move(out));
            ++idle;
            continue;
        }
        // Chunks grow with the window on a fast path (TransferProtocol::FastChunkSize).
        const int size = out->flow.chunkSize(m_config.chunkSize, m_config.maxChunkSize);
        const qint64 n = qMin<qint64>(size, out->file.size - out->offset);
        QByteArray chunk = m_buffers.take(n); // the socket queues it by reference, then it is reused
        if (out->data->read(chunk.data(), n) != n) {
            Error e = Error::make(ErrorCode::IoError, QStringLiteral("The server cannot read file %1.").arg(out->file.id),
                                  out->requestId);
            e.download = out->id;
            session->send(e);
            idle = 0;
            continue;
        }
        session->send(DownloadChunk{out->id, out->offset}, chunk);
        m_buffers.recycle(chunk);
        out->offset += n;
        out->flow.sent(out->offset);
        idle = 0;
        st.downloads.push_back(std::move(out)); // take turns with the session's other downloads
    }
}

void TransferService::onSessionEnded(ServerSession *session)
{
    const auto it = m_sessions.find(session);
    if (it == m_sessions.end())
        return;
    SessionState &st = *it->second;
    QObject::disconnect(st.writes);
    for (qint64 upload : std::as_const(st.uploads)) {
        m_store->suspend(upload); // keeps the .part for a resume (no effect while verifying)
        if (m_uploadSession.count(upload) && m_uploadSession[upload] == session)
            m_uploadSession.erase(upload);
    }
    m_sessions.erase(it);
}

} // namespace Switchboard
