#pragma once
#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace Switchboard {

// Asks for a new room's name and whether it is private (only invited people see and join it).
class CreateRoomDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CreateRoomDialog(QWidget *parent = nullptr);

    QString roomName() const;
    bool isPrivate() const;

private:
    QLineEdit *m_name;
    QCheckBox *m_private;
    QDialogButtonBox *m_buttons;
};

} // namespace Switchboard
