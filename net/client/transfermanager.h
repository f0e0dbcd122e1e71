#pragma once
#include "net/protocol/messages.h"
#include "net/transfer/transfer.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

namespace Switchboard {

class ChatClient;
class Downloader;
class Uploader;

// Owns every upload and download of one client (one ChatClient / ClientSession), in the order
// they were asked for. A transfer is queued when created and started by the manager when fewer
// than maxConcurrent() of its direction are busy: they share one connection, so more would add
// no speed, only make every file arrive later. Resuming a paused transfer and retrying a failed
// one go through the same queue. Transfers start from the event loop, never inside upload() or
// download(), so a caller may still configure the one it got (window, destination file).
//
// Every transfer belongs to the account that was current when it was created: setAccount() to
// another account (or to none: logged out) removes the previous account's transfers (remove()),
// so a file queued by one user is never sent under another's name. Nothing starts while the
// manager is inactive (the session is not logged in).
class TransferManager : public QObject
{
    Q_OBJECT
public:
    enum class Direction { Upload, Download };
    Q_ENUM(Direction)

    // Bytes and counts over a set of transfers: cancelled ones are left out, finished ones count
    // as complete, an empty file as one byte (so a list of empty files still reaches 100 %).
    struct Totals
    {
        int count = 0;
        int finished = 0;
        int failed = 0;
        qint64 bytesDone = 0;
        qint64 bytesTotal = 0;
        qint64 weightDone = 0;  // for percent(): bytes with empty files counted as one byte
        qint64 weightTotal = 0;

        void add(Transfer::State state, qint64 done, qint64 total);
        int percent() const; // 0..100
    };

    explicit TransferManager(ChatClient *client, QObject *parent = nullptr);
    ~TransferManager() override;

    ChatClient *client() const { return m_client; }

    // Queues an upload of a local file to a room, or privately to peer (exactly one non-empty).
    Uploader *upload(const QString &path, const QString &room, const QString &peer);
    // Queues a download into directory (empty: downloadDirectory()). While a download of the same
    // file is not finished or cancelled, that one is returned instead of a second (and queued
    // again if it had failed or was paused).
    Downloader *download(const FileInfo &file, const QString &directory = QString());
    Downloader *download(qint64 fileId, const QString &nameHint, const QString &directory = QString());

    int count() const { return int(m_entries.size()); }
    Transfer *at(int row) const;
    int indexOf(const Transfer *transfer) const;
    QList<Transfer *> transfers() const;
    static Direction directionOf(const Transfer *transfer);
    // The account the transfer was started for ("" when the manager never had one).
    QString accountOf(const Transfer *transfer) const;
    // The transfer's state as a user sees it: Queued while it waits for a free slot (including a
    // resumed or retried one the manager has not restarted yet).
    Transfer::State stateOf(const Transfer *transfer) const;

    void setMaxConcurrent(Direction direction, int n);
    int maxConcurrent(Direction direction) const;
    void setDownloadDirectory(const QString &dir);
    QString downloadDirectory() const { return m_downloadDir; }

    QString account() const { return m_account; }
    bool isActive() const { return m_active; }
    // Over every transfer that is not cancelled.
    Totals totals() const;
    // Whether anything is running or will still start by itself.
    bool hasPending() const;

public slots:
    // The account now logged in, or "" after logging out: removes other accounts' transfers.
    void setAccount(const QString &account);
    // Whether queued transfers may start now (the client is logged in as account()).
    void setActive(bool active);

    void pause(Switchboard::Transfer *transfer);
    void resume(Switchboard::Transfer *transfer);
    void cancel(Switchboard::Transfer *transfer);
    void retry(Switchboard::Transfer *transfer);
    void pauseRow(int row) { pause(at(row)); }
    void resumeRow(int row) { resume(at(row)); }
    void cancelRow(int row) { cancel(at(row)); }
    void retryRow(int row) { retry(at(row)); }
    // Removes finished and cancelled transfers.
    void clearFinished();
    // Removes the transfer, cancelling it first if it is moving data. A paused or failed one is
    // only dropped: what it has (a download's ".part", an upload the server keeps) lets a later
    // transfer of the same file resume.
    void remove(Switchboard::Transfer *transfer);

signals:
    // Transfers are only ever appended; row is where the new one goes.
    void transferAboutToBeAdded(int row);
    void transferAdded(Switchboard::Transfer *transfer);
    void transferAboutToBeRemoved(int row);
    void transferRemoved(int row);
    // stateOf(transfer) changed without the transfer's own stateChanged (resume/retry queued it).
    void transferChanged(Switchboard::Transfer *transfer);
    // A transfer reached Finished (uploads: the file is on the server; downloads: saved).
    void transferFinished(Switchboard::Transfer *transfer);

private:
    struct Entry
    {
        Transfer *transfer;
        QString account;
    };

    void add(Transfer *transfer);
    void removeAt(int row);
    void scheduleNext();
    void startNext();
    int busyCount(Direction direction) const;

    ChatClient *m_client;
    QList<Entry> m_entries;
    QSet<const Transfer *> m_wantsRestart; // paused or failed, waiting for a slot to go on
    int m_maxUploads = 1;
    int m_maxDownloads = 2;
    QString m_downloadDir;
    QString m_account;
    bool m_active = true;
    bool m_startScheduled = false;
};

} // namespace Switchboard
