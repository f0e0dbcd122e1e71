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
#include <QHash>
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
    FileInfo storedFile; // its row, as the offer's look-up read it (files rows never change)
    bool committing = false; // its file's row is being recorded (storage thread): cancel() waits it out
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
    m_inlineStorage.setInline(&database);
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

QString UploadStore::pathIn(const QString &directory, qint64 upload, bool part)
{
    return QDir(directory).filePath(QString::number(upload) + (part ? QStringLiteral(".part") : QString()));
}

QString UploadStore::pathOf(qint64 upload, bool part) const
{
    return pathIn(filesDirectory(), upload, part);
}

QString UploadStore::partPath(qint64 upload) const
{
    return pathOf(upload, true);
}

bool UploadStore::execOn(Database &database, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery q(database.connection());
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
    return usageOn(m_database, owner, excludingUpload);
}

qint64 UploadStore::usageOn(Database &database, const QString &owner, qint64 excludingUpload)
{
    qint64 total = 0;
    QSqlQuery q(database.connection());
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

struct UploadStore::BeginInput
{
    Offer offer;                   // sanitized
    struct Upload
    {
        bool finishing = false;
        qint64 rest = 0; // bytes it has yet to write
    };
    QHash<qint64, Upload> active;  // this thread's uploads in progress
    QSet<qint64> recovered;
    QString directory;             // filesDirectory()
    qint64 quota = 0;
    qint64 available = -1;         // bytes free, -1: unknown
    qint64 minFreeSpace = 0;
};

struct UploadStore::BeginPlan
{
    TransferError error;
    FileInfo recovered; // valid: the offer repeats this recovered file
    qint64 upload = 0;  // reserved (new or resumed)
    bool resumed = false;
};

bool UploadStore::begin(const Offer &in, Ticket *ticket, TransferError *error)
{
    bool ok = false;
    beginOn(&m_inlineStorage, in, [&](const Ticket &t, const TransferError &e) {
        *ticket = t;
        *error = e;
        ok = !e.isError();
    });
    return ok;
}

void UploadStore::begin(const Offer &in, BeginCallback done)
{
    beginOn(storage(), in, std::move(done));
}

void UploadStore::beginOn(StorageThread *storage, const Offer &in, BeginCallback done)
{
    TransferError error;
    if (!isOpen()) {
        error.set(Protocol::ErrorCode::IoError, QStringLiteral("File storage is not available."));
        done(Ticket(), error);
        return;
    }
    if (in.name.trimmed().isEmpty() || in.name.toUtf8().size() > MaxNameBytes) {
        error.set(Protocol::ErrorCode::BadName, QStringLiteral("The file name is empty or too long."));
        done(Ticket(), error);
        return;
    }
    if (in.size < 0) {
        error.set(Protocol::ErrorCode::SizeMismatch, QStringLiteral("The file size is invalid."));
        done(Ticket(), error);
        return;
    }
    if (m_config.maxFileSize > 0 && in.size > m_config.maxFileSize) {
        error.set(Protocol::ErrorCode::FileTooLarge, QStringLiteral("The file is larger than the %1 bytes this server accepts.")
                                                .arg(m_config.maxFileSize));
        done(Ticket(), error);
        return;
    }
    // No hash: the client hashes while it sends and gives it at finish().
    if (!in.hash.isEmpty() && !Xxh3Hasher::isValidHashString(in.hash)) {
        error.set(Protocol::ErrorCode::BadHash, QStringLiteral("The hash must be \"%1\" followed by 32 hex digits.").arg(HashPrefix));
        done(Ticket(), error);
        return;
    }
    // Never bind a null QString: the SQLite driver stores it as NULL, and the columns are NOT NULL.
    auto notNull = [](const QString &s) { return s.isNull() ? QString(QLatin1String("")) : s; };
    BeginInput input;
    Offer &offer = input.offer;
    offer.owner = notNull(in.owner);
    offer.name = FileNameSanitizer::sanitize(in.name);
    offer.size = in.size;
    offer.hash = notNull(in.hash.toLower());
    offer.room = notNull(in.room);
    offer.toUser = notNull(in.toUser);
    for (const auto &[id, a] : m_active)
        input.active.insert(id, BeginInput::Upload{a->finishing, a->offer.size - a->received});
    input.recovered = m_recovered;
    input.directory = filesDirectory();
    input.quota = m_config.userQuota;
    input.available = m_freeSpace ? m_freeSpace(input.directory) : freeSpace(input.directory);
    input.minFreeSpace = m_config.minFreeSpace;
    storage->run(
        this, [input](Database &db) { return planBegin(db, input); },
        [this, offer, done = std::move(done)](const BeginPlan &plan, const QString &error) {
            applyBegin(offer, plan, error, done);
        });
}

UploadStore::BeginPlan UploadStore::planBegin(Database &database, const BeginInput &in)
{
    BeginPlan plan;
    const Offer &offer = in.offer;
    for (qint64 id : in.recovered) {
        if (in.active.contains(id))
            continue;
        const FileInfo f = fileOn(database, id);
        // Without a hash in the offer, upload.end's hash decides (finish()).
        if (f.isValid() && f.owner == offer.owner && f.name == offer.name && f.size == offer.size
            && (offer.hash.isEmpty() || Xxh3Hasher::sameHash(f.hash, offer.hash)) && f.room == offer.room
            && f.toUser == offer.toUser) {
            plan.recovered = f;
            return plan;
        }
    }

    // An interrupted upload of the same file? Prefer one nobody is sending; else take over one
    // whose session has not noticed yet that its client is gone. Never one being verified.
    qint64 resumeId = 0;
    {
        QSqlQuery q(database.connection());
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
                const auto it = in.active.constFind(id);
                if (it == in.active.constEnd()) {
                    // Another node's (shared files directory): its writer is alive, or it is being
                    // moved into place. Not ours to take; a dead writer leaves no lock.
                    if (lockedByAnotherWriter(pathIn(in.directory, id, true)) || QFileInfo::exists(pathIn(in.directory, id, false)))
                        continue;
                    resumeId = id;
                    break;
                }
                if (!it->finishing && busy == 0)
                    busy = id;
            }
        }
        if (resumeId == 0)
            resumeId = busy;
    }

    if (in.quota > 0 && usageOn(database, offer.owner, resumeId) + offer.size > in.quota) {
        plan.error.set(Protocol::ErrorCode::QuotaExceeded, QStringLiteral("Storing %1 more bytes would exceed your quota of %2 bytes.")
                                                     .arg(offer.size).arg(in.quota));
        return plan;
    }

    qint64 offset = 0;
    if (resumeId != 0) {
        const QFileInfo part(pathIn(in.directory, resumeId, true));
        offset = part.exists() ? part.size() : 0;
        if (offset > offer.size) // cannot be ours: started again (applyBegin truncates it)
            offset = 0;
    }

    // Uploads in progress will write the rest of their files too: their bytes are spoken for
    // (not those of the one taken over: this offer writes them).
    qint64 pending = 0;
    for (auto it = in.active.constBegin(); it != in.active.constEnd(); ++it)
        if (it.key() != resumeId)
            pending += it->rest;
    if (in.available >= 0 && in.available < (offer.size - offset) + pending + in.minFreeSpace) {
        plan.error.set(Protocol::ErrorCode::DiskFull, QStringLiteral("The server does not have enough free disk space for this file."));
        return plan;
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (resumeId != 0) {
        execOn(database, QStringLiteral("UPDATE uploads SET room = ?, to_user = ?, created = ? WHERE id = ?"),
               {offer.room, offer.toUser, now, resumeId});
        plan.upload = resumeId;
        plan.resumed = true;
        return plan;
    }
    QSqlQuery q(database.connection());
    q.prepare(QStringLiteral("INSERT INTO uploads (owner, name, size, hash, room, to_user, created) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    for (const QVariant &v : QVariantList{offer.owner, offer.name, offer.size, offer.hash, offer.room, offer.toUser, now})
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        // The database's words stay in the server log; the peer learns only that it failed.
        qCWarning(lcTransfer).noquote() << "cannot record an upload of" << offer.owner << ":" << q.lastError().text();
        plan.error.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot record the upload."));
        return plan;
    }
    plan.upload = q.value(0).toLongLong(); // the database's number: unique across nodes sharing it
    q.finish();
    return plan;
}

void UploadStore::applyBegin(const Offer &offer, const BeginPlan &plan, const QString &error, const BeginCallback &done)
{
    TransferError e;
    if (!error.isEmpty()) { // the call did not run, or the connection went during it
        qCWarning(lcTransfer).noquote() << "cannot record an upload of" << offer.owner << ":" << error;
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot record the upload."));
        done(Ticket(), e);
        return;
    }
    if (plan.error.isError()) {
        done(Ticket(), plan.error);
        return;
    }
    if (!isOpen()) { // closed while the call ran; a new reservation stays for a resume
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("File storage is not available."));
        done(Ticket(), e);
        return;
    }
    Ticket ticket;
    if (plan.recovered.isValid()) {
        const qint64 stored = plan.recovered.id;
        drop(stored, false); // a stale session re-offering it before
        auto a = std::make_unique<Active>();
        a->id = stored;
        a->offer = offer;
        a->received = offer.size;
        a->stored = true;
        a->storedFile = plan.recovered;
        m_active.emplace(stored, std::move(a));
        ticket.upload = stored;
        ticket.offset = offer.size;
        ticket.resumed = true;
        ticket.name = plan.recovered.name;
        done(ticket, e);
        return;
    }

    const qint64 id = plan.upload;
    qint64 offset = 0;
    if (plan.resumed) {
        // Another offer of it may have come first meanwhile: a later one takes it over as
        // before, unless it is being verified.
        const auto it = m_active.find(id);
        if (it != m_active.end() && it->second->finishing) {
            e.set(Protocol::ErrorCode::IoError, QStringLiteral("The upload is being verified; offer it again later."));
            done(Ticket(), e);
            return;
        }
        drop(id, false); // takes it over from a stale session, if any
        const QFileInfo part(pathOf(id, true));
        offset = part.exists() ? part.size() : 0;
        if (offset > offer.size) // cannot be ours: start again
            offset = 0;
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
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot create the upload file: %1").arg(a->file->errorString()));
        if (!plan.resumed)
            storage()->run(
                this, [id](Database &db) { return execOn(db, QStringLiteral("DELETE FROM uploads WHERE id = ?"), {id}); },
                [](bool, const QString &) {});
        done(Ticket(), e);
        return;
    }
    // A descriptor of its own keeps the lock while the .part is closed for verification.
    a->lockFd = ::open(QFile::encodeName(a->partPath).constData(), O_WRONLY | O_CLOEXEC); // a write lock needs a writer
    if (a->lockFd < 0 || !lockForWriting(a->lockFd)) {
        // Lost a race with another node resuming the same upload at the same moment.
        e.set(Protocol::ErrorCode::IoError, QStringLiteral("The upload is being written by another server node."));
        done(Ticket(), e);
        return;
    }
    a->hasher = new StreamHasher(this);
    a->hasher->setBackingFile(a->partPath);
    a->hasher->setHashInline(true); // in cache, and the chunk's buffer is free again at once
    if (offset > 0)
        a->hasher->addFile(a->partPath, 0, offset); // re-hash the prefix on the worker, ahead of new data
    m_active.emplace(id, std::move(a));

    ticket.upload = id;
    ticket.offset = offset;
    ticket.resumed = plan.resumed;
    ticket.name = offer.name;
    done(ticket, e);
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
        const FileInfo f = a.storedFile; // read with the offer: no database call here
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

bool UploadStore::nameTaken(Database &database, const QString &name, const Offer &offer)
{
    QSqlQuery q(database.connection());
    if (!offer.room.isEmpty()) {
        q.prepare(QStringLiteral("SELECT 1 FROM files WHERE room = ? AND name = ? LIMIT 1"));
        q.addBindValue(offer.room);
        q.addBindValue(name);
    } else {
        // A private conversation: files either of the two sent to the other.
        q.prepare(QStringLiteral("SELECT 1 FROM files WHERE room = '' AND name = ? AND "
                                 "((owner = ? AND to_user = ?) OR (owner = ? AND to_user = ?)) LIMIT 1"));
        q.addBindValue(name);
        q.addBindValue(offer.owner);
        q.addBindValue(offer.toUser);
        q.addBindValue(offer.toUser);
        q.addBindValue(offer.owner);
    }
    return q.exec() && q.next();
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

struct UploadStore::CommitInput
{
    qint64 upload = 0;
    Offer offer;
    QString partPath;
    QString finalPath;
    QString directory;
};

struct UploadStore::CommitResult
{
    FileInfo file;
    TransferError error;
};

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

    // The unique name, the rename and the row on the storage thread (PostgreSQL: its round trips
    // off the event loop); upload.done only once the row has committed.
    a.committing = true;
    CommitInput in{upload, a.offer, a.partPath, pathOf(upload, false), filesDirectory()};
    storage()->run(
        this, [in](Database &db) { return commitOn(db, in); },
        [this, upload, done](const CommitResult &r, const QString &error) {
            if (!m_active.count(upload)) // closed meanwhile; a stored file is announced at the next start
                return;
            drop(upload, false);
            if (!error.isEmpty()) { // the call did not run (the .part is still there), or the connection went
                qCWarning(lcTransfer).noquote() << "cannot record file" << upload << ":" << error;
                TransferError e;
                e.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot record the file."));
                done(FileInfo(), e);
                return;
            }
            if (r.error.isError()) {
                done(FileInfo(), r.error);
                return;
            }
            emit fileStored(r.file);
            done(r.file, TransferError());
        });
}

UploadStore::CommitResult UploadStore::commitOn(Database &database, const CommitInput &in)
{
    CommitResult r;
    FileInfo &f = r.file;
    f.id = in.upload;
    f.owner = in.offer.owner;
    f.name = FileNameSanitizer::uniqueName(in.offer.name, [&](const QString &n) { return nameTaken(database, n, in.offer); });
    f.size = in.offer.size;
    f.hash = in.offer.hash;
    f.room = in.offer.room;
    f.toUser = in.offer.toUser;
    // Whole seconds, as the files table stores it: upload.done and later download.begin show the same value.
    f.created = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    f.path = QStringLiteral("files/") + QString::number(in.upload);

    // Rename first, then record: a crash in between leaves a final file without a "files" row,
    // which purgeStale() turns back into a .part (verified again on resume).
    QFile::remove(in.finalPath); // a leftover of an earlier crash; never a listed file (ids are unique)
    if (!QFile::rename(in.partPath, in.finalPath)) {
        r.error.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot move the upload into place."));
        return r;
    }
    // The new name must be on disk before the row that lists it.
    if (!DurableFile::syncDirectory(in.directory))
        qCWarning(lcTransfer).noquote() << "cannot sync the directory of file" << in.upload;
    QSqlDatabase connection = database.connection();
    QString why;
    connection.transaction();
    const bool ok = execOn(database,
                           QStringLiteral("INSERT INTO files (id, owner, name, size, hash, room, to_user, created, path) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           {f.id, f.owner, f.name, f.size, f.hash, f.room, f.toUser, f.created.toSecsSinceEpoch(), f.path},
                           &why)
                    && execOn(database, QStringLiteral("DELETE FROM uploads WHERE id = ?"), {in.upload}, &why);
    if (!ok || !connection.commit()) {
        connection.rollback();
        QFile::rename(in.finalPath, in.partPath);
        qCWarning(lcTransfer).noquote() << "cannot record file" << in.upload << ":" << why;
        r.error.set(Protocol::ErrorCode::IoError, QStringLiteral("Cannot record the file."));
    }
    return r;
}

void UploadStore::drop(qint64 upload, bool deleteData)
{
    m_active.erase(upload); // closes the .part, abandons hashing
    if (deleteData) {
        QFile::remove(pathOf(upload, true));
        // Nobody waits for it; a later call on the storage thread comes after it.
        storage()->run(
            this, [upload](Database &db) { return execOn(db, QStringLiteral("DELETE FROM uploads WHERE id = ?"), {upload}); },
            [upload](bool, const QString &error) {
                if (!error.isEmpty())
                    qCWarning(lcTransfer).noquote() << "cannot delete the reservation of upload" << upload << ":" << error;
            });
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
    const auto it = m_active.find(upload);
    if (it != m_active.end() && it->second->committing)
        return; // verified and being recorded: it completes
    drop(upload, true);
}

bool UploadStore::discard(qint64 upload, const QString &owner)
{
    bool discarded = false;
    discardOn(&m_inlineStorage, upload, owner, [&](bool ok) { discarded = ok; });
    return discarded;
}

void UploadStore::discard(qint64 upload, const QString &owner, std::function<void(bool discarded)> done)
{
    discardOn(storage(), upload, owner, std::move(done));
}

void UploadStore::discardOn(StorageThread *storage, qint64 upload, const QString &owner,
                            std::function<void(bool discarded)> done)
{
    if (isActive(upload)) {
        done(false);
        return;
    }
    storage->run(
        this,
        [upload, owner, part = pathOf(upload, true)](Database &db) {
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("DELETE FROM uploads WHERE id = ? AND owner = ?"));
            q.addBindValue(upload);
            q.addBindValue(owner);
            const bool deleted = q.exec() && q.numRowsAffected() > 0;
            if (deleted)
                QFile::remove(part);
            return deleted;
        },
        [done = std::move(done)](bool deleted, const QString &error) { done(deleted && error.isEmpty()); });
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
    return fileOn(m_database, id);
}

void UploadStore::findFile(qint64 id, std::function<void(const FileInfo &file, const QString &error)> done)
{
    storage()->run(this, [id](Database &db) { return fileOn(db, id); }, std::move(done));
}

FileInfo UploadStore::fileOn(Database &database, qint64 id)
{
    QSqlQuery q(database.connection());
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
