#pragma once
#include "net/protocol/messages.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTabWidget;

namespace Switchboard {

class CaptureSink;
class ChatTab;
class ClientSession;
class UdpRoomTab;
class DropOverlay;
class RoomMembersPanel;

// Rooms and users on the left, a tab per room or private chat on the right.
// Talks to the server only through a ClientSession's signals and slots.
class ChatView : public QWidget
{
    Q_OBJECT
public:
    explicit ChatView(ClientSession *session, QWidget *parent = nullptr);

    ChatTab *tabForRoom(const QString &room, bool create = true);
    ChatTab *tabForUser(const QString &user, bool create = true);
    ChatTab *currentTab() const;
    QTabWidget *tabs() const { return m_tabs; }
    RoomMembersPanel *membersPanel() const { return m_membersPanel; }
    DropOverlay *dropOverlay() const { return m_dropOverlay; }
    int unreadCount(ChatTab *tab) const { return m_unread.value(tab); }
    // Closes the server's conversations; UDP rooms need no server and stay open.
    void reset();
    // UDP rooms (no server) opened from here send every datagram to this sink too.
    void setUdpCaptureSink(CaptureSink *sink) { m_udpCapture = sink; }
    // Joins a UDP room in a new tab; nullptr and why when it cannot be joined.
    UdpRoomTab *openUdpRoom(const QString &room, const QString &name, const QStringList &interfaces, QString *error);
    QList<UdpRoomTab *> udpRoomTabs() const;

public slots:
    void askJoinRoom();
    // The create-room dialog (name, private or not).
    void askCreateRoom();
    // Offers the private rooms this user is in; invites `user` to the one chosen.
    void askInvite(const QString &user);
    // Opens the upload dialog for the current conversation.
    void attachFiles();
    void leaveCurrentRoom();
    // The "Join UDP room" dialog, then openUdpRoom().
    void askJoinUdpRoom();
    // Ctrl+F: the current conversation's search bar.
    void findInHistory();

signals:
    // A message arrived in a tab that is not visible (for tray notifications).
    void backgroundMessage(const QString &title, const QString &text);
    // A file card was clicked: download it.
    void fileActivated(const Switchboard::FileInfo &file);
    // A UDP room tab was opened or closed: count is how many are open.
    void udpRoomsChanged(int count);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    ChatTab *createTab(const QString &room, const QString &peer);
    void onMessage(const ChatMessage &m);
    void onRoomJoined(const QString &room);
    void onPresence(const QString &room, const QString &user, const QString &event);
    void refreshLists();
    void updateTabTitle(ChatTab *tab);
    void send(ChatTab *tab, const QString &text);
    void showUserMenu(const QPoint &pos);

    ClientSession *m_session;
    QListWidget *m_rooms;
    QListWidget *m_users;
    QTabWidget *m_tabs;
    QPushButton *m_join;
    QPushButton *m_create;
    RoomMembersPanel *m_membersPanel;
    DropOverlay *m_dropOverlay;
    QHash<QString, ChatTab *> m_tabByKey;
    QHash<ChatTab *, int> m_unread;
    CaptureSink *m_udpCapture = nullptr;
    QHash<qint64, QPointer<ChatTab>> m_searches; // request id -> the tab that searched
};

} // namespace Switchboard
