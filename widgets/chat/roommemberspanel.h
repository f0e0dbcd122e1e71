#pragma once
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Switchboard {

class ClientSession;

// The members of the private room shown in the chat view: its access list with the owner
// marked, and for the owner "Remove" and "Make owner". Hidden for public rooms. Observes the
// session's roomMembersReceived and acts through its slots only.
class RoomMembersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RoomMembersPanel(ClientSession *session, QWidget *parent = nullptr);

    QString room() const { return m_room; }
    // Shows `room` (empty: nothing); asks the server for its list when it is private.
    void setRoom(const QString &room);

private:
    void refresh();
    QString selectedUser() const;
    void updateButtons();

    ClientSession *m_session;
    QString m_room;
    QLabel *m_title;
    QListWidget *m_list;
    QPushButton *m_remove;
    QPushButton *m_makeOwner;
};

} // namespace Switchboard
