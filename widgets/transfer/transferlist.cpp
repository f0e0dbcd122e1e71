#include "transferlist.h"

#include "net/client/transfermanager.h"
#include "net/client/transfermodel.h"
#include "transferfiltermodel.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QVBoxLayout>

namespace Switchboard {

namespace {

Transfer::State stateAt(const QModelIndex &index)
{
    return Transfer::State(index.data(TransferModel::StateRole).toInt());
}

} // namespace

TransferList::TransferList(TransferManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new TransferModel(manager, this))
    , m_filter(new TransferFilterModel(this))
    , m_view(new QListView(this))
    , m_overall(new QProgressBar(this))
    , m_summary(new QLabel(this))
{
    m_filter->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("transferView"));
    m_view->setModel(m_filter);
    auto *delegate = new TransferDelegate(m_view);
    m_view->setItemDelegate(delegate);
    m_view->setUniformItemSizes(true); // every row is the same height: no re-layout per change
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(delegate, &TransferDelegate::actionRequested, this, &TransferList::act);

    for (auto action : {TransferDelegate::Action::Pause, TransferDelegate::Action::Resume,
                        TransferDelegate::Action::Retry, TransferDelegate::Action::Cancel}) {
        auto *a = new QAction(TransferDelegate::actionText(action), this);
        connect(a, &QAction::triggered, this, [this, action] { actOnSelection(action); });
        m_view->addAction(a);
        m_actions.append(a);
    }
    m_actions.at(int(TransferDelegate::Action::Cancel))->setShortcut(QKeySequence::Delete);
    m_actions.at(int(TransferDelegate::Action::Cancel))->setShortcutContext(Qt::WidgetShortcut);

    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setRange(0, 100);
    m_overall->setValue(0);
    m_summary->setObjectName(QStringLiteral("summary"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_overall);

    // The source model already coalesces progress into one dataChanged per ~100 ms.
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &TransferList::updateOverall);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &TransferList::updateOverall);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &TransferList::updateOverall);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &TransferList::updateOverall);
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &TransferList::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TransferList::updateActions);
    updateOverall();
    updateActions();
}

Transfer *TransferList::transferAt(const QModelIndex &index) const
{
    return m_model->transferAt(m_filter->mapToSource(index));
}

QList<Transfer *> TransferList::transfers() const
{
    QList<Transfer *> out;
    for (int row = 0; row < m_filter->rowCount(); ++row)
        if (Transfer *t = transferAt(m_filter->index(row, 0)))
            out.append(t);
    return out;
}

void TransferList::act(const QModelIndex &index, TransferDelegate::Action action)
{
    Transfer *t = transferAt(index);
    if (!t || !m_manager)
        return;
    switch (action) {
    case TransferDelegate::Action::Pause: m_manager->pause(t); break;
    case TransferDelegate::Action::Resume: m_manager->resume(t); break;
    case TransferDelegate::Action::Retry: m_manager->retry(t); break;
    case TransferDelegate::Action::Cancel: m_manager->cancel(t); break;
    }
}

void TransferList::actOnSelection(TransferDelegate::Action action)
{
    // Persistent: an action may remove or move rows.
    QList<QPersistentModelIndex> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : selected)
        rows.append(i);
    for (const QPersistentModelIndex &i : std::as_const(rows))
        if (i.isValid())
            act(i, action);
}

void TransferList::updateActions()
{
    bool can[4] = {false, false, false, false};
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : selected) {
        const Transfer::State s = stateAt(i);
        if (const auto a = TransferDelegate::primaryAction(s))
            can[int(*a)] = true;
        can[int(TransferDelegate::Action::Cancel)] |= TransferDelegate::canCancel(s);
    }
    for (int i = 0; i < 4; ++i)
        m_actions.at(i)->setEnabled(can[i]);
}

bool TransferList::hasActive() const
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const Transfer::State s = stateAt(m_filter->index(row, 0));
        if (s != Transfer::State::Finished && s != Transfer::State::Failed && s != Transfer::State::Cancelled)
            return true;
    }
    return false;
}

TransferManager::Totals TransferList::totals() const
{
    TransferManager::Totals totals;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex i = m_filter->index(row, 0);
        totals.add(stateAt(i), i.data(TransferModel::BytesDoneRole).toLongLong(), i.data(TransferModel::BytesTotalRole).toLongLong());
    }
    return totals;
}

int TransferList::overallPercent() const
{
    return totals().percent();
}

void TransferList::updateOverall()
{
    const TransferManager::Totals totals = this->totals();
    m_overall->setValue(totals.percent());
    QString text = tr("%n of %1 file(s) done", nullptr, totals.finished).arg(totals.count);
    text += QStringLiteral(" · ")
        + tr("%1 of %2").arg(TransferDelegate::formatBytes(totals.bytesDone), TransferDelegate::formatBytes(totals.bytesTotal));
    if (totals.failed > 0)
        text += QStringLiteral(" · ") + tr("%n failed", nullptr, totals.failed);
    m_summary->setText(text);
    emit changed();
}

void TransferList::clearFinished()
{
    const QList<Transfer *> shown = transfers();
    for (Transfer *t : shown)
        if (t->isFinal() && m_manager)
            m_manager->remove(t);
}

} // namespace Switchboard
