#include "transfermodel.h"

#include "net/transfer/downloader.h"
#include "net/transfer/uploader.h"
#include "transfermanager.h"

#include <algorithm>

namespace Switchboard {

TransferModel::TransferModel(TransferManager *manager, QObject *parent)
    : QAbstractListModel(parent)
    , m_manager(manager)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &TransferModel::flush);
    m_sinceFlush.start();

    connect(manager, &TransferManager::transferAboutToBeAdded, this, [this](int row) { beginInsertRows(QModelIndex(), row, row); });
    connect(manager, &TransferManager::transferAdded, this, [this](Transfer *t) {
        endInsertRows();
        watch(t);
    });
    connect(manager, &TransferManager::transferAboutToBeRemoved, this, [this](int row) {
        beginRemoveRows(QModelIndex(), row, row);
        Transfer *t = m_manager->at(row);
        m_dirty.remove(t);
        t->disconnect(this);
    });
    connect(manager, &TransferManager::transferRemoved, this, [this] { endRemoveRows(); });
    connect(manager, &TransferManager::transferChanged, this, &TransferModel::touch);
    connect(manager, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_dirty.clear();
        endResetModel();
    });
    const QList<Transfer *> existing = manager->transfers();
    for (Transfer *t : existing)
        watch(t);
}

TransferManager *TransferModel::manager() const
{
    return m_manager;
}

void TransferModel::watch(Transfer *transfer)
{
    auto changed = [this, transfer] { touch(transfer); };
    connect(transfer, &Transfer::progress, this, changed);
    connect(transfer, &Transfer::stateChanged, this, changed);
    connect(transfer, &Transfer::rateChanged, this, changed);
    connect(transfer, &Transfer::failed, this, changed);
}

void TransferModel::touch(Transfer *transfer)
{
    m_dirty.insert(transfer);
    if (!m_flushTimer.isActive())
        m_flushTimer.start(int(qBound<qint64>(0, qint64(m_intervalMs) - m_sinceFlush.elapsed(), qint64(m_intervalMs))));
}

void TransferModel::flush()
{
    m_sinceFlush.restart();
    QList<int> rows;
    rows.reserve(m_dirty.size());
    for (Transfer *t : std::as_const(m_dirty))
        if (const int row = m_manager ? m_manager->indexOf(t) : -1; row >= 0)
            rows.append(row);
    m_dirty.clear();
    std::sort(rows.begin(), rows.end());
    // One dataChanged per run of adjacent rows.
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        emit dataChanged(index(rows.at(i)), index(rows.at(j)));
        i = j + 1;
    }
}

Transfer *TransferModel::transferAt(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && m_manager ? m_manager->at(index.row()) : nullptr;
}

int TransferModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_manager ? 0 : m_manager->count();
}

QVariant TransferModel::data(const QModelIndex &index, int role) const
{
    const Transfer *t = transferAt(index);
    if (!t)
        return QVariant();
    const auto *up = qobject_cast<const Uploader *>(t);
    const auto *down = qobject_cast<const Downloader *>(t);
    const Transfer::State state = m_manager->stateOf(t);
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return t->displayName();
    case Qt::ToolTipRole: {
        QString tip = up ? up->filePath() : (down && !down->savedPath().isEmpty() ? down->savedPath() : t->displayName());
        if (state == Transfer::State::Failed)
            tip += QLatin1Char('\n') + t->errorString();
        return tip;
    }
    case DirectionRole:
        return int(TransferManager::directionOf(t));
    case StateRole:
        return int(state);
    case StateTextRole:
        return Transfer::stateText(state);
    case BytesDoneRole:
        return t->bytesDone();
    case BytesTotalRole:
        return t->bytesTotal();
    case PercentRole:
        if (state == Transfer::State::Finished)
            return 100;
        return t->bytesTotal() > 0 ? int(qBound<qint64>(0, t->bytesDone(), t->bytesTotal()) * 100 / t->bytesTotal()) : 0;
    case RateRole:
        return t->rate();
    case SecondsLeftRole:
        return state == Transfer::State::Running ? t->secondsLeft() : qint64(-1);
    case ErrorTextRole:
        return state == Transfer::State::Failed ? t->errorString() : QString();
    case LocalPathRole:
        return up ? up->filePath() : (down ? down->savedPath() : QString());
    case FileIdRole:
        return up ? up->fileId() : (down ? down->fileId() : qint64(0));
    case RoomRole:
        return up ? up->room() : QString();
    case PeerRole:
        return up ? up->recipient() : QString();
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> TransferModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{NameRole, "name"},           {DirectionRole, "direction"},   {StateRole, "state"},
                  {StateTextRole, "stateText"}, {BytesDoneRole, "bytesDone"},   {BytesTotalRole, "bytesTotal"},
                  {PercentRole, "percent"},     {RateRole, "rate"},             {SecondsLeftRole, "secondsLeft"},
                  {ErrorTextRole, "errorText"}, {LocalPathRole, "localPath"},   {FileIdRole, "fileId"},
                  {RoomRole, "room"},           {PeerRole, "peer"}});
    return names;
}

} // namespace Switchboard
