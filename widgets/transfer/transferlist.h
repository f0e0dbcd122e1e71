#pragma once
#include "net/client/transfermanager.h"
#include "transferdelegate.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;
class QListView;
class QModelIndex;
class QProgressBar;

namespace Switchboard {

class TransferFilterModel;
class TransferModel;

// A view of a TransferManager's transfers (all, or those a TransferFilterModel lets through):
// one row per transfer with its progress, rate, time left, status and pause/resume/retry and
// cancel buttons, a context menu with the same actions for the selected rows, and an overall bar
// over the rows shown. It owns no transfer: every action is a call to the manager.
class TransferList : public QWidget
{
    Q_OBJECT
public:
    explicit TransferList(TransferManager *manager, QWidget *parent = nullptr);

    TransferManager *manager() const { return m_manager; }
    TransferModel *sourceModel() const { return m_model; }
    // What the view shows; its rows carry TransferModel's roles.
    TransferFilterModel *model() const { return m_filter; }
    QListView *view() const { return m_view; }
    // The transfers shown, in order.
    QList<Transfer *> transfers() const;
    // 0..100 over the transfers shown that are not cancelled.
    int overallPercent() const;
    QProgressBar *overallBar() const { return m_overall; }
    // Whether a shown transfer is running, queued or paused.
    bool hasActive() const;

public slots:
    // Removes the shown transfers that are finished or cancelled.
    void clearFinished();
    void act(const QModelIndex &index, Switchboard::TransferDelegate::Action action);

signals:
    void changed();

private:
    Transfer *transferAt(const QModelIndex &index) const;
    TransferManager::Totals totals() const;
    void actOnSelection(TransferDelegate::Action action);
    void updateActions();
    void updateOverall();

    QPointer<TransferManager> m_manager;
    TransferModel *m_model;
    TransferFilterModel *m_filter;
    QListView *m_view;
    QProgressBar *m_overall;
    QLabel *m_summary;
    QList<QAction *> m_actions; // indexed by TransferDelegate::Action
};

} // namespace Switchboard
