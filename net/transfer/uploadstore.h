#pragma once
#include "net/protocol/messages.h"
#include "net/storage/storagethread.h"
#include "transferconfig.h"
#include "transfererror.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>

#include <functional>
#include <map>
#include <memory>

class QFile;

namespace Switchboard {

class Database;
class StreamHasher;

// Server-side storage of uploaded files, independent of the network.
//
// Layout (the files directory: <dataDir>/files, or TransferConfig::filesDir shared by the nodes of a
// cluster, see docs/CLUSTER.md): <files>/<id>.part while an upload is in progress, <files>/<id> once its
// size and XXH3-128 hash are verified. Metadata lives in the server's database (Database,
// migration 3), in two tables: "uploads" (reservations of uploads in progress, including
// interrupted ones) and "files" (completed files only, so a .part can never be listed or
// downloaded). An upload's id becomes its file's id.
//
// Data is streamed: each chunk is appended to the .part as it arrives and hashed on a worker
// thread (StreamHasher), so nothing holds a whole file and hashing never blocks the event loop.
// An interrupted upload keeps its .part; a later offer of the same file (same owner, sanitized
// name and size, and the same hash if both offers had one) resumes at the .part's length; the
// hash checked at the end covers the prefix, so a prefix of other data fails and is deleted. The prefix is re-hashed from disk on the
// worker thread ahead of the new chunks, in 16 MiB jobs shared fairly with other uploads, so the
// resume is accepted at once and the re-hash overlaps with the rest of the transfer.
//
// Durability: a verified .part is fsynced (on a worker thread) before it is renamed into place, and
// the directory after, before the "files" row commits: a listed file survives a power loss. A file
// stored but not announced before a crash is announced at start (ServerRuntime); it and the files
// stored just before the crash are marked recovered: their owner's re-offer (the client may never
// have got upload.done) completes without the data.
//
// The bookkeeping's statements (an offer's look-up and reservation, a file's row and its commit,
// the look-up of a download) run through a StorageThread (setStorage()): with PostgreSQL on its
// database thread, off the event loop; the results come back to this object's thread.
class UploadStore : public QObject
{
    Q_OBJECT
public:
    struct Offer
    {
        QString owner;
        QString name; // as the client sent it; sanitized here
        qint64 size = 0;
        QString hash;
        QString room;
        QString toUser;
    };
    struct Ticket
    {
        qint64 upload = 0;
        qint64 offset = 0;   // bytes already stored: send from here
        bool resumed = false;
        QString name;        // the sanitized name (the final one may get a " (n)" suffix)
    };
    using FinishCallback = std::function<void(const FileInfo &file, const TransferError &error)>;
    using BeginCallback = std::function<void(const Ticket &ticket, const TransferError &error)>;
    // Bytes free for the files directory, -1 if unknown (then no check is made).
    using FreeSpaceProvider = std::function<qint64(const QString &directory)>;

    // The database must outlive the store.
    explicit UploadStore(Database &database, QObject *parent = nullptr);
    ~UploadStore() override;

    // Takes the settings, creates the files directory if needed and purges stale partial uploads.
    bool prepare(const TransferConfig &config, QString *error);
    // The database calls made while uploads run go through `storage` (must outlive the store):
    // on its database thread when it runs. Unset: inline on the store's database.
    void setStorage(StorageThread *storage) { m_storage = storage; }
    // Forgets the uploads in progress (their .part files stay for a resume).
    void close();
    bool isOpen() const;
    const TransferConfig &config() const { return m_config; }
    void setLimits(qint64 maxFileSize, qint64 userQuota);
    // Replaces the file system query behind the free-space check (tests); empty: the real one.
    void setFreeSpaceProvider(FreeSpaceProvider provider) { m_freeSpace = std::move(provider); }
    // Bytes free on the file system holding directory (QStorageInfo), -1 if unknown.
    static qint64 freeSpace(const QString &directory);
    QString filesDirectory() const;

