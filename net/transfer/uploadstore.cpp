#include "uploadstore.h"

#include "net/core/logging.h"
#include "net/storage/database.h"
#include "net/storage/durablefile.h"
#include "net/storage/owneronly.h"

#include "filenamesanitizer.h"
#include "streamhasher.h"
#include "xxh3hasher.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>
#include <QThreadPool>
#include <QVariant>

#include <fcntl.h>
#include <unistd.h>

namespace Switchboard {

using namespace TransferProtocol;

namespace {
constexpr qint64 MaxNameBytes = 4096; // longer names are refused, not truncated
// In a shared files directory, what changed this recently may be another node's upload in
// progress (or its rename waiting for the commit): purgeStale() leaves it alone.
constexpr qint64 SharedGraceSeconds = 3600;

// The writer of an upload holds an open-file-description lock on its .part (Linux OFD locks: per
// open file, so they also separate two nodes in one process, and the kernel drops them when the
// holder dies, SIGKILL included). Other nodes look for it before they resume the upload.
bool lockForWriting(int fd)
{
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    return fcntl(fd, F_OFD_SETLK, &lock) == 0;
}

bool lockedByAnotherWriter(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false; // no .part: nobody writes it
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    const bool locked = fcntl(fd, F_OFD_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
    ::close(fd);
    return locked;
}
} // namespace

struct UploadStore::Active
{
    qint64 id = 0;
    Offer offer;            // name sanitized
    QString partPath;
    std::unique_ptr<QFile> file;
    StreamHasher *hasher = nullptr; // owned (deleted in drop())
    qint64 received = 0;
    bool finishing = false;
    bool stored = false; // a recovered file: nothing to receive, finish() hands it out
    qint64 unchecked = 0; // bytes written since the free space was last looked at
    std::unique_ptr<QFutureWatcher<bool>> sync; // fsync of the verified .part
    int lockFd = -1; // holds the writer's lock (lockForWriting) until the upload is dropped

