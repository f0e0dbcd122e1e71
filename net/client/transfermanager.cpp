#include "transfermanager.h"

#include "net/transfer/downloader.h"
#include "net/transfer/uploader.h"

#include <QDir>
#include <QStandardPaths>
#include <QTimer>

namespace Switchboard {

void TransferManager::Totals::add(Transfer::State state, qint64 done, qint64 total)
{
    if (state == Transfer::State::Cancelled)
        return;
    ++count;
    finished += state == Transfer::State::Finished ? 1 : 0;
    failed += state == Transfer::State::Failed ? 1 : 0;
    bytesDone += done;
    bytesTotal += total;
    const qint64 weight = qMax<qint64>(total, 1);
    weightTotal += weight;
    weightDone += state == Transfer::State::Finished ? weight : qBound<qint64>(0, done, weight);
}

int TransferManager::Totals::percent() const
{
    return weightTotal > 0 ? int(weightDone * 100 / weightTotal) : 0;
}

TransferManager::TransferManager(ChatClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_downloadDir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (m_downloadDir.isEmpty())
        m_downloadDir = QDir::homePath();
}

TransferManager::~TransferManager()
{
    // The transfers are children and go with us; nobody should hear about them one by one.
    for (const Entry &e : std::as_const(m_entries))
        e.transfer->disconnect(this);
}

Uploader *TransferManager::upload(const QString &path, const QString &room, const QString &peer)
{
    auto *up = new Uploader(m_client, path, this);
    if (!room.isEmpty())
        up->setRoom(room);
    else
        up->setRecipient(peer);
    add(up);
    return up;
}

Downloader *TransferManager::download(const FileInfo &file, const QString &directory)
{
    return download(file.id, file.name, directory);
}

Downloader *TransferManager::download(qint64 fileId, const QString &nameHint, const QString &directory)
{
    for (const Entry &e : std::as_const(m_entries)) {
        auto *d = qobject_cast<Downloader *>(e.transfer);
        if (d && d->fileId() == fileId && !d->isFinal()) {
            // Asked for again: a stopped one goes on (back in the queue).
            retry(d);
            resume(d);
            return d;
        }
    }
    const QString dir = directory.isEmpty() ? m_downloadDir : directory;
    QDir().mkpath(dir);
    auto *down = new Downloader(m_client, fileId, this);
    down->setDestinationDirectory(dir);
    if (!nameHint.isEmpty())
        down->setNameHint(nameHint);
    add(down);
    return down;
}

void TransferManager::add(Transfer *transfer)
{
    const int row = count();
    emit transferAboutToBeAdded(row);
    m_entries.append(Entry{transfer, m_account});
    connect(transfer, &Transfer::stateChanged, this, &TransferManager::scheduleNext);
    connect(transfer, &Transfer::completed, this, [this, transfer] { emit transferFinished(transfer); });
    emit transferAdded(transfer);
    scheduleNext();
}

Transfer *TransferManager::at(int row) const
{
    return row >= 0 && row < count() ? m_entries.at(row).transfer : nullptr;
}

int TransferManager::indexOf(const Transfer *transfer) const
{
    for (int i = 0; i < count(); ++i)
        if (m_entries.at(i).transfer == transfer)
            return i;
    return -1;
}

QList<Transfer *> TransferManager::transfers() const
{
    QList<Transfer *> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        out.append(e.transfer);
    return out;
}

TransferManager::Direction TransferManager::directionOf(const Transfer *transfer)
{
    return qobject_cast<const Uploader *>(transfer) ? Direction::Upload : Direction::Download;
}

QString TransferManager::accountOf(const Transfer *transfer) const
{
    const int row = indexOf(transfer);
    return row >= 0 ? m_entries.at(row).account : QString();
}

Transfer::State TransferManager::stateOf(const Transfer *transfer) const
{
    return m_wantsRestart.contains(transfer) ? Transfer::State::Queued : transfer->state();
}

void TransferManager::setMaxConcurrent(Direction direction, int n)
{
    (direction == Direction::Upload ? m_maxUploads : m_maxDownloads) = qMax(1, n);
    startNext();
}

int TransferManager::maxConcurrent(Direction direction) const
{
    return direction == Direction::Upload ? m_maxUploads : m_maxDownloads;
}

void TransferManager::setDownloadDirectory(const QString &dir)
{
    m_downloadDir = dir;
}

TransferManager::Totals TransferManager::totals() const
{
    Totals t;
    for (const Entry &e : m_entries)
        t.add(e.transfer->state(), e.transfer->bytesDone(), e.transfer->bytesTotal());
    return t;
}

bool TransferManager::hasPending() const
{
    for (const Entry &e : m_entries) {
        if (e.transfer->isBusy())
            return true;
        if (m_active && stateOf(e.transfer) == Transfer::State::Queued)
            return true;
    }
    return false;
}

void TransferManager::setAccount(const QString &account)
{
    if (account == m_account)
        return;
    m_account = account;
    for (int row = count() - 1; row >= 0; --row)
        if (m_entries.at(row).account != account)
            remove(m_entries.at(row).transfer);
}

void TransferManager::setActive(bool active)
{
    m_active = active;
    if (active)
        startNext();
}

void TransferManager::pause(Transfer *transfer)
{
    if (!transfer || indexOf(transfer) < 0)
        return;
    if (m_wantsRestart.remove(transfer)) {
        emit transferChanged(transfer); // shown as paused/failed again, no longer queued
        return;
    }
    transfer->pause();
}

void TransferManager::resume(Transfer *transfer)
{
    if (!transfer || indexOf(transfer) < 0 || transfer->state() != Transfer::State::Paused)
        return;
    m_wantsRestart.insert(transfer);
    emit transferChanged(transfer); // shown as queued until a slot is free
    scheduleNext();
}

void TransferManager::retry(Transfer *transfer)
{
    if (!transfer || indexOf(transfer) < 0 || transfer->state() != Transfer::State::Failed)
        return;
    m_wantsRestart.insert(transfer);
    emit transferChanged(transfer);
    scheduleNext();
}

void TransferManager::cancel(Transfer *transfer)
{
    if (!transfer || indexOf(transfer) < 0)
        return;
    m_wantsRestart.remove(transfer);
    transfer->cancel();
}

void TransferManager::clearFinished()
{
    for (int row = count() - 1; row >= 0; --row)
        if (m_entries.at(row).transfer->isFinal())
            removeAt(row);
}

void TransferManager::remove(Transfer *transfer)
{
    const int row = indexOf(transfer);
    if (row < 0)
        return;
    m_wantsRestart.remove(transfer);
    if (transfer->isBusy())
        transfer->cancel();
    removeAt(row);
}

void TransferManager::removeAt(int row)
{
    Transfer *t = m_entries.at(row).transfer;
    emit transferAboutToBeRemoved(row);
    m_entries.removeAt(row);
    m_wantsRestart.remove(t);
    t->disconnect(this);
    // Later: this may run inside one of the transfer's own signals.
    t->deleteLater();
    emit transferRemoved(row);
}

int TransferManager::busyCount(Direction direction) const
{
    int busy = 0;
    for (const Entry &e : m_entries)
        busy += e.transfer->isBusy() && directionOf(e.transfer) == direction ? 1 : 0;
    return busy;
}

void TransferManager::scheduleNext()
{
    // Once per turn of the event loop, after the transfer that changed has finished its own step.
    if (m_startScheduled)
        return;
    m_startScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_startScheduled = false;
        startNext();
    });
}

void TransferManager::startNext()
{
    if (!m_active)
        return;
    int busy[2] = {busyCount(Direction::Upload), busyCount(Direction::Download)};
    // A snapshot: starting a transfer emits signals whose receivers may clear the list.
    const QList<Transfer *> all = transfers();
    for (Transfer *t : all) {
        if (!m_active)
            return;
        const int dir = int(directionOf(t));
        if (busy[dir] >= maxConcurrent(Direction(dir)) || indexOf(t) < 0)
            continue;
        if (m_wantsRestart.remove(t)) {
            if (t->state() == Transfer::State::Paused)
                t->resume();
            else if (t->state() == Transfer::State::Failed)
                t->start();
        } else if (t->state() == Transfer::State::Queued) {
            t->start();
        } else {
            continue;
        }
        busy[dir] += t->isBusy() ? 1 : 0;
    }
}

} // namespace Switchboard