    // Validates an offer (name, size limit, hash syntax, quota, free space) and reserves or resumes
    // an upload (an offer without a hash resumes one of the same name and size, whatever its
    // hash: finish() checks the whole file against the hash given then). Free space must hold the rest of this file, the rest of every upload in progress
    // and minFreeSpace. A resumed upload still attached to another (dead) session is taken over.
    // `done` runs on this object's thread once the reservation is stored (at once, before begin()
    // returns, without a running StorageThread); never if this store is deleted first.
    void begin(const Offer &offer, BeginCallback done);
    // The same, inline on the store's database whatever setStorage() says (tests, tools).
    bool begin(const Offer &offer, Ticket *ticket, TransferError *error);
    // Appends a chunk that must start at the upload's current length.
    bool write(qint64 upload, qint64 offset, const QByteArray &data, TransferError *error);
    // All bytes sent: verifies size and hash (asynchronously), then moves the file into place.
    // done runs later in this object's thread; never if the upload is dropped meanwhile. hash is
    // the one upload.end carries: required when the offer had none, else it must be the same.
    void finish(qint64 upload, FinishCallback done, const QString &hash = QString());
    // The uploader went away: close the .part but keep it (and the reservation) for a resume.
    // No effect on an upload that is already being verified.
    void suspend(qint64 upload);
    // Abandons an upload: deletes its .part and reservation.
    void cancel(qint64 upload);
    // Abandons an upload that is not in progress, if it belongs to owner; `done` says whether it did.
    void discard(qint64 upload, const QString &owner, std::function<void(bool discarded)> done);
    bool discard(qint64 upload, const QString &owner); // inline (tests)

    bool isActive(qint64 upload) const { return m_active.count(upload) > 0; }
    int activeCount() const { return int(m_active.size()); }
    qint64 receivedBytes(qint64 upload) const;
    // Bytes the uploads in progress have yet to write.
    qint64 pendingBytes() const;
    QString partPath(qint64 upload) const;

    FileInfo file(qint64 id) const; // inline on the store's database
    // The same through the storage: `done` gets an invalid FileInfo for an unknown id, and the
    // database's words in `error` when the look-up failed.
    void findFile(qint64 id, std::function<void(const FileInfo &file, const QString &error)> done);
    QList<FileInfo> files() const;
    QString absolutePath(const FileInfo &file) const;
    // Bytes counted against owner's quota: completed files plus reserved uploads.
    qint64 usage(const QString &owner, qint64 excludingUpload = 0) const;
    // Files whose uploader may never have got upload.done (stored just before a crash, or stored but
    // not announced): the first identical re-offer by their owner (name, size, hash, room or
    // recipient; without a hash in the offer, the one upload.end carries) completes at once,
    // offset = size, without a new file.
    void addRecoveredFiles(const QSet<qint64> &fileIds) { m_recovered += fileIds; }
    // Deletes reservations (and .part files) older than the configured TTL, orphaned .part files,
    // and puts back any half-committed file. Returns the number of items removed.
    int purgeStale();

signals:
    void fileStored(const Switchboard::FileInfo &file);

private:
    struct Active;
    struct BeginInput;  // what the storage thread needs of this thread's state for an offer
    struct BeginPlan;   // what it found and reserved
    struct CommitInput; // a verified upload to record as a file
    struct CommitResult;

    static bool execOn(Database &database, const QString &sql, const QVariantList &values = {},
                       QString *error = nullptr);
    StorageThread *storage() { return m_storage ? m_storage : &m_inlineStorage; }
    void beginOn(StorageThread *storage, const Offer &in, BeginCallback done);
    static BeginPlan planBegin(Database &database, const BeginInput &in); // storage thread
    void discardOn(StorageThread *storage, qint64 upload, const QString &owner, std::function<void(bool discarded)> done);
    void applyBegin(const Offer &offer, const BeginPlan &plan, const QString &error, const BeginCallback &done);
    static CommitResult commitOn(Database &database, const CommitInput &in); // storage thread
    static FileInfo fileOn(Database &database, qint64 id);
    static qint64 usageOn(Database &database, const QString &owner, qint64 excludingUpload);
    static QString pathIn(const QString &directory, qint64 upload, bool part);
    QString pathOf(qint64 upload, bool part) const;
    void complete(qint64 upload, const QString &hash, bool synced, FinishCallback done);
    // Syncs the verified .part to disk on a worker thread, then complete()s.
    void syncThenComplete(qint64 upload, const QString &hash, FinishCallback done);
    void drop(qint64 upload, bool deleteData);
    static bool nameTaken(Database &database, const QString &name, const Offer &offer);
    TransferError writeError(const QFile &file) const;

    QSqlDatabase db() const;

    Database &m_database;
    StorageThread *m_storage = nullptr;
    StorageThread m_inlineStorage; // never started: runs on m_database
    TransferConfig m_config;
    bool m_prepared = false;
    std::map<qint64, std::unique_ptr<Active>> m_active;
    FreeSpaceProvider m_freeSpace;
    QSet<qint64> m_recovered;
};

} // namespace Switchboard