    ~Active()
    {
        if (lockFd >= 0)
            ::close(lockFd);
        if (file)
            file->close();
        if (hasher) {
            hasher->disconnect();
            hasher->deleteLater(); // we may be inside one of its signals
        }
    }
};

UploadStore::UploadStore(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    qRegisterMetaType<Switchboard::FileInfo>();
}

UploadStore::~UploadStore()
{
    close();
}

bool UploadStore::isOpen() const
{
    return m_prepared && m_database.isOpen();
}

QSqlDatabase UploadStore::db() const
{
    return m_database.connection();
}

bool UploadStore::prepare(const TransferConfig &config, QString *error)
{
    close();
    m_config = config;
    if (!m_database.isOpen()) {
        if (error)
            *error = tr("The server database is not open.");
        return false;
    }
    if (!OwnerOnly::makeDirectory(filesDirectory())) {
        if (error)
            *error = tr("Cannot create the directory %1.").arg(filesDirectory());
        return false;
    }
    m_prepared = true;
    purgeStale();
    return true;
}

void UploadStore::close()
{
    m_active.clear(); // closes .part files (kept for a resume) and drops hashers
    m_prepared = false;
}

void UploadStore::setLimits(qint64 maxFileSize, qint64 userQuota)
{
    m_config.maxFileSize = maxFileSize;
    m_config.userQuota = userQuota;
}

QString UploadStore::filesDirectory() const
{
    if (!m_config.filesDir.isEmpty())
        return QDir(m_config.filesDir).absolutePath();
    return QDir(m_config.dataDir).filePath(QStringLiteral("files"));
}

QString UploadStore::pathOf(qint64 upload, bool part) const
{
    return QDir(filesDirectory()).filePath(QString::number(upload) + (part ? QStringLiteral(".part") : QString()));
}

QString UploadStore::partPath(qint64 upload) const
{
    return pathOf(upload, true);
}

bool UploadStore::exec(const QString &sql, const QVariantList &values, QString *error) const
{
    QSqlQuery q(db());
    if (!q.prepare(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

qint64 UploadStore::usage(const QString &owner, qint64 excludingUpload) const
{
    qint64 total = 0;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM files WHERE owner = ?"));
    q.addBindValue(owner);
    if (q.exec() && q.next())
        total += q.value(0).toLongLong();
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM uploads WHERE owner = ? AND id <> ?"));
    q.addBindValue(owner);
    q.addBindValue(excludingUpload);
    if (q.exec() && q.next())
        total += q.value(0).toLongLong();
    return total;
}

bool UploadStore::begin(const Offer &in, Ticket *ticket, TransferError *error)
{
    if (!isOpen()) {
        error->set(Protocol::ErrorCode::IoError, QStringLiteral("File storage is not available."));
        return false;
    }
    if (in.name.trimmed().isEmpty() || in.name.toUtf8().size() > MaxNameBytes) {
        error->set(Protocol::ErrorCode::BadName, QStringLiteral("The file name is empty or too long."));
        return false;
    }
    if (in.size < 0) {
        error->set(Protocol::ErrorCode::SizeMismatch, QStringLiteral("The file size is invalid."));
        return false;
    }
    if (m_config.maxFileSize > 0 && in.size > m_config.maxFileSize) {
        error->set(Protocol::ErrorCode::FileTooLarge, QStringLiteral("The file is larger than the %1 bytes this server accepts.")
                                                .arg(m_config.maxFileSize));
        return false;
    }
    // No hash: the client hashes while it sends and gives it at finish().
    if (!in.hash.isEmpty() && !Xxh3Hasher::isValidHashString(in.hash)) {
        error->set(Protocol::ErrorCode::BadHash, QStringLiteral("The hash must be \"%1\" followed by 32 hex digits.").arg(HashPrefix));
        return false;
    }
    // Never bind a null QString: the SQLite driver stores it as NULL, and the columns are NOT NULL.
    auto notNull = [](const QString &s) { return s.isNull() ? QString(QLatin1String("")) : s; };
    Offer offer;
    offer.owner = notNull(in.owner);
    offer.name = FileNameSanitizer::sanitize(in.name);
    offer.size = in.size;
    offer.hash = notNull(in.hash.toLower());
    offer.room = notNull(in.room);
    offer.toUser = notNull(in.toUser);

    if (const qint64 stored = recoveredMatch(offer)) {
        drop(stored, false); // a stale session re-offering it before
        auto a = std::make_unique<Active>();
        a->id = stored;
        a->offer = offer;
        a->received = offer.size;
        a->stored = true;
        m_active.emplace(stored, std::move(a));
        ticket->upload = stored;
        ticket->offset = offer.size;
        ticket->resumed = true;
        ticket->name = file(stored).name;
        return true;
    }

    // An interrupted upload of the same file? Prefer one nobody is sending; else take over one
    // whose session has not noticed yet that its client is gone. Never one being verified.
    qint64 resumeId = 0;
    {
        QSqlQuery q(db());
        // An offer without a hash (hashed while sending) resumes any upload of this name and size,
        // and one with a hash also an upload offered without one: the hash checked at the end
        // covers the stored prefix, so a prefix of other data fails verification and is deleted.
        q.prepare(QStringLiteral("SELECT id FROM uploads WHERE owner = ? AND name = ? AND size = ? "
                                 "AND (? = '' OR hash = '' OR hash = ?) ORDER BY id DESC"));
        q.addBindValue(offer.owner);
        q.addBindValue(offer.name);
        q.addBindValue(offer.size);
        q.addBindValue(offer.hash);
        q.addBindValue(offer.hash);
        qint64 busy = 0;
        if (q.exec()) {
            while (q.next()) {
                const qint64 id = q.value(0).toLongLong();
                const auto it = m_active.find(id);
                if (it == m_active.end()) {
                    // Another node's (shared files directory): its writer is alive, or it is being
                    // moved into place. Not ours to take; a dead writer leaves no lock.
                    if (lockedByAnotherWriter(pathOf(id, true)) || QFileInfo::exists(pathOf(id, false)))
                        continue;
                    resumeId = id;
                    break;
                }
                if (!it->second->finishing && busy == 0)
                    busy = id;
            }
        }
        if (resumeId == 0)
            resumeId = busy;
    }

    if (m_config.userQuota > 0 && usage(offer.owner, resumeId) + offer.size > m_config.userQuota) {
        error->set(Protocol::ErrorCode::QuotaExceeded, QStringLiteral("Storing %1 more bytes would exceed your quota of %2 bytes.")
                                                 .arg(offer.size).arg(m_config.userQuota));
        return false;
    }

    qint64 offset = 0;
    if (resumeId != 0) {
        drop(resumeId, false); // takes it over from a stale session, if any
        const QFileInfo part(pathOf(resumeId, true));
        offset = part.exists() ? part.size() : 0;
        if (offset > offer.size) { // cannot be ours: start again
            QFile::remove(part.filePath());
            offset = 0;
        }
    }

    // Uploads in progress will write the rest of their files too: their bytes are spoken for.
    const qint64 available = m_freeSpace ? m_freeSpace(filesDirectory()) : freeSpace(filesDirectory());
    if (available >= 0 && available < (offer.size - offset) + pendingBytes() + m_config.minFreeSpace) {
        error->set(Protocol::ErrorCode::DiskFull, QStringLiteral("The server does not have enough free disk space for this file."));
        return false;
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    qint64 id = resumeId;
    if (id != 0) {
        exec(QStringLiteral("UPDATE uploads SET room = ?, to_user = ?, created = ? WHERE id = ?"),
             {offer.room, offer.toUser, now, id});
    } else {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("INSERT INTO uploads (owner, name, size, hash, room, to_user, created) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
        for (const QVariant &v : QVariantList{offer.owner, offer.name, offer.size, offer.hash, offer.room,
                                              offer.toUser, now})
            q.addBindValue(v);
        if (!q.exec() || !q.next()) {
            // The database's words stay in the server log; the peer learns only that it failed.
            qCWarning(lcTransfer).noquote() << "cannot record an upload of" << offer.owner << ":" << q.lastError().text();
            error->set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot record the upload."));
            return false;
        }
        id = q.value(0).toLongLong(); // the database's number: unique across nodes sharing it
        q.finish();
    }

    auto a = std::make_unique<Active>();
    a->id = id;
    a->offer = offer;
    a->partPath = pathOf(id, true);
    a->received = offset;
    a->file = std::make_unique<QFile>(a->partPath);
    QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Unbuffered;
    mode |= offset > 0 ? QIODevice::Append : QIODevice::Truncate;
    if (!OwnerOnly::open(*a->file, mode)) { // 0600: private uploads too; the final file is this one renamed
        error->set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot create the upload file: %1").arg(a->file->errorString()));
        if (resumeId == 0)
            exec(QStringLiteral("DELETE FROM uploads WHERE id = ?"), {id});
        return false;
    }
    // A descriptor of its own keeps the lock while the .part is closed for verification.
    a->lockFd = ::open(QFile::encodeName(a->partPath).constData(), O_WRONLY | O_CLOEXEC); // a write lock needs a writer
    if (a->lockFd < 0 || !lockForWriting(a->lockFd)) {
        // Lost a race with another node resuming the same upload at the same moment.
        error->set(Protocol::ErrorCode::IoError, QStringLiteral("The upload is being written by another server node."));
        return false;
    }
    a->hasher = new StreamHasher(this);
    a->hasher->setBackingFile(a->partPath);
    a->hasher->setHashInline(true); // in cache, and the chunk's buffer is free again at once
    if (offset > 0)
        a->hasher->addFile(a->partPath, 0, offset); // re-hash the prefix on the worker, ahead of new data
    m_active.emplace(id, std::move(a));

    ticket->upload = id;
    ticket->offset = offset;
    ticket->resumed = resumeId != 0;
    ticket->name = offer.name;
    return true;
}

qint64 UploadStore::freeSpace(const QString &directory)
{
    QStorageInfo storage(directory);
    storage.refresh();
    return storage.isValid() ? storage.bytesAvailable() : -1;
}

qint64 UploadStore::pendingBytes() const
{
    qint64 total = 0;
    for (const auto &[id, a] : m_active)
        total += a->offer.size - a->received;
    return total;
}

TransferError UploadStore::writeError(const QFile &file) const
{
    TransferError e;
    if (file.error() == QFileDevice::ResourceError)
        e.set(Protocol::ErrorCode::DiskFull, QStringLiteral("The server's disk is full."));
    else
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("The server cannot write the file: %1").arg(file.errorString()));
    return e;
}

bool UploadStore::write(qint64 upload, qint64 offset, const QByteArray &data, TransferError *error)
{
    const auto it = m_active.find(upload);
    if (it == m_active.end()) {
        error->set(Protocol::ErrorCode::UnknownUpload, QStringLiteral("No upload %1 is in progress.").arg(upload));
        return false;
    }
    Active &a = *it->second;
    if (a.finishing) {
        error->set(Protocol::ErrorCode::BadOffset, QStringLiteral("The upload has already ended."));
        return false;
    }
    if (offset != a.received) {
        error->set(Protocol::ErrorCode::BadOffset, QStringLiteral("Expected the chunk at offset %1, got %2.").arg(a.received).arg(offset));
        return false;
    }
    if (a.received + data.size() > a.offer.size) {
        error->set(Protocol::ErrorCode::SizeMismatch, QStringLiteral("More data than the announced %1 bytes.").arg(a.offer.size));
        return false;
    }
    if (data.isEmpty())
        return true;
    // Something else may fill the disk meanwhile: stop before the upload takes the last half of
    // the reserve, which stays for the database (chat goes on). Looked at every eighth of the reserve.
    a.unchecked += data.size();
    if (m_config.minFreeSpace > 0 && a.unchecked >= qBound(qint64(64) << 10, m_config.minFreeSpace / 8, qint64(4) << 20)) {
        a.unchecked = 0;
        const qint64 available = m_freeSpace ? m_freeSpace(filesDirectory()) : freeSpace(filesDirectory());
        if (available >= 0 && available - data.size() < m_config.minFreeSpace / 2) {
            error->set(Protocol::ErrorCode::DiskFull, QStringLiteral("The server's disk is full."));
            drop(upload, false); // the .part stays a clean prefix for a resume
            return false;
        }
    }
    const qint64 n = a.file->write(data);
    if (n != data.size()) {
        *error = writeError(*a.file);
        // Drop a partly written chunk so the .part stays a clean prefix a resume can build on.
        a.file->resize(a.received);
        drop(upload, false);
        return false;
    }
    a.received += n;
    a.hasher->addData(data);
    return true;
}

qint64 UploadStore::receivedBytes(qint64 upload) const
{
    const auto it = m_active.find(upload);
    return it == m_active.end() ? -1 : it->second->received;
}

namespace {
// upload.end of an upload offered without a hash carries none (or not a valid one).
void setMissingEndHash(TransferError &e)
{
    e.set(Protocol::ErrorCode::BadHash, QStringLiteral("upload.end must carry the hash (\"%1\" followed by 32 hex digits).").arg(HashPrefix));
}
} // namespace

void UploadStore::finish(qint64 upload, FinishCallback done, const QString &hash)
{
    const auto it = m_active.find(upload);
    if (it == m_active.end()) {
        TransferError e;
        e.set(Protocol::ErrorCode::UnknownUpload, QStringLiteral("No upload %1 is in progress.").arg(upload));
        done(FileInfo(), e);
        return;
    }
    Active &a = *it->second;
    if (a.finishing)
        return;
    if (a.stored) { // recovered after a crash: already stored and announced at start
        const FileInfo f = file(upload);
        const bool offeredHashless = a.offer.hash.isEmpty(); // `a` is gone after drop()
        m_recovered.remove(upload);
        drop(upload, false);
        TransferError e;
        if (!f.isValid())
            e.set(Protocol::ErrorCode::UnknownUpload, QStringLiteral("No upload %1 is in progress.").arg(upload));
        else if (!hash.isEmpty() && !Xxh3Hasher::sameHash(hash, f.hash))
            // Matched by name and size only (an offer without a hash): another file. The stored one
            // stays; the next offer is a new upload.
            e.set(Protocol::ErrorCode::HashMismatch, QStringLiteral("The hash differs from the stored file's."));
        else if (hash.isEmpty() && offeredHashless)
            setMissingEndHash(e);
        done(e.isError() ? FileInfo() : f, e);
        return;
    }
    if (!hash.isEmpty() || a.offer.hash.isEmpty()) {
        // Hashed while sending: the hash comes now (and must agree with one offered earlier).
        TransferError e;
        if (!Xxh3Hasher::isValidHashString(hash))
            setMissingEndHash(e);
        else if (!a.offer.hash.isEmpty() && !Xxh3Hasher::sameHash(hash, a.offer.hash))
            e.set(Protocol::ErrorCode::HashMismatch, QStringLiteral("The hash differs from the one offered."));
        if (e.isError()) {
            drop(upload, true);
            done(FileInfo(), e);
            return;
        }
        a.offer.hash = hash.toLower();
    }
    if (a.received != a.offer.size) {
        TransferError e;
        e.set(Protocol::ErrorCode::SizeMismatch, QStringLiteral("Received %1 of the announced %2 bytes.").arg(a.received).arg(a.offer.size));
        drop(upload, true);
        done(FileInfo(), e);
        return;
    }
    a.finishing = true;
    if (!a.file->flush()) {
        const TransferError e = writeError(*a.file);
        drop(upload, false);
        done(FileInfo(), e);
        return;
    }
    a.file->close();
    connect(a.hasher, &StreamHasher::finished, this, [this, upload, done](const QString &hash) {
        syncThenComplete(upload, hash, done);
    });
    connect(a.hasher, &StreamHasher::failed, this, [this, upload, done](const QString &message) {
        TransferError e;
        // The message names the server's own paths: it stays in the log.
        qCWarning(lcTransfer).noquote() << "cannot verify upload" << upload << ":" << message;
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot verify the upload."));
        drop(upload, false);
        done(FileInfo(), e);
    });
    a.hasher->finish();
}

bool UploadStore::nameTaken(const QString &name, const Active &a) const
{
    QSqlQuery q(db());
    if (!a.offer.room.isEmpty()) {
        q.prepare(QStringLiteral("SELECT 1 FROM files WHERE room = ? AND name = ? LIMIT 1"));
        q.addBindValue(a.offer.room);
        q.addBindValue(name);
    } else {
        // A private conversation: files either of the two sent to the other.
        q.prepare(QStringLiteral("SELECT 1 FROM files WHERE room = '' AND name = ? AND "
                                 "((owner = ? AND to_user = ?) OR (owner = ? AND to_user = ?)) LIMIT 1"));
        q.addBindValue(name);
        q.addBindValue(a.offer.owner);
        q.addBindValue(a.offer.toUser);
        q.addBindValue(a.offer.toUser);
        q.addBindValue(a.offer.owner);
    }
    return q.exec() && q.next();
}

qint64 UploadStore::recoveredMatch(const Offer &offer) const
{
    for (qint64 id : m_recovered) {
        const FileInfo f = file(id);
        // Without a hash in the offer, upload.end's hash decides (finish()).
        if (f.isValid() && !isActive(id) && f.owner == offer.owner && f.name == offer.name && f.size == offer.size
            && (offer.hash.isEmpty() || Xxh3Hasher::sameHash(f.hash, offer.hash)) && f.room == offer.room
            && f.toUser == offer.toUser)
            return id;
    }
    return 0;
}

void UploadStore::syncThenComplete(qint64 upload, const QString &hash, FinishCallback done)
{
    const auto it = m_active.find(upload);
    if (it == m_active.end())
        return;
    Active &a = *it->second;
    if (!Xxh3Hasher::sameHash(hash, a.offer.hash)) {
        complete(upload, hash, false, done); // refused there; nothing worth syncing
        return;
    }
    // fsync waits for the disk (seconds for a large file on a busy one): never on the event loop.
    // The watcher belongs to the upload: dropping it abandons the result, the worker only holds the promise.
    auto promise = std::make_shared<QPromise<bool>>();
    a.sync = std::make_unique<QFutureWatcher<bool>>();
    connect(a.sync.get(), &QFutureWatcher<bool>::finished, this, [this, upload, hash, done] {
        const auto at = m_active.find(upload);
        if (at == m_active.end() || !at->second->sync)
            return;
        const bool synced = at->second->sync->future().resultCount() > 0 && at->second->sync->result();
        complete(upload, hash, synced, done);
    });
    a.sync->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, path = a.partPath] {
        promise->addResult(DurableFile::sync(path));
        promise->finish();
    });
}

void UploadStore::complete(qint64 upload, const QString &hash, bool synced, FinishCallback done)
{
    const auto it = m_active.find(upload);
    if (it == m_active.end())
        return;
    Active &a = *it->second;
    TransferError e;
    if (!Xxh3Hasher::sameHash(hash, a.offer.hash)) {
        e.set(Protocol::ErrorCode::HashMismatch, QStringLiteral("The data does not match the announced hash (got %1).").arg(hash));
        drop(upload, true);
        done(FileInfo(), e);
        return;
    }
    if (!synced) { // the disk did not take the data: keep the .part, a resume verifies it again
        qCWarning(lcTransfer).noquote() << "cannot sync upload" << upload << "to disk";
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("The server cannot write the file to disk."));
        drop(upload, false);
        done(FileInfo(), e);
        return;
    }

    FileInfo f;
    f.id = upload;
    f.owner = a.offer.owner;
    f.name = FileNameSanitizer::uniqueName(a.offer.name, [&](const QString &n) { return nameTaken(n, a); });
    f.size = a.offer.size;
    f.hash = a.offer.hash;
    f.room = a.offer.room;
    f.toUser = a.offer.toUser;
    // Whole seconds, as the files table stores it: upload.done and later download.begin show the same value.
    f.created = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    f.path = QStringLiteral("files/") + QString::number(upload);

    // Rename first, then record: a crash in between leaves a final file without a "files" row,
    // which purgeStale() turns back into a .part (verified again on resume).
    const QString finalPath = pathOf(upload, false);
    QFile::remove(finalPath); // a leftover of an earlier crash; never a listed file (ids are unique)
    if (!QFile::rename(a.partPath, finalPath)) {
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot move the upload into place."));
        drop(upload, false);
        done(FileInfo(), e);
        return;
    }
    // The new name must be on disk before the row that lists it.
    if (!DurableFile::syncDirectory(filesDirectory()))
        qCWarning(lcTransfer).noquote() << "cannot sync the directory of file" << upload;
    QSqlDatabase connection = db();
    QString why;
    connection.transaction();
    const bool ok = exec(QStringLiteral("INSERT INTO files (id, owner, name, size, hash, room, to_user, created, path) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                         {f.id, f.owner, f.name, f.size, f.hash, f.room, f.toUser, f.created.toSecsSinceEpoch(), f.path},
                         &why)
                    && exec(QStringLiteral("DELETE FROM uploads WHERE id = ?"), {upload}, &why);
    if (!ok || !connection.commit()) {
        connection.rollback();
        QFile::rename(finalPath, a.partPath);
        qCWarning(lcTransfer).noquote() << "cannot record file" << upload << ":" << why;
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot record the file."));
        drop(upload, false);
        done(FileInfo(), e);
        return;
    }
    drop(upload, false);
    emit fileStored(f);
    done(f, TransferError());
}

void UploadStore::drop(qint64 upload, bool deleteData)
{
    m_active.erase(upload); // closes the .part, abandons hashing
    if (deleteData) {
        QFile::remove(pathOf(upload, true));
        exec(QStringLiteral("DELETE FROM uploads WHERE id = ?"), {upload});
    }
}

void UploadStore::suspend(qint64 upload)
{
    const auto it = m_active.find(upload);
    if (it != m_active.end() && !it->second->finishing)
        drop(upload, false);
}

void UploadStore::cancel(qint64 upload)
{
    drop(upload, true);
}

bool UploadStore::discard(qint64 upload, const QString &owner)
{
    if (isActive(upload))
        return false;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT 1 FROM uploads WHERE id = ? AND owner = ?"));
    q.addBindValue(upload);
    q.addBindValue(owner);
    if (!q.exec() || !q.next())
        return false;
    drop(upload, true);
    return true;
}

static FileInfo fileFromQuery(const QSqlQuery &q)
{
    FileInfo f;
    f.id = q.value(0).toLongLong();
    f.owner = q.value(1).toString();
    f.name = q.value(2).toString();
    f.size = q.value(3).toLongLong();
    f.hash = q.value(4).toString();
    f.room = q.value(5).toString();
    f.toUser = q.value(6).toString();
    f.created = QDateTime::fromSecsSinceEpoch(q.value(7).toLongLong(), Qt::UTC);
    f.path = q.value(8).toString();
    return f;
}

FileInfo UploadStore::file(qint64 id) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id, owner, name, size, hash, room, to_user, created, path FROM files WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fileFromQuery(q);
    return FileInfo();
}

QList<FileInfo> UploadStore::files() const
{
    QList<FileInfo> out;
    QSqlQuery q(db());
    if (q.exec(QStringLiteral("SELECT id, owner, name, size, hash, room, to_user, created, path FROM files ORDER BY id")))
        while (q.next())
            out.append(fileFromQuery(q));
    return out;
}

QString UploadStore::absolutePath(const FileInfo &file) const
{
    // The path column says "files/<id>" (relative to the data directory); with a shared files
    // directory the same name is looked up there, so every node finds every file.
    if (!m_config.filesDir.isEmpty())
        return QDir(filesDirectory()).filePath(QFileInfo(file.path).fileName());
    return QDir(m_config.dataDir).filePath(file.path);
}

int UploadStore::purgeStale()
{
    if (!isOpen())
        return 0;
    int removed = 0;
    const qint64 cutoff = QDateTime::currentSecsSinceEpoch() - qint64(m_config.partialTtlDays) * 86400;
    QSet<qint64> pending;
    QSet<qint64> stored;
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT id, created FROM uploads"));
        QList<qint64> expired;
        if (q.exec()) {
            while (q.next()) {
                const qint64 id = q.value(0).toLongLong();
                if (m_config.partialTtlDays > 0 && q.value(1).toLongLong() < cutoff && !isActive(id)
                    && !lockedByAnotherWriter(pathOf(id, true)))
                    expired.append(id);
                else
                    pending.insert(id);
            }
        }
        for (qint64 id : std::as_const(expired)) {
            drop(id, true);
            QFile::remove(pathOf(id, false));
            ++removed;
        }
        if (q.exec(QStringLiteral("SELECT id FROM files")))
            while (q.next())
                stored.insert(q.value(0).toLongLong());
    }
    const QDir dir(filesDirectory());
    const bool shared = !m_config.filesDir.isEmpty();
    const QDateTime recent = QDateTime::currentDateTimeUtc().addSecs(-SharedGraceSeconds);
    for (const QFileInfo &fi : dir.entryInfoList(QDir::Files | QDir::Hidden | QDir::System)) {
        // Another node may be writing it, or about to commit it.
        if (shared && (fi.lastModified().toUTC() > recent || lockedByAnotherWriter(fi.filePath())))
            continue;
        QString base = fi.fileName();
        const bool part = base.endsWith(QLatin1String(".part"));
        if (part)
            base.chop(5);
        bool isNumber = false;
        const qint64 id = base.toLongLong(&isNumber);
        if (!isNumber)
            continue; // not ours
        if (part && !pending.contains(id)) {
            QFile::remove(fi.filePath()); // orphaned partial upload
            ++removed;
        } else if (!part && !stored.contains(id)) {
            if (pending.contains(id) && !QFileInfo::exists(pathOf(id, true)))
                QFile::rename(fi.filePath(), pathOf(id, true)); // half-committed: verify again on resume
            else
                QFile::remove(fi.filePath());
            ++removed;
        }
    }
    return removed;
}

} // namespace Switchboard
