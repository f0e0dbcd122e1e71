#include "chatview.h"

#include "chattab.h"
#include "createroomdialog.h"
#include "dropoverlay.h"
#include "roommemberspanel.h"
#include "udproomdialog.h"
#include "udproomtab.h"
#include "net/udproom/udproom.h"
#include "searchbar.h"
#include "messageinput.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "widgets/transfer/uploaddialog.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>

#include <QApplication>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Switchboard {

ChatView::ChatView(ClientSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_rooms(new QListWidget(this))
    , m_users(new QListWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_join(new QPushButton(tr("Join room…"), this))
    , m_create(new QPushButton(tr("Create room…"), this))
    , m_membersPanel(new RoomMembersPanel(session, this))
    , m_dropOverlay(new DropOverlay(this))
{
    m_rooms->setObjectName(QStringLiteral("roomList"));
    m_users->setObjectName(QStringLiteral("userList"));
    m_tabs->setObjectName(QStringLiteral("chatTabs"));
    m_tabs->setAccessibleName(tr("Conversations"));
    m_tabs->tabBar()->setAccessibleName(tr("Conversations"));
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    setAcceptDrops(true);

    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    auto *roomsLabel = new QLabel(tr("&Rooms"), side);
    roomsLabel->setBuddy(m_rooms);
    sideLayout->addWidget(roomsLabel);
    sideLayout->addWidget(m_rooms, 1);
    auto *roomButtons = new QHBoxLayout;
    roomButtons->addWidget(m_join);
    roomButtons->addWidget(m_create);
    sideLayout->addLayout(roomButtons);
    auto *usersLabel = new QLabel(tr("Online &users"), side);
    usersLabel->setBuddy(m_users);
    sideLayout->addWidget(usersLabel);
    sideLayout->addWidget(m_users, 1);
    sideLayout->addWidget(m_membersPanel, 1);
    m_create->setObjectName(QStringLiteral("createRoom"));
    m_users->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_users, &QWidget::customContextMenuRequested, this, &ChatView::showUserMenu);
    connect(m_create, &QPushButton::clicked, this, &ChatView::askCreateRoom);
    m_rooms->setToolTip(tr("Double-click a room to open it."));
    m_users->setToolTip(tr("Double-click a user to chat privately; right-click to invite to a private room."));

    auto *split = new QSplitter(this);
    split->addWidget(side);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setSizes({180, 620});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_join, &QPushButton::clicked, this, &ChatView::askJoinRoom);
    connect(m_rooms, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString room = item->data(Qt::UserRole).toString();
        m_session->joinRoom(room);
        m_tabs->setCurrentWidget(tabForRoom(room));
    });
    connect(m_users, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString user = item->data(Qt::UserRole).toString();
        if (user == m_session->user())
            return;
        ChatTab *tab = tabForUser(user);
        m_tabs->setCurrentWidget(tab);
        m_session->requestHistory(QString(), user);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int) {
        if (auto *tab = currentTab()) {
            m_unread.remove(tab);
            updateTabTitle(tab);
            tab->input()->setFocus();
        }
        m_membersPanel->setRoom(currentTab() ? currentTab()->room() : QString());
        refreshLists();
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *udp = qobject_cast<UdpRoomTab *>(m_tabs->widget(index))) {
            m_tabs->removeTab(index);
            udp->deleteLater(); // leaves the room (a "bye" to the peers)
            emit udpRoomsChanged(int(udpRoomTabs().size()));
            return;
        }
        auto *tab = qobject_cast<ChatTab *>(m_tabs->widget(index));
        if (!tab)
            return;
        if (!tab->room().isEmpty())
            m_session->leaveRoom(tab->room());
        m_tabByKey.remove(tab->room().isEmpty() ? QStringLiteral("user:") + tab->peer() : QStringLiteral("room:") + tab->room());
        m_unread.remove(tab);
        m_tabs->removeTab(index);
        tab->deleteLater();
    });

    connect(session, &ClientSession::messageReceived, this, &ChatView::onMessage);
    connect(session, &ClientSession::roomJoined, this, [this](const QString &room) { onRoomJoined(room); });
    connect(session, &ClientSession::presence, this, &ChatView::onPresence);
    connect(session, &ClientSession::membersChanged, this, &ChatView::refreshLists);
    connect(session, &ClientSession::onlineUsersChanged, this, &ChatView::refreshLists);
    connect(session, &ClientSession::roomListReceived, this, &ChatView::refreshLists);
    // An invitation opens the room; a removal says so in its tab (the room is gone from the list).
    connect(session, &ClientSession::invitedToRoom, this, [this](const QString &room, const QString &by) {
        m_session->joinRoom(room);
        emit backgroundMessage(tr("Invitation"), tr("%1 invited you to the private room %2.").arg(by, room));
    });
    connect(session, &ClientSession::removedFromRoom, this, [this](const QString &room, const QString &by) {
        if (ChatTab *tab = tabForRoom(room, false))
            tab->addNotice(by == m_session->user() ? tr("You left the private room %1.").arg(room)
                                                   : tr("%1 removed you from the private room %2.").arg(by, room));
        refreshLists();
    });
    connect(session, &ClientSession::searchResults, this,
            [this](qint64 id, const QString &text, const QList<ChatMessage> &messages, bool more) {
        if (ChatTab *tab = m_searches.take(id))
            tab->searchBar()->showResults(text, messages, more);
    });
    connect(session, &ClientSession::searchFailed, this, [this](qint64 id, const Protocol::Error &error) {
        if (ChatTab *tab = m_searches.take(id))
            tab->searchBar()->showStatus(tr("Search failed: %1").arg(error.message));
    });
    connect(session, &ClientSession::roomMembersReceived, this, [this](const QString &room) {
        if (currentTab() && currentTab()->room() == room && m_membersPanel->room() != room)
            m_membersPanel->setRoom(room);
    });
}

