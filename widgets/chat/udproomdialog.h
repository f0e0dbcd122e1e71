#pragma once
#include <QDialog>

class QComboBox;
class QLineEdit;

namespace Switchboard {

// Asks which UDP room to join (docs/PROTOCOL.md 13): its name, the name to show, and the network
// interface (or every one), with the warning that such rooms are unauthenticated and unencrypted.
class UdpRoomDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UdpRoomDialog(const QString &displayName, QWidget *parent = nullptr);

    QString roomName() const;
    QString displayName() const;
    // Empty: every up interface.
    QStringList interfaces() const;

private:
    QLineEdit *m_room;
    QLineEdit *m_name;
    QComboBox *m_interface;
};

} // namespace Switchboard
