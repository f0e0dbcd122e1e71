#include "discoveredserverslist.h"

#include "net/discovery/discoveredserversmodel.h"

#include <QLabel>
#include <QListView>
#include <QVBoxLayout>

namespace Switchboard {

DiscoveredServersList::DiscoveredServersList(QAbstractItemModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_hint(new QLabel(this))
    , m_view(new QListView(this))
{
    setObjectName(QStringLiteral("discoveredServers"));
    m_view->setObjectName(QStringLiteral("discoveredServersView"));
    m_view->setModel(model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setMaximumHeight(110);
    m_hint->setWordWrap(true);
    m_hint->setBuddy(m_view);
    m_view->setAccessibleName(tr("Servers on your network"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hint);
    layout->addWidget(m_view);
    connect(m_view, &QListView::clicked, this, [this](const QModelIndex &index) {
        emit serverChosen(index.data(DiscoveredServersModel::HostRole).toString(),
                          quint16(index.data(DiscoveredServersModel::PortRole).toInt()));
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &DiscoveredServersList::updateHint);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DiscoveredServersList::updateHint);
    connect(model, &QAbstractItemModel::modelReset, this, &DiscoveredServersList::updateHint);
    updateHint();
}

void DiscoveredServersList::updateHint()
{
    const bool any = m_model->rowCount() > 0;
    m_hint->setText(any ? tr("Servers on your network (click one to connect):")
                        : tr("Looking for servers on your network…"));
    m_view->setVisible(any);
}

} // namespace Switchboard