void ChatView::reset()
{
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        QWidget *w = m_tabs->widget(i);
        if (qobject_cast<UdpRoomTab *>(w))
            continue;
        m_tabs->removeTab(i);
        w->deleteLater();
    }
    m_tabByKey.clear();
    m_unread.clear();
    m_searches.clear();
    m_rooms->clear();
    m_users->clear();
}

ChatTab *ChatView::createTab(const QString &room, const QString &peer)
{
    // The conversation outlives its tab: closing and reopening shows the same messages.
    ConversationStore *store = m_session->conversations();
    auto *tab = new ChatTab(room, peer, room.isEmpty() ? store->peer(peer) : store->room(room), m_tabs);
    m_tabs->addTab(tab, tab->title());
    connect(tab, &ChatTab::sendRequested, this, [this, tab](const QString &text) { send(tab, text); });
    connect(tab, &ChatTab::fileActivated, this, &ChatView::fileActivated);
    connect(tab, &ChatTab::attachRequested, this, &ChatView::attachFiles);
    connect(tab, &ChatTab::searchRequested, this, [this, tab](const QString &text, qint64 before) {
        if (const qint64 id = m_session->searchHistory(tab->room(), tab->peer(), text, before))
            m_searches.insert(id, tab);
        else
            tab->searchBar()->showStatus(tr("Not connected: search when you are online."));
    });
    return tab;
}

ChatTab *ChatView::tabForRoom(const QString &room, bool create)
{
    const QString key = QStringLiteral("room:") + room;
    if (ChatTab *t = m_tabByKey.value(key))
        return t;
    if (!create)
        return nullptr;
    ChatTab *t = createTab(room, QString());
    m_tabByKey.insert(key, t);
    return t;
}

ChatTab *ChatView::tabForUser(const QString &user, bool create)
{
    const QString key = QStringLiteral("user:") + user;
    if (ChatTab *t = m_tabByKey.value(key))
        return t;
    if (!create)
        return nullptr;
    ChatTab *t = createTab(QString(), user);
    m_tabByKey.insert(key, t);
    return t;
}

ChatTab *ChatView::currentTab() const
{
    return qobject_cast<ChatTab *>(m_tabs->currentWidget());
}

void ChatView::send(ChatTab *tab, const QString &text)
{
    // The session shows the line as pending in the conversation until the server acknowledges it.
    if (tab->room().isEmpty())
        m_session->sendToUser(tab->peer(), text);
    else
        m_session->sendToRoom(tab->room(), text);
}

