#include "roommemberspanel.h"

#include "net/client/clientsession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Switchboard {

RoomMembersPanel::RoomMembersPanel(ClientSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_title(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_makeOwner(new QPushButton(tr("Make owner"), this))
{
    m_list->setObjectName(QStringLiteral("roomMembers"));
    m_title->setBuddy(m_list);
    m_list->setAccessibleName(tr("Members of the private room"));
    m_remove->setObjectName(QStringLiteral("removeMember"));
    m_makeOwner->setObjectName(QStringLiteral("makeOwner"));
    m_remove->setToolTip(tr("Take the selected member off this private room's list."));
    m_makeOwner->setToolTip(tr("Hand this room over to the selected member."));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_remove);
    buttons->addWidget(m_makeOwner);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    setVisible(false);

    connect(m_list, &QListWidget::itemSelectionChanged, this, &RoomMembersPanel::updateButtons);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QString user = selectedUser();
        if (!user.isEmpty())
            m_session->removeFromRoom(m_room, user);
    });
    connect(m_makeOwner, &QPushButton::clicked, this, [this] {
        const QString user = selectedUser();
        if (user.isEmpty())
            return;
        const auto answer = QMessageBox::question(this, tr("Hand over room"),
                                                  tr("Make %1 the owner of %2? You will no longer manage its members.")
                                                      .arg(user, m_room));
        if (answer == QMessageBox::Yes)
            m_session->transferOwnership(m_room, user);
    });
    connect(session, &ClientSession::roomMembersReceived, this, [this](const QString &room) {
        if (room == m_room)
            refresh();
    });
    connect(session, &ClientSession::removedFromRoom, this, [this](const QString &room) {
        if (room == m_room)
            setRoom(QString());
    });
}

void RoomMembersPanel::setRoom(const QString &room)
{
    m_room = room;
    refresh();
    if (!room.isEmpty() && m_session->isPrivateRoom(room))
        m_session->requestMembers(room);
}

void RoomMembersPanel::refresh()
{
    const bool shown = !m_room.isEmpty() && m_session->isPrivateRoom(m_room);
    setVisible(shown);
    m_list->clear();
    if (!shown)
        return;
    const QString owner = m_session->roomOwner(m_room);
    m_title->setText(tr("Members of %1 (private)").arg(m_room));
    for (const QString &user : m_session->accessList(m_room)) {
        auto *item = new QListWidgetItem(user == owner ? tr("%1 (owner)").arg(user) : user, m_list);
        item->setData(Qt::UserRole, user);
    }
    updateButtons();
}

QString RoomMembersPanel::selectedUser() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(Qt::UserRole).toString() : QString();
}

void RoomMembersPanel::updateButtons()
{
    const QString owner = m_session->roomOwner(m_room);
    const QString user = selectedUser();
    const bool isOwner = !owner.isEmpty() && owner == m_session->user();
    m_remove->setVisible(isOwner);
    m_makeOwner->setVisible(isOwner);
    m_remove->setEnabled(isOwner && !user.isEmpty() && user != owner);
    m_makeOwner->setEnabled(isOwner && !user.isEmpty() && user != owner);
}

} // namespace Switchboard
