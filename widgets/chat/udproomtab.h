#pragma once
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPushButton;

namespace Switchboard {

class UdpRoom;

// A serverless UDP room (net/udproom/udproom.h) in the chat area: marked UDP, with a plain warning
// that anyone on the network can read it and write in anyone's name, its messages with gaps,
// late and recovered ones marked, and the peers heard. Observes the room's model and signals only.
class UdpRoomTab : public QWidget
{
    Q_OBJECT
public:
    // Takes the room (joined) as a child: closing the tab leaves it.
    explicit UdpRoomTab(UdpRoom *room, QWidget *parent = nullptr);

    UdpRoom *room() const { return m_room; }
    QString title() const;
    QListView *view() const { return m_view; }
    QLineEdit *input() const { return m_input; }
    QListWidget *peerList() const { return m_peers; }
    QLabel *warning() const { return m_warning; }
    // Every row as shown, one per line.
    QString plainText() const;

public slots:
    void sendInput();

private:
    void updatePeers();

    UdpRoom *m_room;
    QLabel *m_header;
    QLabel *m_warning;
    QListView *m_view;
    QListWidget *m_peers;
    QLineEdit *m_input;
    QPushButton *m_send;
    QLabel *m_error;
};

} // namespace Switchboard