void ChatView::onMessage(const ChatMessage &m)
{
    ChatTab *tab = nullptr;
    if (!m.room.isEmpty())
        tab = tabForRoom(m.room);
    else
        tab = tabForUser(m.sender == m_session->user() ? m.recipient : m.sender);
    const bool visible = tab == currentTab() && window()->isActiveWindow();
    if (tab != currentTab()) {
        m_unread[tab] += 1;
        updateTabTitle(tab);
    }
    // Titled with the room or the person, so the notification says where to answer.
    if (!visible && m.sender != m_session->user()) {
        const QString text = m.text.left(200);
        if (m.room.isEmpty())
            emit backgroundMessage(m.sender, m.file.isValid() ? tr("Sent you the file %1").arg(m.file.name) : text);
        else
            emit backgroundMessage(tab->title(), m.file.isValid() ? tr("%1 sent the file %2").arg(m.sender, m.file.name)
                                                                   : tr("%1: %2").arg(m.sender, text));
    }
}

void ChatView::onRoomJoined(const QString &room)
{
    const bool first = !m_tabByKey.contains(QStringLiteral("room:") + room);
    ChatTab *tab = tabForRoom(room);
    if (first && m_tabs->count() == 1)
        m_tabs->setCurrentWidget(tab);
    refreshLists();
}

void ChatView::onPresence(const QString &room, const QString &user, const QString &event)
{
    if (room.isEmpty() || user == m_session->user())
        return;
    if (ChatTab *tab = tabForRoom(room, false)) {
        if (event == QLatin1String("join"))
            tab->addNotice(tr("%1 joined %2").arg(user, room));
        else if (event == QLatin1String("leave"))
            tab->addNotice(tr("%1 left %2").arg(user, room));
    }
}

void ChatView::updateTabTitle(ChatTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    const int unread = m_unread.value(tab);
    m_tabs->setTabText(index, unread > 0 ? QStringLiteral("%1 (%2)").arg(tab->title()).arg(unread) : tab->title());
}

void ChatView::refreshLists()
{
    m_rooms->clear();
    const QStringList joined = m_session->joinedRooms();
    for (const QString &room : joined) {
        const int present = int(m_session->members(room).size());
        auto *item = new QListWidgetItem(m_session->isPrivateRoom(room) ? tr("# %1  (%2, private)").arg(room).arg(present)
                                                                        : QStringLiteral("# %1  (%2)").arg(room).arg(present),
                                         m_rooms);
        item->setData(Qt::UserRole, room);
    }
    // Private rooms this user was invited to (perhaps while offline) but has not opened.
    for (const QString &room : m_session->privateRooms()) {
        if (joined.contains(room))
            continue;
        auto *item = new QListWidgetItem(tr("# %1  (private, not joined)").arg(room), m_rooms);
        item->setData(Qt::UserRole, room);
    }
    m_users->clear();
    ChatTab *tab = currentTab();
    const QStringList users = (tab && !tab->room().isEmpty()) ? m_session->members(tab->room()) : m_session->onlineUsers();
    for (const QString &user : users) {
        auto *item = new QListWidgetItem(user == m_session->user() ? tr("%1 (you)").arg(user) : user, m_users);
        item->setData(Qt::UserRole, user);
    }
}

void ChatView::askJoinRoom()
{
    bool ok = false;
    const QString room = QInputDialog::getText(this, tr("Join room"), tr("Room name (created if it does not exist):"),
                                               QLineEdit::Normal, QString(), &ok).trimmed();
    if (!ok || room.isEmpty())
        return;
    m_session->joinRoom(room);
    m_tabs->setCurrentWidget(tabForRoom(room));
}

void ChatView::askCreateRoom()
{
    CreateRoomDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || dialog.roomName().isEmpty())
        return;
    m_session->createRoom(dialog.roomName(), dialog.isPrivate());
    m_tabs->setCurrentWidget(tabForRoom(dialog.roomName()));
}

void ChatView::showUserMenu(const QPoint &pos)
{
    const QListWidgetItem *item = m_users->itemAt(pos);
    const QString user = item ? item->data(Qt::UserRole).toString() : QString();
    if (user.isEmpty() || user == m_session->user())
        return;
    QMenu menu(this);
    menu.addAction(tr("Chat privately"), this, [this, user] {
        m_tabs->setCurrentWidget(tabForUser(user));
        m_session->requestHistory(QString(), user);
    });
    QAction *invite = menu.addAction(tr("Invite to room…"), this, [this, user] { askInvite(user); });
    invite->setEnabled(!m_session->privateRooms().isEmpty());
    menu.exec(m_users->viewport()->mapToGlobal(pos));
}

