#pragma once
#include <QAbstractListModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Switchboard {

class Transfer;
class TransferManager;

// The transfers of a TransferManager as a list model, one row per transfer in the manager's
// order. Progress, rate and state changes are collected and reported as dataChanged at most
// every updateInterval() ms (100 by default): a transfer reports progress every 50 ms and a
// view repainting for each of them would spend its time on that.
class TransferModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1, // QString (also Qt::DisplayRole)
        DirectionRole,               // int, TransferManager::Direction
        StateRole,                   // int, Transfer::State as TransferManager::stateOf() has it
        StateTextRole,               // QString
        BytesDoneRole,               // qint64
        BytesTotalRole,              // qint64
        PercentRole,                 // int 0..100 (100 once finished, also for an empty file)
        RateRole,                    // double, bytes per second (0 when not running)
        SecondsLeftRole,             // qint64, -1 when unknown or not running
        ErrorTextRole,               // QString, empty unless failed
        LocalPathRole,               // QString: where a download was saved, or the file uploaded
        FileIdRole,                  // qint64: the file on the server (an upload's once finished)
        RoomRole,                    // QString: an upload's room
        PeerRole,                    // QString: an upload's private recipient
    };
    Q_ENUM(Role)

    explicit TransferModel(TransferManager *manager, QObject *parent = nullptr);

    TransferManager *manager() const;
    Transfer *transferAt(const QModelIndex &index) const;
    void setUpdateInterval(int ms) { m_intervalMs = ms; }
    int updateInterval() const { return m_intervalMs; }
    // Whether a change is waiting for the next dataChanged.
    bool hasPendingChanges() const { return !m_dirty.isEmpty(); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void watch(Transfer *transfer);
    void touch(Transfer *transfer);
    void flush();

    QPointer<TransferManager> m_manager; // may go first (the session before the widgets)
    QSet<Transfer *> m_dirty;
    QTimer m_flushTimer;
    QElapsedTimer m_sinceFlush;
    int m_intervalMs = 100;
};

} // namespace Switchboard