void ChatView::askInvite(const QString &user)
{
    const QStringList rooms = m_session->privateRooms();
    if (rooms.isEmpty())
        return;
    // The private room on screen first.
    const int current = currentTab() ? int(rooms.indexOf(currentTab()->room())) : -1;
    bool ok = false;
    const QString room = QInputDialog::getItem(this, tr("Invite to room"), tr("Invite %1 to the private room:").arg(user),
                                               rooms, qMax(0, current), false, &ok);
    if (ok && !room.isEmpty())
        m_session->inviteToRoom(room, user);
}

void ChatView::attachFiles()
{
    ChatTab *tab = currentTab();
    if (!tab)
        return;
    // Straight to the file picker; the upload dialog shows the files' progress once chosen.
    auto *picker = new QFileDialog(this, tr("Send files to %1").arg(tab->title()));
    picker->setObjectName(QStringLiteral("attachFilesPicker"));
    picker->setFileMode(QFileDialog::ExistingFiles);
    picker->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<ChatTab> target(tab);
    connect(picker, &QFileDialog::filesSelected, this, [this, target](const QStringList &files) {
        if (!target || files.isEmpty())
            return;
        UploadDialog *dialog = UploadDialog::forTarget(m_session->transfers(), target->room(), target->peer(), this);
        dialog->addPaths(files);
        dialog->show();
        dialog->raise();
    });
    picker->open();
}

void ChatView::dragEnterEvent(QDragEnterEvent *event)
{
    ChatTab *tab = currentTab();
    if (!tab || !UploadDialog::canAcceptDrop(event->mimeData()))
        return;
    event->acceptProposedAction();
    m_dropOverlay->showFor(tab->room().isEmpty() ? tr("Drop to send the files to %1").arg(tab->peer())
                                                 : tr("Drop to send the files to the room %1").arg(tab->room()));
}

void ChatView::dragLeaveEvent(QDragLeaveEvent *)
{
    m_dropOverlay->hide();
}

void ChatView::dragMoveEvent(QDragMoveEvent *event)
{
    if (currentTab() && UploadDialog::canAcceptDrop(event->mimeData()))
        event->acceptProposedAction();
}

void ChatView::dropEvent(QDropEvent *event)
{
    m_dropOverlay->hide();
    ChatTab *tab = currentTab();
    if (!tab || !UploadDialog::canAcceptDrop(event->mimeData()))
        return;
    // Files dropped on a conversation go to that room or user.
    if (UploadDialog::handleDrop(m_session->transfers(), event->mimeData(), tab->room(), tab->peer(), this))
        event->acceptProposedAction();
}

void ChatView::findInHistory()
{
    if (ChatTab *tab = currentTab())
        tab->openSearch();
}

void ChatView::leaveCurrentRoom()
{
    if (currentTab() || qobject_cast<UdpRoomTab *>(m_tabs->currentWidget()))
        emit m_tabs->tabCloseRequested(m_tabs->currentIndex());
}

UdpRoomTab *ChatView::openUdpRoom(const QString &room, const QString &name, const QStringList &interfaces, QString *error)
{
    auto *udp = new UdpRoom;
    udp->setDisplayName(name);
    udp->setInterfaces(interfaces);
    udp->setCaptureSink(m_udpCapture);
    if (!udp->join(room, error)) {
        delete udp;
        return nullptr;
    }
    auto *tab = new UdpRoomTab(udp, m_tabs);
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, tab->title()));
    m_tabs->setTabToolTip(m_tabs->indexOf(tab), tr("Serverless UDP room: unauthenticated and unencrypted"));
    tab->input()->setFocus();
    emit udpRoomsChanged(int(udpRoomTabs().size()));
    return tab;
}

QList<UdpRoomTab *> ChatView::udpRoomTabs() const
{
    QList<UdpRoomTab *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *tab = qobject_cast<UdpRoomTab *>(m_tabs->widget(i)))
            out.append(tab);
    return out;
}

void ChatView::askJoinUdpRoom()
{
    QString name = m_session->user();
    if (name.isEmpty())
        name = qEnvironmentVariable("USER");
    UdpRoomDialog dialog(name, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString why;
    if (!openUdpRoom(dialog.roomName(), dialog.displayName(), dialog.interfaces(), &why))
        QMessageBox::warning(this, tr("UDP room"), tr("Cannot join the UDP room %1: %2").arg(dialog.roomName(), why));
}

} // namespace Switchboard
